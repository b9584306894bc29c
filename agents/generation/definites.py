"""Statements that lean on the page: a bare "the N" it introduced, a "then" that follows on.

Reviewers deleted true/false statements such as "The plugs are also too small in area …",
"Much of the debate was pioneered by …", "French forces destroyed the fort …" and "The
Wars of Religion precluded a return voyage, and the outpost was abandoned" (s10b: every one
tagged missing-context by all three reviewers): each "the N" is one the page spoke of before
("lead fusible plugs", "has long been debated", "Fort Bull", "an outpost"). What tells such a
noun from one that stands alone ("across the placenta", "the adaptive immune system", "the
war in North America") is read from the document, not from a list of nouns: the noun is bare
(the article alone, no adjective, compound, number, possessor, phrase or clause of its own
that would say which one) and an earlier sentence used the same word. A word whose first
mention is in the statement itself ("the skin" on a page that starts there) is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

# children that say which one is meant: 'the war in North America', 'the first railway'
_RESTRICTIVE = frozenset(["amod", "compound", "nummod", "poss", "prep", "relcl", "acl",
                          "appos", "nmod", "npadvmod", "advmod", "quantmod"])

_WHICH = frozenset(["prep", "relcl", "acl", "poss", "nummod"])


def pointing_back(sent: Span, previous: Sequence[Span]) -> list[Token]:
    """The heads of the bare definite nouns of ``sent`` that an earlier sentence introduced
    as one particular thing: with "a"/"an" ("an outpost"), as part of a name ("Fort Bull" →
    "the fort"), with words that said which one ("lead fusible plugs" → "the plugs"), or as
    a verb ("long been debated" → "the debate"). A noun the page already used bare and
    definite ("the skin", "the therapist") is its generic subject and stands alone."""
    first: dict[str, bool] = {}  # lemma → introduced as a particular thing
    generic: set[str] = set()
    for prev in previous:
        for tok in prev:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB":
                first.setdefault(lemma, True)
            elif tok.pos_ in ("NOUN", "PROPN"):
                dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
                named = tok.pos_ == "PROPN" or bool(tok.ent_type_) or (
                    tok.dep_ == "compound" and tok.head.pos_ == "PROPN")
                said = any(c.dep_ in _RESTRICTIVE for c in tok.children)
                # 'the conquest of Cyprus' is one conquest; 'the human body' is any body
                which = any(c.dep_ in _WHICH for c in tok.children)
                if dets & {"the"} and not said and not named:
                    generic.add(lemma)
                # 'the human body' is as generic as 'the body'; 'lead fusible plugs' are some
                first[lemma] = first.get(lemma, False) or named or which or (
                    said and not dets) or bool(dets & {"a", "an", "another", "one"})
    out = []
    for det in sent:
        head = det.head
        if det.lower_ != "the" or det.dep_ != "det" or head.pos_ != "NOUN" \
                or not head.is_lower or head.i < det.i:
            continue
        if any(c.dep_ in _RESTRICTIVE for c in head.children):
            continue
        lemma = head.lemma_.lower()
        if first.get(lemma) and lemma not in generic and not any(
                t.lemma_.lower() == lemma for t in sent[: det.i - sent.start]):
            out.append(head)
    return out


# adverbs of the main verb that continue the page's story: 'Richard then proceeded to …',
# 'Again, the law applied …', 'The Normans thereafter adopted …' (seen reviews: 5 such
# statements rejected, none kept; 'and then had severe amnesia' continues its own sentence)
_SEQUEL = frozenset(["then", "again", "thereafter", "later", "subsequently", "afterwards"])


def sequel(sent: Span) -> list[Token]:
    """The main verb's 'then', 'again', 'later' … that follow on from what the page said."""
    return [t for t in sent if t.lower_ in _SEQUEL and t.dep_ == "advmod"
            and t.head.dep_ == "ROOT" and not any(c.dep_ == "npadvmod" for c in t.children)
            and not (t.i > sent.start and t.nbor(-1).lower_ in ("and", "or", "but"))]


def leans_back(sent: Span, previous: Sequence[Span], statement: str) -> bool:
    """``statement`` (rendered from ``sent``) still holds a bare "the N" that an earlier
    sentence of the page named (a resolved one reads as its name and is no longer there), or
    a main verb's 'then'/'again' (one the rendering dropped is no longer there)."""
    low = f" {statement.lower()} "
    words = set(statement.lower().replace(",", " ").split())
    return any(f" the {head.lower_}" in low for head in pointing_back(sent, previous)) or any(
        t.lower_ in words for t in sequel(sent))
