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
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span, Token

from agents.generation.kinds import BODIES, numeral, other_event
from agents.generation.spans import PLACE_LABELS
from agents.generation.titles import head_names

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


# a whole-title entity that is no thing a card's subject belongs to: a date, a number
_NO_TOPIC = frozenset(["PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT",
                       "MONEY"])
# a subject's children that say which one it is ('the network's owner', 'the gallery that …'):
# such a subject stands alone and needs no topic. A preposition says which one only when it
# names something ('the city of Newcastle') or a definite thing ('the collection of the
# museum'): 'residents in unincorporated suburbs', 'the wisdom of certain decisions of
# procurement' (s31b/s31c, Jacksonville and Kenya: every reviewer 'which city?', 'whose
# procurement?') name neither (``_which_prep``)
_WHICH = frozenset(["relcl", "acl", "poss", "appos", "nummod"])
# a whole-title entity whose page a generic subject is true in, as a place's: a body ('Many
# conferences have taken a position …' on United Methodist Church), an event, a building
_BODY_TITLES = frozenset(["ORG", "EVENT", "FAC"])
# a title's head word that names a body ('Victoria and Albert Museum', 'Intergovernmental Panel
# on Climate Change')
_BODY_WORDS = BODIES | {"museum", "panel"}
# what a body or a building holds or is made of, which a bare 'the N' leaves unowned on its page
# ('There are over 10,000 objects … in the collection', 'The interior makes much use of marble'
# on Victoria and Albert Museum: 'which museum?'). Its rooms and grounds ('the main gallery',
# 'the garden') were kept as often as rejected without the page's name (session 34)
_HELD = frozenset(str.split("collection holding interior exterior façade facade building"))
# a singular subject's determiners that pick one of the page's things without saying which
_ONE_OF = frozenset(["a", "an", "each", "every"])


def _leaning_subject(sent: Span) -> str | None:
    """How ``sent``'s main subject leans on the page: 'definite' for a bare 'the N' ('The
    collection includes …', 'The main iron work gallery covers …'), 'generic' for a bare
    plural ('Nurses treat 80 % of …'); else None (a name, a pronoun, a phrase that says
    which one)."""
    subjects = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1:
        return None
    subj = subjects[0]
    if subj.pos_ != "NOUN" or subj.ent_type_ or any(
            c.dep_ in _WHICH or _which_prep(c) for c in subj.children):
        return None
    if any((not t.is_punct and not t.is_lower and t.i != sent.start and not _people_word(t))
           or t.like_num
           for t in subj.subtree if t.dep_ != "det"):
        return None  # 'The Calvin cycle', 'The ABC logo', 'The S-IC first stage' name it
    dets = [c.lower_ for c in subj.children if c.dep_ == "det"]
    if dets == ["the"] or (dets and dets[0] in _ONE_OF and subj.tag_ == "NN"
                           and sent.root.lemma_ != "be"):
        # 'A chapter typically has three lead authors', 'Each chapter has …' (s32c, IPCC:
        # every reviewer 'a chapter of what?'): one of the page's things, as 'the chapter';
        # not a definition ('A progressive tax is a tax …' is true on any page)
        return "definite"
    if dets in ([], ["all"]) and subj.tag_ == "NNS":
        # 'Complicated cases are referred …', 'Many conferences have taken …' (s31b/s31c),
        # 'All schools had a common curriculum' (s32c, Kenya: 'which schools?')
        return "generic"
    return None


def _which_prep(token: Token) -> bool:
    """A subject's preposition whose object is a definite thing: 'of the museum' says which
    collection (names are refused by the lower-case test)."""
    return token.dep_ == "prep" and any(
        d.dep_ == "det" and d.lower_ == "the" for o in token.children if o.dep_ == "pobj"
        for d in o.children)


def _people_word(token: Token) -> bool:
    """'European' of 'European examples include …', 'Himalayan' of 'Himalayan items include
    …' (s32c, V&A: 'which collection?'): a people's or a region's adjective says of what
    kind, not which one (a sentence naming a people says where itself: ``_places``)."""
    return token.dep_ == "amod" and (token.ent_type_ == "NORP" or (
        token.pos_ == "ADJ" and not token.ent_type_))


@dataclass(frozen=True)
class Topic:
    """What a page's title gives its cards, read from the title alone: once per document
    (``topic``), not again for each of its sentences (``titled`` asks it of every one)."""

    title: Span
    # 'place': 'In Kenya' for a sentence naming no place of its own; 'event': the title for a
    # sentence naming no other event; 'thing': ``label`` for a subject that leans on the
    # page; 'none': no topic (no words, a heading the model tags a place)
    form: Literal["place", "event", "thing", "none"]
    label: str | None  # a thing's label: None for a person's page or a textbook's heading
    generic: bool  # a bare plural subject ('Conferences …') takes the label too
    words: frozenset[str]  # the words naming the title's thing (titles.head_names)
    # the title names one body or building, whose parts and holdings a sentence may name
    # without saying whose ('in the collection': ``_held_part``)
    body: bool = False


