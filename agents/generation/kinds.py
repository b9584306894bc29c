"""A bare "the nation" written as the name of the nation the page is about.

Reviewers tag a card missing-context most often for a definite noun whose referent the card
never names: "the nation", "the city centre", "the series", "the museum". Where the noun says
what *kind* of thing it is (a country, a city, a firm, a show) and the page names exactly one
thing of that kind before it, a teacher rewriting the card names it: "the city centre" →
"Newcastle's city centre", "the series" → "Doctor Who". Read from the page, in this order:

- what an earlier sentence says the noun is: 'Newcastle is a city …', 'Newcastle, a city …',
  'the city of Newcastle' (one name so defined);
- the entities of the noun's kind (``_KINDS``: nation → GPE, series → WORK_OF_ART …) the page
  names before it: the one there is, or, of several, the page's topic (its first sentence's
  subject) when the page names it more often than every other.

- the document's title (titles.py), when the page names nothing of the noun's kind before it
  but the title, or names the title among others: a title that holds the noun ('the museum'
  on 'Victoria and Albert Museum', 'the constitution' on 'Constitution of Kenya' or 'Kenya
  constitution'), one that is a thing of the noun's kind ('the country' on 'Kenya', 'the
  game' on 'Super Bowl 50', 'the state' on 'Victoria (Australia)'), or a country that owns
  it ('the constitution' on 'Kenya' → "Kenya's constitution"). A page that names others of
  the kind names the title more often than each of them.

A noun with nothing of its kind named, or several and no topic among them, is left to the
refusal rules (definites.py, scope.py), as before. The same-noun name ('the university' after
'Harvard University') is antecedents.py's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from agents.generation import antecedents
from agents.generation.events import HAPPENINGS, TITLE_KINDS
from agents.generation.mentions import definitions, of_phrase

# the entity labels a thing of each kind noun carries (spaCy's OntoNotes labels), and for a
# place the sort it is (granularity.place_sort: a country is no city); 'state', 'government',
# 'church' are left out: their 'the' is as often the institution in general
_COUNTRY = (frozenset(["GPE"]), frozenset(["country"]))
_TOWN = (frozenset(["GPE"]), frozenset(["other"]))
_LAND = (frozenset(["GPE", "LOC"]), frozenset(["other", "state"]))
_WORK: tuple[frozenset[str], frozenset[str]] = (frozenset(["WORK_OF_ART"]), frozenset())
_KINDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    **dict.fromkeys(str.split("nation country kingdom republic"), _COUNTRY),
    **dict.fromkeys(str.split("city town village municipality borough metropolis"), _TOWN),
    **dict.fromkeys(str.split("island peninsula province colony"), _LAND),
    **dict.fromkeys(str.split("series show film movie album novel programme opera"), _WORK),
}
# bodies: an organisation the page names is as often another one ('the team' on a page that
# names the General Services Administration), so only the page's topic stands in, the
# organisation its first sentence is about ('Harvard has several athletic facilities … the
# school's varsity coaches'), and only one whose name is no other kind ('Norvik University'
# is no museum)
BODIES = frozenset(str.split(
    "company firm corporation university college school club team band newspaper magazine "
    "channel league institute orchestra agency airline"))
# kinds the page names only by saying so ('The Louvre is a museum', 'the museum of Ardmoor')
_SAID_ONLY = frozenset(str.split(
    "museum fort castle palace stadium cathedral airport library hospital river lake valley "
    "region"))
_EVERY_KIND = frozenset([*_KINDS, *BODIES, *_SAID_ONLY])
# kinds only the document's title names: an event ('the game' on 'Super Bowl 50',
# events.TITLE_KINDS) and what a country has one of ('the constitution' on 'Kenya')
_OWNED = frozenset(str.split("constitution parliament legislature capital"))
_STATE = (frozenset(["GPE", "LOC"]), frozenset(["state"]))  # 'the state' on 'Victoria (Australia)'
# kinds of thing, never a person (also reference._THINGS)
TITLED = _EVERY_KIND | TITLE_KINDS | _OWNED | {"state"}
# the heads of a building's or an institution's name, which a place noun is never named by
# (the tagger calls 'the New Orangery' a GPE as readily as 'Warsaw')
_BUILDINGS = frozenset(str.split(
    "orangery palace museum hall church castle university college school cathedral chapel "
    "abbey tower theatre theater library gallery hospital academy institute station stadium "
    "bridge garden gardens park square house mansion temple mosque synagogue fort"))
# nouns one name may be defined by and another noun point back to ('Brazil is the largest
# country … The nation …', 'X is a television drama … the series')
_ALIKE = [frozenset(str.split("nation country")),
          frozenset(str.split("series show programme drama sitcom serial")),
          frozenset(str.split("film movie")), frozenset(str.split("company firm corporation")),
          frozenset(str.split("university college school"))]


@dataclass(frozen=True)
class Named:
    """The words of the sentence to replace (``text``) and what stands in (``name``)."""

    text: str
    name: str


def named(det: Token, sent: Span, previous: Sequence[Span],
          title: Span | None = None) -> Named | None:
    """What a bare 'the N' of a kind noun stands for: 'the nation' → 'Victoria', 'the city
    centre' → "Newcastle's city centre" (a kind noun that is the compound of a bare head);
    None when the page (or its ``title``, parsed) does not say for certain."""
    if det.lower_ != "the" or det.dep_ != "det":
        return None
    head = det.head
    kind = head
    described = [c for c in head.children if c.dep_ == "amod" and det.i < c.i < head.i]
    if antecedents.bare(det):
        if not head.is_lower or head.tag_ != "NN":
            return None
    elif _KINDS.get(head.lemma_.lower()) == _WORK and described and head.is_lower and all(
            c.tag_ == "VBN" or c.lower_ == "original" for c in described) and all(
            c.dep_ in ("det", "amod", "case", "punct") or c.i > head.i for c in head.children):
        pass  # 'the revived series' → "Doctor Who's revived series"
    else:
        # 'the city centre': the compound right after 'the' is the kind, its head is bare
        kind = head.doc[det.i + 1]
        if head.i != det.i + 2 or not head.is_lower or head.pos_ != "NOUN" or \
                kind.dep_ != "compound" or kind.tag_ != "NN" or not kind.is_lower or any(
                c.dep_ in ("amod", "nummod", "poss", "prep", "relcl", "acl", "appos")
                for c in head.children) or any(c for c in kind.children):
            return None
    lemma = kind.lemma_.lower()
    listed = lemma in (_EVERY_KIND if title is None else TITLED)
    # any other bare noun is named only by what the page says a name is: 'the Synod of Arden,
    # a meeting of bishops … The meeting ended …' ('_defined'), never by the entities or the
    # title of a kind it has none of
    said = kind is head and not described and antecedents.bare(det)
    if not (listed or said) or head.dep_ in ("attr", "appos", "conj") or any(
            c.i > head.i and c.dep_ not in ("case", "punct", "cc", "conj") for c in head.children):
        return None  # 'Japan was the country most dependent on …' says which one itself
    earlier = [*previous, sent]
    name = _defined(lemma, det, earlier) if lemma in _EVERY_KIND or not listed else None
    if not listed:
        return None if name is None else Named(head.doc[det.i : head.i + 1].text, name)
    if name is None and lemma in _KINDS:
        name = _entity(*_KINDS[lemma], det, earlier, lemma)
    elif name is None and lemma in BODIES:
        name = _entity(frozenset(["ORG"]), frozenset(), det, earlier, lemma, body=True)
    if name is None and title is not None:
        name = _titled(lemma, det, earlier, title)
    if name is None:
        return None
    if _KINDS.get(lemma) == _WORK and name.startswith("the "):
        name = "The " + name[4:]  # a title's article is part of it: 'The Velvet Hours'
    text = head.doc[det.i : head.i + 1].text
    if kind is head and not described:
        return Named(text, name)
    owner = name + ("'" if name.endswith("s") else "'s")
    return Named(text, f"{owner} {head.doc[det.i + 1 : head.i + 1].text}")


def _before(det: Token, earlier: Sequence[Span]) -> list[Span]:
    """The spans of ``earlier``, the one holding ``det`` cut before it."""
    out = []
    for span in earlier:
        if span.doc is det.doc and span.start <= det.i < span.end:
            out.append(span.doc[span.start : det.i])
            break
        out.append(span)
    return out


def _defined(lemma: str, det: Token, earlier: Sequence[Span]) -> str | None:
    """The one name an earlier sentence says the noun is: 'Newcastle is a city', 'Newcastle,
    a city', 'the city of Newcastle' (or a noun alike: 'Brazil is a country' for 'the
    nation')."""
    from agents.generation.granularity import place_sort

    alike = next((group for group in _ALIKE if lemma in group), frozenset([lemma]))
    sorts = _KINDS[lemma][1] if lemma in _KINDS else frozenset()
    found: set[str] = set()
    for span in _before(det, earlier):
        found |= {name for noun, many, _, name in definitions(span)
                  if noun in alike and not many}
        for tok in span:
            if tok.lemma_.lower() not in alike or tok.pos_ != "NOUN":
                continue
            if tok.dep_ == "conj" and tok.head.dep_ == "attr" and tok.head.head.lemma_ == "be":
                # 'Warsaw is the capital and largest city of Poland'
                subject = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.pos_ == "PROPN" and subject.ent_type_:
                    found.add(_entity_text(subject))
            # 'the city of Newcastle' (not 'the largest city of Poland': a part of it)
            kids = list(tok.children)
            of = of_phrase(tok)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            # only for a listed kind: 'the siege of Acre' is no Acre
            if lemma in _EVERY_KIND and obj is not None and obj.pos_ == "PROPN" and \
                    obj.ent_type_ and any(
                    c.lower_ == "the" for c in kids) and not any(
                    c.dep_ in ("amod", "compound", "nummod", "poss") for c in kids) and (
                    not sorts or place_sort(_entity_text(obj)) in sorts):
                found.add(_entity_text(obj))
    found = {name for name in found if _fits(name, lemma) and not any(
        _fragment(name, span) for span in _before(det, earlier))}
    return found.pop() if len(found) == 1 else None


