"""Open untrusted image bytes safely.

Only the decoders we accept are enabled (``formats=``), sizes are checked from the header before
any pixel is decoded, and Pillow's decompression-bomb warning is an error for the duration of
the call. Every Pillow failure leaves here as an InputError with one clear line.

Multi-page images are streamed: planning reads each frame's header only (``frame_sizes``), and
each page job decodes its own frame in a pool process, so one upload never holds more than the
pages being read at that moment. The decoded pixels of all frames together are checked against
the per-upload budget (``OcrConfig.max_upload_pixels``) before any frame is decoded.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageOps

from agents.exceptions import CorruptInput, InputTooLarge

FORMATS = ("PNG", "JPEG", "TIFF", "WEBP")


@contextmanager
def _guarded(label: str) -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise InputTooLarge(f"{label} looks like a decompression bomb: {exc}") from exc
        except Image.UnidentifiedImageError as exc:
            # We only get here for bytes whose signature already said PNG/JPEG/TIFF/WebP, so a
            # decoder refusing them means a broken header, not a foreign format.
            raise CorruptInput(f"{label} has an image signature but an unreadable header") from exc
        except (OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
            raise CorruptInput(f"{label} is corrupt or truncated: {exc}") from exc
        except (TypeError, KeyError, IndexError, AttributeError) as exc:
            # A truncated TIFF directory surfaces from inside Pillow as e.g. TypeError
            # "Missing dimensions": still the file's fault, not ours.
            raise CorruptInput(f"{label} is corrupt or truncated ({exc})") from exc


def open_image(data: bytes, label: str, formats: tuple[str, ...] = FORMATS) -> Image.Image:
    """A lazily decoded image; only the header has been read."""
    if data[12:16] == b"IHDR" and (data[16:20] == bytes(4) or data[20:24] == bytes(4)):
        # Pillow refuses a 0-pixel PNG as "unidentified"; say what is actually wrong.
        width, height = struct.unpack(">II", data[16:24])
        raise CorruptInput(f"{label} has no pixels ({width}×{height})")
    with _guarded(label):
        return Image.open(io.BytesIO(data), formats=formats)


def frame_count(image: Image.Image, label: str) -> int:
    with _guarded(label):
        return int(getattr(image, "n_frames", 1))


def check_size(image: Image.Image, label: str, max_pixels: int) -> None:
    width, height = image.size
    if width <= 0 or height <= 0:
        raise CorruptInput(f"{label} has no pixels ({width}×{height})")
    if width * height > max_pixels:
        raise InputTooLarge(
            f"{label} is {width}×{height} = {width * height:,} pixels, over the limit of"
            f" {max_pixels:,} per page (the worker's memory budget)"
        )


def load_gray(
    data: bytes, label: str, max_pixels: int, frame: int = 0, formats: tuple[str, ...] = FORMATS
) -> Image.Image:
    """Decode one frame to 8-bit grey, upright (EXIF orientation applied), alpha on white."""
    image = open_image(data, label, formats)
    with _guarded(label):
        if frame:
            image.seek(frame)
        check_size(image, label, max_pixels)
        image.load()
        # In place: a page with no turn to undo is not copied (~1 ms of a full page).
        ImageOps.exif_transpose(image, in_place=True)
        return to_gray(image)


def to_gray(image: Image.Image) -> Image.Image:
    if image.mode == "L":
        return image
    if image.mode in ("1", "RGB", "CMYK", "YCbCr", "LAB", "HSV"):
        return image.convert("L")
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        # 16-bit and float scans: scale the actual range, not the nominal one, onto 0..255.
        extrema = image.getextrema()
        lo, hi = float(extrema[0]), float(extrema[1])  # type: ignore[arg-type]
        scale = 255.0 / max(hi - lo, 1.0)
        return image.convert("F").point(lambda v: (v - lo) * scale).convert("L")
    rgba = image.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, rgba).convert("L")


def frame_sizes(data: bytes, label: str, max_pixels: int, max_pages: int,
                max_upload_pixels: int) -> list[tuple[int, int]]:
    """Width and height of every frame, read from the headers without decoding any pixel;
    raises InputTooLarge when one frame, the frame count or all frames together pass a limit."""
    image = open_image(data, label)
    frames = frame_count(image, label)
    if frames > max_pages:
        raise InputTooLarge(f"{label} has {frames} pages, over the limit of {max_pages}")
    sizes, total = [], 0
    with _guarded(label):
        for index in range(frames):
            if index:
                image.seek(index)
            page_label = f"{label} page {index + 1}" if frames > 1 else label
            check_size(image, page_label, max_pixels)
            width, height = image.size
            total += width * height
            if total > max_upload_pixels:
                raise InputTooLarge(
                    f"{label} decodes to over {max_upload_pixels:,} pixels"
                    f" ({frames} page(s); the per-upload budget is {max_upload_pixels:,})"
                )
            sizes.append((width, height))
    return sizes
