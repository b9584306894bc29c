"""Clauses cut short of what their sentence needs (s34b rejects, every reviewer): a copula
left without its value, a list cut after its first items, an 'and' + phrase whose verb went.
Invented text, the installed spaCy pipeline, the real clause cutter."""

from __future__ import annotations

import pytest

from agents.generation.clauses import clauses


def _clauses(nlp, sentence: str) -> list[str]:
    return [c.text for c in clauses(next(nlp(sentence).sents), None, nlp)]


@pytest.mark.parametrize("sentence", [
    "In the case of diving bells, the nitrogen partial pressure in the compressed air is, in "
    "general, about 400 kPa (4 times normal), and the resulting nitrogen level in the diver's "
    "tissue is only slightly more than normal surface nitrogen level.",
    "For most deep mines, the oxygen share in the pumped air is, in practice, about 19 percent "
    "(a little below normal), and the resulting oxygen level in the miner's blood is only "
    "slightly less than normal.",
])
def test_no_copula_without_its_value(nlp, sentence):
    for text in _clauses(nlp, sentence):
        assert not text.rstrip(".").endswith(("in general", "in practice")), text


@pytest.mark.parametrize("sentence", [
    "One of the grandest pieces of 19th-century furniture is the highly elaborate Italian "
    "Cabinet dated 1871–1877 made by G. Bellotti, made from ebony inlaid with box, lime, holly, "
    "pear, walnut and mahogany woods as well as marble with gilded carvings.",
    "One of the finest pieces of 19th-century furniture is the very elaborate Belgian Desk "
    "dated 1851–1857 made by L. Vandamme, made from ebony inlaid with box, lime, holly, pear, "
    "walnut and mahogany woods as well as onyx with gilded carvings.",
])
def test_no_list_cut_after_its_first_items(nlp, sentence):
    assert not any("box, lime" in text for text in _clauses(nlp, sentence))


@pytest.mark.parametrize("sentence", [
    "The copying process starts when the enzymes PolA and PolB assemble into clamps, and with "
    "the help of a protein GrdY, form a complex called a Y-fork within the cell's nucleus.",
    "The sealing process starts when the proteins VapA and VapB gather into strands, and with "
    "the help of a protein LmnZ, form a structure called an O-ring around the cell's pore.",
])
def test_no_and_phrase_left_without_its_verb(nlp, sentence):
    assert not any("with the help of" in text for text in _clauses(nlp, sentence))

