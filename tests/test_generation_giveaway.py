"""A card whose own sentence gives its answer away is not made (giveaway.py), with the real
pipeline and MiniLM: session 9's reviewers deleted such multiple-choice cards every time
('the Scottish Ministers who form the government of _____', 'split into _____ different
classes, fermions and bosons', 'a single equation with _____ unknown')."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from agents.generation import giveaway
from agents.generation.cards import Candidate
from agents.generation.spans import Answer
from tests.engine import generated


def _asked(cards: list[Candidate], answer: str) -> list[Candidate]:
    return [c for c in cards if c.type in ("mcq", "cloze", "qa") and c.answer == answer]


# countries enough for a multiple-choice card about each (the document's own and neighbours)
EUROPE = (
    "Hungarian nobles elected a new king in the capital of Hungary in 1490. "
    "The treaty was signed in Austria in 1491. "
    "Merchants from Poland traded in the city every spring. "
    "The army of Bohemia crossed the river in 1492. "
    "The Polish envoys were received at the court of Lithuania in 1493. "
)


def test_a_nationality_in_the_sentence_gives_its_country_away(
        nlp: Language, encoder: object) -> None:
    cards = generated(nlp, EUROPE, encoder)
    # 'Hungarian nobles … the capital of _____' (Hungary): the stem names the answer's form
    assert not [c.question for c in _asked(cards, "Hungary")]
    # no form of the answer in its sentence: still asked, multiple choice included
    others = [c for name in ("Austria", "Poland", "Bohemia", "Lithuania")
              for c in _asked(cards, name)]
    assert any(c.type == "mcq" for c in others), [c.question for c in cards if c.type == "mcq"]


def test_a_demonym_of_another_stem_is_found_by_meaning(nlp: Language, encoder: object) -> None:
    """'Dutch' shares no letters with 'Netherlands'; MiniLM puts them together."""
    text = ("Dutch traders built warehouses along the coast of the Netherlands in 1602. "
            "Spanish ships reached Portugal in 1580. Farmers from Belgium moved to France in "
            "1610. The court of Denmark sent envoys to Sweden in 1620.")
    cards = generated(nlp, text, encoder)
    assert not [c.question for c in _asked(cards, "the Netherlands") + _asked(cards, "Netherlands")]


def test_a_count_the_sentence_lists_is_not_asked(nlp: Language, encoder: object) -> None:
    text = ("The committee divided the members into three working groups, historians, "
            "engineers and lawyers. Each group met for 14 days in the summer of 1921. "
            "The final report of 1922 ran to 340 pages.")
    cards = generated(nlp, text, encoder)
    assert not [c.question for c in _asked(cards, "three")]


def test_a_count_of_one_is_given_away_by_its_noun(nlp: Language, encoder: object) -> None:
    text = ("The engineers reduced the design to a machine with only one moving part. "
            "The first prototype of 1887 had 12 moving parts and weighed 40 kilograms. "
            "A later model of 1893 weighed 25 kilograms.")
    cards = generated(nlp, text, encoder)
    assert not [c.question for c in _asked(cards, "only one")]


def test_a_bare_count_of_two_is_not_worth_a_multiple_choice_card(
        nlp: Language, encoder: object) -> None:
    text = ("The two armies finally met near the river in 1410. Four thousand soldiers died "
            "in the battle of 1410. Seven envoys signed the peace of 1411. The king sent two "
            "envoys to the city of Vilnius in 1412.")
    cards = generated(nlp, text, encoder)
    assert not [c.question for c in _asked(cards, "two") if c.type == "mcq"]
    assert any(c.type == "mcq" for c in _asked(cards, "Seven"))  # a count worth asking


def test_a_number_the_sentences_other_numbers_give_is_not_asked(
        nlp: Language, encoder: object) -> None:
    """'worked for _____, from age 18 to 28' (10 years) and 'for 10 years, from _____' (s13b:
    all reviewers, 'given away'): a subtraction of the sentence's own numbers answers it."""
    text = ("Mr Berg served on the city council for 12 years, from 1990 to 2002, before he "
            "retired. Mr Berg served as a judge from age 40 to 65 and spent 25 years on the "
            "bench. The council had 40 members in 1990. By 2002 the council had 52 members. "
            "The new town hall of 1994 cost 3 million pounds.")
    # (session 37: '… had 40 members in 1990 and 52 members in 2002' was asked 'How many
    # members did the council have 40 members in 1990 in 2002?', now 'two direct objects')
    cards = generated(nlp, text, encoder)
    for answer in ("12 years", "age 40 to 65", "25 years"):
        assert not [c.question for c in _asked(cards, answer)], answer
    assert _asked(cards, "52") or _asked(cards, "52 members")  # no subtraction gives it


