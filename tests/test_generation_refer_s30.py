"""A question that shows an opening frame the page gives no name for ('Who posed with actress
Lee Meredith in honor of the occasion?', s29b Jacksonville_Florida:13, every reviewer
rejected: "'the occasion' unresolved"). True/false and cloze cards of such a sentence were
refused (scope.framing), questions and multiple-choice stems were not: they are not reworded,
so the frame stays unnamed. Real pipeline, invented text."""
from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

OCCASION = (
    "The Dunmore toll bridge opened to traffic in June 1962. In honor of the occasion, "
    "then-Governor Alton Reyes posed with the singer Mara Lind beside a banner marking the "
    "new county line at Route 9 and Miller Creek."
)
# sentences that stand alone, so the page is not so bare that its cards may lean on it
STANDALONE = (
    " The Bergen Music Festival was founded in 1880 by the violinist Ole Haugen. It hosted "
    "touring choirs from Vienna and Leipzig. In 1931 a fire destroyed its concert hall, which "
    "was rebuilt in brick."
)


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return generate(doc, nlp, "intermediate", None, None)


def test_no_question_shows_a_frame_the_page_does_not_name(nlp: Language) -> None:
    cards = _cards(nlp, OCCASION + STANDALONE)
    asked = [c.question.replace("_____", c.answer) for c in cards if c.type in ("qa", "mcq")]
    assert asked, "the page's questions"
    assert not [q for q in asked if "the occasion" in q.lower()], asked

