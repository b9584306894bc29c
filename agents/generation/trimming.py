"""Cutting a question down to size and checking what the cut leaves.

``_shorten`` drops optional parts of the asked clause (appositions, relative clauses, adjuncts,
prepositional phrases of nouns other than "of"), longest first, until the question is short
enough, never the clause's subject or verb; ``_orphan_preposition`` finds a preposition the cut
left without its object; ``third_singular`` agrees a verb with a wh-subject.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from agents.generation.rendering import Builder

MAX_WORDS = 20
HARD_MAX_WORDS = 26


def _subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


# a verb a light object makes the predicate ('made a bold statement'): its 'by …ing' says what
# was done ('by opening a bath'); without it the question asks nothing one can recall
_LIGHT_VERBS = frozenset(str.split("make take give send"))


def completes_fact(tok: Token) -> bool:
    """A dependent of the asked verb without which its question asks another, vaguer or false
    fact, so no cut takes it: the result a thing was turned 'into' ('developed his poem into
    a song': 'When did he develop his poem?' asks when he wrote it, s32 'wrong answer'), a
    light verb's 'by …ing' ('made a bold statement by opening a bath': s32 'a bold statement
    about what?'), a comparison's second term ('lower in 1912 than they were in 1890': 'When
    were prices lower?' has no answer, s30b; asking asks no adjunct of such a clause). Rated
    mcq wh-questions of every seen review that left such a part out: these 3, rejected by
    every reviewer, none kept."""
    head = tok.head
    if tok.dep_ == "advcl":  # (asking drops it and asks no adjunct of the clause: see there)
        return any(c.dep_ == "mark" and c.lower_ == "than" for c in tok.children)
    if tok.dep_ != "prep" or head.pos_ not in ("VERB", "AUX"):
        return False
    if tok.lower_ == "than":
        return True
    has_object = any(c.dep_ == "dobj" for c in head.children)
    if tok.lower_ == "into":
        return has_object
    return tok.lower_ == "by" and has_object and head.lemma_.lower() in _LIGHT_VERBS and any(
        c.dep_ == "pcomp" and c.pos_ == "VERB" for c in tok.children)


def _pruned(ids: set[int], verb: Token, keep: set[int], sent: Span,
            max_words: int = MAX_WORDS) -> set[int]:
    """Drop clause parts that are not the asked fact, longest first, until short enough."""
    def words(s: set[int]) -> int:
        return sum(1 for i in s if not sent.doc[i].is_punct)

    optional: list[set[int]] = []
    for tok in verb.subtree:
        if tok.i not in ids or tok == verb or completes_fact(tok):
            continue
        if tok.dep_ in ("appos", "relcl", "acl", "advcl", "npadvmod") or (
            tok.dep_ == "prep" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i not in keep
            and tok.lower_ != "of"  # "the adoption of X" cut to "the adoption" says nothing
        ) or (tok.dep_ == "prep" and tok.head == verb):
            part = _subtree(tok) & ids
            if not part & keep:
                optional.append(part)
    optional.sort(key=len, reverse=True)
    out = set(ids)
    for part in optional:
        if words(out) <= max_words:
            break
        if tok_is_needed(part, sent, out) or _leaves_noun_wanting(part, sent, out):
            continue
        out -= part
    return out


def tok_is_needed(part: set[int], sent: Span, ids: set[int]) -> bool:
    """A verb's only complement is needed: 'consisted of the army' without it says nothing."""
    first = sent.doc[min(part)]
    if any(c.dep_ == "auxpass" for c in first.head.children):
        return False  # "was fought (between A and B)": a passive stands without it
    return first.dep_ == "prep" and first.head.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("dobj", "attr", "prep") and c.i in ids and c.i not in part
        for c in first.head.children
    )


def _leaves_noun_wanting(part: set[int], sent: Span, ids: set[int]) -> bool:
    """The part completes a bare singular noun a preposition governs ('in exchange for the
    right', 'in return for a share'): without it, 'in exchange' dangles (s26: 'When did ABC
    agree to finance Disneyland in exchange?'), so the part stays; so does a noun's
    infinitive ('the right to broadcast …')."""
    first = sent.doc[min(part)]
    if first.tag_ == "TO" and first.head.dep_ == "acl" and first.head.head.i in ids:
        return True  # 'the right to broadcast …': 'the right' alone says less
    # the noun's own prepositional complement, right after it (not an adjunct of the verb
    # that happens to follow: 'a new era into football with the first stadium')
    noun = first.head
    return first.dep_ == "prep" and noun.i == first.i - 1 and noun.i in ids and \
        noun.tag_ == "NN" and noun.dep_ == "pobj" and not any(
            c.i in ids and c.i not in part for c in noun.children)


def third_singular(verb: Token) -> str:
    """'have' → 'has', 'leave' → 'leaves', 'carry' → 'carries' (present, third singular)."""
    lemma = verb.lemma_.lower()
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if lemma in irregular:
        return irregular[lemma]
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _orphan_preposition(doc: Doc, order: list[int], answer_ids: set[int]) -> bool:
    """A preposition kept without its object, which is neither kept nor the answer ('Where did
    the abbot flee under?': 'under the abbot' was read as the subject)."""
    kept = set(order)
    for i in order:
        tok = doc[i]
        objects = [c.i for c in tok.children if c.dep_ in ("pobj", "pcomp")]
        orphan = not any(j in kept or j in answer_ids for j in objects)
        childless = tok.n_rights + tok.n_lefts == 0
        if tok.dep_ in ("prep", "agent") and orphan and (objects or childless):
            return True
    return False


def _shorten(builder: Builder, order: list[int], max_words: int = MAX_WORDS,
             verb: Token | None = None, keep: frozenset[int] = frozenset()) -> list[int] | None:
    words = [i for i in order if not builder.doc[i].is_punct]
    if len(words) <= max_words:
        return order
    # prune under the asked clause's verb, never its subject or the verb itself ("In which
    # year did?" came from pruning an adverbial clause under the sentence's root)
    root = verb if verb is not None else builder.sent.root
    trimmed = _pruned(set(order), root, set(keep) | {root.i}, builder.sent, max_words)
    out = [i for i in order if i in trimmed]
    if sum(1 for i in out if not builder.doc[i].is_punct) > HARD_MAX_WORDS:
        return None
    return out
