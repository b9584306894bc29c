"""Language options get honest answers: text needs no Tesseract pack, an unknown code is named
as unknown, and a package is suggested only when it exists."""

from __future__ import annotations

import pytest

from agents.exceptions import MissingLanguagePack, UnsupportedInput
from agents.ocr.languages import installed_languages, resolve_language


def test_text_needs_no_pack_but_a_real_language() -> None:
    assert resolve_language("it", check_pack=False) == "ita"
    assert resolve_language("pt", check_pack=False) == "por"
    with pytest.raises(UnsupportedInput, match="unknown language 'xx'"):
        resolve_language("xx", check_pack=False)


def test_an_unknown_code_suggests_no_package() -> None:
    with pytest.raises(UnsupportedInput) as caught:
        resolve_language("xx")
    assert "install" not in str(caught.value)


def test_a_language_without_a_known_pack_suggests_no_package() -> None:
    with pytest.raises(UnsupportedInput, match="no Tesseract language pack is known for zul"):
        resolve_language("zu")


@pytest.mark.skipif("ita" in installed_languages(), reason="the Italian pack is installed here")
def test_a_missing_pack_names_its_real_package() -> None:
    with pytest.raises(MissingLanguagePack, match="install tesseract-ocr-ita"):
        resolve_language("it")
