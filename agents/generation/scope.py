"""Statements whose truth or meaning rests on a scope an earlier sentence set.

"In these systems, the head of the executive has only a limited role in the legislative
process" is true of presidential systems, which the sentence before named ("In a presidential
system, …"); the clause a card makes of it drops the frame and reads as a general claim. "A
citizen may rely on the Directive in such an action" is true of the action the page described.
A student without the page cannot tell which one the card is about. Read from the parse:

- ``framing``: an opening frame with a demonstrative or "such" ("In these systems,", "In such a
  situation,", "Under these conditions,"): the card names it from the sentence before when that
  gives exactly one phrase of the same noun with words that say which kind ("a presidential
  system" → "In presidential systems, the head of the executive …"), whether the card shows the
  frame or left it out; else no true/false or cloze card is made from the sentence;
- ``such``: "such an action", "such systems" elsewhere in the sentence (not "such theorists as
  …", "such … that", where the sentence says which), named the same way or no card;
- ``enumerated``: an opening "First," / "Second," …: one item of a list the page announced;
- ``bare``: the main verb's subject is a bare "the N" of an everyday noun ("The effort was the
  first …", "The move would have had …", "The defeat, along with …"): which one, the page said
  (often as a verb or a name: "established the colony of Fort Caroline" → "the effort"), so
  no statement or cloze; a technical term ("The epidermis is composed of …"), a noun whose
  "the" names the one there is ("the Sun", "the people") and the page's own generic subject
  ("The skin protects …" after "The skin is …") stand alone;
- ``object``: the main verb's direct object is such a "the N" ("… captured the mermaid",
  "reflected the crisis"), or one with adjectives or a compound in front that an earlier
  sentence already spoke of ("had conquered the whole island"); a sentence whose subject is
  the page's generic subject speaks of kinds ("The fur keeps the seal warm") and stands;
- ``quantifier``: the sentence opens on a bare "Much"/"Most"/"Many"/"Several"/"Some"/"Others"
  (or "All nine") as the main verb's subject, no noun or "of" phrase after it ("Much went for
  arms purchases"): much of what, the page said. No card type shows it (a question lowercases
  it: "Where did many sail …?"; "How many" is no cue). "Some argue …", "Others believe …"
  are people in general holding a view and stand;
- ``short``: the main verb's subject is "the" and one capitalised everyday word ("The Court",
  "The Society", "The Act"), the short form of a name an earlier sentence gave in full
  ("Court of Justice", "the Huguenot Society"): which court, only the page says. When the page
  gave exactly one such name, it stands in ("The Court" → "The Court of Justice",
  antecedents.py; so too for ``bare`` and ``object``); else no card.
- ``relative``: the main verb's subject is "the" and, right after it, an adjective whose sense
  is relative to what the page said before ("The new empire took on …", "The combined setup
  gave …", "The next major step …", "The second body exerts …"; English's closed class of
  anaphoric adjectives and the ordinals after "first"), and neither a name nor a phrase or
  clause of the noun's own says which ("the new Norman rulers", "the new laws of 1832"
  stand): newer than which, second of what, only the page says; no card of any type.
- ``owner``: the main verb's subject is a determiner-less noun that names a part, instance or
  act of something else ("Activities include controlling the museum environment …",
  "Treatment has the secondary effect of …", "Members must be over …", "Examples include …")
  with nothing of its own (no "of" phrase, adjective, compound, number or clause; a lone
  participle, "Techniques represented", says no more) to say whose: the page said; no card
  of any type. A generic bare plural ("Plants need light", "Values shape a society") stands.

Measured on the seen rated cards (``bench.card_references``; kept / rejected cards each rule
removes or repairs): framing tf 0/2, cloze 0/7; such tf 0/1, cloze 0/3; enumerated tf 0/2;
bare tf 5/24, cloze 2/32 (of 505/336 tf and 846/548 cloze rated cards); object tf 0/12,
cloze 2/4 (of 597/388 tf and 975/601, session 15); quantifier tf 0/3, cloze 0/6; short tf 1/4,
cloze 0/6 (of 685/433 tf and 1076/649 cloze, s6-s15b; session 15 round 2); on questions and
multiple-choice stems (session 16) quantifier qa 0/2, mcq 0/1 (of 267/461 qa, 221/191 mcq);
"Some"/"Several"/"Others" add none (without the view-verb exemption: 3/0, 'Some argue …').
relative (session 20 round 2, every seen rated card, s6-s20b): qa 0/1, mcq 0/2, cloze 1/10,
tf 1/8 (of 332/493 qa, 348/259 mcq, 1771/1000 cloze, 1191/652 tf); the kept ones are one
sentence, "The second main legislative body is the Council …". Left out: "the revived
series" (a participle the class cannot tell from "the traditional examinations", kept).
owner (session 29 round 2, every seen rated card, dev..s29b): tf 0/7, cloze 0/6, mcq 0/1,
qa 0/1 (members 5, treatment 3, activities 2, examples 2, problems 2, techniques 1); the
same rule over every everyday noun removes 293 kept and 180 rejected, so only nouns of whose
sense another thing is part ("member of", "treatment of", "example of") are held to it; an
existential "there" with such a noun ('There was no provision for …') was left out (2 kept,
4 rejected over every event/amount noun, mixed).
Session 29 round 2 (every seen rated card, dev..s29b): an 'as early as' comparison after
"such a N" no longer counts as the "such … as" that says which (such tf 0/1, mcq 0/1, cloze
0/1 more), and a number standing for the noun ("The second two are …") is held to
``relative`` (cloze 0/2 more).
On every third seen passage (134, 861 sentences) quantifier fires on none, short on 4.
Tried and left out, because they removed about as many kept cards as rejected ones: a
comparative with no "than" (tf 13/11, cloze 26/21), a bare "Most"/"Many"/"Some" subject
(tf 1/1, cloze 4/3), "both N" (tf 3/1, cloze 1/5), "all three N" (1/1 each), "the latter"
(2/0), "in this case"-style frames inside the sentence (cloze 2/0).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from agents.generation import antecedents, mentions
from agents.generation.events import UNSAID
from agents.generation.spans import zipf

_ENUMERATORS = frozenset(str.split("first second third fourth fifth firstly secondly thirdly "
                                   "lastly"))


@dataclass(frozen=True)
class Scope:
    """A cue of ``sent`` that leans on an earlier sentence: the ``rule``, the ``text`` the card
    must not show without its scope, and the words that stand in when the page names it for
    certain (``replacement``)."""

    rule: str
    text: str
    replacement: str | None = None


def _such(sent: Span, previous: Sequence[Span]) -> list[Scope]:
    out = []
    for tok in sent:
        if tok.lower_ != "such" or tok.dep_ not in ("amod", "predet", "det"):
            continue
        noun = tok.head
        if noun.pos_ not in ("NOUN", "PROPN") or any(
                t.lower_ in ("as", "that") and t.i > noun.i and not _comparing(t) for t in sent):
            continue  # 'such theorists as Hobson', 'such a way that …': the sentence says which
        words = sent.doc[tok.i : noun.i + 1]
        article = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
        out.append(Scope("such", words.text, None if article else _named(noun, previous)))
    return out


def _comparing(tok: Token) -> bool:
    """``tok`` is an 'as' of an 'as early as' / 'as far back as' comparison, which says when
    or how much, not which: 'approached the BBC about such a venture as early as July 1989'
    (s29 Doctor_Who:7, 4 cards every reviewer rejected: 'such a venture' unresolved)."""
    if tok.lower_ != "as":
        return False
    return tok.dep_ == "advmod" or any(c.lower_ == "as" and c.dep_ == "advmod" and c.i < tok.i
                                       for c in tok.head.children)


def _named(noun: Token, previous: Sequence[Span]) -> str | None:
    return kind_named(noun, previous[-1]) if previous else None


def kind_named(noun: Token, before: Span) -> str | None:
    """The one phrase of the sentence ``before`` that names a kind of ``noun`` ('a
    presidential system' for 'such systems'), in ``noun``'s number, or None."""
    found = {}
    for tok in before:
        if tok.lemma_.lower() != noun.lemma_.lower() or tok.pos_ != "NOUN":
            continue
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
        if not mods:
            continue
        if any(c.lower_ in antecedents.QUANTIFIERS for c in tok.children):
            return None  # 'many pharmacists …' says how many, not which kind 'those' are
        words = tok.doc[min(c.left_edge.i for c in mods) : tok.i].text
        if noun.tag_ == "NN":  # 'this system' → 'a presidential system', its article too
            det = next((c.text for c in tok.children if c.dep_ == "det"), "the")
            words = f"{det.lower()} {words}"
        found[words.lower()] = f"{words} {noun.text}"
    return next(iter(found.values())) if len(found) == 1 else None


def _enumerated(sent: Span) -> list[Scope]:
    first = sent[0]
    if first.lower_ in _ENUMERATORS and len(sent) > 2 and sent[1].text == ",":
        return [Scope("enumerated", first.text)]
    return []


# nouns whose 'the' names the one thing there is, or the kind: 'the Sun', 'the body'
_UNIQUE = frozenset(str.split(
    "sun moon earth world universe sky sea ocean body brain heart blood skin cell public "
    "population economy environment past present future government state church military "
    "atmosphere climate weather surface air water hand people"))
# prepositions that add to the noun without saying which one: 'The defeat along with …'
_NOT_WHICH = frozenset(str.split("along together as unlike like despite besides including"))
# below this a word is a technical term, whose 'the' names a kind ('The epidermis is …')
_TERM_ZIPF = 3.0


def _bare_subject(sent: Span, previous: Sequence[Span]) -> list[Scope]:
    """The main verb's subject is a bare 'the N' (no adjective, compound, number, possessor,
    phrase or clause saying which one) of an everyday noun the page did not already use as
    its generic subject: 'The effort was the first …', 'The move would have had …', 'The
    outcome was …' (which effort, the page said)."""
    out = []
    for tok in sent:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head != sent.root \
                or tok.pos_ != "NOUN" or not tok.is_lower:
            continue
        lemma = tok.lemma_.lower()
        kids = list(tok.children)
        if lemma in _UNIQUE or not any(c.lower_ == "the" and c.dep_ == "det" for c in kids):
            continue
        if any(c.dep_ in ("amod", "compound", "nummod", "poss", "relcl", "acl", "appos", "nmod")
               or (c.dep_ == "prep" and c.lower_ not in _NOT_WHICH) for c in kids):
            continue
        if zipf(lemma) < _TERM_ZIPF:
            continue
        if not _generic(lemma, previous):  # 'The skin protects …' after 'The skin is …'
            det = sent.doc[tok.i - 1]
            out.append(Scope("bare", f"{det.text} {tok.text}",
                             antecedents.named(det, sent, previous)))
    return out


