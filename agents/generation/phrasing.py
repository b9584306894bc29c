"""Over-generated phrasings of one question, ranked (answer-aware mode).

Heilman & Smith's design: make several candidate questions for an answer and rank them. The
candidates here are the clause-level question at two lengths, with adjuncts before the subject
moved to the end or dropped, the answer replaced where it stands (in situ), and a definition
when the answer is an apposition. The ranking needs no language model: a candidate that does
not re-parse as a well-formed wh-question (grammar.py) loses to any that does; then shorter
wins, down to the length people write questions at, and in-situ phrasings lose ties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from agents.generation import grammar
from agents.generation.appositions import placed_in
from agents.generation.asking import _DISCOURSE, MAX_WORDS, ask
from agents.generation.defining import definitions, titles
from agents.generation.participles import agent_question
from agents.generation.reference import Resolver
from agents.generation.spans import Answer

if TYPE_CHECKING:
    from spacy.language import Language

# people write questions of ~7 words (SQuAD dev article: 7.3), but a phrasing cut to 8
# loses the context they keep (measured on the dev article: BLEU-4 5.9 → 5.4)
SHORT_WORDS = 12
_SETTINGS = ((MAX_WORDS, True), (MAX_WORDS, False), (SHORT_WORDS, False))


def candidates(sent: Span, answer: Answer, text: str, resolver: Resolver) -> list[tuple[str, str]]:
    """(question, how it was made) for every phrasing the parse allows, without repeats."""
    out: list[tuple[str, str]] = []
    for question, ans, _ in definitions(sent, resolver):
        if ans.lower().strip(" .") == text.lower().strip(" ."):
            out.append((question, "definition"))
    out += [(q, "title") for q in titles(sent, answer, resolver)]
    out += [(q, "adjunct") for q in placed_in(sent, answer, resolver)]
    agent = agent_question(sent, answer, resolver)
    if agent is not None:
        out.append((agent, "agent"))
    for max_words, keep_front in _SETTINGS:
        asked = ask(sent, answer, resolver, max_words=max_words, keep_front=keep_front,
                    whole_list=True)
        if asked is not None:
            out.append((asked.question, asked.role))
    seen: set[str] = set()
    return [c for c in out if not (c[0] in seen or seen.add(c[0]))]  # type: ignore[func-returns-value]


def _cost(question: str, how: str, problems: list[str]) -> float:
    words = len(question.split())
    cost = 10.0 * len(problems)
    cost += max(0, words - SHORT_WORDS) * 0.2 + max(0, 5 - words) * 0.5
    cost += 1.0 if how == "in-situ" else 0.0
    return cost


def best(phrasings: list[tuple[str, str]], nlp: Language) -> str | None:
    """The candidate with the lowest cost, or None when there is none."""
    phrasings = [p for p in phrasings if not _empty(p[0])]
    if not phrasings:
        return None
    found = grammar.ill_formed([q for q, _ in phrasings], nlp)
    ranked = sorted(zip(phrasings, found, strict=True),
                    key=lambda x: _cost(x[0][0], x[0][1], x[1]))
    return ranked[0][0][0]


# words that say nothing of the fact after a wh-phrase: 'Who were?', 'What are there?'
_EMPTY = frozenset(str.split("is are was were be been there what who it this that"))


def _empty(question: str) -> bool:
    """A question with nothing to answer from: under three words ('What year?') or only a
    copula after its wh-word ('Who were?', 'What was what?')."""
    words = question.rstrip("?").lower().split()
    return len(words) < 3 or all(w in _EMPTY for w in words[1:])


_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")"})


def in_window(sent: Span, answer: Answer, resolver: Resolver) -> str | None:
    """The last resort: the answer replaced by its wh-phrase inside the stretch of the sentence
    between the clause punctuation around it (at least 8 words), e.g. 'Bohemond began carving
    out a principality after the Siege of Antioch in which year?'. It is a question a student
    can answer, which a fill-in-the-blank is not; it ranks below every clause-level phrasing."""
    from agents.generation.asking import Builder
    from agents.generation.wording import wh_phrase

    doc = sent.doc
    toks = [t for t in sent if not t.is_space]
    inside = [i for i, t in enumerate(toks) if answer.start <= t.i < answer.end]
    if not inside:
        return None
    lo, hi = inside[0], inside[-1] + 1
    while lo > 0 and toks[lo - 1].text not in _BREAKS:
        lo -= 1
    while hi < len(toks) and toks[hi].text not in _BREAKS and not (
        hi == len(toks) - 1 and toks[hi].is_punct
    ):
        hi += 1

    def words(a: int, b: int) -> int:
        return sum(1 for t in toks[a:b] if not t.is_punct)

    while words(lo, hi) < 8 and (lo > 0 or hi < len(toks) - 1):
        if lo > 0:
            lo -= 1
            while lo > 0 and toks[lo - 1].text not in _BREAKS:
                lo -= 1
        elif hi < len(toks) - 1:
            hi += 1
            while hi < len(toks) - 1 and toks[hi].text not in _BREAKS:
                hi += 1
    # a window that opens on a conjunction or a discourse word ('And in 1833 …', 'Meanwhile
    # the Normans …') opens on what follows it
    while lo < inside[0] and (toks[lo].dep_ == "cc" or toks[lo].is_punct or (
            toks[lo].lower_ in _DISCOURSE and toks[lo].dep_ == "advmod")):
        lo += 1
    before = doc[answer.start - 1] if answer.start > sent.start else None
    prep = before if before is not None and before.pos_ == "ADP" else None
    wh, absorbs = wh_phrase(answer, sent, prep, "nested")
    if answer.span(sent).root.dep_ in ("amod", "compound", "nmod") and wh in ("who", "where"):
        wh = "what"  # a modifier: "on Irish culture" → "on what culture", not "on who culture"
    ids = [t.i for t in toks[lo:hi] if not (t.i < answer.start and t.dep_ == "det"
                                               and t.head.i in range(answer.start, answer.end))]
    replace = {i: "" for i in range(answer.start + 1, answer.end)}
    replace[answer.start] = wh
    if absorbs and prep is not None and prep.i in ids:
        replace[prep.i] = ""
    text = Builder(sent, resolver).render(ids, replace)
    if not text:
        return None
    text = text.strip(" ,;:—–.")
    if len(text.split()) > 26:
        return None
    return text[:1].upper() + text[1:] + "?"