def _fits(name: str, lemma: str) -> bool:
    """Whether ``name`` may stand for a 'the ``lemma``': not a name that ends in the noun itself
    ('Albert Museum' for 'the museum': the same-noun name is antecedents.py's, and one cut
    short reads as another thing), nor a building's for a place ('the New Orangery' for 'the
    city')."""
    last = name.lower().removesuffix("'s").split()[-1] if name.split() else ""
    if last == lemma or (last.endswith("s") and last[:-1] == lemma):
        return False
    return not (lemma in _KINDS and "GPE" in _KINDS[lemma][0] and last in _BUILDINGS)


def _fragment(name: str, span: Span) -> bool:
    """Whether ``name`` stands in ``span`` as a part of a longer capitalised name: next to
    another capitalised word ('Albert Museum' of 'the Victoria and Albert Museum', joined by
    'and' or 'of' when the name ends in a building's or a kind's word)."""
    doc = span.doc
    start = span.start_char
    while (at := doc.text.find(name, start, span.end_char)) >= 0:
        start = at + 1
        words = doc.char_span(at, at + len(name), alignment_mode="expand")
        if words is None:
            continue
        before = doc[words.start - 1] if words.start > span.start else None
        after = doc[words.end] if words.end < span.end else None
        if after is not None and after.pos_ == "PROPN" and after.is_title:
            return True
        if before is None:
            continue
        if before.pos_ == "PROPN" and before.is_title:
            return True
        last = words[-1].lower_
        if before.lower_ in ("and", "of", "&") and words.start - 1 > span.start and (
                last in _BUILDINGS or last in _EVERY_KIND) and words[-1].is_title:
            ahead = doc[words.start - 2]
            if ahead.pos_ == "PROPN" and ahead.is_title:
                return True
    return False


