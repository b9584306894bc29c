"""Map the user's language option onto installed Tesseract packs.

Users write ISO 639-1 codes ('es'), Tesseract codes ('spa') or mixes ('en+es'); Tesseract wants
its own three-letter names. A pack that is not installed is an operator problem, not a bad
upload, so it raises MissingLanguagePack naming the Debian package that provides it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytesseract

from agents.exceptions import MissingLanguagePack, UnsupportedInput

DEFAULT_LANGUAGE = "eng"

# ISO 639-1 → Tesseract traineddata name, for the languages Tesseract ships packs for.
ISO_TO_TESSERACT: dict[str, str] = {
    "af": "afr", "ar": "ara", "be": "bel", "bg": "bul", "bn": "ben", "ca": "cat", "cs": "ces",
    "cy": "cym", "da": "dan", "de": "deu", "el": "ell", "en": "eng", "eo": "epo", "es": "spa",
    "et": "est", "eu": "eus", "fa": "fas", "fi": "fin", "fr": "fra", "ga": "gle", "gl": "glg",
    "he": "heb", "hi": "hin", "hr": "hrv", "hu": "hun", "hy": "hye", "id": "ind", "is": "isl",
    "it": "ita", "ja": "jpn", "ka": "kat", "kk": "kaz", "ko": "kor", "la": "lat", "lt": "lit",
    "lv": "lav", "mk": "mkd", "ms": "msa", "mt": "mlt", "nl": "nld", "no": "nor", "pl": "pol",
    "pt": "por", "ro": "ron", "ru": "rus", "sk": "slk", "sl": "slv", "sq": "sqi", "sr": "srp",
    "sv": "swe", "sw": "swa", "ta": "tam", "th": "tha", "tr": "tur", "uk": "ukr", "ur": "urd",
    "vi": "vie", "zh": "chi_sim",
}  # fmt: skip

_CODE = re.compile(r"^[a-z]{2,3}(_[a-z]+)?$")


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """Packs Tesseract can load; one `tesseract --list-langs` per process."""
    return frozenset(pytesseract.get_languages(config=""))


def apt_package(code: str) -> str:
    # Debian names packs with dashes: chi_sim lives in tesseract-ocr-chi-sim.
    return "tesseract-ocr-" + code.replace("_", "-")


def resolve_language(option: str | None) -> str:
    """'en' → 'eng', 'en+es' → 'eng+spa', None → 'eng'; raises MissingLanguagePack."""
    if option is None or not option.strip():
        codes = [DEFAULT_LANGUAGE]
    else:
        codes = []
        for part in option.strip().lower().replace(",", "+").split("+"):
            part = part.strip()
            if not part:
                continue
            code = ISO_TO_TESSERACT.get(part, part)
            if not _CODE.match(code):
                # Not a language name at all: the request is bad, no pack could fix it.
                raise UnsupportedInput(
                    f"unknown language {part!r}: use ISO 639-1 (es) or Tesseract codes (spa)"
                )
            if code not in codes:
                codes.append(code)
        codes = codes or [DEFAULT_LANGUAGE]
    missing = [code for code in codes if code not in installed_languages()]
    if missing:
        packages = " ".join(apt_package(code) for code in missing)
        raise MissingLanguagePack(
            f"Tesseract has no {'+'.join(missing)} language pack; install {packages}"
        )
    return "+".join(codes)
