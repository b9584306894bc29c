"""A page to read and its truth, shared by both OCR suites (bench/ocr_corpus.py, the first;
bench/ocr_fresh.py, the second): a source typeset as a clean 300-dpi page, and a case, that page
degraded one way."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from bench.pages import font_path

DPI = 300


@dataclass(frozen=True)
class Case:
    split: str
    family: str
    source: str
    language: str  # Tesseract code
    truth: str
    lines: tuple[str, ...]  # the page's text lines, to tell which lines a reading lost
    data: bytes
    seed: int


@dataclass(frozen=True)
class Source:
    name: str
    language: str
    page: np.ndarray  # clean grey page, uint8
    truth: str
    lines: tuple[str, ...]


def typeset(paragraphs: list[str], style: str, points: float,
            width_in: float = 8.5) -> tuple[np.ndarray, list[str]]:
    """The paragraphs on a white page ``width_in`` wide at 300 dpi; the lines as set."""
    size = round(points * DPI / 72)
    font = ImageFont.truetype(font_path(style), size)
    width, margin = round(width_in * DPI), round(0.9 * DPI)
    average = font.getlength("abcdefghijklmnopqrstuvwxyz ") / 27
    columns = max(20, int((width - 2 * margin) / average))
    lines: list[str] = []
    for paragraph in paragraphs:
        lines.extend(textwrap.wrap(paragraph, columns))
        lines.append("")
    pitch = round(size * 1.4)
    page = Image.new("L", (width, 2 * margin + pitch * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for row, line in enumerate(lines):
        draw.text((margin, margin + row * pitch), line, font=font, fill=0)
    return np.asarray(page).copy(), [line for line in lines if line]


def source(name: str, paragraphs: list[str], language: str = "eng", style: str = "Serif",
           points: float = 10.5, width_in: float = 8.5) -> Source:
    """A typeset page of ``paragraphs`` as a source to degrade."""
    page, lines = typeset(paragraphs, style, points, width_in)
    return Source(name, language, page, "\n".join(paragraphs), tuple(lines))
