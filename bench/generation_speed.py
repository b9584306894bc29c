"""Generation speed on one core: cards/s and ms per document.

Engines: the RuleEngine with and without the MiniLM encoder, and the LLM engine over a tiny
GPT-2 built on the spot (2 layers, 64 wide; its junk output falls back to the rule engine, so
its row is the model's generation cost plus the fallback). Documents are the first N SQuAD
paragraphs; each makes 10 cards.

    .venv/bin/python -m bench.generation_speed [--docs 20]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared/data/squad2_dev_subset.json"


def run(engine: object, texts: list[str], cards: int) -> tuple[float, float]:
    from agents.generation import GenerationRequest

    made = 0
    started = time.perf_counter()
    for i, text in enumerate(texts):
        made += len(engine.generate(GenerationRequest(text, f"doc-{i}", cards)).cards)  # type: ignore[attr-defined]
    seconds = time.perf_counter() - started
    return made / seconds, 1000 * seconds / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--cards", type=int, default=10)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(1)
    from agents.encoder import shared_encoder
    from agents.generation import LlmSettings, RuleEngine
    from agents.generation.factory import build_engine
    from agents.generation.tiny import build_tiny_model

    texts = [p["context"] for p in json.loads(DATA.read_text())["paragraphs"][: args.docs]]
    encoder = shared_encoder()
    encoder.encode(["warm up"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = build_tiny_model(Path(tmp) / "tiny-gpt2", texts)
        llm = build_engine(str(folder), LlmSettings(temperature=0.0), encoder=None)
        engines = {
            "rules, no encoder": RuleEngine(None),
            "rules + MiniLM": RuleEngine(encoder),
            "tiny LLM (+fallback)": llm,
        }
        print(f"{args.docs} documents, {args.cards} cards each, torch threads = 1")
        for name, engine in engines.items():
            run(engine, texts[:1], args.cards)  # warm up
            rate, ms = run(engine, texts, args.cards)
            print(f"{name:22s} {rate:8.1f} cards/s {ms:9.1f} ms/doc")


if __name__ == "__main__":
    main()
