"""How a (source, card) pair is shown to the scorer.

Pair encoding, ``[CLS] answer side [SEP] prompt side [SEP]``:

* segment A (token type 0): ``"{answer}"`` (and MCQ choices) - what the learner must recall;
* segment B (token type 1): ``"{type} | Q: {question} | source: {source}"`` - what they see and
  what the card was made from.

The answer gets a segment of its own because most of what makes a card good or bad is the
answer in relation to the rest: how long it is, whether the question already gives it away,
whether the source contains it. With ``pooling="segments"`` the model pools the two apart.
"""

from __future__ import annotations

from typing import Any

from schemas.events import Card


def answer_text(card: Card) -> str:
    text = card.answer.strip()
    if card.choices:  # bad distractors make a bad MCQ
        text += " | choices: " + "; ".join(choice.strip() for choice in card.choices)
    return text


def prompt_text(source: str, card: Card) -> str:
    return f"{card.type} | Q: {card.question.strip()} | source: {source_text(source, card)}"


def card_text(card: Card) -> str:
    """The card as one line, for logs and for the generator's targets."""
    return f"{card.type} | Q: {card.question.strip()} | A: {answer_text(card)}"


def source_text(source: str, card: Card) -> str:
    """The source the caller gave, else the sentence the card was made from."""
    return (source or card.source_sentence or "").strip()


def encode_pairs(tokenizer: Any, sources: list[str], cards: list[Card], max_length: int) -> Any:
    """Tokenizer pair encoding, padded to the longest pair of the batch.

    Truncation is ``longest_first``: a long source is cut before a short answer is.
    """
    if len(sources) != len(cards):
        raise ValueError(f"{len(sources)} sources for {len(cards)} cards")
    return tokenizer(
        [answer_text(card) for card in cards],
        [prompt_text(source, card) for source, card in zip(sources, cards, strict=True)],
        padding=True,
        truncation="longest_first",
        max_length=max_length,
        return_tensors="pt",
    )
