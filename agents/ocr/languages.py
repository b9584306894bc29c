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
from schemas.languages import to_iso1, to_tesseract

DEFAULT_LANGUAGE = "eng"

# ISO 639-1 → Tesseract traineddata name for the packs Tesseract ships, derived from the one
# language table (schemas/languages.py) so OCR and the card generator never disagree.
_TESSERACT_PACKS = str.split(
    "afr ara bel bul ben cat ces cym dan deu ell eng epo spa est eus fas fin fra gle glg heb "
    "hin hrv hun hye ind isl ita jpn kat kaz kor lat lit lav mkd msa mlt nld nor pol por ron "
    "rus slk slv sqi srp swe swa tam tha tur ukr urd vie chi_sim"
)
ISO_TO_TESSERACT: dict[str, str] = {
    iso: pack for pack in _TESSERACT_PACKS if (iso := to_iso1(pack)) is not None
}

_CODE = re.compile(r"^[a-z]{2,3}(_[a-z]+)?$")


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """Packs Tesseract can load; one `tesseract --list-langs` per process."""
    return frozenset(pytesseract.get_languages(config=""))


def apt_package(code: str) -> str:
    # Debian names packs with dashes: chi_sim lives in tesseract-ocr-chi-sim.
    return "tesseract-ocr-" + code.replace("_", "-")


# Tesseract packs that are not in the ISO map above but exist (scripts, historic, special).
OTHER_PACKS = frozenset({"osd", "equ", "frk", "enm", "frm", "grc", "ita_old", "spa_old",
                         "chi_tra", "chi_sim_vert", "chi_tra_vert", "jpn_vert", "kor_vert",
                         "deu_latf", "srp_latn", "uzb_cyrl", "aze_cyrl", "kmr", "syr", "ori"})


def resolve_language(option: str | None, check_pack: bool = True) -> str:
    """'en' → 'eng', 'en+es' → 'eng+spa', None → 'eng'; raises MissingLanguagePack.

    ``check_pack=False`` for text that needs no OCR: the language still has to be a real one,
    but no Tesseract pack has to be installed for it."""
    if option is None or not option.strip():
        codes = [DEFAULT_LANGUAGE]
    else:
        codes = []
        for part in option.strip().lower().replace(",", "+").split("+"):
            part = part.strip()
            if not part:
                continue
            code = ISO_TO_TESSERACT.get(part) or (to_tesseract(part) if len(part) == 2 else None) \
                or part
            if not _CODE.match(code):
                # Not a language name at all: the request is bad, no pack could fix it.
                raise UnsupportedInput(
                    f"unknown language {part!r}: use ISO 639-1 (es) or Tesseract codes (spa)"
                )
            if code not in codes:
                codes.append(code)
        codes = codes or [DEFAULT_LANGUAGE]
    installed = installed_languages()
    packs = set(ISO_TO_TESSERACT.values()) | OTHER_PACKS | installed
    unknown = [code for code in codes if code not in packs and to_iso1(code) is None]
    if unknown:
        # no package to suggest: there is none for a language nobody has heard of
        raise UnsupportedInput(
            f"unknown language {'+'.join(unknown)!r}: use an ISO 639-1 code (es) or the name of"
            f" a Tesseract language pack (spa)"
        )
    if not check_pack:
        return "+".join(codes)
    packless = [code for code in codes if code not in packs]
    if packless:
        # a real language, but no Tesseract pack we know of: naming a package would be a guess
        raise UnsupportedInput(
            f"no Tesseract language pack is known for {'+'.join(packless)}; text uploads in"
            f" that language work without one"
        )
    missing = [code for code in codes if code not in installed]
    if missing:
        packages = " ".join(apt_package(code) for code in missing)
        raise MissingLanguagePack(
            f"Tesseract has no {'+'.join(missing)} language pack; install {packages}"
        )
    return "+".join(codes)
