"""A question whose subject is a bare everyday 'the N' (scope.py's ``bare``: 'What does the
service allow live programming streams of local ABC affiliates in?', s29
American_Broadcasting_Company:94, every reviewer rejected): questions were not held to
``bare`` (parsed._QA_SCOPES), so a clause of a page's first sentence, with no sentence before
it for definites.py to read, kept it. Real pipeline, invented text."""
from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

STREAMING = (
    "In May 2014, Velmar launched \"PLAY VELMAR\", a revamp of its traditional streaming "
    "services encompassing the network's existing portal at velmar.com and a mobile app for "
    "phones; in addition to providing full-length episodes of Velmar programs, the service "
    "allows live programming streams of regional Velmar stations in select markets."
)
# more sentences that stand alone, so the page is not so bare that its cards may lean on it
FILLER = (
    " The Bergen Music Festival was founded in 1880 by the violinist Ole Haugen. It hosted "
    "touring choirs from Vienna and Leipzig. In 1931 a fire destroyed its concert hall, which "
    "was rebuilt in brick. The city bought the hall from the Haugen family in 1958."
)



def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return generate(doc, nlp, "intermediate", None, None)



def test_no_question_asks_of_the_service(nlp: Language) -> None:
    cards = _cards(nlp, STREAMING + FILLER)
    assert not [c.question for c in cards
                if c.type in ("qa", "mcq") and "the service" in c.question.lower()]