def topic(title: Span) -> Topic:
    """The facts ``titled`` reads of the page's ``title`` (see there for why each)."""
    words = frozenset(head_names(title))
    if not any(t.is_alpha for t in title):
        return Topic(title, "none", None, False, words)
    ents = [e for e in title.ents if e.start == title.start and e.end == title.end]
    if (ents and ents[0].label_ in PLACE_LABELS) or _qualified_place(title):
        return Topic(title, "place" if _named_words(title) else "none", None, False, words)
    if _numbered_event(title):
        return Topic(title, "event", None, False, words)
    generic = ((ents and ents[0].label_ in _BODY_TITLES) or _proper_name(title)) \
        and title.root.pos_ == "PROPN"
    named = (bool(ents) and ents[0].label_ not in _NO_TOPIC) or _proper_name(title)
    person = bool(ents) and ents[0].label_ == "PERSON"
    label = title.text if not person and (named or _one_thing(title)) else None
    body = _proper_name(title) or bool(ents and ents[0].label_ in ("ORG", "FAC")
                                       and _one_thing(title))
    return Topic(title, "thing", label, bool(generic), words, bool(body))


def titled(sent: Span, page: Topic | None) -> str | None:
    """The page's topic a card of ``sent`` is given when no place frame (``frame``) holds:
    'In Kenya' for a place title (``page``, the page's ``topic``), whatever the sentence's
    subject (the form ``carried`` puts in, as a frame's); the title itself as a label for a
    thing ('Victoria and Albert Museum') when the subject leans on the page or the sentence
    names a part or a holding of the page's body ('in the collection'); or None: no title, a
    person's (the sentence's subject is another thing, not the person), a sentence that names
    a place or people of its own, a heading the model tags a place ('Background'), a subject
    that stands alone.

    s31/s31b reviewers, shown the title, still rejected a quarter of the cards as
    missing-context: 'The collection includes …' (Victoria_and_Albert_Museum), 'The network
    began running into trouble by 2010' (American_Broadcasting_Company), 'Nurses treat 80 %
    of the population …' (Kenya); the card read alone names neither. Measured on every seen
    rated card dev..s31b (the rule alone, frames not checked first): it gives a topic to 141
    of the 1463 served rejected missing-context cards (13 of s31/s31b's), 37 other rejected
    and 146 kept ones; of the explored, 12 rejected missing-context, 6 other rejected, 12
    kept. It removes no card. Session 32 reached the subjects it missed (a preposition naming
    nothing, an adjective's generic plural, 'Jacksonville, Florida', a body's generic plural):
    on every seen rated cloze/tf card dev..s31c it changes 108 served kept, 55 rejected
    missing-context and 33 other rejected cards (s22..s31c: 48 / 22 / 14). Round 3 reached
    'A chapter typically has …', 'Each chapter …', 'All schools …', 'Early Himalayan items
    …', 'A "plugs-out" test …' and a body's untagged name ('Intergovernmental Panel on
    Climate Change'): on every seen rated cloze/tf/mcq card dev..s32c it changes 76 served
    kept, 61 rejected missing-context, 25 other rejected (s22+: 39 / 37 / 14). Session 33: a
    place title reaches every subject ('For every 100 females there were 94.1 males',
    'Changes in the subject content … were made to reflect national cohesion', 'no Kenya
    context'): on every seen rated card dev..s32c, all types, it changes 134 served kept, 60
    rejected missing-context, 26 other rejected (explored 9 / 7 / 6); 'In Background' (a python
    textbook heading tagged GPE) is gone from 4 cards (1 kept, 3 rejected). An event's title
    with its number ('Super Bowl 50': an EVENT, then a CARDINAL) labels a sentence whatever its
    subject ('The Broncos practiced at …': 'event unstated'), unless it names another event
    (kinds.other_event): on every seen rated card dev..s32c it changes 78 kept, 47 rejected
    missing-context (of the page's 59), 22 other rejected. Session 34: a sentence whose
    subject stands alone but which names a holding or a part of the page's one body or
    building ('… in the collection', 'the Victorian parts of the building'; ``_held_part``) is
    labelled too: on every seen rated card dev..s33c, all types, it changes 8 served kept, 13
    rejected missing-context, 3 other rejected (explored 0 / 2 / 1)."""
    if page is None or page.form == "none":
        return None  # no title; or a heading the model tags a place ('Background')
    if page.form == "place":
        # a sentence naming a place or people of its own says where itself; one that names
        # none is true of the page's place whatever its subject ('For every 100 females there
        # were 94.1 males.' on Jacksonville, Florida)
        return None if _places(sent) else f"In {page.title.text}"
    if page.form == "event":
        # an event's page: what a sentence tells happened at it, whatever its subject ('The
        # Broncos practiced at …' on 'Super Bowl 50'), unless it names another event
        return None if other_event(sent, page.title) else page.title.text
    lean = _leaning_subject(sent)
    if lean is None:
        return page.title.text if page.body and _held_part(sent) else None
    if lean == "generic" and not page.generic:
        # 'Teachers …' on 'Education': no place to be true in, and a label misleads; nor on a
        # textbook heading the model tags a body ('Approaches to Sociological Research')
        return None
    # a person's page has no label: 'the motor', 'the company' are often another's
    return page.label


