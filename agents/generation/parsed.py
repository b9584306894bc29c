"""Candidate cards from the parse (the default path for a language with a spaCy pipeline).

Per sentence: every typed answer span (spans.py) gets a question from the parse (asking.py),
a multiple-choice card when three distractors of its kind exist (choices.py), and a cloze
that blanks the whole span; appositions give definitional cards; the sentence gives one true
statement and false ones that swap one answer for another of its kind. A sentence over 20
words also gives the same cards from each of its self-contained clauses (clauses.py), so that
a page of long technical sentences still makes a deck. Each card's
``salience`` says how much it is worth asking: the answer's rarity (wordfreq) and kind, and
its sentence's centrality in the document (MiniLM), so that a handful of cards covers the
page's key facts rather than its asides.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Span

from agents.generation import (
    blanks,
    choices,
    claims,
    clauses,
    definites,
    garbled,
    gazetteer,
    giveaway,
    grammar,
    misread,
    narrow,
    nonfact,
    opening,
    ordinals,
    participles,
    scope,
    setting,
    standalone,
    swaps,
    titles,
    typos,
)
from agents.generation.asking import REASON, Asked, ask, reasons
from agents.generation.candidates import Document
from agents.generation.cards import NEGATION, Candidate
from agents.generation.defining import definitions, restated
from agents.generation.language import words_for
from agents.generation.phrasing import SHORT_WORDS
from agents.generation.reference import HYPOTHETICAL, Resolver
from agents.generation.rendering import Builder, keeps_case
from agents.generation.spans import (
    NUMERIC,
    Answer,
    answers,
    as_group,
    as_person,
    names_used,
    people_named,
    zipf,
)
from agents.generation.terms import norm
from agents.generation.text import Sentence

if TYPE_CHECKING:
    from spacy.language import Language

BLANK = "_____"
KIND_WEIGHT = {
    "person": 0.9, "year": 0.9, "date": 0.85, "century": 0.85, "place": 0.8, "group": 0.75,
    "org": 0.8, "event": 0.85, "work": 0.8, "number": 0.75, "quantity": 0.8, "percent": 0.8,
    "money": 0.75, "duration": 0.75, "name": 0.75, "thing": 0.6, "time": 0.6, "language": 0.7,
    "reason": 0.8,
}  # fmt: skip
# which card types a kind makes; "thing" answers make poor multiple choice without a class
ROLE_LEVEL = {"subject": 0.8, "object": 1.0, "adjunct": 0.9, "count": 0.9, "definition": 0.1,
              "in-situ": 1.3, "reason": 1.2}  # (a cause is asked 'Why …?': recall and reasoning)


def rarity(text: str, language: str) -> float:
    """0 for everyday words, 1 for rare ones: the rarest content word of the answer."""
    words = [w for w in norm(text).split() if not w.isdigit()]
    if not words:
        return 0.6  # numbers and dates
    rarest = min(zipf(w, language) for w in words)
    return float(np.clip((6.0 - rarest) / 4.0, 0.0, 1.0))


def centrality(sentences: list[str], vectors: dict[str, np.ndarray],
               centroid: np.ndarray | None) -> dict[str, float]:
    """Cosine of each sentence to the document's centroid, rescaled to 0..1 within the doc."""
    if centroid is None or not all(s in vectors for s in sentences):
        return {s: 0.5 for s in sentences}
    sims = {s: float(vectors[s] @ centroid) for s in sentences}
    lo, hi = min(sims.values()), max(sims.values())
    return {s: (v - lo) / (hi - lo) if hi > lo else 0.5 for s, v in sims.items()}


def parse_sentences(nlp: Language, texts: list[str]) -> list[Span]:
    """Each sentence as one span; a main verb the parser read as a noun read again
    (misread.py: 'A skeptic questions …' made no card)."""
    return misread.parse(nlp, texts)


