"""Session 29 (s29): a blank given away by another form of its own word in the sentence.

'Each granum can contain … though _____ with 10–20 thylakoids are most common' → 'grana':
every reviewer rejected it as given away; the lemmatizer leaves a Latin plural it does not
list as it is, and a plural opening a sentence is tagged as a name and not lemmatized.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from agents.generation import blanks
from agents.generation.nlp import pipeline
from agents.generation.spans import Answer


@pytest.fixture(scope="module")
def nlp() -> Language:
    loaded = pipeline("en")
    assert loaded is not None
    return loaded


def _blank(nlp: Language, text: str, answer: str) -> tuple[Answer, Span]:
    sent = nlp(text)[:]
    at = text.rindex(answer)
    span = sent.doc.char_span(at, at + len(answer))
    assert span is not None
    return Answer(span.start, span.end, "phrase", "NP", span.root.lemma_.lower(), answer), sent


@pytest.mark.parametrize(("text", "answer"), [
    # a Latin plural the lemmatizer does not list, its singular said before it
    ("Each sporangium can release thousands of spores, though sporangia on older fronds "
     "release far fewer.", "sporangia"),
    # and the other way round: the singular blanked, the plural said
    ("Young ferns carry sporangia on every frond, and each sporangium splits open when dry.",
     "sporangium"),
    # a plural opening the sentence, tagged as a name, its singular later in the sentence
    ("Flagella are long whips, and a bacterium may carry a single flagellum at one end.",
     "Flagella"),
])
def test_a_plural_of_a_word_in_the_sentence_is_given_away(nlp: Language, text: str,
                                                           answer: str) -> None:
    assert blanks.repeated(*_blank(nlp, text, answer))


@pytest.mark.parametrize(("text", "answer"), [
    # another noun of the same ending is no form of the blank
    ("Each museum keeps a small archive, though archives in larger cities hold far more.",
     "museum"),
    ("The data were gathered by volunteers over three summers in the northern valleys.",
     "data"),
])
def test_another_word_is_not_a_form_of_the_blank(nlp: Language, text: str,
                                                 answer: str) -> None:
    assert not blanks.repeated(*_blank(nlp, text, answer))
