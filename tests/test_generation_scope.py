"""True/false and cloze cards whose claim holds only within a scope an earlier sentence set
(scope.py), with the real pipeline: the card names the scope where the sentence before names it
for certain, and is not made where it does not."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation import scope
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

FEDERAL = (
    "Countries divide power between their national and regional governments in different ways. "
    "In a federal system, the constitution shares power between the national government and "
    "the states. "
    "In these systems, the state governments, often called provinces, collect most income "
    "taxes."
)
COURTS = (
    "Judges hear many kinds of disputes between neighbours, firms and public bodies. "
    "In such cases, the judge may appoint an independent expert to examine the evidence. "
    "A citizen may appeal to the regional court of appeal in such a dispute. "
    "First, the losing party must file a written notice within thirty days. "
    "The regional court of appeal sits in Lyon and hears about 4,000 appeals each year."
)


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return [c for c in generate(doc, nlp, "intermediate", None, None)
            if c.type in ("tf", "cloze")]


def _shown(card: Candidate) -> str:
    return card.statement if card.type == "tf" else card.question


def test_a_claim_within_a_frame_the_page_named_names_the_frame(nlp: Language) -> None:
    """'In these systems, the state governments … collect …' holds in federal systems, which
    the sentence before named: the card says so instead of stating it of every country."""
    made = [_shown(c) for c in _cards(nlp, FEDERAL) if "taxes" in c.source]
    assert made, made
    assert all(s.startswith("In federal systems, ") for s in made), made


def test_a_clause_that_left_its_frame_out_gets_it_back(nlp: Language) -> None:
    """A clause cut from 'In these systems, …, and …' drops the opening frame; its card puts
    the named frame in front, and none is made where the sentence before names two kinds."""
    before = nlp("In a federal system, the constitution shares power with the states.")[:]
    whole = nlp("In these systems, the governor commands the state police, and the "
                "legislature sets the budget.")[:]
    clause = nlp("The legislature sets the budget.")[:]
    frame = scope.framing(clause, [before], whole)
    assert frame is not None
    shown = scope.shows_frame(clause, whole)
    assert scope.in_frame("The legislature sets the _____.", frame, shown) == \
        "In federal systems, the legislature sets the _____."
    two = nlp("A federal system differs from a unitary system in where power lies.")[:]
    frame = scope.framing(clause, [two], whole)
    assert frame is not None and scope.in_frame("The legislature sets the budget.", frame,
                                                shown) is None


def test_a_claim_within_a_frame_the_page_does_not_name_is_not_made(nlp: Language) -> None:
    """'In such cases, …' (which cases, the page says only loosely), '… in such a dispute',
    'First, …' (one step of a list): no statement or cloze; the last sentence stands alone."""
    made = _cards(nlp, COURTS)
    assert any("Lyon" in _shown(c) for c in made), [_shown(c) for c in made]
    leaning = [_shown(c) for c in made if any(w in c.source for w in (
        "independent expert", "such a dispute", "written notice"))]
    assert not leaning, leaning


VOYAGE = (
    "In 1605 a company of Breton merchants sent three ships to found a trading post on the "
    "coast of Maine. "
    "The attempt failed within a year, and the settlers sailed home. "
    "The fur of a seal is made of short, dense hair. "
    "The fur keeps the seal warm in cold water."
)


def test_a_statement_about_a_bare_everyday_noun_the_page_set_up_is_not_made(
        nlp: Language) -> None:
    """'The attempt failed within a year': which attempt, only the page says (it spoke of
    merchants sending ships); 'The fur keeps …' after 'The fur of a seal is …' stands."""
    made = _cards(nlp, VOYAGE)
    assert not any("attempt" in c.source for c in made), [_shown(c) for c in made]
    assert any(_shown(c).startswith("The fur keeps") for c in made), [_shown(c) for c in made]


def test_a_fragment_cut_before_its_verb_makes_no_statement(nlp: Language) -> None:
    """'In federal systems, the head of each state government, often called the governor.'
    has no main verb (the parser takes 'called' for it): a statement or cloze of it is a
    fragment. Seen when the named frame let such a clause render."""
    text = ("Each state of the federation elects its own legislature every four years. "
            "In federal systems, the head of each state government, often called the governor.")
    made = [_shown(c) for c in _cards(nlp, text)]
    assert made, made
    assert not any("often called the governor" in s for s in made), made


DAMS = (
    "Engineers finished a large concrete dam on the Arno River in 1936 to supply three towns. "
    "In 1951 heavy spring floods cracked the northern wall of a second dam upstream. "
    "A team of forty welders repaired the damaged dam within four months in 1952. "
    "The liver is the largest gland of the human body. "
    "Physicians usually examine the liver with ultrasound scanners."
)


def test_a_statement_about_a_definite_object_the_page_set_up_is_not_made(
        nlp: Language) -> None:
    """'A team … repaired the damaged dam …': which of the page's two dams, only the page
    says; no statement or cloze shows it. 'Physicians … examine the liver …' after 'The liver
    is …' is about the page's generic subject and stands."""
    made = _cards(nlp, DAMS)
    assert not any("welders" in c.source for c in made), [_shown(c) for c in made]
    assert any("examine the liver" in _shown(c) for c in made), [_shown(c) for c in made]


def test_a_definite_object_is_a_cue_only_when_nothing_says_which(nlp: Language) -> None:
    """A bare or adjective-led 'the N' object the page spoke of before is a cue; one with a
    phrase of its own ('the dam on the Tiber'), a name in front or a kind the page names
    first here is not."""
    before = [nlp("Engineers finished a large dam and a canal in 1936.")[:]]

    def cues(text: str) -> list[str]:
        return [c.text for c in scope.scopes(nlp(text)[:], before) if c.rule == "object"]

    assert cues("Welders repaired the dam in 1952.") == ["the dam"]
    assert cues("Welders repaired the damaged dam in 1952.") == ["the damaged dam"]
    assert cues("Welders repaired the dam on the Tiber in 1952.") == []
    assert cues("Envoys signed the treaty of 1411 in Vilnius.") == []  # 'of 1411' says which
    assert cues("Welders repaired the Hoover dam in 1952.") == []
    assert cues("Welders repaired the hydraulic pumps in 1952.") == []


HARBOUR = (
    "The Tallinn Harbour Guild of Merchants was founded in 1412 by twelve shipowners. "
    "The Guild kept a register of every cargo landed at the port until 1790. "
    "Its members paid a levy of one penny on every barrel of salt they imported. "
    "Most ended up in new warehouses that lined the eastern quay by 1600. "
    "The port exported flax, timber and furs to Lübeck and Amsterdam."
)


def test_a_statement_whose_subject_is_a_bare_quantifier_is_not_made(nlp: Language) -> None:
    """'Most ended up in new warehouses …': most of what, only the page says (the salt of the
    sentence before); no statement or cloze shows it. A quantifier with its noun ('Most
    barrels ended up …') or one standing for people ('Some argue …') is no cue."""
    made = _cards(nlp, HARBOUR)
    assert made, made
    assert not any(_shown(c).startswith("Most") for c in made), [_shown(c) for c in made]

    def cues(text: str) -> list[str]:
        return [c.text for c in scope.scopes(nlp(text)[:], []) if c.rule == "quantifier"]

    assert cues("Much went to the building of new schools.") == ["Much"]
    assert cues("All seven serve terms of ten years.") == ["All seven"]
    assert cues("Most barrels ended up in the warehouses.") == []
    assert cues("Most of the salt went to Riga.") == []
    assert cues("Some argue that the levy was too high.") == []


def test_a_statement_about_the_short_form_of_a_name_says_the_name(nlp: Language) -> None:
    """'The Guild kept a register …': which guild, only the page's full name says ('the
    Tallinn Harbour Guild of Merchants'); the statement and cloze say that name instead of
    the short form (antecedents.py), and without one name given in full they are not made. A
    short form the page never gave in full is no cue."""
    made = [_shown(c) for c in _cards(nlp, HARBOUR) if "register" in c.source]
    assert made and all(s.startswith("The Tallinn Harbour Guild of Merchants ") for s in made), \
        made
    before = [nlp("The Royal Society of Physicians met in Leeds.")[:]]

    def cues(text: str, previous: list) -> list[tuple[str, str | None]]:
        return [(c.text, c.replacement) for c in scope.scopes(nlp(text)[:], previous)
                if c.rule == "short"]

    assert cues("The Society has chapters in nine towns.", before) == [
        ("The Society", "the Royal Society of Physicians")]
    two = [*before, nlp("The Society of Friends met in York.")[:]]
    assert cues("The Society has chapters in nine towns.", two) == [("The Society", None)]
    assert cues("The Society has chapters in nine towns.", []) == []
    assert cues("The Royal Society has chapters in nine towns.", before) == []


def test_a_multiple_choice_stem_about_a_definite_object_the_page_set_up_is_not_made(
        nlp: Language) -> None:
    """'When did a team of forty welders repair the damaged dam …?': which of the page's two
    dams, only the page says (seen reviews: 3 such mcq stems rejected, none kept); the rule
    holds multiple-choice stems too. 'examine the liver' after 'The liver is …' stands."""
    text = DAMS.replace("ultrasound scanners.", "ultrasound scanners in 1990.")
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    mcq = [c for c in generate(doc, nlp, "intermediate", None, None) if c.type == "mcq"]
    assert not any("welders" in c.source for c in mcq), [c.question for c in mcq]
    assert any("examine the liver" in c.question for c in mcq), [c.question for c in mcq]


def test_a_multiple_choice_stem_about_the_short_form_of_a_name_is_not_made(
        nlp: Language) -> None:
    """'When did the Guild move its hall …?': which guild, only the page's full name says;
    the short-form rule holds multiple-choice stems too. The full name's card stands."""
    text = ("The Tallinn Harbour Guild of Merchants was founded in 1412 by twelve shipowners. "
            "Its members imported salt, herring and wine from Lübeck. "
            "The Guild moved its hall to the eastern quay in 1650. "
            "The old harbour of Tallinn froze over in 1709.")
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    mcq = [c for c in generate(doc, nlp, "intermediate", None, None) if c.type == "mcq"]
    assert not any("quay" in c.source for c in mcq), [c.question for c in mcq]
    assert any(c.answer == "1412" for c in mcq), [c.question for c in mcq]


ABBEY = (
    "Monks from Cluny founded a small priory beside the river Aude in 1104. "
    "Its church burned down during a storm in 1311. "
    "The new church was consecrated by the bishop of Carcassonne in 1342. "
    "The priory's library held about 900 manuscripts on law and medicine."
)


def test_a_statement_whose_subject_is_the_new_or_the_second_n_is_not_made(
        nlp: Language) -> None:
    """'The new church was consecrated …': newer than which church, only the page says (seen
    rated cards: such a subject kept on 2 cards, rejected on 21, all four types); no
    statement, cloze or multiple-choice stem shows it. An adjective that says which on its
    own ('The Gothic church …') or a first ('The first church …') is no cue."""
    doc = Document(usable_sentences(ABBEY), {}, "en", None, None, Counter())
    made = [c for c in generate(doc, nlp, "intermediate", None, None)
            if c.type in ("tf", "cloze", "mcq")]
    assert any("1104" in c.source for c in made), [c.question for c in made]
    assert not any("consecrated" in c.source for c in made), [c.question for c in made]

    def cues(text: str) -> list[str]:
        return [c.text for c in scope.scopes(nlp(text)[:], []) if c.rule == "relative"]

    assert cues("The new church was consecrated in 1342.") == ["The new church"]
    assert cues("The second body exerts a force on the first.") == ["The second body"]
    assert cues("The combined setup gave a fair approximation.") == ["The combined setup"]
    assert cues("The Gothic church was consecrated in 1342.") == []
    assert cues("The first church was consecrated in 1342.") == []
    assert cues("The new church of Saint Paul was consecrated in 1342.") == []
