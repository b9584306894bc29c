"""OCR text arrives with Tesseract's layout: often every line is its own paragraph."""

from agents.generation.text import usable_sentences

OCR = (
    "The Water Cycle\n\nThe water cycle describes how water moves between the oceans, the "
    "atmosphere and\nthe land. Energy from the Sun heats the surface of the ocean, and water\n\n"
    "evaporates as vapour. Rivers carry the rest of the\n\nwater back to the sea, and the cycle "
    "begins again.\n\nGroundwater moves very slowly.\n\nIt can stay underground for years."
)


def test_a_blank_line_inside_a_sentence_does_not_split_it():
    texts = [s.text for s in usable_sentences(OCR)]
    assert "Energy from the Sun heats the surface of the ocean, and water evaporates as vapour." \
        in texts
    assert "Rivers carry the rest of the water back to the sea, and the cycle begins again." \
        in texts
    assert not any(t.startswith(("water back", "evaporates")) for t in texts)


def test_a_blank_line_after_a_full_sentence_is_still_a_break():
    texts = [s.text for s in usable_sentences(OCR)]
    assert "Groundwater moves very slowly." in texts
    assert "It can stay underground for years." in texts
