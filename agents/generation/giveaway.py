"""What in a sentence gives its answer away, so that no card blanks or asks it.

Session 9's blind review kept 55 % of the multiple-choice cards, and nearly every reject had
the answer in plain sight of its own stem:

- a derived form of the answer: 'the Scottish Ministers who form the government of _____'
  (Scotland), 'non-native Chinese people ruled all of _____' (China). A name, nationality or
  adjective of the sentence that shares the answer's stem ('Scot-', 'Chin-') or that MiniLM
  puts as close to it as a demonym is to its country (Scottish–Scotland 0.84, French–France
  0.74, Chinese–China 0.68; a neighbour country sits at 0.45–0.53) names the answer;
- a count the sentence shows: 'split into _____ different classes, fermions and bosons' (two:
  the list after the counted noun has two members), 'a single equation with _____ unknown'
  (one: a singular noun agrees with one and nothing else);
- a count too small to be worth a card: 'In the case of _____ fermions' (two); reviewers kept
  'three Advocate Generals'.
- the answer's year stated again: 'the Royal Proclamation of _____ on October 7, 1763';
- the answer's noun as a verb of the sentence: 'the mayor vetoes a bill … override the _____'
  (veto);
- an abbreviation a card's stem shows whose letters spell the answer's words: 'The Court of the
  _____, often abbreviated COTR, …' (Realm), 'the _____ (WHO)' (World Health Organization).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
from spacy.tokens import Span, Token

from agents.generation.granularity import place_sort
from agents.generation.spans import Answer
from agents.generation.terms import NUMBER_WORDS, YEAR_DIGITS, norm

STEM = 4  # letters a name shares with the answer's to be its derived form ('Scot', 'Chin')
DERIVED_COSINE = 0.65  # MiniLM: a demonym to its country is 0.68-0.89, neighbours under 0.6
# a place named in the stem lies in the answer when MiniLM puts it this close to the answer and
# this much closer than to every option (s12: Hangzhou–China 0.54 vs 0.46 for Taiwan; Western
# Cape–South Africa 0.60 vs 0.51; kept cards: 'Huguenot' nearer 'Belgium' than 'France')
INSIDE_COSINE = 0.45
INSIDE_MARGIN = 0.07
# a name of the stem gives a place away when this close to it and this much closer than to any
# option (named_form: Welsh-Wales 0.77, margin 0.28; kept 'Hezbollah in _____': 0.75, 0.16)
FORM_COSINE = 0.6
FORM_MARGIN = 0.2
SMALL_COUNT = 2  # a bare count of one or two: reviewers call it not worth asking
_COUNT_WORDS = {w: n for n, w in enumerate(NUMBER_WORDS, start=1)}
_LIST_PUNCT = frozenset([",", ":", "–", "—", "-", "("])


def count_value(text: str) -> int | None:
    """The count a bare count answer says ('two', 'only one', '42'), else None."""
    words = [w for w in norm(text).split() if w not in ("only", "just", "a", "single")]
    if len(words) != 1:
        return None
    word = words[0].replace(",", "")
    if word.isdigit():
        return int(word)
    return _COUNT_WORDS.get(word)


def derived_words(answer: Answer, sent: Span) -> list[Token]:
    """The capitalised words outside the answer that could be a form of it: a nationality, an
    adjective or a name ('Scottish', 'Chinese', 'Norman'); the caller encodes them with the
    answers (``parsed.generate``)."""
    return [t for t in sent if not answer.start <= t.i < answer.end and t.text[:1].isupper()
            and t.is_alpha and (t.i > sent.start or t.ent_type_ or t.pos_ == "PROPN")
            and (t.ent_type_ in ("NORP", "LANGUAGE") or t.pos_ in ("ADJ", "PROPN"))]


def shares_stem(word: str, answer: str) -> bool:
    """'Scottish' and 'Scotland', 'Chinese' and 'China': another word of one stem."""
    a = [w for w in norm(answer).split() if len(w) >= STEM]
    w = norm(word)
    return w not in a and any(x[:STEM] == w[:STEM] for x in a)


def names_answer(answer: Answer, sent: Span, vectors: Mapping[str, np.ndarray] | None) -> bool:
    """Another word of the sentence is a derived form of a name answer (see the module). A
    name a lowercase word opens counts too: 'Southern Chinese … because _____ withstood' →
    'southern China' (s17b: rejected as trivial by all reviewers)."""
    if answer.kind == "person" or not any(w[:1].isupper() for w in answer.text.split()):
        return False  # 'François Bigot' beside 'New France' is no form of it
    words = [t for t in derived_words(answer, sent) if t.ent_type_ != "PERSON"]
    if any(shares_stem(t.text, answer.text) for t in words):
        return True
    if answer.kind != "place":
        return False  # 'Protestant' is near 'Catholics' in meaning, and no form of it
    # a nationality or adjective only: a name near in meaning is another thing ('Harvard' and
    # 'Yale University', 0.70, a rival, not a form of it)
    forms = [t for t in words if t.ent_type_ in ("NORP", "LANGUAGE") or t.pos_ == "ADJ"]
    if not forms or vectors is None or answer.text not in vectors:
        return False
    target = vectors[answer.text]
    return any(t.text in vectors and float(vectors[t.text] @ target) >= DERIVED_COSINE
               for t in forms)


def listed(counted: Token) -> int:
    """How many items the sentence lists right after ``counted`` ('classes, fermions and
    bosons' → 2; 'parts: the nucleus, the membrane and the cytoplasm' → 3), 0 for none."""
    doc = counted.doc
    first = next((c for c in counted.children if c.i > counted.i and c.dep_ in ("appos", "conj")
                  and any(doc[i].text in _LIST_PUNCT for i in range(counted.i + 1, c.i))), None)
    if first is None:
        return 0
    items, tok = 1, first
    while True:
        nxt = next((c for c in tok.children if c.dep_ == "conj" and c.i > tok.i), None)
        if nxt is None:
            return items
        items, tok = items + 1, nxt


def count_shown(answer: Answer, sent: Span) -> bool:
    """The sentence shows the count: a list of as many items after the counted noun, or a
    singular noun that only 'one' agrees with."""
    value = count_value(answer.text)
    if value is None:
        return False
    if value == 1:
        return True  # 'a single equation with _____ unknown'
    root = answer.span(sent).root
    counted = root.head if root.dep_ == "nummod" else None
    return counted is not None and listed(counted) == value


def small_count(answer: Answer) -> bool:
    value = count_value(answer.text)
    return value is not None and value <= SMALL_COUNT and not any(ch.isdigit()
                                                                  for ch in answer.text)


def _subdivision_of(place: str, country: str) -> bool:
    """pycountry lists ``place`` as a subdivision of ``country`` ('Western Cape', 'South
    Africa')."""
    import pycountry

    try:
        found = pycountry.countries.lookup(country)
    except LookupError:
        return False
    name = place.lower().removeprefix("the ")
    return any(s.name.lower() == name for s in
               pycountry.subdivisions.get(country_code=found.alpha_2) or [])


def place_inside(answer: Answer, sent: Span, options: Sequence[str],
                 vectors: Mapping[str, np.ndarray] | None) -> str | None:
    """The sentence names a place that lies in the answer, so the options give it away: 'the
    Western Cape province in _____' (South Africa: a subdivision pycountry lists), 'Hangzhou
    …, the wealthiest city of _____' (China), where MiniLM puts the named place clearly closer
    to the answer than to any option (s12: both cards rejected as trivial by all reviewers).
    Returns the place, or None."""
    if answer.kind != "place" or place_sort(answer.text) == "other":
        return None
    places = [e for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")
              and (e.end <= answer.start or e.start >= answer.end)]
    for place in places:
        if _subdivision_of(place.text, answer.text):
            return place.text
    if vectors is None or answer.text not in vectors or not options \
            or not all(o in vectors for o in options):
        return None
    target = vectors[answer.text]
    for place in places:
        if place.text not in vectors or place_sort(place.text) != "other":
            continue  # a country beside a country is a neighbour, not a part
        here = vectors[place.text]
        own = float(here @ target)
        nearest = max(float(here @ vectors[o]) for o in options)
        if own >= INSIDE_COSINE and own - nearest >= INSIDE_MARGIN:
            return place.text
    return None


def named_form(answer: Answer, sent: Span, options: Sequence[str],
               vectors: Mapping[str, np.ndarray] | None) -> str | None:
    """A name, language or nationality of the stem that MiniLM puts near the place answer and
    far nearer to it than to every option, so only one option fits the stem: 'the medium of
    Welsh' for 'all over _____' (Wales, 0.77; England, Scotland, Ireland under 0.49: s21),
    'the Taliban took over roughly 80 % of _____' (Afghanistan, 0.77 against 0.54: s10). Both
    cards were rejected as given away by all reviewers; ``names_answer`` reads only a
    nationality or an adjective (an untagged 'Welsh' and the group 'Taliban' are neither), and
    before the options are known. Over the seen rated place cards (s6..s21) it fires on 4
    rejected and no kept card ('Hezbollah in _____', kept, stands at a margin of 0.16).
    Returns the word, or None."""
    if answer.kind != "place" or vectors is None or answer.text not in vectors or not options \
            or not all(o in vectors for o in options):
        return None
    target = vectors[answer.text]
    for word in derived_words(answer, sent):
        if word.ent_type_ == "PERSON" or word.text not in vectors:
            continue
        here = vectors[word.text]
        own = float(here @ target)
        if own >= FORM_COSINE and own - max(float(here @ vectors[o]) for o in options) \
                >= FORM_MARGIN:
            return word.text
    return None


def _amounts(text: str) -> list[float]:
    """The numbers a text says, in digits or as count words ('10 years', 'ten')."""
    out = [float(n.replace(",", "")) for n in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", text)]
    return out + [float(_COUNT_WORDS[w]) for w in norm(text).split() if w in _COUNT_WORDS]


def sum_shown(answer: Answer, sent: Span) -> bool:
    """The sentence's other numbers give the answer by a subtraction or a sum: 'worked for
    _____, from age 18 to 28' (10 years), 'for 10 years, from age _____' ('18 to 28', whose
    width the sentence states), 'Of the 129 members, 73 are elected and _____ appointed',
    'ruled for only two years, from 1321 to _____' (1323: s18, all reviewers rejected it as
    given away). A reader needs no knowledge to answer it (s13b: rejected as given away by
    all reviewers)."""
    ours = _amounts(answer.text)
    rest = sent.doc[sent.start : answer.start].text + " " + sent.doc[answer.end : sent.end].text
    others = [v for v in _amounts(rest) if v > 0]
    if not ours or not others or len(ours) > 2 or any(v <= 1 for v in ours):
        return False
    if len(ours) == 2:  # a range: its width is said
        return abs(ours[1] - ours[0]) in others
    return any(abs(x - y) == ours[0] or x + y == ours[0]
               for i, x in enumerate(others) for y in others[i + 1:])


# words an abbreviation may leave out ('United States of America' → USA)
_SKIPPABLE = frozenset(str.split("of the and for a an in on to"))


def _spells(letters: str, words: Sequence[str], first: int) -> int | None:
    """The index after the run of ``words`` from ``first`` whose initials are ``letters`` (a
    small word may give its letter or be left out), else None."""
    if not letters:
        return first
    if first >= len(words):
        return None
    word = words[first]
    if word[:1].upper() == letters[0]:
        end = _spells(letters[1:], words, first + 1)
        if end is not None:
            return end
    if word.lower() in _SKIPPABLE and first > 0:
        return _spells(letters, words, first + 1)
    return None


def spelled(stem: str, answer: str, blank: str) -> bool:
    """A stem (with ``blank`` for the answer) shows an abbreviation (three or more capitals)
    whose letters are the initials of a run of its words that holds a word of the answer:
    'The Court of the _____, abbreviated COTR' (Realm) spells the blank out. Read from the
    card's own text: a clause that left the sentence's '(WHO)' out gives nothing away."""
    if blank not in stem:
        return False
    before, after = stem.split(blank, 1)
    found = [(w, False) for w in re.findall(r"[^\W\d_]+", before)]
    found += [(w, True) for w in re.findall(r"[^\W\d_]+", answer)]
    found += [(w, False) for w in re.findall(r"[^\W\d_]+", after)]
    texts = [w for w, _ in found]
    for acronym in {w for w, inside in found if not inside and len(w) >= 3 and w.isupper()}:
        for first in range(len(texts)):
            if texts[first] == acronym:
                continue
            end = _spells(acronym, texts, first)
            if end is not None and any(inside for _, inside in found[first:end]):
                return True
    return False


_YEAR = re.compile(rf"(?<![\d.,])({YEAR_DIGITS})(?![\d]|,\d)")


def year_shown(answer: Answer, sent: Span) -> bool:
    """A date or year whose year the rest of its sentence states: 'the Royal Proclamation of
    _____ on October 7, 1763' (1763), 'In _____, Harvard announced … from July to October
    2008' (December 2008): the stem leaves one option standing (s13, s15: both rejected as
    trivial)."""
    if answer.kind not in ("year", "date"):
        return False
    years = set(_YEAR.findall(answer.text))
    doc = sent.doc
    rest = doc.text[sent.start_char : doc[answer.start].idx] + " " + doc.text[
        doc[answer.end - 1].idx + len(doc[answer.end - 1]) : sent.end_char]
    return bool(years & set(_YEAR.findall(rest)))


_END = r"(?:end|close|late|last\s+(?:years|decades?|part)\s+of|turn)"
_START = r"(?:beginning|start|early|dawn|first\s+(?:years|decades?|part)\s+of|opening)"
_ERA = r"(?:\d{1,2}(?:st|nd|rd|th)[\s-]+centur(?:y|ies)|\d{3,4}s)"  # a century or a decade
_OF = r"\b(?:\s+of)?(?:\s+the)?\s+"
_JOIN = r"\s+(?:and|to|into)\s+(?:the\s+)?"
_SEQUENCE = (re.compile(rf"\b{_END}{_OF}\x00{_JOIN}{_START}{_OF}{_ERA}", re.IGNORECASE),
             re.compile(rf"\b{_END}{_OF}{_ERA}{_JOIN}{_START}{_OF}\x00", re.IGNORECASE))


def sequence_shown(answer: Answer, sent: Span) -> bool:
    """A century or decade the sentence joins, as the end of one and the beginning of the next,
    to another it names: 'the end of the _____ and the beginning of the 20th century' can only
    be the 19th (s19: cloze and multiple choice both rejected as trivial; all seen rated
    cards s6..s19b of this form: 0 kept, 2 rejected)."""
    if not re.fullmatch(rf"(?:the\s+)?{_ERA}", answer.text, re.IGNORECASE):
        return False
    doc = sent.doc
    before = doc.text[sent.start_char : doc[answer.start].idx]
    before = re.sub(r"\bthe\s*$", "", before, flags=re.IGNORECASE)
    after = doc.text[doc[answer.end - 1].idx + len(doc[answer.end - 1]) : sent.end_char]
    text = before.rstrip() + " \x00" + after
    return any(p.search(text) for p in _SEQUENCE)


def verb_shown(answer: Answer, sent: Span) -> bool:
    """The blank's head noun is a verb of its own sentence: 'If the mayor vetoes a bill, the
    council can override the _____' (veto): the student copies the word (s17: rejected as
    trivial by all reviewers; all seen rated cloze cards s6..s17b: 0 kept, 1 rejected)."""
    head = answer.span(sent).root
    if head.pos_ != "NOUN" or not head.is_lower or len(head) < 4:
        return False
    return any(t.pos_ == "VERB" and t.lemma_.lower() == head.lemma_.lower()
               for t in sent if not answer.start <= t.i < answer.end)


def _modified(words: Sequence[Token]) -> tuple[str, str] | None:
    """(modifier, noun) of a two-word 'strong acid', or None."""
    if len(words) != 2 or words[1].pos_ != "NOUN" or words[0].head.i != words[1].i \
            or words[0].dep_ not in ("amod", "compound"):
        return None
    return words[0].lemma_.lower(), words[1].lemma_.lower()


def sibling_shown(answer: Answer, sent: Span) -> bool:
    """The phrase coordinated with the blank shares its modifier: 'small amounts of a _____ or
    a strong base' (strong acid): the modifier is copied and the other noun of a pair is named
    (s27b: rejected as trivial; all seen rated cards s6..s27b: 0 kept, 1 rejected; the same
    head with another modifier, 'primary schools … secondary schools', is 50 kept / 34
    rejected and stands)."""
    doc = sent.doc
    mine = _modified([t for t in answer.span(sent) if t.pos_ != "DET"])
    if mine is None:
        return False

    def other(words: list[Token]) -> bool:
        them = _modified([t for t in words if t.pos_ != "DET"])
        return them is not None and them[0] == mine[0] and them[1] != mine[1]

    after = list(doc[answer.end:min(sent.end, answer.end + 4)])
    if after and after[0].pos_ == "CCONJ" and other(after[1:4 if after[1:2] and
                                                       after[1].pos_ == "DET" else 3]):
        return True
    before = list(doc[max(sent.start, answer.start - 4):answer.start])
    if before and before[-1].pos_ == "DET":
        before = before[:-1]
    return bool(before) and before[-1].pos_ == "CCONJ" and other(before[-3:-1])


def gives_away(answer: Answer, sent: Span, vectors: Mapping[str, np.ndarray] | None
               ) -> str | None:
    """Why the sentence gives ``answer`` away (a card blanking or asking it teaches nothing),
    or None."""
    if count_shown(answer, sent):
        return "the sentence shows the count"
    if small_count(answer):
        return "a count too small to ask"
    if sum_shown(answer, sent):
        return "the sentence's other numbers give the answer"
    if names_answer(answer, sent, vectors):
        return "the sentence names a form of the answer"
    if year_shown(answer, sent):
        return "the sentence states the answer's year"
    if sequence_shown(answer, sent):
        return "the sentence's next or last time gives the answer"
    if verb_shown(answer, sent):
        return "the sentence's verb is the answer's noun"
    if sibling_shown(answer, sent):
        return "the coordinated phrase shares the answer's modifier"
    return None
