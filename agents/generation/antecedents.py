"""A bare "the N" written as the name the page gave it: "the university" → "Harvard University".

A text names a thing once in full ("Harvard University", "the Huguenot Society of America",
"the Supreme Court") and then calls it by its head noun alone ("the university", "The
Society", "the court"). A card that keeps the short form cannot be answered without the page
(the commonest missing-context defect of every card type in the seen reviews); a teacher
rewriting the card puts the name back. Read from the parse: the earlier words of the page
whose head noun is the same word and that stand in a capitalised name of two words or more
(``name_of``: the entity, its compounds, a capitalised "of" chain). When exactly one
such name came before (the short and the long form of one name count once: "the Supreme Court"
and "the Supreme Court of the United States"), it stands in; when none or several did, which
one is meant is the page's to say and the refusal rules act (definites.py, scope.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from agents.generation.spans import EVERYDAY_ZIPF, zipf

# words that say how many or how often, never which ones: 'Common methods include A, B and C.
# These methods …' and 'many pharmacists practising in hospitals … Those pharmacists …' point
# back at the ones the page went on to name, which 'common methods' / 'many pharmacists' do
# not say (s25b, s25: five cards, every reviewer 'which methods?' / 'distorts those'); read by
# reference (a demonstrative's antecedent) and scope (a plural kind named)
QUANTIFIERS = frozenset(str.split(
    "multiple many several some various numerous few any each every common"))

# children that already say which one: 'the university library', 'the party of Lincoln'
_SAYS_WHICH = frozenset(["amod", "compound", "nummod", "poss", "prep", "relcl", "acl",
                         "appos", "nmod", "npadvmod", "quantmod"])
# labels of a capitalised word that is no short form of a longer name ('the Normans')
_OWN_NAME = frozenset(["NORP", "GPE", "LOC", "PERSON", "DATE", "CARDINAL", "ORDINAL"])
# classifiers English puts before a name ('Lake Michigan', 'Mount Tarn')
_PRE_NAME = frozenset(str.split("lake mount fort cape river port isle saint camp loch"))


def bare(det: Token) -> bool:
    """``det`` is a 'the' right before its noun, which has nothing to say which one: 'the
    university', or a capitalised everyday word that is the short form of a name ('The
    Society', 'the Court'; not 'the Normans', not 'the Court Martial')."""
    head = det.head
    if det.lower_ != "the" or det.dep_ != "det" or head.i != det.i + 1 or head.pos_ not in (
            "NOUN", "PROPN") or any(c.dep_ in _SAYS_WHICH for c in head.children):
        return False
    if head.is_lower:
        return head.pos_ == "NOUN" and head.is_alpha
    if not (head.is_title and head.is_alpha) or head.ent_type_ in _OWN_NAME or \
            zipf(head.lower_) < EVERYDAY_ZIPF:
        return False
    doc = head.doc
    after = doc[head.i + 1] if head.i + 1 < len(doc) else None
    return after is None or not (after.is_title or after.text in ("-", "–", "'s"))


def earlier_names(det: Token, earlier: Sequence[Span]) -> dict[str, str]:
    """The names of ``det``'s noun that the spans ``earlier`` give before ``det``, keyed by
    their lower-case words without 'the': 'Praga Park' for 'the park', 'the Academy of the
    Pavilion …' for 'the academy'."""
    head = det.head
    lemma = head.lemma_.lower()
    names: dict[str, str] = {}
    for prev in earlier:
        for tok in prev:
            if tok.doc is det.doc and tok.i >= det.i:
                break
            if tok.lemma_.lower() != lemma and tok.lower_ != head.lower_:
                continue
            named = tok
            if tok.dep_ in ("compound", "amod") and not head.is_lower:
                continue  # 'the Yuan' is itself a name, not the short form of 'Yuan dynasty'
            if tok.dep_ in ("compound", "amod"):
                # "Lake Tarn" is a lake; "Constituency MSPs" names MSPs, not a constituency
                if not (tok.ent_type_ and tok.head.ent_type_ == tok.ent_type_
                        and tok.head.i > tok.i):
                    continue
                # "World War II" is a war, not a world: a name whose head is itself an
                # everyday noun is one of those, unless its first word is a classifier
                # English puts before a name ("Lake Michigan") (9k: 'throughout the world'
                # became 'throughout World War II' on a seen page; four cards, none kept).
                # Everyday as ``bare`` reads it (spans.EVERYDAY_ZIPF): 'the harbour' is no
                # short form of 'Harbour Monastery' ('monastery' 3.7) either
                if tok.lower_ not in _PRE_NAME and zipf(tok.head.lower_) >= EVERYDAY_ZIPF:
                    continue
                named = tok.head
            if tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.i > prev.start):
                name = name_of(named)
                if name:
                    names[name.lower().removeprefix("the ")] = name
    return names