def _held_part(sent: Span) -> bool:
    """``sent`` names a holding or a part of a body or building with 'the N' (``_HELD``: 'in
    the collection', 'The collection of Iznik pottery …', 'the Victorian parts of the
    building') and names no body or building of its own (whose collection that is); the page's
    ``Topic.body`` says whether the title is one."""
    if any(e.label_ in ("ORG", "FAC") for e in sent.ents):
        return False
    return any(t.lower_ == "the" and t.dep_ == "det" and t.head.is_lower
               and t.head.lemma_.lower() in _HELD
               and not any(c.dep_ in _WHICH for c in t.head.children) for t in sent)


def _numbered_event(title: Span) -> bool:
    """An event's name and its number: 'Super Bowl 50' (an EVENT, then a CARDINAL), 'World
    War II' (one EVENT ending on a numeral). Every word but the number is a proper noun, the
    number is the name's own (its head, or a number modifying the head), and the name is
    tagged an event. Not '1973 oil crisis' (no name), 'Apollo 11' (tagged a body)."""
    numbers = [t for t in title if numeral(t)]
    if len(numbers) != 1 or len(title) < 2:
        return False
    number, root = numbers[0], title.root
    if number.i != root.i and not (number.head.i == root.i and number.dep_ == "nummod"):
        return False
    name = [t for t in title if t.i != number.i]
    return all(t.pos_ == "PROPN" and t.is_alpha for t in name) and all(
        t.ent_type_ == "EVENT" for t in name)


def _named_words(title: Span) -> bool:
    """Every word of ``title`` but its joining ones ('upon', 'of', 'and') is a proper noun:
    'Kenya', 'Newcastle upon Tyne', not a heading the model tags as one ('Background')."""
    return all(t.pos_ == "PROPN" for t in title
               if t.pos_ not in ("ADP", "SCONJ", "CCONJ", "DET", "PUNCT"))


def _qualified_place(title: Span) -> bool:
    """A place's title the model tags in pieces: 'Jacksonville, Florida', 'Newcastle upon
    Tyne' (each word a place; commas, brackets and a joining 'upon' or 'on' between)."""
    words = [t for t in title if not t.is_punct and t.lower_ not in ("upon", "on")]
    return len(words) > 1 and title.root.ent_type_ in PLACE_LABELS and all(
        t.ent_type_ in PLACE_LABELS for t in words)


def _proper_name(title: Span) -> bool:
    """A body's proper name the model tags no entity: 'Intergovernmental Panel on Climate
    Change', 'Victoria and Albert Museum' (each word a proper noun; 'on', 'of', 'and', 'the'
    between; a body's word at its head). Not a person ('Genghis Khan') nor a textbook's
    title-cased heading ('Congressional Elections', 'Cosmology and the Existence of God'):
    a label of those misled s20..s26 reviewers."""
    words = [t for t in title if t.pos_ not in ("ADP", "CCONJ", "DET")]
    return len(words) > 1 and title.root.lower_ in _BODY_WORDS and all(
        t.pos_ == "PROPN" and t.is_alpha for t in words)


def _one_thing(title: Span) -> bool:
    """A title that names one thing ('Apollo program', 'Chloroplast'), not a textbook
    section's heading ('Psychology 2e: Treatment Modalities', 'Business Cycles and Economic
    Activity', 'Measures of the Center of the Data'): a label of it would say nothing."""
    if any(t.is_punct or t.pos_ == "ADP" for t in title):
        return False
    # a body's name may join two names ('Victoria and Albert Museum'); a heading joins topics
    named_body = title.root.lower_ in _BODY_WORDS
    return len(title) <= (4 if named_body else 3) and (
        named_body or not any(t.dep_ == "cc" for t in title))


def labelled(text: str, answer: str, topic: str, title_words: AbstractSet[str]) -> str:
    """``text`` led by its topic ('Victoria and Albert Museum: The collection includes …');
    unchanged when it or its answer already names a word of the title's thing
    (``title_words``, titles.head_names)."""
    if names_topic(text, answer, title_words) or topic.lower() in text.lower() or (
            text.split(" ", 1)[0].endswith(":")):
        return text  # nor a text led by a label of its own ('Ex: A travel site …')
    return f"{topic}: {text}"


def names_topic(text: str, answer: str, title_words: AbstractSet[str]) -> bool:
    """``text`` or its ``answer`` names a word of the title's thing (``title_words``,
    titles.head_names): 'Harvard's aid' and 'Huguenots' name 'Harvard' and 'Huguenot' too.
    A topic put in would repeat the card ('In Jacksonville, Florida, voters outside
    Jacksonville's city limits …'), or give its blank away."""
    said = {w.lower().strip(".,;:?!'\"()") for w in f"{text} {answer}".split()}
    said |= {w.removesuffix("'s").removesuffix("’s").removesuffix("s") for w in said}
    return bool(said & title_words)