def generate(
    doc: Document,
    nlp: Language,
    difficulty: str,
    encoder: object | None,
    centroid: np.ndarray | None,
) -> list[Candidate]:
    """Every candidate the document's sentences allow."""
    prose = [s for s in doc.sentences if s.kind != "code"]
    sents = parse_sentences(nlp, [s.text for s in prose])
    central = centrality([s.text for s in prose], dict(doc.vectors), centroid)
    if doc.language == "en":  # 'Remember that we defined X as Y' → 'X is defined as Y'
        prose, sents = _restated(prose, sents, nlp, central)
    people, names = people_named(sents), names_used(sents)
    found = [[as_group(as_person(a, sent, people), sent, names) for a in answers(sent)]
             for sent in sents]
    pool = choices.Pool.build(sents, found)
    parts = _clauses(sents, nlp)
    part_answers = [[[as_group(as_person(a, part, people), part, names) for a in answers(part)
                      if _own_words(a, sent)] for part in ps]
                    for sent, ps in zip(sents, parts, strict=True)]
    vectors = dict(doc.vectors)
    if encoder is not None:
        every_answer = [(a, s) for s, ans in zip(sents, found, strict=True) for a in ans]
        missing = sorted(({a.text for a, _ in every_answer} | {
            t.text for a, s in every_answer for t in giveaway.derived_words(a, s)}
            | {a.text for pa in part_answers for ans in pa for a in ans}) - set(vectors))
        if missing:
            vectors.update(zip(missing, encoder.encode(missing), strict=True))  # type: ignore[attr-defined]
        doc.vectors = vectors

    characters = nonfact.problem_people(sents) if doc.language == "en" else frozenset()

    def every(resolver: Resolver) -> list[Candidate]:
        out: list[Candidate] = []
        case: Span | None = None  # the supposed case the sentences read so far go on with
        for sentence, sent, ans, ps, pa in zip(prose, sents, found, parts, part_answers,
                                               strict=True):
            if doc.language == "en" and case is not None and nonfact.continues(sent, case):
                resolver.push(sent)
                continue  # 'Suppose a bank lends … to a small firm …. The firm then pays …'
            stated = nonfact.no_fact(sent) if doc.language == "en" else None
            if stated is None and nonfact.problem(sent, characters):
                stated = "problem"  # 'Soriya plans to invest $10,500 …' ('how much should
                # Soriya invest …?'): a word problem's givens, and what goes on with them
            case = sent if stated in ("supposed", "problem") else None
            if stated is not None:
                resolver.push(sent)
                continue  # 'X could be A, Y could be B', 'Honestly, …' (nonfact.py)
            if doc.language == "en" and blanks.labelled_example(sent):
                resolver.push(sent)
                continue  # 'Ex: A programmer may want to print …': an invented case, its
                # label left in the statement or question (s19: rejected by every reviewer)
            tags = [t for t in (doc.subject, sentence.heading) if t]
            weight = 0.6 + 0.4 * central.get(sentence.text, 0.5)
            if doc.language != "en" or not nonfact.run_together(sent):  # '… . shows a …'
                out += _anchored(_for_sentence(sent, ans, pool, resolver, doc, difficulty,
                                               weight, tags, vectors),
                                 sent, None, resolver, doc.language, topic)
            for part, part_found in zip(ps, pa, strict=True):  # a long sentence's own clauses
                if doc.language == "en" and (claims.attributed(part, sent)
                                             or claims.merged(part, sent)
                                             or claims.dangling(part)
                                             or claims.dated_subject(part, sent)
                                             or nonfact.no_fact(part) is not None
                                             or nonfact.run_together(part)):
                    continue  # '… believed that A, and B' → 'B' is the believer's view;
                    # '…, but rather.'; 'March 2015 has nominal control …'
                made = _anchored(_for_sentence(part, part_found, pool, resolver, doc,
                                               difficulty, weight, tags, vectors),
                                 part, sent, resolver, doc.language, topic)
                if doc.language == "en" and claims.cuts_alternatives(part, sent):
                    made = [c for c in made if c.type != "tf"]  # one of several alternatives
                spare = clauses.is_spare(part)
                out += [dataclasses.replace(c, sentence=sent.text, spare=spare) for c in made]
            resolver.push(sent)
        return standing(well_formed(out, nlp), standalone.topic_words(sents),
                        standalone.main_topic(sents))

    title = nlp(doc.title)[:] if doc.title and doc.language == "en" else None
    # what the title gives every card of the page, read once for the page (setting.topic)
    topic = setting.topic(title) if title is not None else None
    opening = bool(prose) and prose[0].index == 0  # the page's first sentence is kept
    cands = every(Resolver(names=names, title=title, opening=opening))
    if len(cands) < _FEW and prose:
        # a page that the context rules leave (nearly) bare would end in "no cards could be
        # made"; then it gets the cards that lean on the page as well, as before those rules,
        # but spare (``Candidate.spare``): they fill only the places the strict cards leave, so
        # one card the rules refuse no longer swaps the page's strict cards for leaning ones
        # (s27..s29 passages: 8 of the 26 pages that fall back served lenient cards in place
        # of strict ones; rated strict 6 kept / 8 rejected there, lenient 5 / 7)
        seen = {(c.type, c.question) for c in cands}
        cands += [dataclasses.replace(c, spare=True)
                  for c in every(Resolver(lenient=True, names=names, title=title,
                                          opening=opening))
                  if (c.type, c.question) not in seen]
    if doc.language == "en":  # 'would be heavily subsidiszed': the page's typo (typos.py)
        misspelled = typos.misspelled(sents)
        cands = [c for c in cands if not typos.shows(c, misspelled)]
    text = " ".join(s.text for s in doc.sentences)  # where the page brings in its acronym
    return _asked_other([_by_title(c, title, text) for c in cands])


def _by_title(cand: Candidate, title: Span | None, text: str) -> Candidate:
    """A card the page's title answers: titled where its answer names the title's thing (or,
    for a question, is a phrase about it), spare where a cloze blank is only title words."""
    if (cand.type != "tf" and titles.names_title(cand.answer, title, text)) or (
            cand.type in ("qa", "mcq") and titles.about_title(cand.answer, title, text)):
        return dataclasses.replace(cand, titled=True)
    if cand.type == "cloze" and titles.within_title(cand.answer, title):
        return dataclasses.replace(cand, spare=True)
    return cand


def _asked_other(cands: list[Candidate]) -> list[Candidate]:
    """The candidates without a titled card (``Candidate.titled``) whose clause already gives
    a card of its type that asks another of its arguments: 'Who married Katharina von Bora?'
    → Martin Luther on 'Martin Luther' goes where 'Who did Martin Luther marry?' → Katharina von
    Bora is made. Reviewers shown the title rejected such cards as trivial (s22-s26c: 2 kept,
    54 rejected); the deck serves them only to reach its count (quality.QualityScorer.select),
    and there the other card asks what the title does not say."""
    other = {(c.type, c.source) for c in cands if not c.titled}
    return [c for c in cands if not (c.titled and (c.type, c.source) in other)]