def _entity_text(tok: Token) -> str:
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    span = ent if ent is not None else tok.doc[tok.i : tok.i + 1]
    words = span.text.removeprefix("the ").removeprefix("The ")
    if (span.start > 0 and tok.doc[span.start - 1].lower_ == "the") or span[0].lower_ == "the":
        return "the " + words
    return words


def _entity(labels: frozenset[str], sorts: frozenset[str], det: Token,
            earlier: Sequence[Span], lemma: str, body: bool = False) -> str | None:
    """The one entity of ``labels`` (and a place of ``sorts``) the page names before ``det``;
    of several, the one named at least twice and more often than all the others together,
    or the page's topic (the first sentence's subject) when it is named more often than each
    other one. A sole candidate is named twice before ``det``, in its sentence, or is the
    topic; no candidate is a piece of a longer name (``_fragment``) or one that does not fit
    ``lemma`` (``_fits``). A ``body`` ('the university') is named by the topic alone."""
    from agents.generation.granularity import place_sort

    counts: Counter[str] = Counter()
    texts: dict[str, str] = {}
    here: set[str] = set()  # the names of the sentence of ``det``
    for span in _before(det, earlier):
        for ent in span.ents:
            if ent.label_ not in labels or ent.root.dep_ == "compound" or (
                    sorts and place_sort(ent.text) not in sorts):
                continue
            text = _entity_text(ent.root)
            last = text.split()[-1].lower()
            if body and last in _EVERY_KIND and last != lemma:
                continue  # 'Norvik University' is no museum
            if not _fits(text, lemma) or _fragment(ent.text, span):
                continue
            key = text.lower().removeprefix("the ").removesuffix("'s")
            counts[key] += 1
            texts.setdefault(key, text)
            if span.doc is det.doc and span.start <= det.i <= span.end:
                here.add(key)
    if not counts or not earlier:
        return None
    first = earlier[0]
    subject = next((t for t in first if t.dep_ in ("nsubj", "nsubjpass") and t.head == first.root
                    and t.ent_type_ in labels and (not sorts or place_sort(
                        _entity_text(t)) in sorts)), None)
    key = "" if subject is None else _entity_text(subject).lower().removeprefix("the ")
    (top, most), *rest = counts.most_common()
    if not rest and top != key and top not in here and sum(
            len(re.findall(rf"\b{re.escape(texts[top].removeprefix('the '))}\b", span.text))
            for span in _before(det, earlier)) < 2:
        # a name said once before, not in the noun's own sentence ('Paris' on a page about
        # Montpellier), is no topic
        return None
    own = {k for k in counts if k in here}
    if own:
        # 'Japan also invaded Thailand, pressuring the country …': one of the sentence's own
        return texts[own.pop()] if len(own) == 1 and not body else None
    if not body and (not rest or (most >= 2 and most > sum(n for _, n in rest))):
        return texts[top]
    if subject is None:
        return None
    named = counts.get(key, 0)
    if named and all(n < named for k, n in counts.items() if k != key):
        return texts[key]
    return None


