"""Cards that need the page (session 6's held-out review: 'the park' unresolved, 'the clinical
section' unresolved, 'the resulting Report', a question turned into a blank). The sentences are
our own; each test fails on the engine before this change (cd6cb7a)."""

from __future__ import annotations

import pytest

from agents.generation import GenerationRequest, RuleEngine, grammar


def _cards(text: str, n: int = 12, types: tuple[str, ...] = ("qa", "cloze", "tf")) -> list:  # type: ignore[type-arg]
    return list(RuleEngine(encoder=None).generate(
        GenerationRequest(text, "t", n, "intermediate", types)).cards)


def _shown(card) -> str:  # type: ignore[no-untyped-def]
    return card.question


def test_a_definite_noun_that_points_to_several_names_makes_no_card() -> None:
    """Two lakes were named; 'the lake' is one of them, and only the page says which."""
    text = ("Lake Morrow lies north of the town of Ebbwick. Lake Tarn is fed by three mountain "
            "streams and freezes every winter. The lake has a small island with a ruined "
            "chapel built by monks in 1412.")
    for card in _cards(text):
        assert "the lake" not in _shown(card).lower(), _shown(card)


def test_a_definite_noun_that_points_to_one_name_is_named() -> None:
    """One college was named earlier: 'the college' becomes its name on the card."""
    text = ("In 1821 the bishop founded the College of Saint Aldric in the old harbour quarter. "
            "The college had its own observatory on the harbour wall until 1870.")
    cards = _cards(text)
    shown = [_shown(c) for c in cards]
    assert not any("the college" in s.lower().replace("the college of saint aldric", "")
                   for s in shown), shown
    assert any("College of Saint Aldric had" in s for s in shown), shown


def test_a_part_without_its_whole_and_a_pointing_adjective_make_no_card() -> None:
    text = ("The Ravensworth Hospital opened in 1903 beside the river. The surgical wing has 40 "
            "beds and two operating rooms. The governors commissioned a survey of the wards in "
            "1950. The resulting survey recommended a new maternity building with 60 beds.")
    for card in _cards(text):
        shown = _shown(card).lower()
        assert "surgical wing" not in shown and "resulting" not in shown, shown


def test_an_indefinite_then_definite_noun_needs_its_first_mention() -> None:
    """'a heavier cart … the heavier cart': the card cannot say which cart."""
    text = ("Whenever a light cart collides with a heavier cart on the track, the heavier cart "
            "moves off at a lower speed. The heavier cart loses less than a tenth of its speed "
            "in the collision. Carts on the school track are made of pine and weigh about 5 "
            "kilograms each. Students in Year 9 record each collision with a stopwatch.")
    for card in _cards(text):
        assert "the heavier cart" not in _shown(card).lower(), _shown(card)


def test_a_generic_definite_noun_still_makes_cards() -> None:
    """'the liver' after 'the liver' is the organ, not one of several: cards are made."""
    text = ("The liver stores glycogen and releases glucose into the blood between meals. "
            "The liver also makes bile, which helps the small intestine digest fats. "
            "Bile is stored in the gallbladder until a meal arrives.")
    shown = [_shown(c) for c in _cards(text)]
    assert any("liver" in s.lower() for s in shown), shown


@pytest.mark.parametrize(("sentence", "why"), [
    ("How often should a blood pressure cuff be calibrated?", "a question"),
    ("The landmark ruling in the dispute, Smith v.", "cut at an abbreviation"),
    ("Smaller parties formed around the teachings of Arlen in the 1970s (chiefly the pamphlet "
     "Dawn, a.k.a.", "cut inside brackets"),
    ("While the Royal Observatory of Lund it is one of the oldest in Europe.",
     "a subordinate clause alone"),
    ("The Royal Observatory of Lund is one of the oldest in Europe.", ""),
    ("In 1910 the observatory moved to a hill outside the city.", ""),
])
def test_a_sentence_that_is_no_statement_gives_no_card(nlp, sentence: str, why: str) -> None:  # type: ignore[no-untyped-def]
    assert grammar.not_a_statement(nlp(sentence)[:]) == why


def test_a_question_in_the_text_is_never_blanked() -> None:
    text = ("Blood pressure cuffs drift out of calibration with use. How often should a blood "
            "pressure cuff be calibrated? Most hospitals check each cuff against a mercury "
            "gauge every six months.")
    for card in _cards(text, types=("cloze", "tf", "qa")):
        assert "calibrated" not in _shown(card) or "often" not in _shown(card), _shown(card)


def test_here_needs_the_page() -> None:
    text = ("The Verran Gardens cover 12 hectares on the south bank of the Isel. A bronze statue "
            "of the poet Ada Verran is also situated here. The gardens were opened to the public "
            "in 1889 by the city council.")
    for card in _cards(text):
        assert " here" not in _shown(card), _shown(card)


def test_a_pronoun_whose_antecedent_is_on_the_card_stays_a_pronoun() -> None:
    """A blank for 'osmosis' must not come back as the word that 'it' stood for ('_____ is
    diffusion of water, and osmosis moves …' gives the answer away)."""
    text = ("Put simply, osmosis is diffusion of water, and it moves water across a membrane. "
            "Plant roots take up water by osmosis from the soil.")
    cards = _cards(text, types=("cloze", "tf"))
    assert cards
    for card in cards:
        if card.type == "cloze":
            assert card.answer.lower() not in card.question.lower(), card.question


