"""Noun phrases as things a pronoun or a bare 'the N' may stand for.

A ``Mention`` is a noun phrase read from the parse (``of``): its text, whether it names a
person, a thing or a group, its number and head. ``definitions`` reads what a sentence says a
name is ('The Velmar League is a trading federation'). Both the pronoun resolver
(reference.py) and the naming of a bare 'the N' by its kind (kinds.py) read them; they live
here, below both, so that kinds.py need not reach up into the resolver.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from agents.generation import antecedents, boundaries
from agents.generation.spans import PERSON_NOUNS


@dataclass
class Mention:
    text: str
    animacy: str  # person | thing | group
    number: str  # sing | plur
    head: str  # head lemma
    label: str = ""  # NER label when it is a name
    # a bare 'the N' only the page says which one it is: a pronoun standing for it makes no
    # card (Resolver._named_subject)
    unnamed: bool = False
    # the thing the document's title names ('the museum' on 'Victoria and Albert Museum',
    # 'The Victoria and Albert Museum' itself): a later pronoun may stand for it (``_topic``)
    titled: bool = False
    # a singular noun read without its own article or count ('important rock' of 'One
    # important rock'): no card shows it, on any page (``of``)
    cut: bool = False


def _abbreviation(tok: Token) -> bool:
    """A short capitalised word cut by a full stop inside its sentence ('(Ps. 31:5)', 'cf. Gen.
    2'): a citation's abbreviation, never someone a pronoun stands for, though the small model
    may tag it PERSON (s23c: 'he' became 'Ps' on a page about Luther, every reviewer rejecting)."""
    stop = tok.i + 1
    return not tok.whitespace_ and stop < tok.sent.end - 1 and tok.doc[stop].text == "." and \
        tok.text[:1].isupper() and len(tok) <= 4


# the words before a noun that belong to its phrase ('the first railway', 'one important rock')
_LEFT_MODIFIERS = frozenset(["det", "amod", "nummod", "compound", "nmod", "poss", "advmod"])


def ranked(tok: Token) -> bool:
    """'largest', 'most famous', 'second': a word that ranks its noun among others."""
    return tok.tag_ == "JJS" or tok.ent_type_ == "ORDINAL" or (tok.tag_ == "JJ" and any(
        c.dep_ == "advmod" and c.lower_ in ("most", "least") for c in tok.children))


def partitive(tok: Token) -> bool:
    """'most of the items', 'one of the largest sources': a quantity word heading a noun
    phrase through its 'of', a member of a group and never the group or the thing itself.
    The tagger calls 'most' an adjective ('The museum has a computer system but most of the
    items in the collection, unless …, probably do not show up …': the parser made 'most' a
    conjunct of 'has' and 'show' a second verb of the museum, s25c: both clauses rejected),
    and 'One of the largest sources … is the X database' names X, not 'One' (reference)."""
    return tok.pos_ in ("ADJ", "PRON", "NUM") and heads_of(tok)


# words that are a share of what their 'of' names ('One of the first Norman mercenaries',
# 'most of the guilds'); the words a bare subject stands for part of a group with differ
# (grammar._PARTITIVE, scope._PARTITIVE: other questions, other words)
SHARES = frozenset(str.split("one some many most several few all none each both"))
# nouns that measure a part of a group ('percent of students', 'half of the votes'); the
# shares said with a determiner are SHARES
_PARTS = frozenset(str.split("percent % percentage half proportion third quarter"))


def share(tok: Token) -> bool:
    """A part of a group, not one member: 'most of the guilds', '6,200 of the islanders',
    '10 percent of students' ('one of the first settlers' names one, a ``partitive`` that
    is no share)."""
    word = tok.lower_ in SHARES or tok.pos_ == "NUM" or tok.lemma_.lower() in _PARTS
    return word and tok.lower_ != "one" and heads_of(tok)


def of_phrase(tok: Token) -> Token | None:
    """The 'of' of the phrase ``tok`` heads ('of' in 'most of the items'), or None."""
    return next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)


def heads_of(tok: Token) -> bool:
    """``tok`` heads an 'of' phrase ('most of the items'): the group or stuff it is part of."""
    return of_phrase(tok) is not None


def of_owner(tok: Token) -> Token | None:
    """The word whose 'of' phrase ``tok`` is the object of ('genre' for 'nocturne' in 'the
    genre of the nocturne'), or None when ``tok`` is no object of an 'of'."""
    return tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None


def of(root: Token) -> Mention | None:
    """The noun phrase ``root`` heads as something a pronoun may stand for: its text (a name
    whole, with the words before it that belong to it), animacy, number, head and label; None
    for a pronoun or a citation's abbreviation."""
    if root.pos_ == "PRON" or _abbreviation(root):
        return None
    if root.pos_ == "ADJ" and ranked(root):
        # 'The largest, the Theatre Royal, opened in 1837. It has hosted …': 'it' is the
        # Theatre Royal, not 'the largest' (s27b: 'How long has the largest hosted …?');
        # with no apposition the ranked set is the page's, no mention a card can show
        named = next((c for c in root.children if c.dep_ == "appos"), None)
        return None if named is None else of(named)
    doc = root.doc
    left = root.i
    while left > root.sent.start and (boundaries.glued(doc[left - 1], doc[left]) or (
            doc[left - 1].head.i in range(left, root.i + 1) and
            doc[left - 1].dep_ in ("det", "compound", "amod", "nmod", "flat", "nummod") and
            doc[left - 1].ent_type_ in ("", "ORDINAL", root.ent_type_) and not (
                root.pos_ == "PROPN" and doc[left - 1].dep_ == "amod" and
                doc[left - 1].text.islower()))):
        # "the Carthaginian general", never "49 BC Julius Caesar"; a lowercase word the parse
        # hangs on a name is no part of it ('deeply affected Sanger' read as a phrase: 'she'
        # became 'affected Sanger', s17 every reviewer 'echo'); a hyphenated word is taken
        # whole: 'these stations' is 'low-power stations', never 'power stations' (s27, cut)
        left -= 1
    # "Edward the Confessor": the name runs on after its head when the parse splits it
    right = root.i + 1
    ent = next((e for e in doc.ents if e.start <= root.i < e.end), None)
    if ent is not None:
        left, right = min(left, ent.start), max(right, ent.end)
    np_tokens = doc[left:right]
    text = np_tokens.text
    first = np_tokens[0]
    sentence_start = first.i == first.sent.start and first.pos_ != "PROPN" and (
        first.ent_type_ not in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"))
    if sentence_start or first.pos_ == "DET":
        text = text[:1].lower() + text[1:]  # capitalised only because it began a sentence
    labels = {t.ent_type_ for t in np_tokens if t.ent_type_}
    label = "PERSON" if "PERSON" in labels else (ent.label_ if ent is not None else "")
    if label == "" and np_tokens.root.pos_ == "PROPN":
        label = "NAME"
    if text.lower().startswith(("a ", "an ")):
        return None  # "a Norman": no one in particular
    lemma = root.lemma_.lower()
    if label in ("PERSON", "PER") or lemma in PERSON_NOUNS:
        animacy = "person"
    elif label == "NORP":
        animacy = "group"
    else:
        animacy = "thing"
    number = "plur" if root.tag_ in ("NNS", "NNPS") or label == "NORP" else "sing"
    # 'One important rock …' read as 'important rock', 'The first commercially successful true
    # engine' as 'successful true engine': the walk stopped short of the noun's own article or
    # count, and a singular noun without them is no phrase a card can show ('Important rock is
    # composed …', s24: every reviewer 'which rock?'); a pronoun standing for it makes no card
    cut = root.tag_ == "NN" and any(c.i < left and c.dep_ in _LEFT_MODIFIERS
                                    for c in root.children)
    return Mention(text, animacy, number, lemma, label, cut=cut)


def definitions(sent: Span) -> list[tuple[str, bool, frozenset[str], str]]:
    """The nouns ``sent`` says a name is ('The Velmar League is a trading federation', 'the
    Velmar League, a trading federation, …'): (lemma, plural, adjectives, the name)."""
    out = []
    for tok in sent:
        if tok.pos_ != "NOUN":
            continue
        name = None
        if tok.dep_ == "attr" and tok.head.lemma_ == "be" and not any(
                c.dep_ == "neg" for c in tok.head.children):
            name = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        elif tok.dep_ == "appos":
            name = tok.head
        if name is None or name.pos_ != "PROPN":
            continue
        mention = of(name)
        if mention is not None and tok.tag_ == "NNS" and mention.number == "sing" and not any(
                c.dep_ == "conj" and c.pos_ == "PROPN" for c in name.children):
            # 'In the genus Beroe the juveniles, …' (a parse's apposition): many juveniles are
            # no one Beroe, so a later 'the juveniles … develop' is not 'Beroe develop' (s27:
            # three cards, every reviewer 'juveniles of most species, not Beroe'); names
            # joined by 'and' are several ('Ada and Tom, the founders')
            continue
        if mention is not None and (mention.text[:1].isupper()
                                    or mention.text.startswith("the ")):
            # the name with its capitalised 'of' chain: 'the Synod of Arden, a meeting of
            # bishops' defines 'the Synod of Arden', not 'the Synod' (antecedents.name_of)
            whole = antecedents.name_of(name)
            text = whole if whole and len(whole) > len(mention.text) and \
                whole.lower().startswith(mention.text.lower()) else mention.text
            out.append((tok.lemma_.lower(), tok.tag_ == "NNS",
                        frozenset(c.lower_ for c in tok.children if c.dep_ == "amod"), text))
    return out
