"""The card mix (quality.QualityScorer.select): a fact that backs the passage's only
multiple-choice card is not spent on a question first (values, no pipeline)."""

from __future__ import annotations

from collections import Counter

from agents.generation.cards import Candidate
from agents.generation.quality import QualityScorer, Scored


def _scored(type_: str, question: str, answer: str, rank: float, source: str) -> Scored:
    choices = [answer, "1589", "1609", "1619"] if type_ == "mcq" else []
    return Scored(Candidate(type_, question, answer, source, choices=choices), {}, rank)


def test_a_fact_with_options_goes_to_multiple_choice_before_a_question() -> None:
    """Seen passages: the qa 'When was the Company founded?' → '1599' was chosen first, and
    the multiple-choice card of the same fact was then dropped as its duplicate; the user who
    asked for multiple choice got none while another question was there to be asked."""
    founded = "The Company was founded in 1599 by merchants in London."
    traded = "The Company traded spices from the East Indies."
    scored = [
        _scored("qa", "When was the Company founded?", "1599", 0.9, founded),
        _scored("mcq", "When was the Company founded?", "1599", 0.8, founded),
        _scored("qa", "What did the Company trade?", "spices", 0.7, traded),
    ]
    chosen, _ = QualityScorer(keep_model=None).select(scored, 3, ("qa", "mcq"))
    types = sorted(s.candidate.type for s in chosen)
    assert types == ["mcq", "qa"], [(s.candidate.type, s.candidate.answer) for s in chosen]
    assert {s.candidate.answer for s in chosen} == {"1599", "spices"}


def test_an_abundant_multiple_choice_slot_reserves_nothing() -> None:
    """With more multiple-choice facts than places, a question may take any of them."""
    scored = [_scored("qa", f"When was event {i} held?", str(1500 + i), 0.9 - i / 100,
                      f"Event {i} was held in {1500 + i}.") for i in range(3)]
    scored += [_scored("mcq", f"When was event {i} held?", str(1500 + i), 0.5,
                       f"Event {i} was held in {1500 + i}.") for i in range(3)]
    chosen, _ = QualityScorer(keep_model=None).select(scored, 2, ("qa", "mcq"))
    assert sorted(s.candidate.type for s in chosen) == ["mcq", "qa"]
    qa = next(s for s in chosen if s.candidate.type == "qa")
    assert qa.candidate.answer == "1500"  # the best question, though its fact has options


PHOTO = "Photosynthesis is the process by which green plants use sunlight to make glucose."
CALVIN = "The Calvin cycle takes place in the stroma of the chloroplast."


def _tf(statement: str, rank: float, source: str) -> Scored:
    cand = Candidate("tf", f"True or false: {statement}", "True", source)
    cand.statement = statement
    return Scored(cand, {}, rank)


def test_a_deck_takes_a_card_of_another_sentence_before_a_second_of_one() -> None:
    """The demo deck printed one sentence twice: 'True or false: Photosynthesis is the
    process …' beside '_____ is the process …'. With another sentence's card to give, the
    deck gives it, though it ranks lower."""
    scored = [
        _scored("cloze", "_____ is the process by which green plants use sunlight to make "
                "glucose.", "Photosynthesis", 0.9, PHOTO),
        _tf(PHOTO, 0.85, PHOTO),
        _scored("cloze", "The Calvin cycle takes place in the _____ of the chloroplast.",
                "stroma", 0.5, CALVIN),
    ]
    chosen, _ = QualityScorer(keep_model=None).select(scored, 2, ("cloze", "tf"))
    assert sorted(s.candidate.source for s in chosen) == sorted([PHOTO, CALVIN])


def test_one_sentence_gives_two_cards_when_the_count_needs_them_the_least_alike_first() -> None:
    """A one-sentence text asked for two cards still gets two; the second is the card that
    does not show the first one's answer (a true statement of the sentence tells the blank)."""
    scored = [
        _scored("cloze", "_____ is the process by which green plants use sunlight to make "
                "glucose.", "Photosynthesis", 0.9, PHOTO),
        _tf(PHOTO, 0.8, PHOTO),
        _scored("qa", "What do green plants use to make glucose?", "sunlight", 0.75, PHOTO),
    ]
    chosen, notes = QualityScorer(keep_model=None).select(scored, 2, ("cloze", "tf", "qa"))
    assert len(chosen) == 2, notes
    assert [s.candidate.type for s in chosen] == ["cloze", "qa"]


