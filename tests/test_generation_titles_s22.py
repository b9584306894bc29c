"""A document's title names what its text leaves unnamed: 'the constitution' on a page titled
'Constitution of Kenya' or 'Kenya', 'the museum' on one titled after the museum, 'the game'
on one titled after the match (kinds.py, with the real pipeline), and the title travels from
the user (the CLI's ``--title``, else the file's name; the upload's options) to the engine."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import CollectorRegistry
from spacy.language import Language

from agents.generation import definites, titles
from agents.generation.text import usable_sentences
from agents.generation.types import GenerationRequest, GenerationResult

LAW = ("The constitution was adopted by referendum in 2010 after twenty years of debate. "
       "It created a senate of forty-seven seats. "
       "The constitution also divides the land into counties with their own assemblies.")
MUSEUM = ("The museum was founded in 1861 with a gift of Flemish tapestries. "
          "The museum later bought a large collection of porcelain from a bankrupt duke.")
FINAL = ("The game was played on February 7, 2044, at a stadium in Ohio. "
         "The home side won the game by four points after a late field goal.")


def _names(nlp: Language, text: str, title: str | None) -> list[tuple[str, str | None]]:
    """The 'kind' references of every sentence of ``text``: (the words, their name)."""
    sents = [nlp(s.text)[:] for s in usable_sentences(text)]
    head = nlp(title)[:] if title else None
    return [(r.text, r.replacement) for n, s in enumerate(sents)
            for r in definites.references(s, sents[:n], None, head) if r.rule == "kind"]


def test_the_title_names_a_kind_noun_the_text_leaves_unnamed(nlp: Language) -> None:
    assert _names(nlp, LAW, None) == []
    assert _names(nlp, LAW, "Constitution of Kenya") == [
        ("The constitution", "the Constitution of Kenya")] * 2
    assert _names(nlp, LAW, "Kenya") == [("The constitution", "Kenya's constitution")] * 2
    assert _names(nlp, LAW, titles.from_filename("kenya_constitution.pdf")) == [
        ("The constitution", "Kenya's constitution")] * 2
    assert _names(nlp, MUSEUM, "Pellworth and Ames Museum") == [
        ("The museum", "the Pellworth and Ames Museum")] * 2
    assert _names(nlp, MUSEUM.replace("museum", "university"), "Norvik University") == [
        ("The university", "Norvik University")] * 2
    farms = ("The state grows most of the country's apples. "
             "Australia buys the state's wool at a fixed price.")
    assert _names(nlp, farms, "Tasmania (Australia)") == [("The state", "Tasmania"),
                                                           ("the state", "Tasmania")]
    assert _names(nlp, FINAL, "Super Bowl 61") == [("The game", "Super Bowl 61"),
                                                   ("the game", "Super Bowl 61")]


def test_a_title_that_is_not_the_referent_names_nothing(nlp: Language) -> None:
    """A title of no country ('Pellworth'), one the noun is not ('Art museum'), several of
    the kind ('Napoleonic Wars'), or a page that names another of the kind first."""
    assert _names(nlp, LAW, "Pellworth") == []
    assert _names(nlp, MUSEUM, "Pellworth") == []
    assert _names(nlp, MUSEUM, "Art museum") == []
    assert _names(nlp, FINAL.replace("game", "war"), "Napoleonic Wars") == []
    assert _names(nlp, "Uganda signed the treaty in 2009. " + LAW, "Kenya") == []
    assert _names(nlp, "The Harlow Museum lent six vases. " + MUSEUM,
                  "Pellworth and Ames Museum") == []


def test_the_engine_names_the_referent_from_the_request_title() -> None:
    from agents.generation.factory import build_engine

    engine = build_engine(None, None)
    untitled = engine.generate(GenerationRequest(LAW, "t", 10))
    titled = engine.generate(GenerationRequest(LAW, "t", 10, title="Constitution of Kenya"))
    assert not any("Kenya" in c.question for c in untitled.cards)
    assert any("the Constitution of Kenya" in c.question for c in titled.cards)
    assert not any("the constitution" in c.question.lower().replace(
        "the constitution of kenya", "") for c in titled.cards)


@pytest.mark.parametrize(("given", "filename", "title"), [
    (None, "kenya_constitution.pdf", "Kenya constitution"),
    (None, "notes/Doctor_Who.txt", "Doctor Who"),
    ("Constitution of Kenya", "scan.png", "Constitution of Kenya"),
    (None, "0001.png", None),
    (None, "-", None),
    (None, None, None),
])
def test_the_title_is_the_users_else_the_file_name(given: str | None, filename: str | None,
                                                   title: str | None) -> None:
    assert titles.document_title(given, filename) == title


def test_the_cli_gives_the_title_or_the_file_name(tmp_path: Path) -> None:
    from tests.test_cli import FAST, cardstream

    path = tmp_path / "kenya_constitution.txt"
    path.write_text(LAW, encoding="utf-8")
    by_name = cardstream("generate", "--text-file", str(path), "--json", extra_env=FAST)
    assert by_name.returncode == 0, by_name.stderr
    assert any("Kenya's constitution" in c["question"]
               for c in json.loads(by_name.stdout)["cards"])
    given = cardstream("generate", "--text", LAW, "--title", "Constitution of Kenya", "--json",
                       extra_env=FAST)
    assert given.returncode == 0, given.stderr
    assert any("the Constitution of Kenya" in c["question"]
               for c in json.loads(given.stdout)["cards"])


class _Recording:
    name = "recording"

    def __init__(self) -> None:
        self.requests: list[GenerationRequest] = []

    def generate(self, request: GenerationRequest, rater: Any = None) -> GenerationResult:
        self.requests.append(request)
        return GenerationResult([], "en", self.name)


@pytest.mark.parametrize(("options", "title"), [
    ({}, "Kenya constitution"), ({"title": "Constitution of Kenya"}, "Constitution of Kenya")])
def test_the_generate_stage_asks_with_the_uploads_title(tmp_path: Path, options: dict[str, str],
                                                        title: str) -> None:
    from agents.metrics import PipelineMetrics
    from agents.pipeline.generate_stage import GenerateStage
    from schemas.events import Text, UploadOptions
    from streams.serde import AvroCodec
    from streams.store import CardStore

    async def emit(topic: str, key: str | None, value: bytes) -> None:
        return None

    engine = _Recording()
    stage = GenerateStage(engine=engine, executor=ThreadPoolExecutor(1),
                          flashcards_topic="flashcards", store=CardStore(tmp_path / "c.db"),
                          codec=AvroCodec(), emit=emit,
                          metrics=PipelineMetrics(CollectorRegistry()),
                          dead_letter_topic="dead-letters")
    text = Text(upload_id="u1", filename="kenya_constitution.pdf", content_type="text/plain",
                text=LAW, language="eng", source="text", options=UploadOptions(**options))
    codec = AvroCodec()
    assert codec.decode(codec.encode(text), Text).options.title == options.get("title")
    asyncio.run(asyncio.to_thread(stage._generate, text, None))
    assert [r.title for r in engine.requests] == [title]


def test_an_upload_written_before_titles_reads_with_no_title() -> None:
    """A producer of the schema before ``options.title`` (its default null) still decodes."""
    import copy
    import io

    import fastavro

    from schemas.avro import schema_for
    from schemas.events import Upload
    from streams.serde import SINGLE_OBJECT_MAGIC, AvroCodec, avro_fingerprint

    old = copy.deepcopy(schema_for(Upload))
    options = next(f for f in old["fields"] if f["name"] == "options")
    options["type"]["fields"] = [f for f in options["type"]["fields"] if f["name"] != "title"]
    options["default"].pop("title")
    upload = Upload(upload_id="u1", filename="kenya_constitution.txt", content_type="text/plain",
                    size_bytes=3, sha256="ab" * 32, data=b"abc")
    record = upload.model_dump()
    record["options"].pop("title")
    buf = io.BytesIO()
    buf.write(SINGLE_OBJECT_MAGIC + avro_fingerprint(old))
    fastavro.schemaless_writer(buf, fastavro.parse_schema(old), record)
    reader = AvroCodec()
    reader.register_writer_schema(old)
    assert reader.decode(buf.getvalue(), Upload).options.title is None
