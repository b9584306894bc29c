"""A deck whose page offers no false statement it can take is not starved by the true/false
balance (quality.select): the true statements it held back for a false one fill the places
nothing else can (s28b served 1 card of 8 so), while the balance holds wherever a false
statement joins, and no card under its floor or of a used sentence comes in. Keep values set
by hand on synthetic candidates, as in test_generation_deck_composition_s22."""

from __future__ import annotations

from agents.generation.cards import NEGATION, Candidate
from agents.generation.quality import KEEP_FLOOR, QualityScorer, Scored

TYPES = ("qa", "mcq", "cloze", "tf")
SOURCES = [f"The Velmar glacier advanced {n} metres in the cold year {1700 + n}."
           for n in range(1, 7)]


def _statement(text: str, answer: str, source: str, keep: float,
               negated: bool = False) -> Scored:
    tags = ["tf:false", NEGATION] if negated else [f"tf:{answer.lower()}"]
    return Scored(Candidate("tf", f"True or false: {text}", answer, source, statement=text,
                            tags=tags), {"keep": keep}, keep)


def _trues(n: int, keep: float = 0.75) -> list[Scored]:
    return [_statement(s, "True", s, keep - i / 100) for i, s in enumerate(SOURCES[:n])]


def _answers(chosen: list[Scored]) -> list[str]:
    return [s.candidate.answer for s in chosen if s.candidate.type == "tf"]


def test_true_statements_fill_a_deck_with_no_false_statement() -> None:
    chosen, notes = QualityScorer(None).select(_trues(4), 8, TYPES)
    assert _answers(chosen) == ["True"] * 4, notes


def test_a_false_statement_under_its_floor_does_not_starve_the_deck() -> None:
    negation = _statement(SOURCES[0].replace("advanced", "did not advance"), "False",
                          SOURCES[0], KEEP_FLOOR["tf"] - 0.05, negated=True)
    chosen, _ = QualityScorer(None).select([*_trues(3), negation], 8, TYPES)
    assert _answers(chosen) == ["True"] * 3


def test_a_tf_only_deck_takes_its_true_statements_when_no_false_one_exists() -> None:
    chosen, _ = QualityScorer(None).select(_trues(3), 3, ("tf",))
    assert len(chosen) == 3


# guards: what the fill does not do
def test_the_balance_still_holds_beside_a_false_statement() -> None:
    swapped = _statement(SOURCES[5].replace("1706", "1790"), "False", SOURCES[5], 0.7)
    chosen, _ = QualityScorer(None).select([*_trues(5), swapped], 6, ("tf",))
    said = _answers(chosen)
    assert said.count("False") == 1 and said.count("True") == 2, said


def test_the_fill_takes_one_card_of_a_sentence_and_none_under_the_floor() -> None:
    trimmed = _statement(SOURCES[0].replace(" in the cold year 1701", ""), "True", SOURCES[0],
                         0.7)
    low = _statement(SOURCES[4], "True", SOURCES[4], KEEP_FLOOR["tf"] - 0.05)
    chosen, _ = QualityScorer(None).select([*_trues(2), trimmed, low], 8, TYPES)
    assert len(chosen) == 2 and trimmed not in chosen and low not in chosen