def test_a_sentence_that_backs_the_only_multiple_choice_card_is_not_spent_on_a_cloze() -> None:
    """With one sentence per card, a cloze of the sentence the passage's only multiple-choice
    card comes from would push that card out of the deck."""
    founded = "The Company was founded in 1599 by merchants in London."
    traded = "The Company traded spices from the East Indies."
    scored = [
        _scored("cloze", "The Company was founded in 1599 by merchants in _____.", "London",
                0.9, founded),
        _scored("mcq", "When was the Company founded?", "1599", 0.6, founded),
        _scored("cloze", "The Company traded _____ from the East Indies.", "spices", 0.5, traded),
    ]
    chosen, _ = QualityScorer(keep_model=None).select(scored, 2, ("cloze", "mcq"))
    assert sorted((s.candidate.type, s.candidate.answer) for s in chosen) == [
        ("cloze", "spices"), ("mcq", "1599")]


def test_a_short_types_places_are_spread_over_the_other_types() -> None:
    """A user who asked for all four types got mostly cloze: the places of the types the text
    cannot fill (here questions and multiple choice) went to the best-ranked cards, which were
    clozes. Every card over its bar is as likely kept, so the places are spread."""
    nouns = ["copper", "tin", "iron", "gold", "silver", "lead", "zinc", "nickel"]
    clozes = [_scored("cloze", f"Miners in region {i} dug _____ from the hills.", nouns[i],
                      0.9 - i / 100, f"Miners in region {i} dug {nouns[i]} from the hills.")
              for i in range(8)]
    statements = []
    for i in range(8):
        source = f"Town {i} was founded by {nouns[i]} traders in {1600 + i}."
        tf = _tf(f"Town {i} was founded by {nouns[i]} traders in {1600 + i + i % 2 * 20}.",
                 0.5 - i / 100, source)
        tf.candidate.answer = "False" if i % 2 else "True"
        statements.append(tf)
    chosen, notes = QualityScorer(keep_model=None).select(
        [*clozes, *statements], 8, ("qa", "mcq", "cloze", "tf"))
    types = Counter(s.candidate.type for s in chosen)
    assert types == {"cloze": 4, "tf": 4}, (types, notes)
    assert Counter(s.candidate.answer for s in chosen if s.candidate.type == "tf") == {
        "True": 2, "False": 2}


def test_a_sentences_second_card_is_one_that_does_not_tell_the_firsts_answer() -> None:
    """A one-sentence text asked for a cloze and a statement: the true statement is the
    sentence itself and prints the blank's answer; the false one that swaps the blanked term
    only learns from the cloze that it is false, the lesser giveaway when one must be given."""
    cloze = _scored("cloze", "_____ is the process by which green plants use sunlight to make "
                    "glucose.", "Photosynthesis", 0.9, PHOTO)
    true = _tf(PHOTO, 0.8, PHOTO)
    false = _tf(PHOTO.replace("Photosynthesis", "Respiration"), 0.5, PHOTO)
    false.candidate.answer = "False"
    chosen, notes = QualityScorer(keep_model=None).select([cloze, true, false], 2,
                                                          ("cloze", "tf"))
    assert len(chosen) == 2, notes
    # (in either order: when the false statement holds the odd place, its sentence waits for
    # it and the cloze comes second)
    assert {id(s) for s in chosen} == {id(cloze), id(false)}


def test_a_card_over_its_bar_beats_one_under_its_bar_though_it_shares_a_sentence() -> None:
    """A question at P(keep) 0.83 of a sentence whose cloze was chosen first used to wait
    until every card under the bar was spent: a cloze at 0.5 of another sentence took the
    place and the deck said it had no questions. The question comes first now; a second
    card that shows the first one's answer (or has its own shown) still never joins."""
    from agents.generation.quality import KEEP_BAR, KEEP_FLOOR

    found = "Jan Ingenhousz, a Dutch scientist, showed in 1779 that plants need light."
    other = "The Calvin cycle takes place in the stroma."

    def card(type_: str, question: str, answer: str, source: str, keep: float) -> Scored:
        return Scored(Candidate(type_, question, answer, source), {"keep": keep}, keep)

    cloze = card("cloze", "_____, a Dutch scientist, showed that plants need light.",
                 "Jan Ingenhousz", found, 0.9)
    question = card("qa", "In which year did a Dutch scientist show that plants need light?",
                    "1779", found, 0.83)
    tells = card("qa", "When did Jan Ingenhousz show that plants need light?", "1779 AD",
                 found, 0.85)  # shows the cloze's answer
    weak = card("cloze", "The Calvin cycle takes place in the _____.", "stroma", other, 0.5)
    assert KEEP_FLOOR["cloze"] <= 0.5 < KEEP_BAR["cloze"] and KEEP_BAR["qa"] < 0.83
    chosen, _ = QualityScorer(None).select([cloze, tells, question, weak], 2, ("cloze", "qa"))
    assert chosen == [cloze, question], [s.candidate.question for s in chosen]
    chosen, _ = QualityScorer(None).select([cloze, tells, weak], 2, ("cloze", "qa"))
    assert chosen == [cloze, weak], [s.candidate.question for s in chosen]


