"""A document's title, as the engine reads it: the one the user gave, else their file's name.

A page is about something its sentences need not name: a constitution's articles never say
which country's, a museum's page says 'the museum'. The title says it (kinds.py names a bare
'the constitution' from it). The user's title stands as given; a file's name stands in when
there is none, its extension dropped and its separators read as spaces:
'kenya_constitution.pdf' → 'Kenya constitution'. A name with no letters ('0001.png') is no
title. (The benches give a passage's title as its reviewers see it: card_review.shown_title.)

A reader who sees the title knows the page's own name: a card whose answer is the title or its
head name ('Tesla' on 'Nikola Tesla', 'Newcastle' on 'Newcastle upon Tyne', 'chloroplasts' on
'Chloroplast structure') asks nothing the title does not say (``names_title``). Session 22's
blind reviewers, shown the title, rejected such cards as trivial; the deck serves them only when
it has no others (quality.QualityScorer.select).
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_ARTICLES = frozenset({"the", "a", "an"})
# the letters a word shares with a title word to be a derived form of it ('Kenya' → 'Kenyans',
# 'Geology' → 'geologists'); with four, words that only begin alike join too (within_title)
DERIVED_STEM = 5
# what a title's head word takes before it as part of its name: 'Nikola Tesla', 'Chloroplast
# structure' (an adjective, 'Economic inequality', or a number, 'Super Bowl 50', is a word of
# the title but names no thing of its own)
_NAME_PARTS = frozenset({"compound", "nmod", "flat"})
# how the parser attaches what follows the head after a colon, comma or bracket: 'Podcast
# Trailblazer: Alice Wong', 'Jacksonville, Florida' (appos), 'Portland, Oregon' (npadvmod)
_QUALIFIERS = frozenset({"appos", "npadvmod"})


def clean(raw: str | None) -> str | None:
    """``raw`` with underscores and runs of spaces read as one space, the first letter
    capitalised; None when it holds no letter."""
    if not raw:
        return None
    words = " ".join(re.sub(r"[_\s]+", " ", raw).split())
    if not any(ch.isalpha() for ch in words):
        return None
    return words[:1].upper() + words[1:]


def from_filename(name: str | None) -> str | None:
    """The title a file's name gives: its stem, cleaned ('kenya_constitution.pdf' → 'Kenya
    constitution'); None for no name, stdin ('-') or a name with no letters."""
    if not name or name == "-":
        return None
    stem = PurePath(name.replace("\\", "/")).name
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", stem)
    return clean(stem.replace("-", " ") if "_" not in stem and " " not in stem else stem)


def document_title(given: str | None, filename: str | None) -> str | None:
    """The title of an upload: the one the user gave, else its file name's (``from_filename``)."""
    return clean(given) if given and given.strip() else from_filename(filename)


def _forms(word: str) -> set[str]:
    """A word's lowercase form and its singulars ('chloroplasts' → 'chloroplast')."""
    w = word.lower()
    return {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w}


def _words(token: Token) -> list[str]:
    """The words of a token: one, or a name the pipeline merged ('Doctor Who', nlp.wh_names),
    each of whose words names the thing as 'Tesla' does 'Nikola Tesla'."""
    return [w for w in token.text.split(" ") if w.isalpha()]


def _set_off(word: Token) -> bool:
    """Whether a colon, comma or bracket sets off the phrase ``word`` heads: the parser may
    make the mark the phrase's own ('Mercury (planet)') or its head's ('Victoria
    (Australia)', 'Jacksonville, Florida')."""
    first = word.left_edge
    marks = {first.text} if first.is_punct else set()
    if first.i > 0:
        marks.add(word.doc[first.i - 1].text)
    return bool(marks & {":", ",", "("})


