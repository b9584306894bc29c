"""The transformers engine: a seq2seq or causal model writes question/answer pairs, the
QualityScorer judges them like any other candidate, and a fallback engine (the RuleEngine)
makes the upload's cards when the model's output is empty or unusable, so no upload is lost.

Failure policy, per upload:
    bad input (EmptyText, InputError)     re-raised: the agent dead-letters it
    model raises, or nothing parseable    fallback engine; ``llm_fallbacks_total{reason}``
    fewer usable cards than requested     topped up from the fallback engine, noted

The model is loaded in the constructor (at worker start or model rollout), never on the hot
path; a missing or unsafe model is a ModelLoadError and the caller keeps its previous engine.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.exceptions import InputError, ModelLoadError
from agents.generation import distractors, prompts, questions
from agents.generation.candidates import Document, _statements, salience
from agents.generation.cards import Candidate
from agents.generation.metrics import LlmMetrics
from agents.generation.prepare import prepare
from agents.generation.quality import Encoder, QualityScorer
from agents.generation.rules import check_request, finish
from agents.generation.terms import Term, norm
from agents.generation.text import Sentence
from agents.generation.types import (
    CardEngine,
    CardRater,
    GenerationRequest,
    GenerationResult,
    LlmSettings,
)


@dataclass
class LoadedModel:
    tokenizer: Any
    model: Any
    seq2seq: bool


def load_model(model_name: str) -> LoadedModel:
    """A local folder, or a hub id already in the local cache; never a download, never
    remote code, safetensors only."""
    from agents.encoder import transformers_names

    AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer = transformers_names(
        "AutoConfig", "AutoModelForCausalLM", "AutoModelForSeq2SeqLM", "AutoTokenizer")

    source = str(Path(model_name)) if Path(model_name).is_dir() else model_name
    options: dict[str, Any] = {"local_files_only": True, "trust_remote_code": False}
    try:
        config = AutoConfig.from_pretrained(source, **options)
        seq2seq = bool(getattr(config, "is_encoder_decoder", False))
        cls = AutoModelForSeq2SeqLM if seq2seq else AutoModelForCausalLM
        model = cls.from_pretrained(source, use_safetensors=True, **options)
        tokenizer = AutoTokenizer.from_pretrained(source, **options)
    except (OSError, ValueError, KeyError, ImportError, RuntimeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelLoadError(
            f"cannot load model {model_name!r} from a local folder or the local cache: {first}"
        ) from exc
    model.eval()
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if not seq2seq:
        tokenizer.padding_side = "left"  # causal models continue the prompt's last token
    return LoadedModel(tokenizer, model, seq2seq)


class _Unusable(Exception):
    """The model produced nothing usable for this upload."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


