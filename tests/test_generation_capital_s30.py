"""A cloze whose blank is the everyday plural noun that opens the sentence ('_____ must be
trained …' → 'Crews', '_____ elected serve Episcopal Areas …' → 'Bishops'; s29, s28b: rejected
as trivial) is poor from a lower frequency bar than a plural inside the sentence: the student
has only the rest of the sentence, and a common subject is guessed from its verb. A rare
opening plural is a term and stays, and the bar inside the sentence is unchanged. Invented
text, the real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from agents.generation import blanks
from agents.generation.spans import Answer

# 'crews' 3.9, 'monks' 3.7, 'sailors' 3.75 (wordfreq zipf): everyday, under the old bar of 4
OPENING = (
    "Crews aboard the Verlan ferries must be trained in night navigation before the winter.",
    "Monks at the Orvane priory copied the charters of the valley by hand.",
    "Sailors of the Tessic fleet were paid in salt until the reform of 1322.",
)
# a rare plural opening the sentence is the term the sentence teaches ('erythrocytes' 2.2)
RARE = "Erythrocytes of the marsh newt carry a second pigment that binds oxygen weakly."
# the same everyday plural inside the sentence stays under the old bar
INSIDE = "The ferries of the Verlan estuary were run by crews from the northern villages."


def _blank(sent: Span, word: str) -> Answer:
    tok = next(t for t in sent if t.text == word)
    return Answer(tok.i, tok.i + 1, "phrase", "NP", tok.lemma_.lower(), tok.text)


def test_an_everyday_plural_opening_the_sentence_is_poor_a_rare_one_stays(nlp: Language) -> None:
    for text in OPENING:
        sent = nlp(text)[:]
        blank = _blank(sent, sent[0].text)
        assert blanks.everyday_noun(blank, sent), text
        assert blanks.poor(blank, sent), text
    # the lower bar is the opening's only: a rare opening plural and an inside one stay
    sent = nlp(RARE)[:]
    assert not blanks.poor(_blank(sent, "Erythrocytes"), sent)
    inside = nlp(INSIDE)[:]
    assert not blanks.everyday_noun(_blank(inside, "crews"), inside)
