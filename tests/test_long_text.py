"""Long texts and unreadable scripts at the generate stage, with the real rule engine: a 1 MB
text yields the best cards across its sections; text in a script the engine cannot parse ends
in ``error`` naming the script, never in cards cut from the wrong words."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import CollectorRegistry

from agents.deadletter import Source
from agents.exceptions import InputTooLarge
from agents.metrics import PipelineMetrics
from agents.pipeline import sections
from agents.pipeline.generate_stage import GenerateStage
from schemas.events import DeadLetter, Flashcards, Text, UploadOptions
from streams.blobs import LocalBlobStore
from streams.serde import AvroCodec
from streams.store import CardStore

SQUAD = Path(__file__).resolve().parents[1].parent / "shared/data/squad2_dev_subset.json"

FOREIGN = {
    "Arabic": "القاهرة هي عاصمة جمهورية مصر العربية وأكبر مدنها. تقع المدينة على ضفاف نهر "
              "النيل في شمال البلاد. يبلغ عدد سكان القاهرة أكثر من عشرين مليون نسمة. تأسست "
              "القاهرة في عام 969 ميلادية على يد الفاطميين.",
    "Chinese (Han)": "北京是中华人民共和国的首都，也是全国的政治和文化中心。"
                     "北京位于华北平原的北部。长城是中国古代最著名的防御工程，全长超过两万公里。",
    "Cyrillic": "Москва является столицей Российской Федерации и крупнейшим городом страны. "
                "Город расположен на реке Москве в центре Восточно-Европейской равнины. "
                "Население Москвы превышает двенадцать миллионов человек.",
    "Devanagari": "नई दिल्ली भारत की राजधानी है। यह शहर यमुना नदी के किनारे स्थित है। ताजमहल "
                  "आगरा में स्थित एक प्रसिद्ध मकबरा है जिसे शाहजहाँ ने बनवाया था।",
}


class Collect:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str | None, bytes]] = []

    async def __call__(self, topic: str, key: str | None, value: bytes) -> None:
        self.sent.append((topic, key, value))


@pytest.fixture(scope="module")
def engine() -> Any:
    from agents.generation import build_engine

    return build_engine(None, None, encoder=None)


def paragraphs() -> list[str]:
    return [p["context"] for p in json.loads(SQUAD.read_text())["paragraphs"]]


def run(stage: GenerateStage, text: str, emit: Collect, num_cards: int = 8) -> Any:
    codec = stage.codec
    event = Text(upload_id="u1", filename="book.txt", content_type="text/plain", text=text,
                 language="eng", source="text", options=UploadOptions(num_cards=num_cards))
    asyncio.run(stage.handle(Source("texts", 0, 1, b"u1", codec.encode(event))))
    [(topic, key, value)] = emit.sent
    assert key == "u1"
    return codec.decode(value, Flashcards if topic == "flashcards" else DeadLetter)


def stage(engine: Any, tmp_path: Path, emit: Collect, **extra: Any) -> GenerateStage:
    return GenerateStage(engine=engine, executor=ThreadPoolExecutor(1),
                         flashcards_topic="flashcards", store=CardStore(tmp_path / "c.db"),
                         blobs=LocalBlobStore(tmp_path / "blobs"), codec=AvroCodec(), emit=emit,
                         metrics=PipelineMetrics(CollectorRegistry()),
                         dead_letter_topic="dead-letters", **extra)


def test_sections_cut_at_paragraphs_and_cover_the_whole_text() -> None:
    text = "\n\n".join(paragraphs())
    pieces = sections.sections(text, 5000)
    assert len(pieces) > 5 and all(len(p) <= 5000 for p in pieces)
    assert "".join(pieces) == text  # nothing lost, nothing doubled
    assert all(p.endswith("\n\n") for p in pieces[:-1])  # cut between paragraphs
    with pytest.raises(InputTooLarge, match="CARDSTREAM_MAX_TEXT_CHARS"):
        sections.check_length(text, "'book.txt'", 1000)


def test_a_one_megabyte_text_yields_the_best_cards_across_its_sections(
        engine: Any, tmp_path: Path) -> None:
    # 1.1 MB of real prose (SQuAD paragraphs, distinct per copy): over the engine's 400,000
    # characters, so the old stage dead-lettered it ("the limit is 400,000")
    text = "\n\n".join(f"{p} (Part {i}.)" for i in range(21) for p in paragraphs())
    assert len(text) > 1_000_000
    emit = Collect()
    cards = run(stage(engine, tmp_path, emit), text, emit)
    assert isinstance(cards, Flashcards), cards
    assert len(cards.cards) == 8
    assert len({c.card_id for c in cards.cards}) == 8
    assert cards.notes[0].startswith("long text: 3 sections")
    scores = [c.quality_score for c in cards.cards]
    assert scores == sorted(scores, reverse=True)


def test_the_text_limit_is_a_setting_with_a_one_line_reason(engine: Any, tmp_path: Path) -> None:
    emit = Collect()
    letter = run(stage(engine, tmp_path, emit, max_text_chars=10_000),
                 "\n\n".join(paragraphs()), emit)
    assert isinstance(letter, DeadLetter) and letter.upload_id == "u1"
    assert "the limit is 10,000 (CARDSTREAM_MAX_TEXT_CHARS)" in letter.reason
    assert "\n" not in letter.reason


@pytest.mark.parametrize("script", sorted(FOREIGN))
def test_text_in_a_script_the_engine_cannot_parse_is_an_honest_error(
        engine: Any, tmp_path: Path, script: str) -> None:
    emit = Collect()
    letter = run(stage(engine, tmp_path, emit), FOREIGN[script], emit)
    # the old stage made English-template cards from Arabic words ("Who النيل في شمال
    # البلاد?") and called Chinese "a single word"
    assert isinstance(letter, DeadLetter), [c.question for c in letter.cards]
    assert f"in {script} script" in letter.reason and "Latin-script" in letter.reason
    assert letter.upload_id == "u1" and "\n" not in letter.reason


def test_latin_text_quoting_another_script_still_makes_cards(engine: Any,
                                                             tmp_path: Path) -> None:
    emit = Collect()
    text = " ".join(paragraphs()[:3]) + " The city is called القاهرة in Arabic."
    cards = run(stage(engine, tmp_path, emit), text, emit, num_cards=3)
    assert isinstance(cards, Flashcards) and cards.cards