def test_this_noun_never_stands_for_an_indefinite_plural(nlp) -> None:  # type: ignore[no-untyped-def]
    """'known by several names … This official name is used …': 'this name' is not 'several
    names' (the review's wrong answer 'Multiple names continues as the standard')."""
    from agents.generation.reference import Resolver

    resolver = Resolver()
    resolver.push(nlp("The river is known by several names.")[:])
    resolver.push(nlp("Traders called it the Blue Road.")[:])
    sent = nlp("This official name is still used on every modern map of the region.")[:]
    assert resolver.demonstrative(sent[2]) is None


def test_a_name_the_model_calls_a_place_is_a_person_when_his_says_so(nlp) -> None:  # type: ignore[no-untyped-def]
    """'… dominated by El Varan, Tugh Moren is known for his …. He founded …': 'he' is the
    sentence's subject Tugh Moren, also when the small model tags that name as a place (set
    here on the parse, as the model did for 'Tugh Temür' in the held-out review)."""
    from spacy.tokens import Span as SpacySpan

    from agents.generation.reference import Resolver

    doc = nlp("Because the council was dominated by El Varan, Tugh Moren is known for his work "
              "on the canals instead.")
    doc.ents = [SpacySpan(doc, 6, 8, label="ORG"), SpacySpan(doc, 9, 11, label="GPE")]
    assert doc[9:11].text == "Tugh Moren"
    second = nlp("He founded a school of engineering in the capital.")[:]
    resolver = Resolver()
    resolver.push(doc[:])
    assert resolver.replacement(second[0], second) == "Tugh Moren"


@pytest.mark.parametrize(("sentence", "answer"), [
    ("The company was founded in 1720 and was granted a charter in the following year.",
     "following year"),
    ("The tactics had worked well for the raiders in previous years.", "previous years"),
])
def test_a_time_said_relative_to_another_is_no_answer(nlp, sentence: str, answer: str) -> None:  # type: ignore[no-untyped-def]
    from agents.generation import standalone
    from agents.generation.spans import locate

    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    assert standalone.trivial(found, sent)
    # a length of time is an answer, relative or not
    span = nlp("The island stayed under Venetian rule for the following 80 years.")[:]
    length = locate(span, "following 80 years")
    assert length is not None and not standalone.trivial(length, span)


def test_a_relative_clause_on_an_of_object_gets_no_guessed_antecedent() -> None:
    """'a vote of the 40 councillors, which is the only vote …' may be about the vote: a card
    must not say 'The 40 councillors is the only vote …'; nor ask 'What can a cell's membrane
    be switched off by?' from 'proteins of a cell's membrane that can be switched off …'."""
    text = ("The mayor of Harwick is chosen by a secret vote of the 40 councillors, which is the "
            "only vote held in secret in the town hall each year. Enzymes are those proteins of a "
            "cell's membrane that can be switched off by heat during a fever.")
    for card in _cards(text, n=14, types=("qa", "cloze", "tf")):
        shown = card.question.lower()
        assert "councillors is" not in shown and "membrane be switched" not in shown, shown


def test_answer_aware_mode_still_asks_where_the_deck_would_not() -> None:
    """A user who highlights an answer in their own text gets a question even when it leans on
    the page ('the aforementioned engineer'); the deck's context rules stay out of that mode.
    (A guard on this change, not a defect of the old engine.)"""
    from agents.generation.answer_aware import cards_for_answers

    text = ("Thomas Grainger designed the first railway viaduct in the county. In 1850 the "
            "aforementioned engineer built a bridge over the Tay at Perth.")
    [card] = cards_for_answers(text, ["1850"])
    assert "_____" not in card.question and card.question.endswith("?"), card.question


@pytest.mark.parametrize(("question", "bad"), [
    ("What does Margaret Lindqvist reorganized?", True),
    ("When did the council approved the budget?", True),
    ("What did the settlers need?", False),
    ("What does the liver store?", False),
])
def test_do_support_wants_the_base_form(nlp, question: str, bad: bool) -> None:  # type: ignore[no-untyped-def]
    assert ("no base form after do-support" in grammar.problems(nlp(question))) is bad


def test_a_bare_surname_of_a_person_named_earlier_is_asked_with_who() -> None:
    text = ("Margaret Lindqvist led the observatory from 1921 to 1950. Lindqvist was the most "
            "important figure in the mapping of the southern sky. The chief clerk is appointed "
            "by the board of the observatory every five years.")
    for card in _cards(text, types=("qa",)):
        if card.answer in ("Lindqvist", "chief clerk"):
            assert card.question.startswith("Who"), card.question


def test_a_denied_or_supposed_clause_is_never_asked() -> None:
    """'there is no such thing as a magnet with only one pole' asserts no pole count; 'as if
    they were tiny pumps' says the cells are not pumps."""
    text = ("Every magnet has a north pole and a south pole, and there is no such thing as a "
            "magnet that has only one pole. Picture the heart's cells as if they were tiny "
            "pumps, squeezing blood in waves.")
    for card in _cards(text, types=("qa", "cloze", "mcq")):
        assert card.answer not in ("only one", "one", "tiny pumps"), (card.question, card.answer)


def test_a_page_the_context_rules_leave_bare_still_gets_cards() -> None:
    """Every card of this text leans on the page ('the surgical wing'); rather than 'no cards
    could be made', the page gets them (a guard on this change: the learning loop's SQuAD
    paragraph 'The English name "Normans" comes from …' went to zero cards without it)."""
    text = "The surgical wing has 40 beds, two operating theatres and a recovery ward."
    assert _cards(text, n=4)
