"""Answer-aware mode with answers no card can be about: an empty answer occurs in every text
(it made a card whose blank was glued to the first word and whose answer was ""), and a
punctuation-only answer made "What is Paris the capital of France?" → ".". Both are now one
clear input error, in the API and the CLI (exit 1, no traceback). An answer that occurs only
inside longer words ("osynth") is one too, and an answer is asked from its first place that is
not inside a longer word ("90", not the "90" of "1990s"). All texts invented."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from agents.exceptions import InputError
from agents.generation.answer_aware import cards_for_answers
from cardstream.cli import cli

TEXT = "Lisbon is the capital of Portugal. It lies on the Tagus."


@pytest.mark.parametrize("answer", ["", ".", " ", "—", "?!", "“”"])
@pytest.mark.parametrize("kind", ["qa", "cloze"])
def test_an_answer_with_no_letter_or_digit_is_an_input_error(answer: str, kind: str) -> None:
    with pytest.raises(InputError, match="no letter or digit"):
        cards_for_answers(TEXT, ["Lisbon", answer], card_type=kind)


@pytest.mark.parametrize("answer", ["L", "Tagus", "capital of Portugal"])
def test_a_short_or_plain_answer_still_makes_its_card(answer: str) -> None:
    (card,) = cards_for_answers(TEXT, [answer])
    assert card.answer == answer


def test_the_cli_prints_one_line_and_exits_1() -> None:
    result = CliRunner().invoke(cli, ["generate", "--text", TEXT, "--answer", "."])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "no letter or digit" in lines[0], result.output


WORDS = ("Photosynthesis was patented in leaves. From the 1990s catalogue the workshop "
         "built ten engines, and 90 of every 100 parts.")


@pytest.mark.parametrize("answer", ["osynth", "hotos", "aten"])
def test_an_answer_only_inside_a_longer_word_is_an_input_error(answer: str) -> None:
    with pytest.raises(InputError, match="only inside a longer word"):
        cards_for_answers(WORDS, [answer], card_type="cloze")


@pytest.mark.parametrize(("answer", "word"), [
    ("ten", "built _____ engines"), ("90", "and _____ of"),
    ("Photosynthesis", "_____ was patented")])
def test_an_answer_is_asked_from_its_own_word_not_from_inside_an_earlier_one(
        answer: str, word: str) -> None:
    (card,) = cards_for_answers(WORDS, [answer], card_type="cloze")
    assert word in card.question, card.question


def test_an_answer_cut_on_one_side_only_still_makes_its_card() -> None:
    (card,) = cards_for_answers(WORDS, ["Photo"], card_type="cloze")  # as "7" of "7th"
    assert card.question.startswith("_____synthesis")