def _restated(prose: list[Sentence], sents: list[Span], nlp: Language,
              central: dict[str, float]) -> tuple[list[Sentence], list[Span]]:
    """The sentences with a definition given in the page's own voice restated as its claim
    (defining.restated), parsed again; each keeps its place's centrality."""
    new = {i: text for i, sent in enumerate(sents) if (text := restated(sent)) is not None}
    if not new:
        return prose, sents
    parsed_new = dict(zip(new, parse_sentences(nlp, list(new.values())), strict=True))
    for i, text in new.items():
        central[text] = central.get(prose[i].text, 0.5)
    return ([dataclasses.replace(s, text=new[i]) if i in new else s for i, s in enumerate(prose)],
            [parsed_new.get(i, sent) for i, sent in enumerate(sents)])


_FEW = 3  # fewer candidates than this: the context rules are relaxed for the document


def _clauses(sents: list[Span], nlp: Language) -> list[list[Span]]:
    """The self-contained clauses of each long sentence (clauses.py), pronouns resolved from
    the sentences before it."""
    resolver = Resolver()
    out = []
    for sent in sents:
        out.append(clauses.clauses(sent, resolver, nlp))
        resolver.push(sent)
    return out


def _anchored(cands: list[Candidate], sent: Span, whole: Span | None, resolver: Resolver,
              language: str, topic: setting.Topic | None) -> list[Candidate]:
    """Every card of the sentence, of any type, with the phrases only the page says which one
    they are ('the major jihadi group', 'the two battles', 'settle there') named from the page
    when it names them for certain, and without the cards where it does not (definites.py);
    ``topic``: what the page's title gives its cards (setting.topic, once per document)."""
    if language != "en" or not cands:
        return cands
    refs = definites.references(sent, resolver.previous, whole, resolver.title)
    if resolver.lenient:  # a bare page's cards may lean on it, not on what it cut or dated
        refs = [r for r in refs if r.rule in definites.NEVER_ALONE]
        # they lean on it most of all: each takes the page's place or topic (setting.py)
        return _placed(_named(cands, refs) if refs else cands, sent, whole, resolver, topic)
    cands = _placed(_scoped(cands, sent, whole, resolver), sent, whole, resolver, topic)
    named = _named(cands, refs) if refs else cands
    # a stem whose subject only the page names ('the nation placed 139th …'): s20..s22c rated
    # mcq 7 rejected / 0 kept (choices.unnamed_subject, static scan of every rated card)
    return [c for c in named if c.type != "mcq" or not choices.unnamed_subject(
        sent, c.question.replace(BLANK, c.answer), resolver.title,
        resolver.previous[0] if resolver.previous else None)]


def _named(cands: list[Candidate], refs: list[definites.Reference]) -> list[Candidate]:
    """The cards with the phrases the page names for certain named, without the others."""
    out = []
    for cand in cands:
        text, fired = definites.unresolved(cand.question, refs)
        if text is None or (cand.type == "tf" and cand.answer == "False" and
                            definites.swapped_away(cand.question, cand.source, refs)):
            continue
        if BLANK in cand.question:
            filled = cand.question.replace(BLANK, cand.answer)
            if definites.unresolved(filled, refs)[0] is None or len(
                    definites.unresolved(filled, refs)[1]) > len(fired):
                continue  # the blank holds part of a phrase that needs the page
        if fired and cand.type != "tf" and norm(cand.answer) in norm(text):
            continue  # the name put in gives the answer away
        if fired:
            statement = definites.unresolved(cand.statement, refs)[0] if cand.statement else ""
            cand = dataclasses.replace(cand, question=text, statement=statement or "")
        out.append(cand)
    return out


# the scope rules a multiple-choice stem is held to: on the seen rated mcq cards (s6..s15b)
# 'object' removed 0 kept / 3 rejected and 'short' 0 / 1; 'bare' 2 kept / 1 rejected, so it
# is left out; 'quantifier' 0 / 1 (it matches a lowercased 'many' too, not 'How many'), and
# holds questions as well (qa 0 / 2); 'such' ('Where did HT fail such coups …?') qa 0 / 1,
# as on statements and cloze (scope.py); 'relative' ('When did the new concept find …?')
# qa 0 / 1, mcq 0 / 2 (session 20, every seen rated card); 'owner' ('Where do examples
# include …?', 'Members must be over the _____.') qa 0 / 1, mcq 0 / 1 (session 29). Session 29
# round 3 (every seen rated card, dev..s29b): 'bare' on questions ('What does the service allow
# …?') qa 2 kept / 9 rejected, so questions are held to it; on mcq stems it is 10 / 10 and
# 'object' on questions 3 / 3, both left out. Session 30, dev..s29c (served cards; rows,
# distinct cards): bare qa 2 / 9 (1 / 8), bare mcq 11 / 10 (9 / 8), object qa 3 / 3 (3 / 1)
_MCQ_SCOPES = frozenset(["object", "short", "quantifier", "such", "relative", "owner"])
_QA_SCOPES = frozenset(["bare", "quantifier", "such", "relative", "owner"])


