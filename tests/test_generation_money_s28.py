"""Session 28: worked examples on business and economics pages, with the real pipeline, on
invented text.

A page that supposes a case for the reader ('Suppose a bank charges 8 percent on a loan of
$2,000; the borrower then pays $160 in interest.') states no fact: its rate, its amounts and
its result hold only in the supposed case. The engine asked every number of such a sentence
as a fact when a ';' or 'so' added the result (the parser then hangs 'Suppose' under the
result's verb, so the supposition was not seen), and of "Let's say …" always; and it asked
the next sentence's result ('The firm then pays the bank $160 …') out of its example."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import nonfact
from tests.engine import generated


def _numbers_asked(made: list, *numbers: str) -> list[str]:
    return [c.question for c in made if any(n in f"{c.question} {c.answer}" for n in numbers)]


@pytest.mark.parametrize("text, title, numbers", [
    ("Interest is the price of borrowing money. Suppose a lender charges 7 percent on a "
     "loan of $3,000; the borrower then pays $210 in interest.", "Interest",
     ("7 percent", "3,000", "210")),
    ("Revenue is price times quantity. Let's say a shopper buys 4 scarves at $15 each, "
     "so the shop takes in $60.", "Revenue", ("15", "60", "4 scarves")),
])
def test_a_supposition_states_no_fact(nlp: Language, text: str, title: str,
                                      numbers: tuple[str, ...]) -> None:
    sent = list(nlp(text).sents)[-1]
    assert nonfact.no_fact(sent) == "supposed"
    made = generated(nlp, text, title=title)
    assert not _numbers_asked(made, *numbers), [c.question for c in made]


def test_a_supposition_with_a_subject_stands(nlp: Language) -> None:
    # a supposition with a subject is someone's view or an aside, and stands
    for text in ("Most economists assume that firms maximize profit.",
                 "As you can imagine, the fund lost 12 percent of its value in 2009."):
        assert nonfact.no_fact(next(iter(nlp(text).sents))) != "supposed", text


def test_the_example_goes_on_in_the_next_sentence(nlp: Language) -> None:
    text = ("Suppose a lender advances $4,000 to a small bakery at 6 percent a year. The bakery "
            "then pays the lender $240 in interest at the end of the year. Lenders in the "
            "town of Orlby charged the highest rates in the province in 1910.")
    made = generated(nlp, text, title="Lending")
    assert not _numbers_asked(made, "240", "4,000"), [c.question for c in made]
    # the page's own fact after the example is still asked
    assert any("Orlby" in f"{c.question} {c.answer}" for c in made)
