"""Words back into text, keeping Tesseract's lines and paragraphs."""

from __future__ import annotations

from agents.ocr.tesseract import Word


def kept_mask(words: list[Word], min_confidence: float) -> list[bool]:
    """Which words the text keeps: those at or above ``min_confidence``, and every word of a
    line Tesseract is sure of on average. Junk read from noise comes as whole doubtful lines
    and goes; a doubtful word inside a good line is usually a real word (measured on the DEV
    pages of bench/ocr_accuracy.py: "manera" at 23, "asterisks," at 0 in lines averaging
    89-91), and dropping it turns a small error or none into a missing word."""
    lines: dict[tuple[int, int, int], list[float]] = {}
    for word in words:
        lines.setdefault((word.block, word.paragraph, word.line), []).append(word.confidence)
    sure = {key: sum(values) / len(values) >= min_confidence for key, values in lines.items()}
    return [
        w.confidence >= min_confidence or sure[(w.block, w.paragraph, w.line)]
        for w in words
    ]


def assemble(words: list[Word], min_confidence: float) -> tuple[str, list[Word]]:
    """The text of the kept words (``kept_mask``): words of a line joined by spaces, lines by
    newlines, paragraphs by a blank line; and the kept words."""
    kept = [w for w, keep in zip(words, kept_mask(words, min_confidence), strict=True) if keep]
    paragraphs: list[list[str]] = []
    lines: list[str] = []
    current_par: tuple[int, int] | None = None
    current_line: tuple[int, int, int] | None = None
    line_words: list[str] = []
    for word in kept:
        par = (word.block, word.paragraph)
        line = (word.block, word.paragraph, word.line)
        if line != current_line and line_words:
            lines.append(" ".join(line_words))
            line_words = []
        if par != current_par and lines:
            paragraphs.append(lines)
            lines = []
        current_par, current_line = par, line
        line_words.append(word.text)
    if line_words:
        lines.append(" ".join(line_words))
    if lines:
        paragraphs.append(lines)
    return "\n\n".join("\n".join(p) for p in paragraphs), kept