# bare quantifiers that stand for part of a set or amount the page named before ('Much went
# for …': much of the revenue); 'some', 'all' and 'both' often stand for people in general
# (grammar._PARTITIVE is the question's bare subject, other words: see there)
_PARTITIVE = frozenset(str.split("much most many some several others"))
_COLLECTIVE = frozenset(str.split("all both each"))
# 'Some argue …', 'Others believe …': people in general holding a view (seen reviews: three
# such 'Some argue/suggest' cards kept, none rejected), not part of a set the page named
_OPINION = frozenset(str.split(
    "argue suggest believe claim say think contend maintain hold consider assert speculate "
    "doubt note propose feel insist"))
_OF_PEOPLE = frozenset(str.split("some several others"))


def _quantifier(sent: Span) -> list[Scope]:
    """The sentence opens on a bare quantifier as its main verb's subject, with no noun or
    'of' phrase after it: 'Much went for …', 'Most fled to …', 'All four serve …' (much of
    what, which four: the page said)."""
    first = sent[0]
    if first.lower_ in _PARTITIVE:
        subject = first
    elif first.lower_ in _COLLECTIVE and len(sent) > 2 and sent[1].like_num:
        subject = sent[1]
    else:
        return []
    if first.lower_ in _OF_PEOPLE and sent.root.lemma_.lower() in _OPINION:
        return []
    if subject.dep_ not in ("nsubj", "nsubjpass") or subject.head != sent.root or any(
            c.pos_ in ("NOUN", "PROPN") for c in subject.children) or mentions.heads_of(subject):
        return []
    return [Scope("quantifier", sent.doc[first.i : subject.i + 1].text)]


