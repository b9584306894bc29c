"""Decide what an upload is from its bytes, not from its name.

Clients send wrong extensions and generic content types; the magic bytes are the only thing we
trust. The name and declared type only break the tie between plain text and garbage.
"""

from __future__ import annotations

from typing import Literal

from agents.exceptions import CorruptInput, UnsupportedInput

Kind = Literal["png", "jpeg", "tiff", "webp", "pdf", "text"]

_MAGIC: tuple[tuple[bytes, Kind], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"%PDF-", "pdf"),
)

# Formats we recognise only to refuse them with a useful name.
_KNOWN_UNSUPPORTED: tuple[tuple[bytes, str], ...] = (
    (b"GIF8", "GIF image"),
    (b"BM", "BMP image"),
    (b"PK\x03\x04", "ZIP archive (docx/odt/epub?)"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000 image"),
    (b"{\\rtf", "RTF document"),
    (b"\x7fELF", "executable"),
)


def sniff(data: bytes, content_type: str | None = None, filename: str | None = None) -> Kind:
    """The kind of document ``data`` holds; raises UnsupportedInput or CorruptInput."""
    if not data:
        raise CorruptInput(f"{_label(filename)} is empty (zero bytes)")
    head = data[:16]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    # PDFs may carry junk before the header; readers accept it within the first KiB.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    for magic, name in _KNOWN_UNSUPPORTED:
        if head.startswith(magic):
            raise UnsupportedInput(f"{_label(filename)} is a {name}, which is not supported")
    if decode_text(data) is not None:
        return "text"
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared.startswith("text/") or (filename or "").lower().endswith((".txt", ".md")):
        raise CorruptInput(f"{_label(filename)} is declared as text but is not decodable text")
    raise UnsupportedInput(
        f"{_label(filename)} is not a PNG, JPEG, TIFF, WebP, PDF or text file"
        f" (declared {declared or 'no type'})"
    )


def decode_text(data: bytes) -> str | None:
    """The text in ``data`` if it is plausibly a text file, else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates: tuple[str, ...] = ("utf-16",)
    else:
        candidates = ("utf-8-sig",)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    return None


def _looks_like_text(text: str) -> bool:
    # Control characters other than whitespace mean binary data that happens to be valid UTF-8.
    sample = text[:65536]
    if not sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" not in sample and controls <= len(sample) // 1000


def _label(filename: str | None) -> str:
    return repr(filename) if filename else "the upload"
