"""False statements that swap a name for another the page puts in the same place.

Where a sentence has no number or date to change, a false statement may swap one of its names
for another of the page's names of the same kind: 'The treaty was signed in Paris' → '… in
Vienna', when the page says elsewhere that something happened in Vienna. Swapped freely, a
name reads absurd or stays true far more often than not ('led by Norman', 'Norse, a region in
France': DEV reviewers kept 3 of 42); session 18's term swap kept ~1 in 10, but its swaps
after a preposition read clearly better. So a name is swapped only where both names stand in
the same *slot* (``slot``):

- after the same preposition ('in Paris' for 'in Vienna'), or as the subject that opens an
  action's sentence ('Caesar crossed …' for 'Pompey fled …'); never in a copula's sentence
  (a definition: 'Norse is a region …') nor elsewhere (a modifier, an object);
- of the same NER label and the same answer kind, number and form (a person's surname for a
  surname, ``choices.person_form``); a country only for a country (``gazetteer.region``), and
  never a name the page calls something else (``Pool.other_class``: 'the Song dynasty' for
  'Xiangyang');
- neither name inside the other ('Tarquin' / 'Tarquin the Proud'), the swapped-in name not
  named in the sentence already (a list's other member: 'A and B' → still true), and no page
  sentence naming it says much of the rest of the statement (``stated_elsewhere``: the page
  may say the same of it, a second right answer rather than a falsehood).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from agents.generation.terms import norm

# the labels of names: a swapped name of one of these is a plausible confusion of like with like
NAMED_LABELS = frozenset(str.split("PERSON GPE LOC ORG NORP FAC EVENT WORK_OF_ART LAW"))
_ARTICLE = re.compile(r"^(?:the|a|an) ")


def slot(span: Span) -> str | None:
    """Where a name stands in its sentence, as a key another name of the page must share to be
    swapped in for it: the preposition of the verb it is the object of ('met in (the) Senate'
    → 'in'), or '^'
    for the subject that opens the sentence of an action ('Caesar crossed …') or of what one
    thing alone is ('X was the first nation to …'). None elsewhere in a copula's sentence (a
    definition's terms: 'X is a region of France'), in a list, in a negated sentence, and
    anywhere else."""
    root = span.root
    sent = span.sent
    lead = [t for t in span.doc[sent.start : span.start] if not t.is_punct]
    if any(t.dep_ == "neg" for t in sent):
        return None  # 'The Union does not have a codified constitution': nor have most others
    if root.dep_ in ("conj", "appos") or any(t.dep_ in ("conj", "appos") for t in span) or any(
            c.dep_ in ("conj", "appos", "cc") for c in root.children):
        return None  # one of a list: 'A and B' for 'A and C' stays half true
    if sent.root.lemma_ == "be":
        # a definition's terms ('X is a region of France') tell a name's kind; but what one
        # thing alone is ('X was the first nation to …') is false of another
        unique = root.dep_ == "nsubj" and root.head == sent.root and _unique(sent.root)
        return "^" if unique and all(t.dep_ == "det" for t in lead) else None
    if span.end < sent.end and span.doc[span.end].lower_ in ("v", "v.", "vs", "vs."):
        return None  # a case's name: 'Reyners v Belgium'
    between = span.doc[root.head.i + 1 : span.start]
    prep = root.head
    if root.dep_ == "pobj" and prep.dep_ == "prep" and prep.pos_ == "ADP" and all(
            t.dep_ == "det" for t in between) and prep.head.pos_ in ("VERB", "AUX"):
        # where or with whom something was done; a noun's place ('the Western Cape province
        # in South Africa', 'the end of Newtown Creek') names a part of it (seen decks)
        return prep.lower_
    if root.dep_ in ("nsubj", "nsubjpass") and root.head == sent.root and sent.root.pos_ == "VERB" \
            and all(t.dep_ == "det" for t in lead):
        return "^"
    return None


# what only one thing is: 'the first nation to …', 'the largest city', 'the only port'
_ONE = frozenset(str.split("first last only sole main chief principal supreme"))


def _unique(copula: Token) -> bool:
    """The copula's attribute is what one thing alone is: 'the first nation to …', 'the
    supreme judicial body', 'the largest city of …'; another name in its place is false, not
    a claim the page leaves open ('Kublai was unable to read Chinese' may hold of others)."""
    attr = next((c for c in copula.children if c.dep_ == "attr"), None)
    if attr is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in attr.children):
        return False
    return any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in _ONE)
               for c in attr.children)


# the prepositions of a place: a place after one of them stands where another after any of
# them may ('moved to Prague', 'signed in Vienna')
LOCATIVE = frozenset(str.split("in at to from into near across throughout within through "
                               "toward towards"))


def in_slot(where: str, phrase: str, sentences: Sequence[str], place: bool = False) -> bool:
    """A page sentence (normalised, terms.norm) puts ``phrase`` (a name as the statement would
    say it, with the article before it if any) in the slot ``where``: after the same
    preposition (a ``place`` after any locative one if ``where`` is one), or opening the
    sentence."""
    said = re.escape(norm(phrase))
    if not said:
        return False
    preps = sorted(LOCATIVE) if place and where in LOCATIVE else [where]
    before = "^" if where == "^" else rf"(?<!\w)(?:{'|'.join(map(re.escape, preps))})\s+"
    pattern = re.compile(rf"{before}{said}(?!\w)")
    return any(pattern.search(s) for s in sentences)


def _content(text: str) -> list[str]:
    """The words of a normalised text that carry its content, cut to a crude stem ('happens',
    'happened' → 'happe'): spaCy's stop words go."""
    return [w[:5] for w in text.split() if w not in STOP_WORDS]


_ELSEWHERE = 0.5  # share of a false statement's other content words a page sentence repeats


def stated_elsewhere(statement: str, swapped: str, sentences: Sequence[str]) -> bool:
    """A page sentence (normalised) that names the swapped-in name says much of the rest of the
    statement too: 'the Senate passed the law' may be what the page says of the Assembly as
    well. A statement with nothing besides the name counts as stated."""
    name = _ARTICLE.sub("", norm(swapped))
    rest = _content(re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", norm(statement)))
    if not name or not rest:
        return True
    said = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    for sentence in sentences:
        if said.search(sentence):
            words = set(_content(sentence))
            if sum(w in words for w in rest) >= _ELSEWHERE * len(rest):
                return True
    return False


def overlaps(name: str, other: str) -> bool:
    """One name inside the other, word for word ('Tarquin', 'Tarquin the Proud'; 'France',
    'New France'): the same thing or its part, no plausible confusion."""
    a, b = (set(_ARTICLE.sub("", norm(x)).split()) for x in (name, other))
    return bool(a & b - STOP_WORDS)