class LlmEngine:
    """Cards written by a generative model, judged and selected by the QualityScorer."""

    name = "llm"

    def __init__(
        self,
        model_name: str,
        fallback: CardEngine,
        settings: LlmSettings | None = None,
        metrics: LlmMetrics | None = None,
        encoder: Encoder | None = None,
        model_version: str | None = None,
        loaded: LoadedModel | None = None,
    ) -> None:
        self.model_name = model_name
        self.model_version = model_version
        self.settings = settings or LlmSettings()
        self.fallback = fallback
        self.metrics = metrics
        self.encoder = encoder
        self.scorer = QualityScorer(encoder)
        self.loaded = loaded or load_model(model_name)
        self._lock = threading.Lock()  # one generate() at a time per model

    # ---- the model -----------------------------------------------------------------------
    def complete(self, texts: list[str]) -> list[str]:
        """The model's continuation of each prompt, in batches."""
        import torch

        tok, model, s = self.loaded.tokenizer, self.loaded.model, self.settings
        sampling = s.temperature > 0
        options: dict[str, Any] = {
            "max_new_tokens": s.max_new_tokens,
            "num_beams": s.num_beams,
            "do_sample": sampling,
            "pad_token_id": tok.pad_token_id,
        }
        if sampling:
            options.update(temperature=s.temperature, top_p=s.top_p)
        out: list[str] = []
        with self._lock, torch.inference_mode():
            for start in range(0, len(texts), max(1, s.batch_size)):
                batch = tok(
                    texts[start : start + s.batch_size],
                    return_tensors="pt",
                    padding=True,
                    truncation=True,
                    max_length=s.max_length,
                )
                batch.pop("token_type_ids", None)
                generated = model.generate(**batch, **options)
                if not self.loaded.seq2seq:
                    generated = generated[:, batch["input_ids"].shape[1] :]
                out += tok.batch_decode(generated, skip_special_tokens=True)
        return out

    # ---- one upload ----------------------------------------------------------------------
    def generate(
        self, request: GenerationRequest, rater: CardRater | None = None
    ) -> GenerationResult:
        check_request(request)
        metrics = self.metrics
        if metrics:
            metrics.active.inc()
        started = time.perf_counter()
        try:
            doc, centroid, notes = prepare(request, self.encoder)
            pool = self._candidates(doc, request)
            if not pool:
                raise _Unusable("malformed", "the model wrote no parseable question/answer pair")
            cards, more = finish(self.scorer, pool, doc, centroid, request, rater)
            if not cards:
                raise _Unusable("empty", "no model-written card passed the quality threshold")
        except InputError:
            if metrics:
                metrics.requests.labels(status="rejected").inc()
            raise
        except _Unusable as exc:
            return self._fall_back(request, rater, exc.reason, str(exc))
        except (RuntimeError, ValueError, IndexError, TypeError) as exc:
            return self._fall_back(request, rater, "error", f"{type(exc).__name__}: {exc}")
        finally:
            if metrics:
                metrics.active.dec()
                metrics.duration.observe(time.perf_counter() - started)
        notes += [n for n in more if not n.startswith("only ")]
        if len(cards) < request.num_cards:
            cards, topped = self._top_up(cards, request, rater)
            if topped:
                notes.append(f"{topped} of {len(cards)} cards from the {self.fallback.name} "
                             "engine: the model wrote too few good ones")  # fmt: skip
            if len(cards) < request.num_cards:
                notes.append(f"only {len(cards)} of {request.num_cards} cards: "
                             "the text does not support more")  # fmt: skip
        if metrics:
            metrics.requests.labels(status="ok").inc()
            for card in cards:
                metrics.quality.observe(card.quality_score)
        return GenerationResult(
            cards, doc.language, self.name, notes, self.model_name, self.model_version
        )

    def _candidates(self, doc: Document, request: GenerationRequest) -> list[Candidate]:
        sentences = _best_sentences(doc, max(4, request.num_cards))
        asked = [t for t in request.question_types if t in prompts.INSTRUCTIONS] or ["qa"]
        jobs = [(s, t) for s in sentences for t in asked]
        texts = [
            prompts.build_prompt(s.text, t, request.difficulty, doc.subject, doc.language)
            for s, t in jobs
        ]
        outputs = self.complete(texts) if texts else []
        pool: list[Candidate] = []
        for (sentence, _), output in zip(jobs, outputs, strict=True):
            for question, answer in prompts.parse(output, prompt_ends_with_q=True):
                pool += _from_pair(question, answer, sentence, doc, request)
        if pool and "tf" in request.question_types:
            for sentence in sentences:  # true/false needs no model: statements of the text
                terms = doc.terms.get(sentence.index, [])
                tags = [t for t in (doc.subject, sentence.heading) if t]
                pool += _statements(sentence, terms, doc, request.difficulty, doc.topic, tags)
        return [c for c in pool if c.type in request.question_types]

    def _fall_back(
        self, request: GenerationRequest, rater: CardRater | None, reason: str, detail: str
    ) -> GenerationResult:
        if self.metrics:
            self.metrics.fallbacks.labels(reason=reason).inc()
            self.metrics.requests.labels(status="fallback").inc()
        result = self.fallback.generate(request, rater)
        note = f"model {self.model_name} output unusable ({detail}); cards from the " \
               f"{self.fallback.name} engine"  # fmt: skip
        return GenerationResult(
            result.cards, result.language, result.engine, [note, *result.notes],
            self.model_name, self.model_version,
        )  # fmt: skip

    def _top_up(
        self, cards: list[Any], request: GenerationRequest, rater: CardRater | None
    ) -> tuple[list[Any], int]:
        extra = self.fallback.generate(request, rater).cards
        seen = {norm(c.answer) for c in cards if c.type != "tf"} | {c.card_id for c in cards}
        added = 0
        for card in extra:
            if len(cards) >= request.num_cards:
                break
            if card.card_id in seen or (card.type != "tf" and norm(card.answer) in seen):
                continue
            cards.append(card)
            seen |= {card.card_id, norm(card.answer)}
            added += 1
        return cards, added


def _best_sentences(doc: Document, count: int) -> list[Sentence]:
    prose = [s for s in doc.sentences if s.kind != "code"]
    ranked = sorted(
        prose, key=lambda s: -sum(salience(t, doc) for t in doc.terms.get(s.index, [])[:4])
    )
    return sorted(ranked[:count], key=lambda s: s.index)


def _from_pair(
    question: str, answer: str, sentence: Sentence, doc: Document, request: GenerationRequest
) -> list[Candidate]:
    """A model's (question, answer) as qa, and as mcq and cloze when the text allows."""
    text = sentence.text
    tags = [t for t in (doc.subject, sentence.heading) if t]
    long_answer = len(answer.split()) >= 4
    level = {"beginner": 0.3, "advanced": 1.6}.get(request.difficulty, 1.0) + 0.3 * long_answer
    out = [Candidate("qa", question, answer, text, level=level, salience=0.7, origin="llm",
                     tags=tags)]  # fmt: skip
    start = text.find(answer)
    if start < 0:
        return out
    kind = next((t.kind for t in doc.terms.get(sentence.index, []) if t.text == answer), "phrase")
    term = Term(answer, kind, start, start + len(answer))
    if "_____" not in question:
        cloze = questions.cloze_question(text, term, doc.topic, doc.language)
        out.append(Candidate("cloze", cloze, answer, text, kind=kind, level=level + 0.2,
                             salience=0.7, origin="llm", tags=tags))  # fmt: skip
    wrong = distractors.pick(term, text, doc.pool(), request.difficulty, 3, doc.vectors)
    if len(wrong) >= 2:
        choices = distractors.shuffle_choices(answer, wrong, question)
        out.append(Candidate("mcq", question, answer, text, choices=choices, kind=kind,
                             level=level, salience=0.7, origin="llm", tags=tags))  # fmt: skip
    return out
