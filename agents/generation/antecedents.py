"""A bare "the N" written as the name the page gave it: "the university" → "Harvard University".

A text names a thing once in full ("Harvard University", "the Huguenot Society of America",
"the Supreme Court") and then calls it by its head noun alone ("the university", "The
Society", "the court"). A card that keeps the short form cannot be answered without the page
(the commonest missing-context defect of every card type in the seen reviews); a teacher
rewriting the card puts the name back. Read from the parse: the earlier words of the page
whose head noun is the same word and that stand in a capitalised name of two words or more
(``reference._name_of``: the entity, its compounds, a capitalised "of" chain). When exactly one
such name came before (the short and the long form of one name count once: "the Supreme Court"
and "the Supreme Court of the United States"), it stands in; when none or several did, which
one is meant is the page's to say and the refusal rules act (definites.py, scope.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from agents.generation.reference import _PRE_NAME, _everyday, _name_of
from agents.generation.spans import EVERYDAY_ZIPF, zipf

# children that already say which one: 'the university library', 'the party of Lincoln'
_SAYS_WHICH = frozenset(["amod", "compound", "nummod", "poss", "prep", "relcl", "acl",
                         "appos", "nmod", "npadvmod", "quantmod"])
# labels of a capitalised word that is no short form of a longer name ('the Normans')
_OWN_NAME = frozenset(["NORP", "GPE", "LOC", "PERSON", "DATE", "CARDINAL", "ORDINAL"])


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
                # became 'throughout World War II' on a seen page; four cards, none kept)
                if tok.lower_ not in _PRE_NAME and _everyday(tok.head.lower_):
                    continue
                named = tok.head
            if tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.i > prev.start):
                name = _name_of(named)
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
