"""Words back into text, keeping Tesseract's lines and paragraphs."""

from __future__ import annotations

from agents.ocr.tesseract import Word


def assemble(words: list[Word], min_confidence: float) -> tuple[str, list[Word]]:
    """The text of the words at or above ``min_confidence``: words of a line joined by spaces,
    lines by newlines, paragraphs by a blank line; and the kept words."""
    kept = [w for w in words if w.confidence >= min_confidence]
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
