"""Cloze cards reviewers of s18, s18b and s18c rejected, with the real pipeline and invented
text: the pivot of an existential 'there is' blanked ('There is _____ in trade secrets' →
'enormous economic value'), a year the sentence's other numbers add up to ('ruled for only
two years, from 1321 to _____'), a blank whose word the sentence says again ('a genus of
_____ … as a multicellular fungus' → 'fungi'). The sentence's other blanks stay."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated


def _blanks(nlp: Language, text: str) -> list[str]:
    return [c.answer for c in generated(nlp, text, kind="cloze")]


def test_what_there_is_is_no_blank(nlp: Language) -> None:
    """s18c 'There is _____ in trade secrets' → 'enormous economic value', 'There is _____
    about what is meant by …' → 'little confusion' (trivial): any amount or judgement fits
    the pivot of 'there is'; the sentence's names stay blanks."""
    made = _blanks(nlp, "There is considerable public interest in the salt mines of Lenz "
                        "among the merchants of Varna.")
    assert "considerable public interest" not in made, made
    assert "Lenz" in made or "Varna" in made, made
    made = _blanks(nlp, "In the Varnish guild courts there was a much stronger separation of "
                        "duties between the wardens and the treasurers.")
    assert not any("separation" in a for a in made), made
    assert "duties" in made, made


def test_a_year_the_sentence_adds_up_to_is_not_asked(nlp: Language) -> None:
    """s18 'ruled for only two years, from 1321 to _____' → 1323 (given away: 1321 plus
    two): no question, choice or blank asks the year the sentence's numbers add up to; the
    sentence's name stays a blank."""
    made = generated(nlp, "Emperor Arnulf, the son and successor of Otto, ruled for only two "
                          "years, from 1321 to 1323.")
    asked = [(c.type, c.answer) for c in made if c.type != "tf"]
    assert not any(answer == "1323" for _, answer in asked), asked
    assert ("cloze", "Otto") in asked, asked


def test_a_blank_the_sentence_says_again_is_no_blank(nlp: Language) -> None:
    """s18 'Candida is a genus of _____ capable of existing … as a multicellular fungus' →
    'fungi' (given away): the blank's word stands again in the sentence; the blanks whose
    words do not (the name, 'bare granite') stay."""
    made = _blanks(nlp, "Varnia is a genus of lichens capable of growing on bare granite or as "
                        "a floating lichen in cold lakes.")
    assert "lichens" not in made, made
    assert "Varnia" in made and "bare granite" in made, made
