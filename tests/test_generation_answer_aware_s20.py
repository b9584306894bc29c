"""Answer-aware questions, session 20: a list of names whose punctuation the small model tags
as a NOUN apposition ('…Awards, X-Play, …, 2UP.com, and …') made ``defining.titles`` index an
empty token list, so `cardstream generate --answer` died with "list index out of range" (found
on held-out SQuAD by the benchmark). All texts invented."""

from __future__ import annotations

from click.testing import CliRunner

from agents.generation.answer_aware import cards_for_answers
from cardstream.cli import cli

TEXT = ("The film won prizes for Best Drama from the Movie Critics Awards, X-Play, FilmSite, "
        "GameTrailers, 2UP.com, and Cinema Weekly.")


def test_an_apposition_of_bare_punctuation_does_not_crash_answer_aware_mode() -> None:
    cards = cards_for_answers(TEXT, ["Movie Critics Awards"])
    assert len(cards) == 1
    assert cards[0].answer == "Movie Critics Awards"


def test_the_cli_makes_the_card_instead_of_failing() -> None:
    result = CliRunner().invoke(cli, ["generate", "--text", TEXT, "--answer",
                                      "Movie Critics Awards", "--json"])
    assert result.exit_code == 0, result.output
    assert '"answer": "Movie Critics Awards"' in result.output
