"""The held-out textbook builder (bench/openstax_pages.py) on a module we wrote ourselves."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from bench.openstax_pages import chapter_modules, excerpt

WORDS = " ".join(f"w{i}" for i in range(45))  # one 45-word paragraph of filler


def _module(body: str, cls: str = "") -> ET.Element:
    attr = f' class="{cls}"' if cls else ""
    return ET.fromstring(
        f'<document xmlns="http://cnx.rice.edu/cnxml" xmlns:m="http://www.w3.org/1998/Math/MathML"'
        f'{attr}><title>A  Module</title><content>{body}</content></document>')


def test_excerpt_keeps_body_prose_only_and_strips_markup() -> None:
    body = (
        f'<para id="a">short lead paragraph</para>'
        f'<note><para>NOTE {WORDS}</para></note>'
        f'<figure id="f"><caption><para>FIG {WORDS}</para></caption></figure>'
        f'<para id="m">MATH <m:math><m:mi>x</m:mi></m:math> {WORDS}</para>'
        f'<para id="b">Body one <term>kept</term> (<link target-id="f"/>) {WORDS}.</para>'
        f'<section class="section-summary"><para>SUMMARY {WORDS}</para></section>'
        f'<section><title>s</title><para>Body   two\n<emphasis>here</emphasis> {WORDS}'
        f'<footnote>FOOT</footnote></para></section>'
        f'<para>Body three {WORDS}</para><para>Body four {WORDS}</para>')
    got = excerpt(_module(body))
    assert got is not None
    title, text = got
    assert title == "A Module"
    assert text.startswith("Body one kept w0") and "Body two here w0" in text
    for gone in ("NOTE", "FIG", "MATH", "SUMMARY", "FOOT", "short lead", "(", "<", "  "):
        assert gone not in text
    # stops once 130 words are in: three 47-word paragraphs, not the fourth
    assert "Body three" in text and "Body four" not in text


def test_excerpt_refuses_a_module_with_too_little_prose() -> None:
    assert excerpt(_module(f"<para>{WORDS}</para><list><item>{WORDS}</item></list>")) is None


def test_chapter_modules_leave_out_front_matter() -> None:
    collection = (
        b'<col:collection xmlns:col="http://cnx.rice.edu/collxml"><col:content>'
        b'<col:module document="m1"/><col:subcollection><col:content>'
        b'<col:module document="m2"/><col:module document="m3"/></col:content>'
        b'</col:subcollection></col:content></col:collection>')
    assert chapter_modules(collection) == ["m2", "m3"]
