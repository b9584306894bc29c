"""A card's context label: the page's subject, shown on a card whose sentence does not name it.

The s14 held-out reviews rejected cards such as "Since _____, undergraduate students have been
required to complete courses in eight General Education categories" ("no university named": the
page is about Harvard) and "Since 1990 there are no limitations to residency registration"
("where? Warsaw not named"). The fact is sound; the card lacks only what the page is about. A
flashcard app shows that as a short label: "Harvard: Since _____, undergraduate students …".

The subject is the page's most frequent name (a named entity, or a run of proper nouns; an
everyday word such as 'Court' or 'Science' counts only in a place's or a person's name) in the
form the page repeats ("Harvard", "Warsaw", "the Court of Justice"), and only when it clearly
dominates: named ``_MANY`` times, or twice with one in the opening sentence; ``DOMINANCE``
times as often as any name that does not contain it; and not outnumbered ``_CONCEPT`` to one
by the page's commonest noun (a page about deviance that names a bank as its example). A page
with no such name gets no label, and the scope checks decide alone. A card gets no label when
its text names the subject (or its spelled-out form, 'the European Union' for 'EU'), when its
answer is the subject (the label would show it), or when it names another of the page's names.

The label is the candidate's ``context``, shown by ``cards.to_card`` (``shown``); the scorer
and the keep model read the question without it, as before.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agents.generation.spans import zipf

if TYPE_CHECKING:
    from spacy.tokens import Span

    from agents.generation.cards import Candidate

MIN_MENTIONS = 2
# a word this frequent is an everyday word ('court' 5.4, 'science' 5.1), not a name; 'harvard'
# is 4.2, 'warsaw' 3.7
_EVERYDAY = 5.0
# the page's commonest noun this many times as frequent as the name: the page is about a
# concept, and the name is one of its examples
_CONCEPT = 2.0
_MANY = 3  # mentions that make a name the subject wherever it stands
_PEOPLES = frozenset({"NORP"})  # 'Polish', 'Jews': a card naming them still lacks the place
_PLACES_PEOPLE = frozenset({"GPE", "LOC", "PERSON", "PER", "NORP"})
DOMINANCE = 2.0
_NAME_LABELS = frozenset({"PERSON", "PER", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT",
                          "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE", "MISC"})
_LEADS = frozenset({"the", "el", "la", "los", "las"})


@dataclass(frozen=True)
class Subject:
    label: str  # as the page writes it: "Harvard", "the Yuan dynasty"
    words: frozenset[str]  # the lower-case words that name it: {"harvard"}
    others: frozenset[str] = frozenset()  # the words of the page's other names ('x.25')


def labelled(label: str, body: str) -> str:
    """The one rendering of a context label: 'Harvard: Since _____, …'."""
    return f"{label}: {body}"


def _names(sent: Span) -> Iterable[Span]:
    """The sentence's names: its named entities of a naming kind, and runs of proper nouns
    outside them. An adjective ('American', 'British') names no subject."""
    taken: set[int] = set()
    for ent in sent.ents:
        if ent.label_ in _NAME_LABELS and ent.root.pos_ != "ADJ":
            taken.update(range(ent.start, ent.end))
            yield ent
    run: list[int] = []
    for tok in [*sent, None]:
        if tok is not None and tok.pos_ == "PROPN" and tok.i not in taken and tok.is_alpha:
            run.append(tok.i)
            continue
        if run:
            yield sent.doc[run[0]: run[-1] + 1]
            run = []


def _key_words(name: Span, language: str) -> frozenset[str]:
    """The words that make the name this one: its capitalised proper nouns, without the
    everyday words of an organisation's or a title's name ('Science' of a course category,
    'Court', 'Lord'); a place's, a person's or a people's name counts whatever its frequency
    ('India')."""
    return frozenset(
        _stem(t.lower_) for t in name
        if t.pos_ == "PROPN" and len(t) > 1 and t.text[:1].isupper()
        and (t.ent_type_ in _PLACES_PEOPLE or zipf(t.lower_, language) < _EVERYDAY))


def _stem(word: str) -> str:
    """'Harvard's' → 'harvard's' → 'harvard'; 'U.S.' and 'u.s' alike."""
    return word.removesuffix("'s").removesuffix("’s").rstrip(".")


def page_subject(sents: Iterable[Span]) -> Subject | None:
    """The name the page is clearly about, or None when no name dominates."""
    sents = list(sents)
    language = sents[0].doc.lang_ if sents else "en"
    every = [name for sent in sents for name in _names(sent)]
    names = [(n, w) for n in every if (w := _key_words(n, language))]
    counts: Counter[str] = Counter(w for _, words in names for w in words)
    if not counts:
        return None
    top, mentions = counts.most_common(1)[0]
    # its spelled-out form is a mention too: 'the European Union' of 'EU'
    spelled_out = [name for name in every if _initials(name) == top]
    spelled = {_stem(t.lower_) for name in spelled_out for t in name if t.pos_ == "PROPN"}
    mentions += len(spelled_out)
    opening = bool({top, *spelled} & {_stem(t.lower_) for t in sents[0]})
    if mentions < MIN_MENTIONS or (mentions < _MANY and not opening):
        return None  # named twice, and not where the page opens: one name among others
    nouns = Counter(t.lemma_.lower() for sent in sents for t in sent if t.pos_ == "NOUN")
    if nouns and nouns.most_common(1)[0][1] >= _CONCEPT * mentions:
        return None  # a page about 'deviance' (7) that names Wells Fargo (2) as an example
    # a rival is a name that does not contain the top word ('Cambridge' beside 'Harvard',
    # not 'University' of 'Harvard University')
    rivals: Counter[str] = Counter(w for _, words in names if top not in words
                                   and not words <= spelled for w in words)
    if rivals and rivals.most_common(1)[0][1] * DOMINANCE > mentions:
        return None
    # the form the page repeats ('Harvard', 'the Court of Justice'): a word that only ever
    # stands inside longer names ('Royal' of 'the Royal Castle' and 'the Royal Route', 'King'
    # of 'King George's War') names no one thing
    forms: Counter[str] = Counter()
    for name, words in names:
        if top in words:
            text = _stem(name.text)
            first = text.split(" ", 1)[0]
            forms[first.lower() + text[len(first):] if first.lower() in _LEADS else text] += 1
    label = min(forms, key=lambda f: (-forms[f], len(f)))
    if forms[label] < MIN_MENTIONS:
        return None
    others = frozenset(w for name, words in names if top not in words and not words <= spelled
                       and name.label_ not in _PEOPLES for w in words)
    return Subject(label, frozenset({top, *spelled}), others)


def _initials(name: Span) -> str:
    return "".join(t.lower_[0] for t in name if t.text[:1].isupper() and t.pos_ != "DET")


def _words(text: str) -> set[str]:
    """Its words, lower-cased, a plural's singular beside it ('huguenots' names Huguenot)."""
    words = {_stem(w) for w in re.findall(r"[\w.'’]*\w", text.lower())}
    return words | {w.removesuffix("s") for w in words}


def names(text: str, subject: Subject) -> bool:
    """The text names the subject ('… the Harvard Management Company …' names Harvard)."""
    return bool(_words(text) & subject.words)


def label(cand: Candidate, subject: Subject | None) -> Candidate:
    """The card with the page's subject as its context label, where its text does not name
    the subject and its answer is not the subject. A card that names another of the page's
    names ('What does X.25 specify …?' on a page about Frame Relay) is about that one: a
    label would say it is about the subject."""
    if subject is None or cand.context or names(cand.question, subject) \
            or names(cand.answer, subject) or _words(cand.question) & subject.others:
        return cand
    return dataclasses.replace(cand, context=subject.label[:1].upper() + subject.label[1:])


def shown(cand: Candidate) -> str:
    """The question as the card shows it: the label before the question, or for a true/false
    card before its statement ('True or false: Warsaw: Since 1990 …')."""
    if not cand.context:
        return cand.question
    if cand.statement and cand.question.endswith(cand.statement):
        prefix = cand.question[: len(cand.question) - len(cand.statement)]
        return prefix + labelled(cand.context, cand.statement)
    return labelled(cand.context, cand.question)