# adjectives whose sense is relative to something the page spoke of before: 'the new empire'
# (newer than which?), 'the combined setup', 'the next step', 'the entire conflict'; with the
# ordinals after 'first' ('the second body'): the closed class of English's anaphoric adjectives
_RELATIVE = frozenset(str.split(
    "new next last later latter former other same combined entire remaining previous "
    "following final"))
# superlatives of place, outermost of the things the page listed: 'the outermost membrane'
# (of which organelle's membranes? s29b Chloroplast:14, every reviewer rejected)
_POSITIONAL = frozenset(str.split(
    "outermost innermost uppermost topmost lowermost bottommost undermost hindmost rearmost "
    "leftmost rightmost midmost"))


def _relative(sent: Span) -> list[Scope]:
    """The main verb's subject is 'the' and, right after it, an adjective that says which one
    only against what the page said before ('The new empire took on …', 'The combined setup
    gave …', 'The second body exerts …'), with no phrase or clause of the noun's own that
    says which: which empire, which setup, only the page says."""
    out = []
    for tok in sent:
        # a number stands for the noun the page counted: 'The second two are the largest'
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head != sent.root \
                or tok.pos_ not in ("NOUN", "NUM") or tok.i < sent.start + 2:
            continue
        kids = [c for c in tok.children if c.i < tok.i]
        if not kids or kids[0].lower_ != "the" or kids[0].dep_ != "det":
            continue
        adj = sent.doc[kids[0].i + 1]
        if adj.dep_ != "amod" or adj.head != tok or not (
                adj.lower_ in _RELATIVE or adj.lower_ in _POSITIONAL
                or (adj.ent_type_ == "ORDINAL" and adj.lower_ != "first")):
            continue
        if any(c.dep_ in ("prep", "relcl", "acl", "appos", "poss") or c.pos_ == "PROPN"
               or c.ent_type_ not in ("", "ORDINAL") for c in tok.children):
            continue  # 'the new laws of 1832', 'the new Norman rulers': the noun says which
        out.append(Scope("relative", sent.doc[kids[0].i : tok.i + 1].text))
    return out


