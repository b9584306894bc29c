"""The LLM engine end to end on tiny models built here (no hub, no download): loaded through
the same ``build_engine`` path as a real model, junk output falls back to the rule engine and is
counted, and a briefly fine-tuned model writes cards that pass the quality scorer."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry

from agents.exceptions import EmptyText, ModelLoadError
from agents.generation import GenerationRequest, LlmSettings
from agents.generation.factory import build_engine
from agents.generation.prompts import build_prompt, parse, target_text
from agents.generation.tiny import build_tiny_model, finetune

TEXT = """The Normans were the people who in the 10th and 11th centuries gave their name to
Normandy, a region in France. They were descended from Norse raiders and pirates from Denmark,
Iceland and Norway who, under their leader Rollo, agreed to swear fealty to King Charles III of
West Francia. The Battle of Hastings was fought in 1066 between the Norman-French army of
William, the Duke of Normandy, and an English army under King Harold Godwinson. The Domesday
Book was completed in 1086 and recorded the land and resources of England."""

TEACHER = [
    ("The Normans were the people who in the 10th and 11th centuries gave their name to "
     "Normandy, a region in France.", "What region did the Normans give their name to?",
     "Normandy"),
    ("They were descended from Norse raiders and pirates from Denmark, Iceland and Norway who, "
     "under their leader Rollo, agreed to swear fealty to King Charles III of West Francia.",
     "Who was the leader of the Norse raiders?", "Rollo"),
    ("The Battle of Hastings was fought in 1066 between the Norman-French army of William, the "
     "Duke of Normandy, and an English army under King Harold Godwinson.",
     "In which year was the Battle of Hastings fought?", "1066"),
    ("The Domesday Book was completed in 1086 and recorded the land and resources of England.",
     "In which year was the Domesday Book completed?", "1086"),
]
GREEDY = LlmSettings(temperature=0.0, max_new_tokens=80, batch_size=4)
pytestmark = pytest.mark.filterwarnings(
    # tqdm's progress bar on save_pretrained, when stderr is not a terminal
    "ignore::DeprecationWarning:tqdm.*",
)


@pytest.fixture(scope="module", autouse=True)
def one_thread():  # type: ignore[no-untyped-def]
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return [TEXT, *(f"{q} {a}" for _, q, a in TEACHER)]


def fallbacks(registry: CollectorRegistry, reason: str) -> float:
    return registry.get_sample_value("llm_fallbacks_total", {"reason": reason}) or 0.0


@pytest.mark.parametrize("kind", ["causal", "seq2seq"])
def test_untrained_model_falls_back_and_is_counted(
    tmp_path: Path, corpus: list[str], kind: str
) -> None:
    folder = build_tiny_model(tmp_path / kind, corpus, kind=kind)  # type: ignore[arg-type]
    assert (folder / "model.safetensors").exists()
    registry = CollectorRegistry()
    engine = build_engine(str(folder), GREEDY, registry, encoder=None)
    result = engine.generate(GenerationRequest(TEXT, "upload-1", 6))
    assert len(result.cards) == 6  # never a lost upload
    assert result.engine == "rules" and result.model_name == str(folder)
    assert any("output unusable" in n for n in result.notes)
    assert fallbacks(registry, "malformed") + fallbacks(registry, "empty") == 1
    assert registry.get_sample_value("llm_requests_total", {"status": "fallback"}) == 1
    assert registry.get_sample_value("llm_active_requests") == 0


def test_finetuned_model_writes_the_cards(tmp_path: Path, corpus: list[str]) -> None:
    folder = build_tiny_model(tmp_path / "gpt", corpus, kind="causal")
    # teach it this document's cards in the engine's own prompt format
    # one fixed card per sentence: what the tiny model learns must not depend on which cards
    # the rule engine's ranking prefers this week, and one target per prompt (two targets for
    # one prompt teach a 2-layer model to blend them: 'agree to swear to swear to …')
    # the prompts the engine will send: this text has no subject, and it asks for qa and mcq
    pairs = [
        (build_prompt(sentence, kind, "intermediate", None, "en"), target_text(q, a))
        for sentence, q, a in TEACHER for kind in ("qa", "mcq")
    ]
    losses = finetune(folder, pairs, steps=120)
    assert losses["last_loss"] < losses["first_loss"] / 5

    registry = CollectorRegistry()
    engine = build_engine(str(folder), GREEDY, registry, model_version="7", encoder=None)
    request = GenerationRequest(TEXT, "upload-1", 4, question_types=("qa", "mcq"))
    result = engine.generate(request)
    assert result.engine == "llm" and result.model_version == "7"
    assert len(result.cards) == 4
    assert registry.get_sample_value("llm_requests_total", {"status": "ok"}) == 1
    assert fallbacks(registry, "malformed") == 0
    for card in result.cards:
        assert card.answer.lower() in (card.source_sentence or "").lower()
    assert registry.get_sample_value("llm_quality_score_count") == 4


def test_bad_input_is_raised_not_fallen_back(tmp_path: Path, corpus: list[str]) -> None:
    folder = build_tiny_model(tmp_path / "gpt", corpus)
    registry = CollectorRegistry()
    engine = build_engine(str(folder), GREEDY, registry, encoder=None)
    with pytest.raises(EmptyText):
        engine.generate(GenerationRequest("", "u"))
    assert registry.get_sample_value("llm_requests_total", {"status": "rejected"}) == 1


def test_missing_model_is_a_model_load_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError):
        build_engine(str(tmp_path / "nothing-here"), None, encoder=None)
    with pytest.raises(ModelLoadError):
        build_engine("no-such-org/no-such-model", None, encoder=None)


def test_no_model_means_the_rule_engine() -> None:
    engine = build_engine(None, None, encoder=None)
    assert engine.name == "rules"


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (" Who led the Norse? A: Rollo\nQ: When was Hastings? A: 1066.", 2),
        ('{"question": "Who led the Norse?", "answer": "Rollo"}\ngarbage', 1),
        ("Question: Who led the Norse? Answer: Rollo", 1),
        ("the the the the A: A: Q: Q:", 0),
        ("", 0),
        ("\x00\x01 ñ ¿ zz", 0),
    ],
)
def test_parsing_tolerates_junk(output: str, expected: int) -> None:
    assert len(parse(output)) == expected