def _scoped(cands: list[Candidate], sent: Span, whole: Span | None,
            resolver: Resolver) -> list[Candidate]:
    """True/false and cloze cards brought into the scope an earlier sentence set ('In these
    systems, …' → 'In presidential systems, …'), or left out where the page names it for no
    certain (scope.py). Questions, not reworded, are held to some of the rules and to an
    unnamed frame they show; they carry their own wording rules (phrasing.py)."""
    frame = scope.framing(sent, resolver.previous, whole)
    cues = scope.scopes(sent, resolver.previous)
    if frame is None and not cues:
        return cands
    shown = scope.shows_frame(sent, whole)
    proper = sent[0].pos_ == "PROPN" or sent[0].ent_type_ != ""
    out = []
    for cand in cands:
        if cand.type in ("mcq", "qa"):
            held = _MCQ_SCOPES if cand.type == "mcq" else _QA_SCOPES
            filled = cand.question.replace(BLANK, cand.answer)
            scoped, fired = scope.unscoped(filled, cues, held)
            if scoped is None or "such" in fired or scope.asks_in_frame(filled, frame):
                # 'Who had conquered the whole island?': which island, the page said; a question
                # is not reworded, so 'such coups' stays unnamed even where the page names
                # them, and so does a frame with no name ('in honor of the occasion')
                continue
        if cand.type not in ("tf", "cloze"):
            out.append(cand)
            continue
        text: str | None = _worded(cand)
        if frame is not None and text is not None:
            text = scope.in_frame(text, frame, shown, proper)
        if text is not None:
            text = scope.unscoped(text, cues)[0]
        if text is not None and BLANK in text and scope.unscoped(
                text.replace(BLANK, cand.answer), cues)[0] is None:
            text = None  # 'The _____ was the first …' → 'effort': the blank is the cue's noun
        if text is None or (cand.type == "cloze" and any(
                norm(cand.answer) in norm(c.replacement or "") for c in (frame, *cues) if c)):
            continue  # which scope, only the page says; or the scope names the blank
        out.append(_reworded(cand, text))
    return out


def _worded(cand: Candidate) -> str:
    """The card's wording ``_reworded`` puts back: a true/false card's statement (without its
    'True or false: ' prefix), any other card's question."""
    return cand.statement if cand.type == "tf" else cand.question


def _reworded(cand: Candidate, text: str) -> Candidate:
    """The card with its statement (true/false, behind its 'True or false: ' prefix) or its
    question put as ``text``."""
    if cand.type == "tf":
        prefix = cand.question[: len(cand.question) - len(cand.statement)]
        return dataclasses.replace(cand, question=prefix + text, statement=text)
    return dataclasses.replace(cand, question=text)


def _placed(cands: list[Candidate], sent: Span, whole: Span | None, resolver: Resolver,
            topic: setting.Topic | None) -> list[Candidate]:
    """Every card of a sentence that stands in the place its paragraph opened on ('In
    Germany, …') with the place put in (setting.py), or else the page's ``topic``."""
    base = whole if whole is not None else sent
    place = setting.frame(base, resolver.previous)
    # a titled place's names: a card naming one stays as it is
    title_words: AbstractSet[str] = frozenset()
    if place is None and topic is not None:
        # no frame: a subject that leans on the page is given the page's title (setting.titled)
        place = setting.titled(base, topic)
        if place is not None:
            title_words = topic.words
            if place != f"In {topic.title.text}":
                return [_labelled(c, place, title_words) for c in cands]
    if place is None:
        return cands
    # a name keeps its capital after the frame (rendering.keeps_case); a name's article does
    # not ('the ABC'). The answer of a cloze whose blank opens the sentence follows the same
    # rule: 'tyneside flats' (s32: every reviewer) lower-cased a name the tagger read as ADJ
    names = {t.text for t in base if keeps_case(t, resolver.names)}
    out = []
    for cand in cands:
        text = _worded(cand)
        if not text or setting.names_topic(text, cand.answer, title_words):
            out.append(cand)
            continue
        first = (cand.answer if text.startswith(BLANK) else text).split(" ", 1)[0]
        proper = first in names
        placed = setting.carried(text, cand.type, cand.answer, place, proper)
        if placed != text and text.startswith(BLANK) and not proper:
            # the blank no longer opens the sentence: 'In Norway, _____ …' asks 'salaries'
            cand = dataclasses.replace(cand, answer=cand.answer[:1].lower() + cand.answer[1:])
        out.append(_reworded(cand, placed))
    return out


def _labelled(cand: Candidate, topic: str, title_words: AbstractSet[str]) -> Candidate:
    """The card led by its page's topic ('Victoria and Albert Museum: The collection …');
    ``title_words`` are the words naming the title's thing (titles.head_names)."""
    text = _worded(cand)
    if not text:
        return cand
    return _reworded(cand, setting.labelled(text, cand.answer, topic, title_words))


def _own_words(answer: Answer, sent: Span) -> bool:
    """A clause's answer is the sentence's own words: one that a resolved pronoun put there
    ('It … resulted in the flight of Protestants' → 'France resulted in …', the revocation
    being meant) is the resolver's guess, and a card asking for it is as right as that guess."""
    own = {t.lower_ for t in sent}
    return all(w.lower() in own for w in answer.text.split())


def standing(cands: list[Candidate], topics: frozenset[str], topic: str = "") -> list[Candidate]:
    """Drop question cards that are too long, name nothing the student can place, or whose
    answer is the page's own topic (standalone.py); the cloze and statements fill the count."""
    return [c for c in cands if not _asks(c) or (
        standalone.short(c.question) and standalone.anchored(c.question, topics)
        and not standalone.points_back(c.question)
        and not (c.question.startswith("Who ") and standalone.names_the_topic(c.answer, topic)))]


def well_formed(cands: list[Candidate], nlp: Language) -> list[Candidate]:
    """Drop question cards whose question re-parses as no well-formed wh-question (grammar.py);
    the same span's cloze and the sentence's statements stay in the pool to fill the count."""
    asked = sorted({c.question for c in cands if _asks(c)})
    bad = {q for q, why in zip(asked, grammar.ill_formed(asked, nlp, vague=True), strict=True)
           if why}
    return [c for c in cands if not (_asks(c) and c.question in bad)]


def _asks(cand: Candidate) -> bool:
    """A card that asks a question (a multiple-choice card may instead complete a blank)."""
    return cand.type == "qa" or (cand.type == "mcq" and BLANK not in cand.question)


