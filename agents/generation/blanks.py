"""Is a cloze blank worth filling? Read from the parse of its sentence.

Reviewers of the seen blind reviews (s6-s11b) deleted cloze cards whose blank is a filler
phrase rather than a fact, or whose blank the sentence itself shows:

- *filler*: a light noun that only adjectives describe ("the most usual way", "different
  ways", "the main use", "key roles", "a number of books", "a wide variety of industries"):
  any of a dozen phrases fits, and none is the fact the sentence teaches (seen rated cloze
  cards: removes 19 rejected, 2 kept);
- *parallel*: the blank's twin one word apart ("the income of the richest 10 percent to the
  income of the _____") (removes 6 rejected, 2 kept).

Tried and left out: a blank whose head word recurs in the sentence (35 kept, 32 rejected: a
name is often repeated on purpose) and a lone plural noun as subject ("_____ are still
attempting …" → "Physicists": 5 kept, 8 rejected).
"""

from __future__ import annotations

from spacy.tokens import Span

from agents.generation.spans import Answer

# nouns that say how much or in what way, never what: a blank of one of these is filler
_FILLER = frozenset(str.split(
    "way ways use uses role roles number numbers variety lot lots part kind kinds type types "
    "hand regard deal range amount example examples manner means sort sorts set series"))


def filler(answer: Answer, sent: Span) -> bool:
    """The blank's head is a light noun and nothing but adjectives, determiners and an
    'of' phrase of common nouns say which ('a wide variety of industries')."""
    span = answer.span(sent)
    head = span.root
    if head.lemma_.lower() not in _FILLER and head.lower_ not in _FILLER:
        return False
    return not any(t.pos_ in ("PROPN", "NUM") or t.ent_type_ or t.like_num for t in span)


def parallel(answer: Answer, sent: Span) -> bool:
    """The sentence shows the blank's twin, one word apart ('the income of the richest 10
    percent to the income of the _____' → 'poorest 10 percent'; 'the relatives of the father
    … while the _____' → 'relatives of the mother'): the student swaps the word back."""
    words = [t.lower_ for t in answer.span(sent) if not t.is_punct and t.pos_ != "DET"]
    n = len(words)
    if n < 3:
        return False  # two words one apart are any two phrases sharing a word
    rest = [t.lower_ for t in sent if not t.is_punct and t.pos_ != "DET"
            and not answer.start <= t.i < answer.end]
    return any(sum(a != b for a, b in zip(words, rest[k : k + n], strict=True)) == 1
               for k in range(len(rest) - n + 1))



def across_possessive(answer: Answer, sent: Span) -> bool:
    """The blank runs across a possessive ('more of a _____ than' → "cell's energy"): the
    possessor's own article stays outside, or a common-noun possessor is blanked with what it
    owns; the blank is no one term (s12: 'the blank splits a cell's energy', cut-boundary)."""
    span = answer.span(sent)
    for tok in span:
        if tok.tag_ != "POS" or tok.i in (span.start, span.end - 1):
            continue
        owner = tok.head
        if owner.is_lower or any(c.dep_ == "det" and c.i < span.start for c in owner.children):
            return True
    return False