def title_words(title: Span) -> list[Token]:
    """The words of a title that name its thing: before a bracket that says where ('Victoria
    (Australia)' → 'Victoria'), none for a bracket that says which one ('Sky (United
    Kingdom)' is one Sky of several), its punctuation left out but for '.', "'" and '&'.
    Worked out once per title: kept in its Doc's ``user_data`` by token index."""
    key = f"{_TITLE_WORDS}:{title.start}:{title.end}"
    found = title.doc.user_data.get(key)
    if found is None:  # once per document: the title's Doc is parsed for it (parsed.generate)
        found = title.doc.user_data[key] = _title_words(title)
    return [title.doc[i] for i in found]


_TITLE_WORDS = "kinds.title_words"  # Doc.user_data key: the title's words, by token index


def _title_words(title: Span) -> tuple[int, ...]:
    from agents.generation.granularity import place_sort

    bracket = next((t.i for t in title if t.text == "("), None)
    if bracket is not None and place_sort(title.doc[bracket + 1 :].text.strip(" )")) == "other":
        return ()  # 'Sky (United Kingdom)' is one Sky, 'Victoria (Australia)' the state
    return tuple(t.i for t in title.doc[title.start : bracket or title.end]
                 if not t.is_punct or t.text in ".'&")


def _titled(lemma: str, det: Token, earlier: Sequence[Span], title: Span) -> str | None:
    """What the document's ``title`` says a bare 'the ``lemma``' is, when the page names no
    other thing of its kind before ``det`` (an entity of its labels, a capitalised '… Museum'):
    the title that holds the noun ('Victoria and Albert Museum' → 'the Victoria and Albert
    Museum', 'Kenya constitution' → "Kenya's constitution"), the title that is one of the
    kind ('Kenya' for 'the country', 'Super Bowl 50' for 'the game'), or a country's
    ("Kenya's constitution")."""
    from agents.generation.granularity import place_sort

    words = title_words(title)
    if not words:
        return None
    text = title.doc[words[0].i : words[-1].i + 1].text
    labels, sorts = _KINDS.get(lemma, (frozenset(["ORG"]), frozenset()) if lemma in BODIES
                               else (frozenset(["EVENT"]), frozenset()) if lemma in TITLE_KINDS
                               else _STATE if lemma == "state"
                               else (frozenset(["GPE"]), frozenset(["country"])))
    before = _before(det, earlier)
    if any(t.lemma_.lower() == lemma and t.i < det.i and any(
            c.lower_ in ("a", "an") for c in t.children) for t in before[-1]):
        return None  # 'A city is also a commune – but with the city charter': any city's
    if lemma in TITLE_KINDS and other_event(earlier[-1], title):
        return None  # '… the divisional round by scoring 11 points in … the game': that game
    low = [t.lower_ for t in words]
    if lemma + "s" in low or lemma + "es" in low:
        return None  # 'Napoleonic Wars' is no one war
    if len(words) >= 2 and lemma in low:
        if any(t.lower_ == lemma and t.text[:1].isupper() and t.i > span.start
               and text not in span.text for span in before for t in span):
            return None  # the page names another '… Museum': which one is the page's to say
        at = low.index(lemma)
        name = [t for t in words if t.is_alpha]
        if at == len(words) - 1 and words[at].is_lower:
            owner = title.doc[words[0].i : words[at - 1].i + 1].text  # 'Kenya constitution'
            if place_sort(owner) not in ("country", "state"):
                return None  # 'Art museum' is no museum of a place called Art
            return owner + ("'" if owner.endswith("s") else "'s") + " " + words[at].text
        if all(t.text[:1].isupper() for t in name if t.lower_ not in ("of", "and", "the")) and (
                at == len(words) - 1 or (at == 0 and low[1] == "of")):
            if text.lower().startswith("the ") or (
                    (lemma in _KINDS or lemma in BODIES) and at > 0):
                return text  # 'Mexico City', 'Vancouver Island', 'Harvard University'
            return "the " + text  # 'the Victoria and Albert Museum', 'the Constitution of …'
        return None
    if not all(t.text[:1].isupper() or not t.is_alpha for t in words):
        return None  # 'Kenya constitution' holds no 'museum'; a lowercase title names no thing
    named = Counter(e.text.lower().removeprefix("the ") for span in before for e in span.ents
                    if e.label_ in labels and e.root.dep_ != "compound" and (
                        not sorts or place_sort(e.text) in sorts))
    own = named.pop(text.lower(), 0)
    if named and own <= max(named.values()):
        return None  # the page names another of its kind as often: which one is the page's
    if lemma in _OWNED:
        owner = text + ("'" if text.endswith("s") else "'s")
        return f"{owner} {det.head.text}" if place_sort(text) == "country" else None
    if sorts and place_sort(text) not in sorts:
        return None
    if sorts and "other" not in sorts:
        return text  # a country or state the gazetteer knows ('Kenya', 'Victoria')
    said = next((e.label_ for span in earlier for e in span.ents if e.text == text), None)
    label = next((e.label_ for e in title.ents if e.start <= title.root.i < e.end), None)
    if (said or label) not in labels:
        return None
    return text


def numeral(token: Token) -> bool:
    """A number in digits, words or Roman numerals ('50', 'II', 'XLVII')."""
    return token.pos_ == "NUM" or token.like_num or (
        token.pos_ == "PROPN" and token.is_upper and set(token.text) <= set("IVXLCDM"))


def other_event(sent: Span, title: Span) -> bool:
    """``sent`` names an event that is not the title's: an EVENT entity, or one holding the
    title's name words ('Super Bowl XL' on 'Super Bowl 50', tagged FAC), or a happening's noun
    that a modifier says which one is ('the divisional round'; not 'the passing game')."""
    name = {t.lower_ for t in title if not numeral(t)}
    own = title.text.lower()
    for ent in sent.ents:
        if ent.text.lower().removeprefix("the ") == own:
            continue
        if ent.label_ == "EVENT" or name <= {t.lower_ for t in ent}:
            return True
    return any(t.lemma_.lower() in HAPPENINGS and t.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("amod", "compound", "nummod", "poss", "npadvmod") and c.tag_ != "VBG"
        for c in t.children)
        for t in sent)