# nouns that name a part, instance or act of something the page names ('members of the
# house', 'treatment of the disease', 'examples of Huguenot streets'): bare, they ask 'of what?'
_OF_WHAT = frozenset(str.split(
    "member example activity treatment technique problem result change effect feature"))
# children that say whose: 'Members of the Senate', 'Recent changes', 'Two techniques'
_OWN = frozenset(str.split("det predet poss amod compound nummod quantmod prep relcl appos nmod "
                           "conj"))


def _owner(sent: Span) -> list[Scope]:
    """The main verb's subject is a determiner-less 'Activities', 'Treatment', 'Members' …
    (``_OF_WHAT``) with nothing of its own to say whose; a lone participle ('Techniques
    represented include …') says no more: whose activities, the page said."""
    out = []
    for tok in sent:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head != sent.root \
                or tok.pos_ != "NOUN" or tok.lemma_.lower() not in _OF_WHAT:
            continue
        kids = list(tok.children)
        if any(c.dep_ in _OWN or (c.dep_ == "acl" and any(c.children)) for c in kids):
            continue
        out.append(Scope("owner", sent.doc[tok.i : tok.right_edge.i + 1].text))
    return out


def _short_name(sent: Span, previous: Sequence[Span]) -> list[Scope]:
    """The main verb's subject is 'the' and one capitalised everyday word ('The Court', 'The
    Society', 'The Act'), the short form of a name an earlier sentence gave in full ('the
    Supreme Court', 'the Society of Friends'): a card without the page reads as any court."""
    out = []
    for tok in sent:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head != sent.root \
                or not tok.is_title or not tok.is_alpha or tok.ent_type_ in ("NORP", "GPE"):
            continue
        kids = list(tok.children)
        if [c.lower_ for c in kids if c.i < tok.i] != ["the"] or zipf(tok.lower_) < _TERM_ZIPF \
                or any(c.dep_ in ("prep", "appos", "compound") for c in kids):
            continue
        after = sent.doc[tok.i + 1] if tok.i + 1 < sent.end else None
        if after is not None and (after.is_title or after.text in ("-", "–")):
            continue  # 'the Court Martial', 'the Harvard–Yale Regatta': a longer name
        if any(_longer_name(t, tok.text, p) for p in previous for t in p):
            det = sent.doc[tok.i - 1]
            out.append(Scope("short", f"{det.text} {tok.text}",
                             antecedents.named(det, sent, previous)))
    return out


def _longer_name(tok: Token, word: str, sent: Span) -> bool:
    """``tok`` is ``word`` inside a longer name: a capitalised word before it ('Supreme
    Court') or an 'of' and a name after it ('Court of Justice')."""
    if tok.text != word:
        return False
    doc = tok.doc
    before = tok.i - 1 > sent.start and doc[tok.i - 1].is_title and doc[tok.i - 1].is_alpha
    after = tok.i + 2 < sent.end and doc[tok.i + 1].lower_ == "of" and doc[tok.i + 2].is_title
    return before or after