def test_the_no_questions_note_says_why_when_the_text_had_good_ones() -> None:
    """'no qa cards: the text offers none of good quality' was said also when a question over
    the bar was there but asked the delivered multiple-choice card's fact; it is said only
    when no question cleared its bar, and the other case is told as it is."""
    from types import SimpleNamespace

    from agents.generation.quality import KEEP_BAR
    from agents.generation.rules import finish
    from agents.generation.types import GenerationRequest

    found = "The Dutch scientist Jan Ingenhousz showed in 1779 that plants need light."

    class Given(QualityScorer):  # the seam: scores as given, selection and notes for real
        def __init__(self, scored: list[Scored]) -> None:
            super().__init__(None)
            self.given = scored

        def score(self, *args: object, **kwargs: object) -> list[Scored]:
            return self.given

    def deck(qa_keep: float) -> list[str]:
        mcq = Scored(Candidate("mcq", "When did Jan Ingenhousz show that plants need light?",
                               "1779", found, choices=["1779", "1769", "1789", "1759"]),
                     {"keep": 0.8}, 0.8)
        qa = Scored(Candidate("qa", "When did Jan Ingenhousz show that plants need light?",
                              "1779", found), {"keep": qa_keep}, 0.7)
        doc = SimpleNamespace(freq=None, vectors={}, language="en")
        request = GenerationRequest(found, "u", num_cards=2, question_types=("qa", "mcq"))
        cards, notes = finish(Given([mcq, qa]), [], doc, None, request, None)  # type: ignore[arg-type]
        assert [c.type for c in cards] == ["mcq"]
        return [n for n in notes if n.startswith("no qa")]

    assert KEEP_BAR["qa"] < 0.83 and KEEP_BAR["qa"] > 0.3
    assert deck(0.83) == ["no qa cards: the text's good ones ask what the deck's other cards "
                          "already ask"]
    assert deck(0.3) == ["no qa cards: the text offers none of good quality"]


LIGHT = "In 1779 the physician Jan Ingenhousz showed that plants need light to make food."
ROOTS = "Water enters the plant through its roots."
LEAVES = "Most of the food is made in the leaves."
XYLEM = "The xylem carries water up the stem."


def _false(statement: str, swapped: str, rank: float, source: str) -> Scored:
    tf = _tf(statement, rank, source)
    tf.candidate.answer, tf.candidate.swapped = "False", swapped
    return tf


def test_a_false_statement_is_not_dealt_beside_a_card_that_shows_the_term_it_replaced() -> None:
    """The demo deck: a false 'Ingenhousz showed in 1769 …' beside the multiple-choice card
    asking when he showed it (answer 1779): that card tells the statement is false. With
    another sentence's statement to give, the deck gives it; the count stays."""
    scored = [
        _scored("mcq", "When did Jan Ingenhousz show that plants need light to make food?",
                "1779", 0.9, LIGHT),
        _false(LIGHT.replace("1779", "1769"), "1769", 0.85, LIGHT),
        _scored("mcq", "Through what does water enter the plant?", "its roots", 0.8, ROOTS),
        _tf(LEAVES, 0.6, LEAVES),
        _false(XYLEM.replace("water", "sugar"), "sugar", 0.5, XYLEM),
    ]
    chosen, notes = QualityScorer(keep_model=None).select(scored, 4, ("mcq", "tf"))
    assert len(chosen) == 4, notes
    assert sorted(s.candidate.source for s in chosen) == sorted([LIGHT, ROOTS, LEAVES, XYLEM])


def test_a_false_statement_beside_the_card_that_tells_it_still_fills_the_count() -> None:
    """One sentence asked for two cards: the giveaway is the last resort, not a short deck
    (a cloze that blanks another term prints the replaced one too)."""
    mcq = _scored("mcq", "When did Jan Ingenhousz show that plants need light to make food?",
                  "1779", 0.9, LIGHT)
    cloze = _scored("cloze", LIGHT.replace("physician", "_____"), "physician", 0.7, LIGHT)
    false = _false(LIGHT.replace("1779", "1769"), "1769", 0.85, LIGHT)
    for first in (mcq, cloze):
        chosen, notes = QualityScorer(keep_model=None).select(
            [first, false], 2, (first.candidate.type, "tf"))
        assert len(chosen) == 2, notes


def _towns(page: int) -> list[Scored]:
    """Three true and three false statements of one page's three sentences."""
    out = []
    for i in range(3):
        source = f"Town {page}-{i} was founded by traders in {1600 + i}."
        out.append(_tf(source, 0.9 - i / 100, source))
        out.append(_false(source.replace(str(1600 + i), str(1620 + i)), str(1620 + i),
                          0.8 - i / 100, source))
    return out