_NAMES_THE_TERM = re.compile(r"^(What|Who) (is|are|was|were) (the|a|an) ")


def _salience(answer: Answer, language: str, weight: float) -> float:
    base = KIND_WEIGHT.get(answer.kind, 0.6)
    return float(np.clip(weight * (0.6 * base + 0.4 * rarity(answer.text, language)) + 0.1,
                         0.0, 1.0))


def _for_sentence(
    sent: Span,
    found: list[Answer],
    pool: choices.Pool,
    resolver: Resolver,
    doc: Document,
    difficulty: str,
    weight: float,
    tags: list[str],
    vectors: dict[str, np.ndarray],
) -> list[Candidate]:
    lang = doc.language
    source = sent.text
    out: list[Candidate] = []
    if lang == "en" and grammar.not_a_statement(sent):
        return out  # a question, a cut piece or broken text: every card would echo it
    if lang == "en" and not resolver.lenient and opening.leans_back(sent, resolver.previous):
        return out  # "Second is …", "Each committee …": which one, the page before says
    if lang == "en" and nonfact.vague_existence(sent):
        return out  # 'There are many risks facing …': true of anything, false by nobody, and
        # its blank guessed from the rest ('several ways to mitigate the _____ of teaching')
    builder = Builder(sent, resolver)
    # the bare 'the N's an earlier sentence introduced: no question keeps one (narrow.py)
    back = definites.pointing_back(sent, resolver.previous, title=resolver.title,
                                   introduced=resolver.introduced) if \
        lang == "en" and not resolver.lenient else []
    # an answer that is such a 'the N' stays the bare noun ('proclamation') even where the page
    # named it ('the Royal Proclamation'), so answers are checked against all of them
    named_back = definites.pointing_back(sent, resolver.previous, True, resolver.title,
                                         resolver.introduced) if \
        lang == "en" and not resolver.lenient else []
    for answer in found:
        if standalone.trivial(answer, sent, lang) or _points_back(answer, sent, resolver) \
                or _unasserted(answer, sent) or (lang == "en" and giveaway.gives_away(
                    answer, sent, vectors)):
            continue
        sal = _salience(answer, lang, weight)
        kind_tag = f"kind:{answer.kind}"
        asked = ask(sent, answer, resolver)
        if asked is not None and not standalone.short(asked.question):
            # the short phrasing: asides and adjuncts before the subject go
            asked = ask(sent, answer, resolver, max_words=SHORT_WORDS, keep_front=False)
        if asked is not None and asked.role == "in-situ":
            asked = None  # "… won the right to elect whom of the plebs?" reads as an echo
        if asked is None and lang == "en":
            asked = _by_participle(sent, answer, resolver)
        if asked is not None and lang == "en" and standalone.vacuous(answer, sent):
            asked = None  # "What does each shape of bone have?" → "distinct function"
        if asked is not None and lang == "en" and narrow.untrusted(asked, answer, sent):
            asked = None  # a shape that garbles on real text: the cloze and options stand in
        if asked is not None and (narrow.leans_on_page(asked, answer, back) or any(
                answer.start <= head.i < answer.end for head in named_back)):
            asked = None  # 'What was the network operated by …?': which network, the page says
        level = ROLE_LEVEL.get(asked.role, 1.0) if asked else 1.0
        if asked is not None and asked.role == "subject" and _NAMES_THE_TERM.match(asked.question):
            # "What is the process by which plants …?" → "photosynthesis": the term from its
            # definition, a beginner's question like "What is photosynthesis?"
            level = ROLE_LEVEL["definition"]
        if answer.kind in NUMERIC:
            level -= 0.2
        if asked is not None:
            out.append(Candidate("qa", asked.question, asked.answer, source, kind=answer.kind,
                                 level=level, salience=sal,
                                 tags=[*tags, f"role:{asked.role}", kind_tag]))
        wrong = choices.pick(answer, sent, pool, difficulty, vectors)
        enough = len(wrong) >= choices.MIN_DISTRACTORS
        if asked is not None and enough and asked.answer == answer.text \
                and not choices.asked_of_long(sent):
            out.append(choices.multiple_choice(asked.question, answer, wrong, source, difficulty,
                                               level, sal, [*tags, f"role:{asked.role}",
                                                            kind_tag]))
            wrong = []  # one multiple-choice card per answer
        defining = asked is not None and asked.role == "definition"
        cloze = None if defining else _cloze(builder, sent, answer)
        term = blanks.better(answer, sent) if lang == "en" and not defining and not cloze \
            else None
        if term is not None and not standalone.trivial(term, sent, lang) and not any(
                (a.start, a.end) == (term.start, term.end) for a in found):
            # 'a simple case of _____' → 'dynamic equilibrium': the shell's term (blanks.py)
            cloze = _cloze(builder, sent, term)
            if cloze:
                out.append(Candidate("cloze", cloze, term.text, source, kind=term.kind,
                                     level=level + 0.2, salience=sal, tags=[*tags, kind_tag]))
            cloze = None  # the options were picked for the shell phrase, not for the term
        if cloze:
            out.append(Candidate("cloze", cloze, answer.text, source, kind=answer.kind,
                                 level=level + 0.2, salience=sal, tags=[*tags, kind_tag]))
            if enough and wrong:  # no question to ask it with: the options complete the blank
                out.append(choices.multiple_choice(cloze, answer, wrong, source, difficulty,
                                                   level + 0.2, sal, [*tags, kind_tag]))
    for question, answer_text, kind in definitions(sent, resolver):
        out.append(Candidate("qa", question, answer_text, source, kind=kind, level=0.2,
                             salience=0.75 * weight + 0.2, tags=[*tags, "role:definition"]))
    if lang == "en":
        for asked, cause in reasons(sent, resolver):
            if narrow.untrusted(asked, cause, sent):
                continue
            out.append(Candidate("qa", asked.question, asked.answer, source, kind=REASON,
                                 level=ROLE_LEVEL["reason"],
                                 salience=_salience(cause, lang, weight),
                                 tags=[*tags, f"role:{asked.role}", f"kind:{REASON}"]))
    out += _statements(builder, sent, found, pool, lang, difficulty, weight, tags)
    return out