def one_name(names: dict[str, str]) -> str | None:
    """The one name among ``names`` (``earlier_names``), or None when there are none or
    several. A one-word short form ('the Court') and a longer form of the same name ('the
    Supreme Court of the United States' after 'the Supreme Court') add no other: the shortest
    full name stands in."""
    full = {k: v for k, v in names.items() if len(k.split()) >= 2}
    roots = {k for k in full if not any(k != o and f" {o} " in f" {k} " for o in full)}
    if len(roots) != 1:
        return None
    return full[roots.pop()]


def named(det: Token, sent: Span, previous: Sequence[Span]) -> str | None:
    """The name a bare ``det`` 'the N' of ``sent`` stands for (``bare``), when exactly one name
    of that noun came before it on the page (``previous``, then ``sent`` up to ``det``); else
    None."""
    if not bare(det):
        return None
    name = one_name(earlier_names(det, [*previous, sent]))
    if name is None or name.lower().removeprefix("the ") == det.head.lower_:
        return None
    return name


def name_of(tok: Token) -> str | None:
    """The whole name a capitalised head noun ends ('Wilanów Palace Park', 'the Academy of the
    Pavilion of the Star of Literature'), without bracketed asides."""
    doc, end = tok.doc, tok.sent.end
    left = tok.i
    while left > tok.sent.start and doc[left - 1].dep_ in ("compound", "amod", "flat") and \
            doc[left - 1].head.i in range(left, tok.i + 1) and doc[left - 1].text[:1].isupper():
        left -= 1
    right = tok.i + 1
    ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
    if ent is not None:
        left, right = min(left, ent.start), max(right, ent.end)
    # "Academy of the Pavilion of the Star of Literature": capitalised "of" chains run on
    while right + 2 < end and doc[right].lower_ == "of" and (
            doc[right + 1].text[:1].isupper() or (doc[right + 1].lower_ == "the"
                                                  and doc[right + 2].text[:1].isupper())):
        right += 2 if doc[right + 1].text[:1].isupper() else 3
        while right < end and doc[right].text[:1].isupper() and doc[right].pos_ == "PROPN":
            right += 1
    while right - 1 > tok.i and (doc[right - 1].lower_ in ("of", "the", "and")
                                 or doc[right - 1].is_punct):
        right -= 1  # an entity cut before its date: 'the Royal Decree of' (1612)
    if doc[left].lower_ == "the":
        left += 1  # the entity may hold its article; it is put back below
    words = [t for t in doc[left:right] if t.text not in "()"]
    # a name may open on its year: 'the 2008 General Conference' (the tagger's one event)
    dated = len(words) > 1 and words[0].like_num and words[0].ent_type_ and \
        words[1].text[:1].isupper()
    if not words or len(words) > 10 or not (words[0].text[:1].isupper() or dated):
        return None
    if doc[left:right].root != tok:
        return None  # "King of the Canary Islands" is a title, not a name of the islands
    text = doc[left:right].text
    if left > tok.sent.start and doc[left - 1].lower_ == "the":
        text = "the " + text
    return text