def _generic(lemma: str, previous: Sequence[Span]) -> bool:
    """An earlier sentence used the noun bare after 'the' alone: the page's generic subject."""
    return any(t.lemma_.lower() == lemma and t.pos_ == "NOUN" and [
        c.lower_ for c in t.children if c.i < t.i] == ["the"] for p in previous for t in p)


def _dated(prep: Token) -> bool:
    """'repaired the dam in 1952': a date the parser hung on the noun says when, not which
    ('signed the peace of 1411' says which)."""
    return prep.lower_ != "of" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME")
                                       for c in prep.children)


def _bare_object(sent: Span, previous: Sequence[Span]) -> list[Scope]:
    """The main verb's direct object is a definite 'the N' with no possessor, number, phrase
    or clause to say which one, of an everyday noun the page did not use as its generic
    subject: bare ('… captured the mermaid'), or with adjectives or a compound in front when
    an earlier sentence already spoke of the noun ('had conquered the whole island' after the
    island the page named). Which one, the page said; a card without it reads as any."""
    if any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and _generic(c.lemma_.lower(), previous)
           for c in sent.root.children):
        return []  # 'The fur keeps the seal warm' after 'The fur of a seal is …': of a kind
    out = []
    for tok in sent:
        if tok.dep_ != "dobj" or tok.head != sent.root or tok.pos_ != "NOUN" \
                or not tok.is_lower:
            continue
        lemma = tok.lemma_.lower()
        kids = list(tok.children)
        det = next((c for c in kids if c.dep_ == "det" and c.lower_ == "the" and c.i < tok.i),
                   None)
        if det is None or lemma in _UNIQUE or zipf(lemma) < _TERM_ZIPF:
            continue
        if any(c.dep_ in ("nummod", "poss", "relcl", "acl", "appos", "nmod")
               or (c.dep_ == "prep" and c.lower_ not in _NOT_WHICH and not _dated(c))
               for c in kids):
            continue
        if any(t.text[:1].isupper() or t.dep_ in ("nummod", "poss")
               for t in sent.doc[det.i + 1 : tok.i]):
            continue  # 'the Huguenot rebellions': a name says which
        modified = tok.i - det.i > 1
        if modified and not any(t.lemma_.lower() == lemma and t.pos_ == "NOUN"
                                for p in previous for t in p):
            continue  # 'the adaptive immune response' the page speaks of first here: a kind
        if not _generic(lemma, previous):
            out.append(Scope("object", sent.doc[det.i : tok.i + 1].text,
                             antecedents.named(det, sent, previous)))
    return out


def scopes(sent: Span, previous: Sequence[Span]) -> list[Scope]:
    """Every cue of ``sent`` that needs a scope an earlier sentence (``previous``) set."""
    return [*_such(sent, previous), *_enumerated(sent), *_bare_subject(sent, previous),
            *_bare_object(sent, previous), *_quantifier(sent), *_short_name(sent, previous),
            *_relative(sent), *_owner(sent)]


def unscoped(text: str, found: Sequence[Scope], rules: frozenset[str] | None = None
             ) -> tuple[str | None, list[str]]:
    """``text`` (a statement or cloze) with each cue it shows brought into scope, or None when
    one has no name the page gives for certain; and the rules that fired. ``rules`` limits the
    rules applied (all when None)."""
    fired: list[str] = []
    for cue in found:
        if rules is not None and cue.rule not in rules:
            continue
        if cue.rule == "quantifier":  # 'Much', 'All four'; a question lowercases it
            match = re.search(rf"(?<!how )\b{re.escape(cue.text)}\b", text, re.IGNORECASE)
        elif cue.rule == "short":  # 'the Court', capitalised as a name
            match = re.search(rf"\b[Tt]he {re.escape(cue.text.split(' ', 1)[1])}\b", text)
        elif cue.rule in ("bare", "object"):
            # 'the college', not 'The College of Saint Aldric' named for it
            article, noun = cue.text.split(" ", 1)
            match = re.search(rf"\b[{article[0].upper()}{article[0].lower()}]{article[1:]} "
                              rf"{re.escape(noun)}\b", text)
        else:
            match = re.search(rf"\b{re.escape(cue.text)}\b", text, re.IGNORECASE)
        if match is None:
            continue
        fired.append(cue.rule)
        if cue.replacement is None:
            return None, fired
        name = cue.replacement
        if match.start() == 0:
            name = name[:1].upper() + name[1:]
        text = text[: match.start()] + name + text[match.end():]
    return text, fired