def _by_participle(sent: Span, answer: Answer, resolver: Resolver) -> Asked | None:
    """The question of a noun's past participle when the clause gives none: its time or place
    ('the Academy, first established in 1329' → 'When was the Academy first established?');
    the participle has no subject of its own, so the clause-level question finds none. (Its
    agent, 'Who led the troops?', as answer-aware mode asks it, was tried here: on the seen
    passages 1 of its 7 new cards was one to keep, the rest vague: 'Who created bureaucracy?')"""
    found = participles.adjunct_question(sent, answer, resolver)
    return Asked(found[0], found[1], "adjunct") if found is not None else None


def _points_back(answer: Answer, sent: Span, resolver: Resolver) -> bool:
    """'What was one of the most influential manifestos …?' → 'The resulting Report': an
    answer that only the page can say which one it is (reference.Resolver.anaphor)."""
    span = answer.span(sent)
    dets = {t for t in span if t.lower_ == "the" and t.dep_ == "det"}
    dets |= {c for c in span.root.children if c.lower_ == "the" and c.dep_ == "det"}
    return any(resolver.anaphor(t, sent) is None for t in dets)


def _unasserted(answer: Answer, sent: Span) -> bool:
    """'… there is no such thing as a force that acts on only one body' → 'How many bodies does
    a force act on?' → 'only one'; 'Imagine your thoughts as if they were physical entities' →
    'What were thoughts?': the sentence does not assert the answer's clause. Its own negation
    is kept in a question ('What did the Normans not have?'); a denial or a supposition above
    it is not, so no card asks it."""
    tok = answer.span(sent).root
    own_clause = True
    while tok.head != tok:
        if tok.dep_ in ("advcl", "ccomp", "acl", "relcl", "xcomp") and any(
                c.dep_ == "mark" and c.lower_ in HYPOTHETICAL for c in tok.children):
            return True  # "as if they were …", "if the reaction were …"
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and own_clause:
            own_clause = False
            continue
        if not own_clause and any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
                                  for c in tok.children):
            return True  # "no such thing as …", "it is not true that …"
    return tok.lemma_ in nonfact.SUPPOSING and tok.tag_ == "VB" and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _render_sentence(builder: Builder, sent: Span, replace: dict[int, str]) -> str | None:
    """The sentence as a cloze or statement shows it, None when that would read as broken."""
    # 'Similarly, …', '… was however Maria …': the connective ties it to the page (claims.py)
    gone = claims.dropped(sent) if sent.doc.lang_ == "en" else set()
    # a quotation that closes after the stop ('… defined as "a policy of … force."') ends so
    end, closing = sent.end, ""
    if len(sent) > 2 and sent[-1].text in _CLOSING_QUOTES and sent[-2].text in ".!?":
        end, closing = end - 1, sent[-1].text
    ids = [t.i for t in sent[: end - sent.start] if not (t.i == end - 1 and t.is_punct)
           and t.i not in gone]
    # asides in brackets are no part of the fact
    depth = 0
    kept = []
    for i in ids:
        word = sent.doc[i].text
        depth += word == "("
        if depth == 0:
            kept.append(i)
        depth -= word == ")" and depth > 0
    text = builder.render(kept, dict(replace))
    if text is None:
        return None
    # a discourse word goes; a phrase only when a comma ends it ('In addition to visible
    # light, …' lost 'In addition' and read 'To visible light, …'; 'Later that year' is a time)
    text = re.sub(r"^((however|also|thus|therefore|moreover|furthermore|meanwhile|nevertheless|"
                  r"instead|finally),?|(in addition|for example|as a result|in fact|later|then),)"
                  r"\s+", "", text, flags=re.IGNORECASE)
    text = text[:1].upper() + text[1:] + "." + closing
    if sent.doc.lang_ == "en" and garbled.garbled(sent, text):
        return None  # 'X so is …', '… the 'term of …', 'Making … on …': broken text (garbled.py)
    if sent.doc.lang_ == "en" and nonfact.cites_page(sent, set(kept)):
        return None  # 'As noted in …, the …', '… in Figure 2.21 of …': the book, shown (nonfact.py)
    return text


_CLOSING_QUOTES = frozenset('"”’\'')


def _cloze(builder: Builder, sent: Span, answer: Answer) -> str | None:
    words = [t for t in sent if not t.is_punct]
    if len(words) < 6 or len(words) > 32:
        return None  # too little context to answer, or a whole paragraph to read
    if sent.doc.lang_ == "en" and (claims.lifted_off(sent) or claims.unfinished(sent)
                                   or blanks.poor(answer, sent)):
        return None  # 'Alternatively, …', '… would have been …', 'the most usual _____'
    replace = {answer.start: BLANK, **{i: "" for i in range(answer.start + 1, answer.end)}}
    text = _render_sentence(builder, sent, replace)
    if text is None or BLANK not in text:
        return None
    if sent.doc.lang_ == "en" and not builder.resolver.lenient and claims.guessed_subject(
            sent, text) and not builder.resolver.titled_subjects(sent):
        return None  # 'It was a device …' → 'The region was a device …' (claims.py)
    return text


