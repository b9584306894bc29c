"""Wh-words of session 29's rejected questions: a name introduced as one ('the name Velde', 'the
nickname Boz') is a word, asked "What …?", never "Who …?" (s29b: "Who is used only for smaller
streams …?" → "The name Rijn"); the clergy are people, asked "Who …?" (s29b: "What appears
before the District Committee …?" → "Local pastors"); an equation the sentence goes on about is
no question (s29); a clause the parser hung on the next verb is not asked with it (s29b). All
texts invented, real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.asking import ask
from agents.generation.questions import equation
from agents.generation.spans import Answer
from agents.generation.wording import names_people, wh_phrase


def _answer(doc, start: int, end: int, kind: str) -> Answer:  # type: ignore[no-untyped-def]
    return Answer(start, end, kind, "PERSON", doc[end - 1].lemma_.lower(), doc[start:end].text)


def test_a_name_introduced_as_a_name_is_asked_what(nlp: Language) -> None:
    for text in ("The name Tamsin is given only to the smaller creeks farther to the west.",
                 "The nickname Boz was used by the young writer for his first sketches."):
        doc = nlp(text)
        name = next(t for t in doc if t.lemma_ in ("name", "nickname"))
        proper = name.head if name.head.pos_ == "PROPN" else doc[name.i + 1]
        answer = _answer(doc, 0, proper.i + 1, "person")
        assert wh_phrase(answer, doc[:], None, "subject")[0] == "what", [
            (t.text, t.dep_, t.head.text) for t in doc]
    # a person named without the word 'name' is still asked who
    doc = nlp("Tamsin Hale gave the smaller creeks farther to the west their names.")
    assert wh_phrase(_answer(doc, 0, 2, "person"), doc[:], None, "subject")[0] == "who"


def test_the_clergy_are_people(nlp: Language) -> None:
    for text, noun in (("Lay pastors appear before the regional board of the synod.", "pastors"),
                       ("Two chaplains serve the county hospital at night.", "chaplains"),
                       ("The rabbis of the town met the mayor in spring.", "rabbis")):
        doc = nlp(text)
        head = next(t for t in doc if t.text == noun)
        span = doc[head.left_edge.i : head.i + 1]
        assert names_people(span), text
        answer = Answer(span.start, span.end, "thing", "NP", head.lemma_, span.text)
        assert wh_phrase(answer, doc[:], None, "subject")[0] == "who", text


def test_an_equation_the_sentence_goes_on_about_is_no_question() -> None:
    # the verb after the sign: what the sentence says is said of the equation
    assert equation('The gap a1 – b1 = d1 is called the "slack" or margin.') is None
    assert equation("The offset k + 2 = m was chosen by the engineers.") is None
    # a plain equation stays, its opening article lowercased inside the question
    assert equation("PV = nRT.") == ("PV", "nRT")
    found = equation("The sum a + b = c.")
    assert found == ("the sum a + b", "c"), found


def test_a_clause_before_a_comma_is_not_asked_with_the_next(nlp: Language) -> None:
    # the parser hangs the first clause on the second's verb as its complement ('is' ccomp of
    # 'used'): the subject question of 'used' echoed both clauses
    for text in ("Intake of water from the soil is the main purpose of the roots, so drip "
                 "irrigation is used on dry farms.",
                 "Removal of salt from the water is the central purpose of the plant, so reverse "
                 "osmosis is used in deserts."):
        doc = nlp(text)
        verb = next(t for t in doc if t.dep_ == "ROOT")
        subj = next(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
        span = doc[subj.left_edge.i : subj.i + 1]
        asked = ask(doc[:], Answer(span.start, span.end, "thing", "NP", subj.lemma_, span.text))
        assert asked is None or "purpose" not in asked.question, asked
    # a clause of its own (no complement) is asked as before
    doc = nlp("Drip irrigation is used on dry farms.")
    asked = ask(doc[:], Answer(0, 2, "thing", "NP", "irrigation", "Drip irrigation"))
    assert asked is not None and asked.question.startswith("What is used"), asked