_FRAME_OPENERS = frozenset(str.split("in under for within among at during on"))


def framing(sent: Span, previous: Sequence[Span], whole: Span | None = None) -> Scope | None:
    """An opening 'In these systems,' / 'Under such conditions,' of ``whole`` (the sentence
    ``sent`` is a clause of) or of ``sent``: the frame the card's claim holds in, which the
    page named before. ``text`` is the demonstrative phrase ('these systems'); the
    replacement is the frame with the page's name in it ('In presidential systems', after 'In a
    presidential system, …'), when the sentence before gives exactly one, else None."""
    span = whole if whole is not None else sent
    first = span[0]
    if first.lower_ not in _FRAME_OPENERS or first.dep_ != "prep":
        return None
    noun = next((c for c in first.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
    if noun is None or first.right_edge.i + 1 >= span.end or \
            span.doc[first.right_edge.i + 1].text != ",":
        return None
    event = _the_event(span.doc[first.i + 1 : first.right_edge.i + 1])
    if event is not None:  # 'In honor of the occasion,': which occasion, only the page says
        return Scope("frame", event.text)
    det = next((c for c in noun.children if (c.dep_ == "det" and c.lower_ in (
        "this", "these", "that", "those")) or (c.lower_ == "such" and c.i == first.i + 1)), None)
    if det is None or any(c.dep_ in ("prep", "relcl", "acl") for c in noun.children):
        return None
    named = None if any(c.lower_ in ("a", "an") for c in noun.children) else _named(
        noun, previous)
    return Scope("frame", span.doc[det.i : noun.i + 1].text,
                 f"{first.text} {named}" if named else None)


def _the_event(frame: Span) -> Span | None:
    """A bare 'the occasion', 'the launch', 'the war' in an opening frame ('In honor of the
    occasion,', 'Within two months of the launch,'): an event of the page, never named on
    the card (s29b Jacksonville:13, every reviewer rejected)."""
    for tok in frame:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in UNSAID \
                and [c.lower_ for c in tok.children] == ["the"] and tok.i > frame.start \
                and frame.doc[tok.i - 1].lower_ == "the":
            return frame.doc[tok.i - 1 : tok.i + 1]
    return None


def asks_in_frame(question: str, frame: Scope | None) -> bool:
    """Whether a question (or a stem with its blank filled) shows an opening frame the page
    gives no name for ('Who posed with … in honor of the occasion?'). A question is not
    reworded, so the frame stays unnamed; every seen rated card (dev..s29c, explored ones
    included): qa 0 kept / 1 rejected, mcq 0 / 2 ('At the start of the war, …', 'Within two
    months of the launch, …')."""
    return frame is not None and frame.replacement is None and re.search(
        rf"\b{re.escape(frame.text)}\b", question, re.IGNORECASE) is not None


def shows_frame(sent: Span, whole: Span | None) -> bool:
    """Whether ``sent`` keeps the opening frame: it is the whole sentence, or a clause that
    starts as the sentence does."""
    return whole is None or sent[0].lower_ == whole[0].lower_


def in_frame(text: str, frame: Scope, shown: bool, proper: bool = False) -> str | None:
    """``text`` within ``frame``: its demonstrative phrase named ('In presidential systems,
    …') where the card shows the frame (``shown``), the named frame put in front where the
    card left it out (``proper``: the card's first word is a name and keeps its capital);
    None when the page gives no name for certain."""
    if frame.replacement is None:
        return None
    if shown:
        match = re.search(rf"\b\w+ {re.escape(frame.text)}\b", text, re.IGNORECASE)
        if match is None:
            return text  # the rendering named it already
        name = frame.replacement
        if match.start() == 0 or text[: match.start()].rstrip().endswith(":"):
            name = name[:1].upper() + name[1:]
        return text[: match.start()] + name + text[match.end():]
    lead = text if proper else text[:1].lower() + text[1:]
    return f"{frame.replacement[:1].upper()}{frame.replacement[1:]}, {lead}"