def _statements(
    builder: Builder,
    sent: Span,
    found: list[Answer],
    pool: choices.Pool,
    language: str,
    difficulty: str,
    weight: float,
    tags: list[str],
) -> list[Candidate]:
    """One true statement and false ones that swap an answer for another of its kind."""
    words = [t for t in sent if not t.is_punct]
    if not found or len(words) < 5 or len(words) > 30:
        return []
    if language == "en" and (claims.lifted_off(sent) or claims.unfinished(sent)
                             or claims.quoted_in_part(sent)):
        return []  # 'Alternatively, …', 'An elected assembly would be set up …', '"In their
        # view, …' (claims.py)
    if language == "en" and not builder.resolver.lenient and (
            claims.no_standard(sent) or claims.numbered_back(sent)
            or claims.elliptical_subject(sent)):
        return []  # 'a different response', 'Two of the expeditions …', 'Many follow …':
        # than what, which ones, many what
    true = _render_sentence(builder, sent, {})
    if true is None or (language == "en" and not builder.resolver.lenient and (
            definites.leans_back(sent, builder.resolver.previous, true, builder.resolver.title,
                                 builder.resolver.introduced)
            or (claims.guessed_subject(sent, true)
                and not builder.resolver.titled_subjects(sent)))):
        return []  # 'The plugs are also too small …': which plugs, the page said (definites.py)
    prefix = words_for(language).true_false
    sal = max(_salience(a, language, weight) for a in found)
    out = [Candidate("tf", prefix + true, "True", sent.text, statement=true, level=0.6,
                     salience=sal, tags=[*tags, "tf:true"])]
    # names, dates and numbers only: a swapped description ("overthrew dictator") breaks the
    # sentence's grammar more often than it makes a plausible falsehood
    ranked = sorted((a for a in found if a.label != "NP" or a.kind in NUMERIC),
                    key=lambda a: -KIND_WEIGHT.get(a.kind, 0.5))
    for answer in ranked[:3]:
        count = giveaway.count_value(answer.text)
        if language == "en" and (giveaway.count_shown(answer, sent) or _FRACTION.match(
                answer.text) or (count and claims.listed_after_colon(count, answer.end, sent))):
            continue  # 'one class' → 'Two class', 'three types: A and B': absurd, not false
        number = next((t for t in answer.span(sent) if t.like_num), None)
        if language == "en" and number is not None and claims.type_label(number):
            continue  # 'six cylinder engines' → 'seven cylinder engines' (claims.py)
        if language == "en" and count and (claims.counted_elsewhere(count, sent) or (
                number is not None and claims.definite_count(number))):
            continue  # 'three-dimensional … the other two', 'the two schools' (claims.py)
        if language == "en" and claims.open_slot(sent, answer.start):
            continue  # 'flows through Wesel', 'as of 2002': as likely true (claims.py)
        made = _false(builder, sent, answer, pool, difficulty, true, language)
        if made is None:
            continue
        false, swap = made
        level = {"beginner": 0.8, "advanced": 1.7}.get(difficulty, 1.2)
        out.append(Candidate("tf", prefix + false, "False", sent.text, statement=false,
                             swapped=swap, kind=answer.kind, level=level,
                             salience=_salience(answer, language, weight),
                             tags=[*tags, "tf:false", f"kind:{answer.kind}"]))
    if language == "en" and len(out) == 1:
        # no number or date to change: the opposite direction, size or sign ('increased' →
        # 'decreased', 'southern' → 'northern'); a deck of statements made only of the
        # sentences with numbers was ~84 % True, and a student learns to answer "True"
        contrary = _opposite(builder, sent, true, pool)
        if contrary is not None:
            false, swap = contrary
            level = {"beginner": 0.8, "advanced": 1.7}.get(difficulty, 1.2)
            out.append(Candidate("tf", prefix + false, "False", sent.text, statement=false,
                                 swapped=swap, level=level, salience=sal,
                                 tags=[*tags, "tf:false", "tf:opposite"]))
    if language == "en" and len(out) == 1:
        # no number, date or opposite: a name swapped for another of its kind that the page
        # puts in the same slot ('signed in Paris' → 'signed in Vienna', swaps.py)
        named = _named_swap(builder, sent, found, pool, true)
        if named is not None:
            false, swap, answer = named
            level = {"beginner": 0.8, "advanced": 1.7}.get(difficulty, 1.2)
            out.append(Candidate("tf", prefix + false, "False", sent.text, statement=false,
                                 swapped=swap, kind=answer.kind, level=level,
                                 salience=_salience(answer, language, weight),
                                 tags=[*tags, "tf:false", "tf:name", f"kind:{answer.kind}"]))
    if language == "en" and len(out) == 1 and not builder.resolver.lenient:
        # nothing to swap: the main clause negated, where it is plain enough that its
        # negation is plainly false (claims.negation); capped per deck (quality._composes)
        at_swap = claims.negation(sent)
        if at_swap is not None:
            at, swap = at_swap
            negated = _render_sentence(builder, sent, {at: swap})
            if negated is not None and norm(negated) != norm(true) \
                    and not pool.asserted(negated):
                level = {"beginner": 0.8, "advanced": 1.7}.get(difficulty, 1.2)
                out.append(Candidate("tf", prefix + negated, "False", sent.text,
                                     statement=negated, swapped=swap, level=level,
                                     salience=sal, tags=[*tags, "tf:false", NEGATION]))
    return out


