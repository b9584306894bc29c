"""The default engine: cards from templates over the document's own sentences and terms.

Needs no generative weights. With the MiniLM encoder it scores relevance to the document,
detects near-duplicates by meaning and picks distractors by closeness; with ``encoder=None``
it falls back to word overlap, which is faster and still sound.
"""

from __future__ import annotations

import numpy as np

from agents.exceptions import GenerationError
from agents.generation import gazetteer, parsed
from agents.generation.candidates import Document, _code_cloze, _templates, for_sentence
from agents.generation.cards import Candidate, to_card
from agents.generation.nlp import DEFAULT_PIPELINES, pipeline
from agents.generation.prepare import prepare
from agents.generation.quality import Encoder, QualityScorer, Scored
from agents.generation.types import CardRater, GenerationRequest, GenerationResult
from schemas.events import CARD_TYPES, DIFFICULTIES, Card


def check_request(request: GenerationRequest) -> None:
    from agents.exceptions import InputError

    if request.difficulty not in DIFFICULTIES:
        raise InputError(f"unknown difficulty {request.difficulty!r}; use one of {DIFFICULTIES}")
    unknown = [t for t in request.question_types if t not in CARD_TYPES]
    if unknown or not request.question_types:
        raise InputError(f"unknown question types {unknown}; use any of {CARD_TYPES}")
    if not 1 <= request.num_cards <= 200:
        raise InputError(f"num_cards must be 1..200, not {request.num_cards}")


class RuleEngine:
    """Cards from the parse (spaCy) where the language has a pipeline, else from surface
    templates; scored and selected by a QualityScorer."""

    name = "rules"

    def __init__(
        self,
        encoder: Encoder | None = None,
        scorer: QualityScorer | None = None,
        pipelines: tuple[str, ...] = DEFAULT_PIPELINES,
    ) -> None:
        self.encoder = encoder
        self.scorer = scorer or QualityScorer(encoder)
        self.pipelines = pipelines

    def candidates(
        self, doc: Document, difficulty: str, centroid: np.ndarray | None = None
    ) -> list[Candidate]:
        nlp = pipeline(doc.language, self.pipelines)
        if nlp is None:  # no parser for this language: surface templates
            out: list[Candidate] = []
            for sentence in doc.sentences:
                out += for_sentence(sentence, doc, difficulty)
            return out
        if self.encoder is not None:  # countries' neighbours, for multiple-choice options
            regions = gazetteer.mentioned(s.text for s in doc.sentences)
            doc.vectors = {**gazetteer.vectors(regions, self.encoder), **doc.vectors}
        out = parsed.generate(doc, nlp, difficulty, self.encoder, centroid)
        for sentence in doc.sentences:
            tags = [t for t in (doc.subject, sentence.heading) if t]
            if sentence.kind == "code":
                out += _code_cloze(sentence.text, tags)
            else:  # reasons, consequences, equations, word meanings: the subject templates
                out += _templates(sentence, doc, tags, definitions=False, nlp=nlp)
        return out

    def generate(
        self, request: GenerationRequest, rater: CardRater | None = None
    ) -> GenerationResult:
        check_request(request)
        doc, centroid, notes = prepare(request, self.encoder)
        made = self.candidates(doc, request.difficulty, centroid)
        pool = [c for c in made if c.type in request.question_types]
        cards, more = finish(self.scorer, pool, doc, centroid, request, rater)
        if len(cards) < request.num_cards:
            more += _other_types(self.scorer, made, doc, centroid, request, len(cards))
        return GenerationResult(cards, doc.language, self.name, notes + more)

    def scored(self, request: GenerationRequest) -> tuple[list[Scored], str]:
        """Every candidate of the requested types scored as ``generate`` scores it (no rater),
        none selected, and the text's language: read-only, nothing here reaches ``generate``.
        The blind review's declared exploration share (``bench.card_review build --explore``)
        draws from it the cards a deck made but did not serve, with their P(keep)."""
        check_request(request)
        doc, centroid, _ = prepare(request, self.encoder)
        pool = [c for c in self.candidates(doc, request.difficulty, centroid)
                if c.type in request.question_types]
        scored = self.scorer.score(pool, request.difficulty, centroid, doc.freq,
                                   dict(doc.vectors), doc.language)
        return scored, doc.language


def _other_types(
    scorer: QualityScorer,
    made: list[Candidate],
    doc: Document,
    centroid: np.ndarray | None,
    request: GenerationRequest,
    delivered: int,
) -> list[str]:
    """A deck short of its count, of a user who asked for some types only ('qa' alone): how
    many of the missing cards the text's other types would make at the same standard, so
    the note says what to ask for instead of leaving the user with a thin deck and no why."""
    others = tuple(t for t in CARD_TYPES if t not in request.question_types)
    rest = [c for c in made if c.type in others]
    if not others or not rest:
        return []
    scored = scorer.score(rest, request.difficulty, centroid, doc.freq, dict(doc.vectors),
                          doc.language)
    chosen, _ = scorer.select(scored, request.num_cards - delivered, others)
    if not chosen:
        return []
    kinds = sorted({s.candidate.type for s in chosen}, key=CARD_TYPES.index)
    return [f"{len(chosen)} more could be made as {', '.join(kinds)}: "
            "ask for those types too"]


def finish(
    scorer: QualityScorer,
    pool: list[Candidate],
    doc: Document,
    centroid: np.ndarray | None,
    request: GenerationRequest,
    rater: CardRater | None,
) -> tuple[list[Card], list[str]]:
    """Score, re-rank with the rater, select; shared by both engines."""
    try:
        scored: list[Scored] = scorer.score(
            pool, request.difficulty, centroid, doc.freq, dict(doc.vectors), doc.language
        )
    except (ValueError, RuntimeError) as exc:
        raise GenerationError(f"scoring failed: {exc}") from exc
    notes: list[str] = []
    if rater is not None:
        above = [s for s in scored if s.score >= scorer.threshold]
        try:
            scorer.apply_rater(above, rater, doc.language)
        except Exception as exc:  # a broken rater must not lose the upload
            name = getattr(rater, "name", "?")
            notes.append(f"learned rater {name} failed ({exc}); heuristic ranking used")
    chosen, more = scorer.select(scored, request.num_cards, request.question_types)
    missing = [t for t in request.question_types if not any(s.candidate.type == t for s in chosen)]
    if missing and (chosen or len(request.question_types) < len(CARD_TYPES)):
        # also when nothing was chosen for a request of some types only: a qa-only request
        # learns why it got none (a text that makes no card of any type says so upstream)
        # "none of good quality" only of a type with no card over its bar; a type whose good
        # cards all asked a delivered card's fact (or showed its answer) is told so instead
        good = {s.candidate.type for s in scored if scorer.is_good(s)}
        if none := [t for t in missing if t not in good]:
            more.append(f"no {', '.join(none)} cards: the text offers none of good quality")
        if lost := [t for t in missing if t in good]:
            more.append(f"no {', '.join(lost)} cards: the text's good ones ask what the deck's "
                        "other cards already ask")
    cards = [
        to_card(s.candidate, request.upload_id, request.difficulty, doc.language, s.rank, s.quality)
        for s in chosen
    ]
    return cards, notes + more
