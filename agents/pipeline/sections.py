"""Long texts in sections: the card engine reads at most ``MAX_TEXT_CHARS`` at once, so a
longer text (a 1 MB book chapter) is cut into sections at paragraph, then line, then sentence
boundaries, each section goes through the engine alone, and the best cards across all of them
are kept. Time and memory grow with one section, not the whole text; the number of sections is
bounded by the ``max_text_chars`` setting, over which the upload fails with one clear line.
"""

from __future__ import annotations

from collections import Counter

from agents.exceptions import InputTooLarge
from agents.generation.text import MAX_TEXT_CHARS
from agents.generation.types import NO_SENTENCE, ONLY_DISCARDED, GenerationResult
from schemas.events import Card

SECTION_CHARS = MAX_TEXT_CHARS
_BREAKS = ("\n\n", "\n", ". ", " ")  # the best boundary found in a section's last quarter wins


def check_length(text: str, label: str, limit: int) -> None:
    if len(text) > limit:
        raise InputTooLarge(
            f"{label} has {len(text):,} characters of text; the limit is {limit:,}"
            f" (CARDSTREAM_MAX_TEXT_CHARS)"
        )


def sections(text: str, size: int = SECTION_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters, at natural boundaries."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        floor = start + size * 3 // 4
        for mark in _BREAKS:
            cut = text.rfind(mark, floor, end)
            if cut > start:
                end = cut + len(mark)
                break
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return [piece for piece in out if piece.strip()]


def best_cards(cards: list[Card], count: int, types: tuple[str, ...]) -> list[Card]:
    """The ``count`` highest-scoring distinct cards, the best card of each requested type
    first, so merging sections keeps the mix of types the user asked for."""
    seen: set[str] = set()
    ranked: list[Card] = []
    for card in sorted(cards, key=lambda c: -c.quality_score):
        key = " ".join(card.question.lower().split())
        if card.card_id not in seen and key not in seen:
            seen.update((card.card_id, key))
            ranked.append(card)
    chosen: list[Card] = []
    for kind in types:
        first = next((c for c in ranked if c.type == kind and c not in chosen), None)
        if first is not None and len(chosen) < count:
            chosen.append(first)
    chosen += [c for c in ranked if c not in chosen][: count - len(chosen)]
    return sorted(chosen, key=lambda c: -c.quality_score)


def merge(results: list[GenerationResult], count: int, types: tuple[str, ...],
          size: int = SECTION_CHARS) -> GenerationResult:
    """One result from the results of each section."""
    if len(results) == 1:
        return results[0]
    cards = best_cards([c for r in results for c in r.cards], count, types)
    notes = [f"long text: {len(results)} sections of up to {size:,} characters, "
             f"the best {len(cards)} cards across them"] if cards else []
    # a section's reason for no cards is the whole text's reason too, where no section has one
    for result in results:
        notes += [n for n in result.notes if n not in notes and not n.startswith("only ")
                  and not (cards and n in (NO_SENTENCE, ONLY_DISCARDED))]
    if cards and len(cards) < count:
        notes.append(f"only {len(cards)} of {count} cards: the text does not support more")
    language = Counter(r.language for r in results).most_common(1)[0][0]
    first = results[0]
    return GenerationResult(cards=cards, language=language, engine=first.engine, notes=notes,
                            model_name=first.model_name, model_version=first.model_version)
