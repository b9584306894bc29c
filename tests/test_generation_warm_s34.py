"""Work done once, where it belongs (session 34): the typo check's English word list is read
as the engine loads (factory.build_engine), not in the first page's generation; what the earlier
sentences introduced (definites.Introduced) is read once per document, by the document's
Resolver; a title's words (kinds.title_words) once per title, kept in the title's own Doc.
Two documents in one process each get their own results. Invented text, the real pipeline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Span

from agents.generation import definites, kinds
from agents.generation.reference import Resolver

ROOT = Path(__file__).resolve().parents[1]


def test_the_engine_reads_the_english_word_list_as_it_loads() -> None:
    code = ("import json, wordfreq; from agents.generation import build_engine, typos; "
            "build_engine(None, None, encoder=None); "
            "info = wordfreq.get_frequency_dict.cache_info(); "
            "print(json.dumps([typos._english.cache_info().currsize, info.currsize]))")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    english, lists = json.loads(ran.stdout.splitlines()[-1])
    assert english == 1
    assert lists >= 1  # the QUOTED languages' lists stay lazy (see typos.load)


def _sents(nlp: Language, text: str) -> list[Span]:
    return [nlp(s)[:] for s in text.split("|")]


def _read(resolver: Resolver, sents: list[Span]) -> list[list[str]]:
    """The words each sentence points back with, read as parsed.generate reads a page."""
    out = []
    for sent in sents:
        back = definites.pointing_back(sent, resolver.previous, introduced=resolver.introduced)
        out.append([t.text for t in back])
        resolver.push(sent)
    return out


FORT = ("An outpost was built on the ridge above the ford in 1750.|"
        "The outpost was abandoned when the garrison marched south in 1761.")
RIVER = ("The outpost is the usual first building of a frontier settlement.|"
         "The outpost was abandoned when the garrison marched south in 1761.")


def test_each_document_reads_its_own_sentences(nlp: Language) -> None:
    fort, river = Resolver(), Resolver()
    assert fort.introduced is not river.introduced
    assert _read(fort, _sents(nlp, FORT)) == [[], ["outpost"]]
    # the same second sentence after a page that used 'the outpost' as the kind: stands
    assert _read(river, _sents(nlp, RIVER)) == [[], []]
    # each read its own page's sentences before the last (pushed after its cards are made)
    assert fort.introduced.read == fort.previous[:1] and river.introduced.read == river.previous[:1]


def test_a_reading_given_other_sentences_reads_them_afresh(nlp: Language) -> None:
    fort, river = _sents(nlp, FORT), _sents(nlp, RIVER)
    introduced = definites.Introduced()
    assert [t.text for t in definites.pointing_back(fort[1], fort[:1], introduced=introduced)
            ] == ["outpost"]
    assert definites.pointing_back(river[1], river[:1], introduced=introduced) == []
    assert introduced.read == river[:1]


def test_a_title_keeps_its_own_words(nlp: Language) -> None:
    museum, state = nlp("Museum of the Marlow Canal")[:], nlp("Velmaria (Australia)")[:]
    assert [t.text for t in kinds.title_words(museum)] == ["Museum", "of", "the", "Marlow",
                                                           "Canal"]
    assert [t.text for t in kinds.title_words(state)] == ["Velmaria"]
    # worked out once, in each title's own Doc, not in a cache both share
    assert museum.doc.user_data and state.doc.user_data
    assert kinds.title_words(museum)[0].doc is museum.doc