def test_the_odd_true_false_place_goes_to_true_or_false_by_the_document() -> None:
    """Three statements asked: the odd one was always true, so a student who answered "True"
    whenever unsure was right two times in three on every deck. Which side gets it is drawn
    from the document, the same every time it is asked."""
    scorer = QualityScorer(keep_model=None)

    def falses(page: int) -> int:
        chosen, _ = scorer.select(_towns(page), 3, ("tf",))
        assert len(chosen) == 3
        return sum(s.candidate.answer == "False" for s in chosen)

    drawn = [falses(page) for page in range(12)]
    assert set(drawn) == {1, 2}, drawn
    assert [falses(page) for page in range(12)] == drawn


def test_the_sentence_of_the_only_false_statement_is_not_spent_on_a_cloze() -> None:
    """The page's one false statement swaps its sentence's year; a cloze of that sentence,
    taken first, shows the year and tells the statement False, and the true statement of the
    sentence is its duplicate: the deck had only true statements. The cloze slot takes
    another sentence's cloze and the false statement is dealt."""
    clozes = [_scored("cloze", LIGHT.replace("physician", "_____"), "physician", 0.95, LIGHT),
              _scored("cloze", ROOTS.replace("roots", "_____"), "roots", 0.9, ROOTS)]
    statements = [_tf(LIGHT, 0.9, LIGHT), _false(LIGHT.replace("1779", "1769"), "1769", 0.6,
                                                  LIGHT),
                  _tf(LEAVES, 0.85, LEAVES), _tf(XYLEM, 0.8, XYLEM)]
    chosen, notes = QualityScorer(keep_model=None).select([*clozes, *statements], 4,
                                                          ("cloze", "tf"))
    assert len(chosen) == 4, notes
    dealt = [s.candidate.question for s in chosen]
    assert any(s.candidate.answer == "False" for s in chosen), dealt
    assert not any(s.candidate.source == LIGHT and s.candidate.type == "cloze"
                   for s in chosen), dealt


def test_the_last_resort_takes_the_best_card_under_its_bar_whatever_its_type() -> None:
    """Under the bars, a short type's place goes to the best remaining card, not to its own
    weakest one: a question at P(keep) 0.50 (held out, question cards between their pad
    floor and bar were kept about half the time) does not take the second place from a
    cloze at 0.60 (under its bar, 0.65), ranked higher."""
    from agents.generation.quality import KEEP_BAR, KEEP_FLOOR

    weak = Scored(Candidate("qa", "When did Caesar cross the Rubicon?", "49 BC",
                            "In 49 BC Julius Caesar crossed the Rubicon with his army.",
                            kind="year"), {"keep": 0.50}, 0.5)
    good = Scored(Candidate("cloze", "Complete: The Senate first met in _____.", "509 BC",
                            "The Senate first met in 509 BC.", kind="year"), {"keep": 0.8}, 0.8)
    under = Scored(Candidate("cloze", "Complete: Augustus founded the Praetorian Guard in _____.",
                             "27 BC", "Augustus founded the Praetorian Guard in 27 BC.",
                             kind="year"), {"keep": 0.6}, 0.7)
    assert KEEP_FLOOR["qa"] <= 0.50 < KEEP_BAR["qa"] and KEEP_FLOOR["cloze"] <= 0.6
    assert KEEP_BAR["cloze"] > 0.6
    chosen, _ = QualityScorer(None).select([weak, good, under], 2, ("qa", "cloze"))
    assert [s.candidate.answer for s in chosen] == ["509 BC", "27 BC"]


def test_a_deck_without_false_statements_gives_fewer_true_ones_not_a_run_of_true() -> None:
    """Decks were 75-84 % "True" in the blind reviews: where a page gives no false statement,
    the true ones took every true/false place, and a student learns that "True" is always
    right. At most one true statement more than there are false ones; the count holds with
    the other types."""
    nouns = ["copper", "tin", "iron", "gold", "silver", "lead", "zinc", "nickel"]
    clozes = [_scored("cloze", f"Miners in region {i} dug _____ from the hills.", nouns[i],
                      0.5 - i / 100, f"Miners in region {i} dug {nouns[i]} from the hills.")
              for i in range(8)]
    statements = [_tf(f"Town {i} was founded by {nouns[i]} traders in {1600 + i}.", 0.9 - i / 100,
                      f"Town {i} was founded by {nouns[i]} traders in {1600 + i}.")
                  for i in range(4)]
    chosen, notes = QualityScorer(keep_model=None).select([*clozes, *statements], 8,
                                                          ("cloze", "tf"))
    assert len(chosen) == 8, notes
    assert Counter(s.candidate.type for s in chosen) == {"cloze": 7, "tf": 1}, notes
