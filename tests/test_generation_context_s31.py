"""A sentence that opens on 'The <adjective> N', a noun the page never used, whose adjective says
'the one the page described' ('extant', 'past', 'initial', 'combined', 'entire') leans on the
page: no card shows it. One whose adjective says which kind ('The annual festival …') stands."""

from __future__ import annotations

import pytest

from agents.generation import definites
from agents.generation.nlp import pipeline


@pytest.fixture(scope="module")
def nlp():
    model = pipeline("en")
    assert model is not None
    return model


def _refs(nlp, page: list[str]) -> list[definites.Reference]:
    sents = [nlp(s)[:] for s in page]
    return definites.references(sents[-1], sents[:-1])


@pytest.mark.parametrize("page", [
    ["Brother Anselm wrote the carol Winter Lantern for his abbey in 1402.",
     "The extant manuscript shows many corrections in his hand."],
    ["The Glenmoor Foxes won their ninth title in the Harrow Cup last spring.",
     "The past record was held by Tomas Vell."],
])
def test_an_adjective_of_the_page_leans_on_it(nlp, page):
    refs = _refs(nlp, page)
    assert any(r.rule == "introduced" and r.replacement is None for r in refs), refs
    assert definites.unresolved(page[-1], refs)[0] is None


def test_an_adjective_of_a_kind_stands(nlp):
    page = ["Velmar is a small town on the Oskar river.",
            "The annual festival draws crowds from the whole valley every June."]
    refs = _refs(nlp, page)
    assert definites.unresolved(page[-1], refs)[0] == page[-1]