def head_names(title: Span) -> set[str]:
    """The lowercase words that name a title's thing: its head word and the words it takes
    before it ('Nikola Tesla' → nikola, tesla; 'Chloroplast structure' → chloroplast,
    structure), and the proper name of a proper head's 'of' ('University of Chicago' →
    also chicago) or what a common head's 'of' names ('Mathematics of Waves' → also waves;
    'Structure and Properties of the Nonmetals' → also nonmetals), and what a colon, comma
    or bracket adds after the head ('Jacksonville, Florida' → also florida; 'Mercury
    (planet)' → mercury, planet). Not the rest: 'Privacy in the Workplace' is about privacy."""
    if not any(_words(t) for t in title):
        return set()
    root = title.root
    named: list[Token] = [root, *(t for t in root.lefts if t.dep_ in _NAME_PARTS)]
    named += [t for t in root.rights if t.dep_ in _NAME_PARTS]
    if root.pos_ == "PROPN":
        named += [o for p in root.rights if p.lower_ == "of" for o in p.children
                  if o.dep_ == "pobj" and o.pos_ == "PROPN"]
    else:
        # a common head names an aspect of the thing its 'of' names, and so does each head
        # it is joined to ('Structure and General Properties of the Nonmetals' is about the
        # nonmetals, 'Mathematics of Waves' about waves): s27's three reviewers, shown the
        # title, rejected four 'The _____ have higher electronegativities …' → nonmetals
        # cards as the title's answer. Every seen rated non-tf card it flags: 0 kept, 4
        # rejected. 'in', 'for' … name a setting, not the thing ('Privacy in the Workplace')
        things = [o for h in (root, *root.conjuncts) for p in h.rights if p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")]
        named += [p for o in things for p in (o, *o.lefts) if p is o or p.dep_ in _NAME_PARTS]
    # what follows a label's colon is the title's subject ('Podcast Trailblazer: Alice Wong'
    # is about Alice Wong), as is a person it names: their surname or given name alone says so.
    # So is the qualifier after a comma or in brackets, which says where or which one the
    # thing is ('Jacksonville, Florida', 'Mercury (planet)'): a reader shown the title has it
    # (session 26's reviewers, all three: 'As with much of _____, tourism is also important to
    # the Jacksonville area' → Florida is trivial on 'Jacksonville, Florida')
    subjects = [t for t in root.rights if t.dep_ in _QUALIFIERS and _set_off(t)]
    named += [p for t in subjects for p in (t, *t.lefts) if p is t or p.dep_ in _NAME_PARTS]
    named += [t for e in title.ents if e.label_ == "PERSON" for t in e]
    return {f for t in named for w in _words(t) for f in _forms(w)}


def initialism(title: Span) -> str | None:
    """The letters a title's capitalised words begin with, when there are two or more
    ('American Broadcasting Company' → 'ABC', 'Intergovernmental Panel on Climate Change' →
    'IPCC'): the acronym a page gives its own name by."""
    from agents.generation.kinds import title_words

    caps = [t.text[0] for t in title_words(title) if t.is_alpha and t.text[0].isupper()]
    return "".join(caps) if len(caps) >= 2 else None


def _introduced(text: str | None, title: Span) -> set[str]:
    """The acronyms the page gives the title in brackets after it: 'the European
    Organization for Nuclear Research (CERN)' → {'CERN'}."""
    if not text:
        return set()
    pattern = re.escape(title.text.strip()) + r"\s*\(([A-Z][A-Za-z&.]*[A-Z])\)"
    return set(re.findall(pattern, text, flags=re.IGNORECASE))


def _answer_words(answer: str) -> list[str]:
    """The words of an answer, a possessive's ending and the articles dropped."""
    bare = re.sub(r"['’]s?$", "", answer.strip())  # a possessive: "Luther's"
    return [w for w in re.findall(r"\w+(?:['’.&-]\w+)*", bare) if w.lower() not in _ARTICLES]


def _all_titled(words: list[str], title: Span) -> bool:
    """Each of ``words`` is a word of the title (a form or the lemma of one)."""
    titled: set[str] = set()
    for t in title:
        if not t.is_punct:
            titled |= {f for w in _words(t) for f in _forms(w)} | {t.lemma_.lower()}
    return all(_forms(w) & titled for w in words)


def within_title(answer: str, title: Span | None) -> bool:
    """Whether every word of ``answer`` is a word of the title, or a derived form of one
    ('Kenyans' on 'Kenya'), though none names its thing
    (``names_title`` says when one does): 'social media' on 'Trends in Social Media', 'yield
    curve' on 'Using the Yield Curve', 'primes' on 'Prime number', 'climate change' on
    'Intergovernmental Panel on Climate Change'. A reader shown the title reads such a blank
    off it: session 30 counted, over every seen rated cloze card of the reviews that showed
    titles (s22..s29c), 9 rejected (by s26b, s27c, s28's reviewers as 'given by the title') and
    4 kept ('perfectly competitive market' on 'Efficiency in Perfectly Competitive Markets').
    A cloze card the title answers so is served only where the deck has no other
    (parsed.py, ``Candidate.spare``); its questions and choices (0 rated) are left."""
    if title is None:
        return False
    words = _answer_words(answer)
    if not words:
        return False
    if _all_titled(words, title):
        return True
    # a derived form of a title word reads off it as well: 'Kenyans' on 'Kenya', 'ctenophores'
    # on 'Ctenophora', 'geologists' on 'Geology', 'pharmacology' on 'Pharmacy', 'Civil
    # disobedients' on 'Civil disobedience' (session 31: of the rated cloze cards of the
    # reviews shown the title, s22..s30c, 9 rejected as 'given by the title'. Left out: a verb
    # of the title ('management' on 'Managing Risks') and a word joined to another ('direct-mail',
    # 'NewcastleGateshead'), 4 kept)
    stems = {w.lower()[:DERIVED_STEM] for t in title if t.pos_ != "VERB" for w in _words(t)
             if len(w) >= DERIVED_STEM}
    return all(_all_titled([w], title) or (_one_word(w) and w.lower()[:DERIVED_STEM] in stems)
               for w in words)


def _one_word(word: str) -> bool:
    """A single word, not two joined: 'direct-mail' on 'Direct Marketing', 'NewcastleGateshead'
    on 'Newcastle upon Tyne' name another thing than the title's word they begin with (rated
    kept)."""
    return "-" not in word and not any(c.isupper() for c in word[1:])


def names_title(answer: str, title: Span | None, text: str | None = None) -> bool:
    """Whether ``answer`` is the document's ``title`` or its head name: each of its words is
    a word of the title, and one of them names the title's thing (``head_names``): 'Tesla' on
    'Nikola Tesla', 'the Communication Process' on 'The Communication Process', 'private
    schools' on 'Private school'; not 'Tesla coil', 'economic growth' on 'Economic
    inequality', nor 'workplace' on 'Privacy in the Workplace'."""
    if title is None:
        return False
    heads = head_names(title)
    if not heads:
        return False
    words = _answer_words(answer)
    if not words:
        return False
    forms = [_forms(w) for w in words]
    if _all_titled(words, title) and any(f & heads for f in forms):
        return True
    # 'ABC' on 'American Broadcasting Company'
    return len(words) == 1 and words[0].isupper() and (
        words[0] == initialism(title) or words[0] in _introduced(text, title))


# a phrase about a thing: a noun or two and the preposition that brings the thing in
_ABOUT = re.compile(r"^(?:(?:the|a|an) )?\w+(?: \w+)? (?:to|of|about|on|for|in|with|from|by) (.+)$",
                    re.I)


def about_title(answer: str, title: Span | None, text: str | None = None) -> bool:
    """Whether ``answer`` is a noun phrase about the document's titled thing, a name: 'References
    to Doctor Who' on 'Doctor Who', 'a grandson of Genghis Khan' on 'Genghis Khan', 'City of
    Fresno' on 'Fresno, California'. A question so answered is answered by the title (s30c:
    every reviewer 'answer is the title'). The thing must be written as a name, capitalised:
    'definition of imperialism', 'synthesis of proteins' ask of a concept the page explains
    (kept by reviewers)."""
    if title is None:
        return False
    found = _ABOUT.match(answer.strip())
    return found is not None and found.group(1)[:1].isupper() and \
        names_title(found.group(1), title, text)
