"""Definitional questions from appositions and titles: "Tarquin the Proud, the last king of Rome,
…" → "Who was Tarquin the Proud?"; "his half-brother Harthacnut" → "Who was Edward's half-brother?".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from agents.generation.reference import Resolver
from agents.generation.rendering import Builder, keeps_case
from agents.generation.spans import PERSON_NOUNS, Answer


def definitions(sent: Span, resolver: Resolver | None = None) -> list[tuple[str, str, str]]:
    """(question, answer, kind) pairs from appositions and copulas:
    'Tarquin the Proud, the last king of Rome, …' → ('Who was Tarquin the Proud?', 'the last
    king of Rome') and ('Who was the last king of Rome?', 'Tarquin the Proud')."""
    doc = sent.doc
    past = any(t.tag_ == "VBD" for t in sent)
    out: list[tuple[str, str, str]] = []
    builder = Builder(sent, resolver)
    for tok in sent:
        if tok.dep_ == "appos" and tok.head.pos_ in ("PROPN", "NOUN") and \
                doc[tok.left_edge.i - 1].text in (",", "(", "—", "–", ":") and \
                not _listed(tok):
            # (no comma before it: a misparse, 'Richard I of Normandy' read as 'Richard, I …')
            head = tok.head
            # multi-word names: "Tarquin the Proud" continues after the head
            end = head.i + 1
            while end < tok.left_edge.i and doc[end].text != "," and doc[end].head.i in range(
                head.left_edge.i, end
            ):
                end += 1
            name_ids = list(range(head.left_edge.i, end))
            desc_ids = [t.i for t in tok.subtree if not (t.is_punct and t.i in (
                tok.left_edge.i, tok.right_edge.i))]
            if not desc_ids or len(desc_ids) > 14 or len(name_ids) > 6:
                continue
            if len(desc_ids) == 2 and doc[desc_ids[0]].lower_ == "the" and \
                    doc[desc_ids[1]].text[:1].isupper():
                continue  # "William the Lion": an epithet is part of the name, no definition
            name = (builder.render(name_ids, {}) or "").strip(" —–,;:")  # not "IQ tests—"
            desc = (builder.render(desc_ids, {}) or "").strip(" —–,;:")
            if not name or not desc or doc[name_ids[0]].pos_ == "PRON":
                continue
            is_person = head.ent_type_ in ("PERSON", "PER") or tok.lemma_.lower() in {
                "king", "queen", "emperor", "leader", "general", "president", "scientist"}
            plural = head.tag_ in ("NNS", "NNPS")
            be = ("were" if plural else "was") if past else ("are" if plural else "is")
            wh = "Who" if is_person else "What"
            name_q = name if keeps_case(doc[name_ids[0]]) else name[:1].lower() + name[1:]
            out.append((f"{wh} {be} {name_q}?", desc, "definition"))
            if doc[desc_ids[0]].lower_ == "the":
                out.append((f"{wh} {be} {desc}?", name, "person" if is_person else "name"))
    return out



def _listed(appos: Token) -> bool:
    """The 'apposition' is an item of a list the parser split ('cars such as the Toyota Corona
    Mark II, the Toyota Cressida, the Mazda 616 and …'), or a second name for the first (a
    name describes nothing): 'What was the Toyota Corona Mark II?' → 'the Toyota Cressida'
    was a wrong answer to all three reviewers. A description is headed by a common noun."""
    head = appos.head
    if appos.pos_ != "NOUN":
        return True
    if any(c.dep_ in ("conj", "appos") for c in appos.children) or any(
            c.dep_ == "conj" or (c.dep_ == "appos" and c != appos) for c in head.children):
        return True
    if head.dep_ in ("conj", "appos"):
        return True
    prep = head.head
    if head.dep_ != "pobj":
        return False
    return prep.lower_ in ("including", "like") or (
        prep.lower_ == "as" and prep.i > 0 and head.doc[prep.i - 1].lower_ == "such")


_TITLE_STOP = frozenset({"PROPN", "VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PUNCT", "NUM"})


def titles(sent: Span, answer: Answer, resolver: Resolver | None = None) -> list[str]:
    """Questions that ask for a name by the title the sentence gives it: 'at the invitation of
    his half-brother Harthacnut' → 'Who was Edward the Confessor's half-brother?'; 'Bohemond,
    Robert's son, landed …' → 'Who was Robert's son?'. The possessor is resolved (rendering.py);
    a title without one ('a Norman named Oursel') says too little to ask by."""
    doc = sent.doc
    span = answer.span(sent)
    if span.root.pos_ != "PROPN" and answer.kind not in ("person", "group", "place"):
        return []
    builder = Builder(sent, resolver)
    past = any(t.tag_ in ("VBD", "VBN") for t in sent)
    plural = span.root.tag_ in ("NNPS", "NNS")
    be = ("were" if plural else "was") if past else ("are" if plural else "is")
    out: list[str] = []
    # before the name: '[his|the island's|their] [half-brother|despot|leader] NAME'
    i = answer.start - 1
    noun_end = i
    while i >= sent.start and (doc[i].pos_ in ("NOUN", "ADJ") or doc[i].text == "-"):
        i -= 1
    title_start = i + 1
    if noun_end >= title_start and doc[noun_end].pos_ == "NOUN" and doc[noun_end].is_lower:
        poss = _possessor(doc, i, sent.start)
        if poss is not None:
            ids = list(range(poss, noun_end + 1))
            text = builder.render(ids, {})
            if text:
                out.append(_ask_for(text, doc[noun_end].lemma_, answer, be))
    # after the name: 'NAME, Robert's son,' (an apposition of the name)
    for tok in span.root.children:
        if tok.dep_ == "appos" and tok.i >= answer.end and tok.pos_ == "NOUN":
            ids = [t.i for t in tok.subtree if not t.is_punct]
            if not ids:  # the tagger's "apposition" is a lone '-' or '.' tagged NOUN
                continue
            first = doc[ids[0]]
            if len(ids) <= 8 and (first.lower_ == "the" or first.dep_ == "poss" or
                                  any(t.dep_ == "poss" for t in tok.children)):
                text = builder.render(ids, {})
                if text:
                    out.append(_ask_for(text, tok.lemma_, answer, be))
    return out


def _possessor(doc: Doc, i: int, start: int) -> int | None:
    """The first token of the possessor before a title: 'his', 'the island 's', 'the'."""
    if i < start:
        return None
    if doc[i].tag_ == "PRP$":
        return i
    if doc[i].tag_ == "POS" and i - 1 >= start:
        owner = doc[i - 1]
        return owner.left_edge.i if owner.left_edge.i >= start else None
    return None


def _ask_for(title: str, lemma: str, answer: Answer, be: str) -> str:
    person = answer.kind in ("person", "group") or lemma.lower() in PERSON_NOUNS
    wh = "Who" if person else "What"
    title = title if keeps_case_text(title) else title[:1].lower() + title[1:]
    return f"{wh} {be} {title}?"


def keeps_case_text(text: str) -> bool:
    first = text.split(" ", 1)[0]
    return first[:1].isupper() and first.lower() not in ("the", "his", "her", "their", "its")


# the page's own voice around a definition it gives: 'Remember that we defined …', 'In this
# chapter, we have defined …', 'We define …' (OpenStax Entrepreneurship, University Physics)
_READER_FRAME = re.compile(
    r"^((remember|recall|note),? (that )?|(earlier|previously|above|in (this|the previous|an "
    r"earlier) (chapter|section|module|unit|book)),? )?we (have )?$", re.IGNORECASE)
_READER_WORDS = frozenset({"we", "us", "our", "you", "your", "i", "me", "my"})


def restated(sent: Span) -> str | None:
    """The definition a textbook gives in its own voice, as the claim it makes: 'Remember that
    we defined a pitch as a formal but brief presentation …' → 'A pitch is defined as a formal
    but brief presentation …'; 'We define periodic motion to be any motion that …' → 'Periodic
    motion is defined as any motion that …'. Left as it is, the parse finds no subject but
    'we' and every statement and cloze of it reads 'we defined' (reader-addressed: refused).
    On the seen rated cards of sentences 'X is defined as Y' the statements and cloze were
    kept 8 of 12 (s6..s23b). None when the sentence is no such definition."""
    verb = next((t for t in sent if t.lemma_ == "define" and t.tag_ in ("VBD", "VBP", "VBN")
                 and any(c.dep_ == "nsubj" and c.lower_ == "we" for c in t.children)), None)
    if verb is None or verb.dep_ not in ("ROOT", "ccomp") or (
            verb.dep_ == "ccomp" and verb.head.dep_ != "ROOT"):
        return None
    term = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if term is None or term.i < verb.i or term.pos_ == "PRON":
        return None  # 'we defined it as …': which it, the page before says
    doc = sent.doc
    # where the definition starts: 'as' (on the verb or the term) or 'to be' (on the term)
    start = next((t.i for t in doc[term.i + 1: sent.end] if t.lower_ == "as" and t.dep_ == "prep"
                  and t.head in (verb, term)), None)
    if start is None and term.i + 2 < sent.end and doc[term.i + 1].lower_ == "to" and \
            doc[term.i + 2].lower_ == "be":
        start = term.i + 1
    if start is None:
        return None
    gap = start + (1 if doc[start].lower_ == "as" else 2)
    end = sent.end - 1 if sent[-1].is_punct else sent.end
    frame = doc[sent.start: verb.i].text + " "
    if not _READER_FRAME.match(frame.replace(" ,", ",")) or gap >= end:
        return None
    name, meaning = doc[term.left_edge.i: start], doc[gap: end]
    if any(t.lower_ in _READER_WORDS for t in (*name, *meaning)) or len(name) > 8:
        return None  # 'we defined it as …', '… as you saw': still the page's voice
    be = "are" if term.tag_ in ("NNS", "NNPS") else "is"
    return f"{name.text[:1].upper()}{name.text[1:]} {be} defined as {meaning.text}."
