"""The place a paragraph's opening frame set, carried into the cards of the sentences after it.

"In Germany, teachers are mainly civil servants. ... Salaries for teachers depend on the civil
servants' salary index scale." The second sentence is true of Germany, which only the first
said; a card made of it ("What depends on the civil servants' salary index scale?") reads as
true of every country (s27c, every reviewer: 'needs "in Germany"'). Read from the parse:

- ``frame``: the nearest earlier sentence that opens on "In" and one
  place alone ("In Germany,", "In the United States,"; a GPE or LOC entity and at most its
  article, then a comma), with no other place named between it and the card's sentence nor in
  that sentence itself (it says where, or the page moved on: "In southern Italy, ..." is a
  new frame, not the old one), at most three sentences back;
- or the page's opening sentence, when its main subject holds "in" and one place ("Salaries
  for primary teachers in Ireland depend on …", "Teaching in Canada requires …") and it does
  not open on a date (that tells one event: "In 1987, a church court in New Hampshire …");
- ``carried``: the card with the frame put in: a statement or cloze in front ("In Germany,
  salaries for teachers ..."), a question at its end ("... index scale in Germany?"); a card
  whose answer is the place, or that names it already, is left as it is.

Measured on every seen rated card (dev..s28c) made from a sentence the frame reaches (12 cards
of 3 passages; 5 seen passages in all have such a frame): it puts the place into the 4 s27c
Germany cards every reviewer rejected for want of it ('needs "in Germany"'), into 3 more
rejected for other faults (vague, a blank the card gives away) and into 5 kept ones ('In
Australia, the ABC also provided …'); it removes no card.

The opening subject's place (s30), with a bracketed or lower-case 'place' ('p.a.', '(M.A.,
H.Dip.)') and a people ('the Irish language') no longer ending a frame, measured the same way
on every seen rated card dev..s29c: it puts the place into 17 rejected cards (11 tagged
missing-context by most reviewers: the s27 Ireland pay cards, the s29c Canada salary cards, one
Poland card) and 5 kept ones ('In Warsaw, bills passed by a simple majority …'); it removes
none. An opening subject's place beyond the first sentence, or without the date test, also
reached a chemistry page's 'corrosion remediation in the United States' and 'a church court in
New Hampshire' (kept cards given a wrong place), hence both limits.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from agents.generation.spans import PLACE_LABELS

# a sentence naming a people or a place says whose or where itself ('German schools ...')
_OWN_PLACE = PLACE_LABELS | {"NORP"}
# how many sentences on a frame still holds: the seen ones that needed it were the next two or
# three ('In Germany, …' then the teachers' salaries); a page's later sentences have often
# moved on without naming where (an EU-law page's 'In Europe,' ten sentences back)
_REACH = 3


def _opening_place(sent: Span) -> str | None:
    """'In Germany' of 'In Germany, teachers are …': 'In', one place entity with at most its
    article, and a comma; else None."""
    first = sent[0]
    if first.lower_ != "in" or first.dep_ != "prep" or len(sent) < 4:
        return None
    end = first.right_edge.i
    if end + 1 >= sent.end or sent.doc[end + 1].text != ",":
        return None
    inner = sent.doc[first.i + 1 : end + 1]
    places = [e for e in sent.doc.ents
              if e.start >= inner.start and e.end <= inner.end and e.label_ in PLACE_LABELS]
    if len(places) != 1:
        return None
    rest = [t for t in inner if not places[0].start <= t.i < places[0].end]
    if any(t.lower_ != "the" for t in rest):
        return None  # 'In southern Italy', 'In much of the U.S. South': part of it, or a kind
    return sent.doc[first.i : end + 1].text


def _subject_place(sent: Span) -> str | None:
    """'In Ireland' of 'Salaries for primary teachers in Ireland depend on …' or 'Teaching in
    Canada requires …': the main subject holds 'in' and one place entity, with at most its
    article, and the sentence names no other place; else None. The paragraph is about that
    place, as after an opening 'In Ireland,' (s27 Ireland, s29c Canada: the next sentences'
    pay scales, rejected by every reviewer for want of the country)."""
    root = sent.root
    for subj in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
        if any(t.ent_type_ in ("DATE", "TIME") for t in sent.doc[sent.start : subj.left_edge.i]):
            return None  # 'In 1987, a church court in New Hampshire …' tells one event
        for prep in (t for t in subj.subtree if t.lower_ == "in" and t.dep_ == "prep"
                     and t.head.pos_ in ("NOUN", "PROPN")):
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if len(objs) != 1:
                continue
            obj = objs[0]
            places = [e for e in sent.doc.ents
                      if e.start <= obj.i < e.end and e.label_ in PLACE_LABELS]
            inner = sent.doc[obj.left_edge.i : obj.right_edge.i + 1]
            if len(places) != 1 or places[0].end != inner.end or any(
                    t.lower_ != "the" for t in inner if t.i < places[0].start):
                continue
            return f"In {inner.text}"
    return None


def _named_place(ent: Span) -> bool:
    """A place entity that says where: capitalised, and not inside brackets. The model tags
    'p.a.' (per annum) and the degrees of '(M.A., H.Dip., etc.)' as places (s27 Teacher)."""
    if not ent.text.removeprefix("the ")[:1].isupper():
        return False
    before = ent.doc[ent.sent.start : ent.start].text
    return before.count("(") <= before.count(")")


def _places(sent: Span, labels: frozenset[str] = _OWN_PLACE) -> set[str]:
    """The places and peoples ``sent`` names: its entities of ``labels``, and a name after
    'in', 'at' or 'from' the model gave no place label ('the districts in Kraków')."""
    named = {e.text.lower().removeprefix("the ") for e in sent.ents
             if e.label_ in labels and _named_place(e)}
    return named | {t.lower_ for t in sent if t.pos_ == "PROPN" and t.dep_ == "pobj"
                    and t.head.lower_ in ("in", "at", "from") and not t.ent_type_}


def frame(sent: Span, previous: Sequence[Span]) -> str | None:
    """The place frame ('In Germany') an earlier sentence opened on and ``sent`` stands in, or
    None. The sentences come parsed one by one, without their paragraphs: a frame ends where
    the page names another place."""
    if _places(sent):
        return None
    for back, prev in enumerate(list(reversed(previous))[:_REACH]):
        found = _opening_place(prev)
        if found is None and back == len(previous) - 1:
            found = _subject_place(prev)  # the page's opening subject: what it is about
        if found is not None:
            place = found.split(" ", 1)[1].lower().removeprefix("the ")
            return found if _places(prev) == {place} else None
        if _places(prev, PLACE_LABELS):
            # the page named another place since; a people ('through the Irish language')
            # is not one: it is often the frame's own, and the model tags 'Extra' a NORP
            return None
    return None


def carried(text: str, kind: str, answer: str, place: str, proper: bool) -> str:
    """``text`` (a card's statement, cloze or question of type ``kind``) with the frame
    ``place`` put in: at a question's end, in front of anything else (``proper``: the text's
    first word is a name and keeps its capital). Unchanged when it names the place already
    or asks for it."""
    name = place.split(" ", 1)[1]
    if name.lower() in text.lower() or name.lower() in answer.lower():
        return text
    if kind in ("qa", "mcq") and text.endswith("?"):
        return f"{text[:-1].rstrip()} {place[:1].lower()}{place[1:]}?"
    lead = text if proper or not text[:1].isupper() else text[:1].lower() + text[1:]
    return f"{place}, {lead}"