def test_the_card_alone_shows_a_derived_form_for_any_engine() -> None:
    """defects.given_away reads the card only (the LLM engine's cards too): a capitalised
    word of the stem that shares the answer's first four letters ('Turkish' … 'Turkey',
    'British' … 'Britain'; five letters missed them)."""
    from agents.generation.defects import given_away

    def card(stem: str, answer: str) -> Candidate:
        return Candidate("mcq", stem, answer, stem.replace("_____", answer))

    assert given_away(card("The Turkish army crossed into _____ in 1922.", "Turkey"))
    assert given_away(card("British merchants traded tea across _____.", "Britain"))
    assert not given_away(card("The fleet sailed from Lisbon to _____ in 1500.", "Brazil"))
    assert not given_away(card("The rivalry with _____ began in 1875.", "Yale University"))


def test_an_abbreviation_in_the_stem_that_spells_the_answer_gives_it_away() -> None:
    """'The High Court of the _____, often called HCOR' (Realm): the stem's capitals are the
    initials of the words around the blank and spell it (s15b: all reviewers, 'gives it
    away'); an abbreviation of other words, or one the card left out, gives nothing."""
    from agents.generation.defects import given_away

    def card(kind: str, stem: str, answer: str) -> Candidate:
        return Candidate(kind, stem, answer, stem.replace("_____", answer))

    assert given_away(card("mcq", "The High Court of the _____, often called HCOTR, sits in "
                                  "Valdor.", "Realm"))
    assert given_away(card("cloze", "The _____ of the Northern Isles (RBNI) prints coins.",
                           "Royal Bank"))
    assert given_away(card("mcq", "Members of the _____ (GFA) met in Oslo in 1961.",
                           "Green Fields Association"))
    assert not given_away(card("mcq", "The NASA probe reached _____ in 1979.", "Jupiter"))
    assert not given_away(card("cloze", "Grain was shipped by the _____ to Riga.",
                               "Baltic Trading Company"))


def test_a_year_the_sentence_states_again_is_not_asked(nlp: Language, encoder: object) -> None:
    """s15: 'King George III issued the Royal Proclamation of _____ on October 7, 1763.'
    (1763) and s13: 'In _____, Harvard announced … from July to October 2008' (December 2008),
    both rejected as trivial: the rest of the sentence states the answer's year."""
    text = ("The king signed the Edict of 1598 on 13 April 1598 after years of civil war. "
            "The war had begun in 1562 with a massacre. Peace returned to the provinces by "
            "1601. The edict was revoked in 1685.")
    cards = generated(nlp, text, encoder)
    assert not [c.question for c in _asked(cards, "1598") + _asked(cards, "13 April 1598")]
    assert [c for year in ("1562", "1685") for c in _asked(cards, year)]


def _blank(nlp: Language, sentence: str, text: str, kind: str) -> tuple[Answer, Span]:
    sent = nlp(sentence)[:]
    at = sentence.rindex(text)  # the last: a form of it may come first
    span = sent.doc.char_span(at, at + len(text))
    assert span is not None
    return Answer(span.start, span.end, kind, "NP", span.root.lemma_.lower(), text), sent


def test_a_name_opened_by_a_lowercase_word_is_given_away_by_its_form(nlp: Language) -> None:
    """'Southern Chinese … because _____ withstood' → 'southern China': the blank is a name
    even when a lowercase adjective opens it (s17b: rejected as trivial by all reviewers)."""
    answer, sent = _blank(nlp, "Eastern Peruvians paid higher taxes because eastern Peru "
                          "resisted the new rulers for a decade.", "eastern Peru", "place")
    assert giveaway.names_answer(answer, sent, None)
    # no form of the name elsewhere in the sentence: the blank stands
    answer, sent = _blank(nlp, "Merchants paid higher taxes because eastern Peru resisted "
                          "the new rulers for a decade.", "eastern Peru", "place")
    assert not giveaway.names_answer(answer, sent, None)


def test_the_sentences_verb_gives_its_noun_away(nlp: Language) -> None:
    """'If the mayor vetoes a bill, the council can override the _____' → 'veto' (s17)."""
    answer, sent = _blank(nlp, "When the governor vetoes a law, the assembly may overturn "
                          "the veto with a large majority.", "veto", "phrase")
    assert giveaway.gives_away(answer, sent, None) is not None
    answer, sent = _blank(nlp, "When the governor rejects a law, the assembly may overturn "
                          "the veto with a large majority.", "veto", "phrase")
    assert giveaway.gives_away(answer, sent, None) is None