def _opposite(builder: Builder, sent: Span, true: str, pool: choices.Pool
              ) -> tuple[str, str] | None:
    """The false statement that swaps a word for its opposite (claims.opposite), and the
    word put in; None when the page asserts it too."""
    found = claims.opposite(sent)
    if found is None or len(true.split()) > _LONGEST:
        return None
    at, swap = found
    replace = {at: swap}
    before = sent.doc[at - 1] if at > sent.start else None
    if before is not None and before.lower_ in ("a", "an"):
        # 'an increasing trend' → 'a decreasing trend', not 'an decreasing' (s24, s24c)
        replace[before.i] = claims.indefinite(swap, before.text)
    false = _render_sentence(builder, sent, replace)
    if false is None or norm(false) == norm(true) or pool.asserted(false):
        return None
    return false, swap


def _named_swap(builder: Builder, sent: Span, found: list[Answer], pool: choices.Pool,
                true: str) -> tuple[str, str, Answer] | None:
    """The false statement that swaps a name of the sentence for another of the page's names
    of its label, kind, number and form that a page sentence puts in the same slot (swaps.py),
    the name put in and the answer it replaced; None when no name has one, or every one leaves
    a statement the page states (a second right answer, not a false statement)."""
    if len(true.split()) > _LONGEST:
        return None
    for answer in found:
        if answer.label not in swaps.NAMED_LABELS or pool.slip(answer.text, answer.kind) \
                or choices.hyphenated(answer, sent) or choices.possessive(answer, sent):
            continue
        where = swaps.slot(answer.span(sent))
        if where is None or claims.open_slot(sent, answer.start):
            continue
        plural = sent.doc[answer.end - 1].tag_ in ("NNS", "NNPS")
        before = sent.doc[answer.start - 1].lower_ if answer.start > sent.start else ""
        article = "the " if before == "the" else ""
        country = gazetteer.region(answer.text) is not None
        options = [text for text, _, is_plural, label in pool.by_kind.get(answer.kind, [])
                   if label == answer.label and is_plural == plural
                   and not (article and norm(text).startswith("the "))
                   and not pool.slip(text, answer.kind)
                   and not swaps.overlaps(text, answer.text)
                   and (gazetteer.region(text) is not None) == country
                   and not pool.other_class(text, answer.text)
                   and not choices.named_in(text, answer.text, sent.text)
                   and swaps.in_slot(where, article + text, pool.sentences, answer.kind == "place")]
        options = list(dict.fromkeys(options))
        if answer.kind == "person":
            options = choices.person_form(answer.text, options, pool)
        for swap in options[:_SWAPS]:
            replace = {answer.start: swap,
                       **{i: "" for i in range(answer.start + 1, answer.end)}}
            false = _render_sentence(builder, sent, replace)
            if false is None or norm(false) == norm(true) or pool.asserted(false) \
                    or swaps.stated_elsewhere(false, swap, pool.sentences):
                continue
            return false, swap, answer
    return None


# the rubric's 'overlong' (> ~25 words): on the seen decks every opposite of a sentence this
# long was one, and a false statement that no reviewer keeps only takes a True's place
_LONGEST = 25
_SWAPS = 4  # options tried for a false statement: the first that no check refutes is used


def _false(builder: Builder, sent: Span, answer: Answer, pool: choices.Pool, difficulty: str,
           true: str, language: str) -> tuple[str, str] | None:
    """The false statement of ``answer`` and the term swapped in: the first of a few options
    that leaves it false ('at least 20' → 'at least 10' is still true), its order whole
    ('from 90% in 2004 to 60% in 1995') and its paired years close ('beginning in summer 1962
    and increasing by summer 1973'); a refuted first option no longer costs the sentence its
    false statement."""
    for swap in _options(answer, sent, pool, difficulty):
        if language == "en" and answer.kind in NUMERIC and claims.still_true(
                sent, answer.start, answer.text, swap):
            continue
        replace = {answer.start: swap, **{i: "" for i in range(answer.start + 1, answer.end)}}
        false = _render_sentence(builder, sent, replace)
        if false is None or norm(false) == norm(true) or pool.asserted(false) \
                or claims.breaks_order(true, false) or claims.stretches(true, false) \
                or claims.collapsed(true, false):
            continue
        return false, swap
    return None


def _options(answer: Answer, sent: Span, pool: choices.Pool, difficulty: str) -> list[str]:
    """The terms a false statement may put in for ``answer``: a century said in words gets
    those of the century in figures, said back in words (ordinals.py), none that the
    sentence names already ('the seventeenth and eighteenth centuries')."""
    if answer.kind != "century" or not ordinals.spelled(answer.text):
        return choices.pick(answer, sent, pool, difficulty, None, count=_SWAPS,
                            for_statement=True)
    figured = dataclasses.replace(answer, text=ordinals.figures(answer.text))
    said = sent.text.lower()
    out = []
    for option in choices.pick(figured, sent, pool, difficulty, None, count=_SWAPS,
                               for_statement=True):
        spoken = ordinals.words(option, capital=answer.text[:1].isupper())
        if spoken is not None and spoken.lower().removeprefix("the ").split(" centur")[0] \
                .split()[-1] not in said:
            out.append(spoken)
    return out


# 'one-third' → 'two-third': a fraction's noun agrees with its count
_FRACTION = re.compile(r"^(?:roughly |about |nearly |almost )?(?:one|a)[- ]"
                       r"(?:half|third|quarter|fifth|sixth|tenth)\b", re.IGNORECASE)


def iter_answers(found: Iterable[list[Answer]]) -> Iterable[Answer]:
    for ans in found:
        yield from ans
