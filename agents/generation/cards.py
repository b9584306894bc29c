"""Candidate cards and their conversion to the ``schemas.Card`` contract.

``card_id`` hashes the upload id, the type and the normalised question and answer, so that
generating the same card again (a retried event, a re-run) gives the same id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from agents.generation.terms import norm
from schemas.events import Card

# the tag of a card of a kind no reviewer has judged (the subject templates' reasons,
# consequences, equations, word meanings): the keep model does not score it (quality.py)
UNREVIEWED = "template"
# the tag of a false statement that negates its sentence (made in parsed.py, capped in quality.py)
NEGATION = "tf:negation"


@dataclass
class Candidate:
    """A card before it is scored: content plus what the scorer needs to judge it."""

    type: str
    question: str
    answer: str
    source: str  # the sentence it was made from (or the clause of one, see ``sentence``)
    choices: list[str] = field(default_factory=list)
    kind: str = "phrase"  # the kind of the asked term (see terms.KINDS)
    level: float = 1.0  # 0 beginner, 1 intermediate, 2 advanced: what the question demands
    salience: float = 0.5  # how central the asked term is to the document, 0..1
    statement: str = ""  # tf: the statement judged; false ones differ from the source
    swapped: str = ""  # tf false: the term put in place of the true one
    origin: str = "rules"  # rules | llm
    tags: list[str] = field(default_factory=list)
    # the whole sentence of a card made from one of its clauses (parsed.py): a deck counts
    # the cards of a sentence, not of its clauses ("" = ``source`` is the whole sentence)
    sentence: str = ""
    # a cloze, choice or question whose answer is the document's title or its head name
    # (titles.names_title): the deck serves it only when it has no other card (quality.py)
    titled: bool = False
    # made from a long clause without its closing adjunct (clauses._trailing): the deck
    # serves it, like a titled card, only in the places it cannot fill otherwise; so is a cloze
    # whose every word is a word of the title (titles.within_title)
    spare: bool = False


def card_id(upload_id: str, card_type: str, question: str, answer: str) -> str:
    key = "\x1f".join((upload_id, card_type, norm(question), norm(answer)))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def to_card(
    candidate: Candidate,
    upload_id: str,
    difficulty: str,
    language: str,
    score: float,
    quality: dict[str, float],
) -> Card:
    return Card(
        card_id=card_id(upload_id, candidate.type, candidate.question, candidate.answer),
        type=candidate.type,
        question=candidate.question,
        answer=candidate.answer,
        choices=list(candidate.choices),
        difficulty=difficulty,
        quality_score=round(min(1.0, max(0.0, score)), 4),
        quality={k: round(v, 4) for k, v in quality.items()},
        source_sentence=candidate.source,
        language=language,
        tags=list(dict.fromkeys([candidate.type, *candidate.tags])),
    )
