"""s30c offered 'Canon of Medicine' (a book) among people for 'Peter of Abano': the name 'X of Y'
was read as a person's ('William of Montreuil') though the page wrote 'in The Canon of
Medicine', and a book the page introduced 'entitled Kitab …' kept the small model's PERSON
type. A person's 'X of Y' takes no article, and a name given as a title is a work
(spans.kind_of). On invented text with the real pipeline, through the engine."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import spans
from tests.engine import generated

TEXT = (
    "Walter of Brandt (1190–1250) wrote the first herbal of the northern coast. "
    "Odo of Lanvik translated the Arabic poems into Latin. "
    "Hugo Marten described a hundred remedies in The Mirror of Healing. "
    "Brother Anselm Kade wrote a treatise entitled Liber Florum, which he gave to the abbot. "
    "Ida Sorne (1201–1260) collected the recipes of the valley. "
    "Her pupil Ralf Essling printed them in 1288."
)


def _kind(nlp: Language, sentence: str, text: str) -> str | None:
    sent = nlp(sentence)[:]
    return next((a.kind for a in spans.answers(sent) if a.text == text), None)


def test_a_name_of_x_after_the_is_no_person(nlp: Language) -> None:
    kind = _kind(nlp, "Hugo Marten described a hundred remedies in The Mirror of Healing.",
                 "Mirror of Healing")
    assert kind not in (None, "person"), kind
    # a person's 'X of Y' has no article, and one with a title word keeps its own
    assert _kind(nlp, "Odo of Lanvik translated the Arabic poems into Latin.",
                 "Odo of Lanvik") == "person"
    assert _kind(nlp, "The army was led by the Duke of York.", "Duke of York") == "person"


def test_a_name_given_as_a_title_is_a_work(nlp: Language) -> None:
    sentence = "Brother Anselm Kade wrote a treatise entitled Liber Florum, which he gave away."
    doc = nlp(sentence)
    span = next((e for e in doc.ents if e.text == "Liber Florum"), None)
    if span is None or span.label_ not in ("PERSON", "ORG"):
        span = doc[5:7]
        assert span.text == "Liber Florum"
    assert spans.kind_of(span, "PERSON") == "work"


def test_no_book_is_offered_among_people(nlp: Language, encoder: object) -> None:
    cards = [c for c in generated(nlp, TEXT, encoder, kind="mcq") if c.kind == "person"]
    for card in cards:
        assert not {"Mirror of Healing", "The Mirror of Healing", "Liber Florum"} \
            & set(card.choices or []), (card.question, card.choices)
