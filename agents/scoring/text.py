"""How a (source, card) pair is shown to the scorer: the card first, then its source text."""

from __future__ import annotations

from typing import Any

from schemas.events import Card


def card_text(card: Card) -> str:
    """The card as one line; MCQ choices matter to quality (bad distractors), so they are in."""
    text = f"{card.type} | Q: {card.question.strip()} | A: {card.answer.strip()}"
    if card.choices:
        text += " | choices: " + "; ".join(choice.strip() for choice in card.choices)
    return text


def source_text(source: str, card: Card) -> str:
    """The source the caller gave, else the sentence the card was made from."""
    return (source or card.source_sentence or "").strip()


def encode_pairs(tokenizer: Any, sources: list[str], cards: list[Card], max_length: int) -> Any:
    """Tokenizer pair encoding: ``[CLS] card [SEP] source [SEP]``, padded to the longest pair.

    Truncation is ``longest_first`` so that a long source paragraph is cut before the card is.
    """
    if len(sources) != len(cards):
        raise ValueError(f"{len(sources)} sources for {len(cards)} cards")
    return tokenizer(
        [card_text(card) for card in cards],
        [source_text(source, card) for source, card in zip(sources, cards, strict=True)],
        padding=True,
        truncation="longest_first",
        max_length=max_length,
        return_tensors="pt",
    )
