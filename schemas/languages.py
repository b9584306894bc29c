"""One language map for the whole system: ISO 639-1 ↔ ISO 639-2/3 codes from pycountry's copy of
the ISO 639-3 table (maintained upstream), plus Tesseract's few names that are not ISO codes.

The generator and OCR used to keep their own tables, which disagreed ("swe" became "sw",
Swahili; "pol" "po"; "jpn" "jp"); both now derive their codes from here.
"""

from __future__ import annotations

from functools import lru_cache

# Tesseract traineddata names that are not ISO 639-2 codes
_TESSERACT_EXTRA = {"chi_sim": "zh", "chi_tra": "zh"}
_TESSERACT_FOR = {"zh": "chi_sim"}


@lru_cache(maxsize=512)
def to_iso1(code: str) -> str | None:
    """'swe' → 'sv', 'ger' → 'de', 'chi_sim' → 'zh', 'es' → 'es'; None when unknown."""
    import pycountry

    low = code.strip().lower().replace("-", "_")
    if low in _TESSERACT_EXTRA:
        return _TESSERACT_EXTRA[low]
    base = low.split("_")[0]
    if len(base) == 2:
        found = pycountry.languages.get(alpha_2=base)
    elif len(base) == 3:
        found = pycountry.languages.get(alpha_3=base) or _bibliographic(base)
    else:
        return None
    return getattr(found, "alpha_2", None) if found is not None else None


def _bibliographic(code: str) -> object | None:
    import pycountry

    return next((lang for lang in pycountry.languages
                 if getattr(lang, "bibliographic", None) == code), None)


@lru_cache(maxsize=512)
def to_tesseract(code: str) -> str | None:
    """'sv' → 'swe', 'de' → 'deu', 'zh' → 'chi_sim'; None when ISO 639 has no such language."""
    import pycountry

    low = code.strip().lower()
    if low in _TESSERACT_FOR:
        return _TESSERACT_FOR[low]
    found = pycountry.languages.get(alpha_2=low) if len(low) == 2 else None
    return getattr(found, "alpha_3", None) if found is not None else None
