"""Session 19's multiple-choice rejects (s19, s19c), by class, through the engine
(parsed.generate with the real pipeline and MiniLM) on invented text."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import choices, roles
from agents.generation.spans import locate
from agents.generation.terms import norm
from tests.engine import generated

# a textbook page that lists the kinds of a class it also asks about
KINDS = (
    "Light is a wave that needs no medium. "
    "Electromagnetic waves carry energy through empty space at a fixed speed. "
    "Some examples of electromagnetic waves are radio waves, visible waves, infrared waves "
    "and gamma waves. "
    "Radio waves are used to send signals across the country. "
    "Gamma waves come from the nuclei of atoms. "
    "Visible waves reach the eye and let us see colours. "
    "Infrared waves warm the skin on a sunny day. "
    "Ocean waves break on the shore."
)


def test_no_option_is_a_kind_the_page_puts_the_answer_in(
        nlp: Language, encoder: object) -> None:
    """s19c (a textbook page): 'water waves', 'Sound waves', 'seismic waves' offered for
    'Mechanical waves', which the page says they all are: every option true as well. An option
    the page calls a kind of the answer, or the answer a kind of, is none (main offered
    'Electromagnetic waves' for what gamma and infrared waves do)."""
    cards = generated(nlp, KINDS, encoder, "mcq")
    wave_cards = [c for c in cards if c.answer in ("Gamma waves", "Infrared waves",
                                                  "Visible waves")]
    assert wave_cards, [(c.answer, c.choices) for c in cards]
    for card in cards:
        wrong = {norm(o) for o in card.choices} - {norm(card.answer)}
        if norm(card.answer) == "electromagnetic waves":
            assert not wrong & {"gamma waves", "infrared waves", "visible waves",
                                "radio waves"}, card.choices
        elif norm(card.answer) != "ocean waves":
            assert "electromagnetic waves" not in wrong, (card.answer, card.choices)


def test_kind_of_reads_what_the_page_says() -> None:
    said = [norm(s) for s in (
        "Some examples of mechanical waves are water waves, sound waves, and seismic waves.",
        "Gamma rays are high-energy electromagnetic waves.",
        "Sound waves are slower than light waves.",
        "Cats, dogs and other mammals live on the farm.",
        "Metals such as copper and iron conduct heat.",
        "A virus is a kind of parasite.",
    )]
    assert roles.kind_of("water waves", "Mechanical waves", said)
    assert roles.kind_of("the seismic wave", "mechanical waves", said)  # form aside
    assert roles.kind_of("Gamma rays", "electromagnetic waves", said)
    assert roles.kind_of("dogs", "mammals", said)
    assert roles.kind_of("iron", "metals", said)
    assert roles.kind_of("viruses", "parasites", said)
    assert not roles.kind_of("mechanical waves", "water waves", said)  # the other way round
    assert not roles.kind_of("sound waves", "light waves", said)  # a comparison
    assert not roles.kind_of("radio waves", "water waves", said)  # never said
    # the answer's class without its first word: basic mechanical waves are mechanical waves
    assert roles.nested("water waves", "Basic mechanical waves", said)
    assert not roles.nested("radio waves", "Basic mechanical waves", said)


# a page where the leaves a sentence removes are the leaves of the rust it names
SYNONYMS = (
    "Gardeners fight plant diseases in many ways. "
    "The usual response to rust is to remove the diseased leaves with sharp shears. "
    "Rusted leaves turn orange at the edges. "
    "Rusty leaves can also spread spores to nearby plants. "
    "Yellow leaves often lack iron. "
    "Fallen leaves feed the soil in autumn. "
    "Young leaves grow fastest in spring."
)


def test_no_option_names_the_answer_another_way(nlp: Language, encoder: object) -> None:
    """s19: 'tumor cells' and 'tumorous cells' offered for 'the abnormal cells' that the
    immune system's response to tumors destroys: both right as well. No description is offered
    whose modifier its sentence says of the answer (main offered 'Rusted leaves' for the
    diseased leaves that a response to rust removes)."""
    cards = generated(nlp, SYNONYMS, encoder, "mcq")
    assert cards, "the page's other leaves still make cards"
    for card in cards:
        if card.answer == "diseased leaves":
            assert not {"Rusted leaves", "Rusty leaves"} & set(card.choices), card.choices


def test_no_two_options_are_one_phrase_in_two_forms() -> None:
    """'tumorous cells' beside 'tumor cells' (s19): if one is right the other is, and a
    student rules both out together."""
    source = "Doctors count the white cells in a sample of blood."
    assert not choices._acceptable("tumorous cells", "white cells", source, ["tumor cells"])
    assert not choices._acceptable("the tumor cell", "white cells", source, ["Tumorous cells"])
    assert choices._acceptable("NK cells", "white cells", source, ["tumor cells"])


def test_stems_and_describes(nlp: Language) -> None:
    assert choices.stems("the tumor cells") == choices.stems("Tumorous cell")
    assert choices.stems("infected cells") == choices.stems("infection cell")
    assert choices.stems("NK cells") != choices.stems("tumor cells")
    sent = next(iter(nlp("The response to tumors is to destroy the damaged cells.").sents))
    answer = locate(sent, "damaged cells")
    assert answer is not None
    assert choices.describes("tumor cells", answer, sent)
    assert not choices.describes("NK cells", answer, sent)
    assert not choices.describes("cells", answer, sent)

