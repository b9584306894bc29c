"""Answers as typed spans of a parsed sentence: entities, noun chunks, numbers, dates.

A span is only an answer when it is a whole constituent of the parse (one token of it has its
head outside it): "BC Julius Caesar" or "soil becomes groundwater" never are. Its ``kind``
decides the wh-phrase and which distractors are of the same kind; its ``head`` is the head
noun's lemma ("consul" for "two consuls"), the class a distractor must share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from agents.generation import boundaries, pointing, swaps
from agents.generation.terms import MONTHS_EN, YEAR_DIGITS

# NER label → kind
LABEL_KIND = {
    "PERSON": "person",
    "PER": "person",
    "NORP": "group",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "TIME": "time",
    "CARDINAL": "number",
    "QUANTITY": "quantity",
    "MONEY": "money",
    "PERCENT": "percent",
    "EVENT": "event",
    "WORK_OF_ART": "work",
    "LAW": "work",
    "PRODUCT": "thing",
    "LANGUAGE": "language",
    "MISC": "thing",
}
NUMERIC = frozenset({"year", "date", "century", "number", "quantity", "money", "percent", "time",
                     "duration"})
# common nouns that name a person: a phrase headed by one is a person (kind_of, titles, roles)
PERSON_NOUNS = frozenset(str.split(
    "king queen emperor empress ruler leader president consul senator general soldier scientist "
    "philosopher writer author poet painter composer inventor explorer priest bishop pope monk "
    "saint prince princess duke lord merchant farmer worker citizen people person man woman "
    "child mother father son daughter brother sister wife husband chief minister governor "
    "tribune dictator pharaoh sultan tsar czar knight noble peasant slave student teacher "
    "physicist chemist biologist mathematician astronomer engineer doctor founder mercenary "
    "adventurer abbot archbishop baron earl count crusader male female heir successor rival "
    "officer official clerk speaker judge member deputy secretary chancellor mayor ambassador "
    "commander captain psychologist psychiatrist researcher therapist clinician historian "
    "politician patient victim owner theologian "
    # (s30b: "What would continue to use the CSM as a ferry …?" → "Astronauts", tagged ORG)
    "astronaut cosmonaut"
))
# every noun that names people, one or a group: PERSON_NOUNS, the nouns for groups whose members
# are people, and people nouns PERSON_NOUNS lacks (kept out of it because its readers make a
# phrase headed by one a person: kind_of, titles, roles). An answer headed by one is asked with
# 'who' (wording.names_people; keep.names_people reads PERSON_NOUNS and says why): the blind
# reviews rejected every 'What' asked of them ("What fought for William of Orange?" → "Huguenot
# regiments", "What settled at the Cape …?" → "Individual Huguenots")
PEOPLE_NOUNS = PERSON_NOUNS | frozenset(str.split(
    "regiment troop tribe clan crew mob militia garrison congregation family colonist settler "
    "immigrant emigrant refugee inhabitant resident native descendant ancestor follower "
    "supporter opponent critic scholar artisan craftsman weaver missionary nun aristocrat "
    "aristocracy nobility clergy delegate delegation voter employee pupil disciple fan player "
    "athlete pioneer volunteer nominee rebel insurgent prisoner pilgrim peer coach sculptor "
    "editor publisher actor actress singer dancer architect novelist playwright journalist "
    "teammate partner friend lover ally enemy invader conqueror nomad "
    "chieftain warrior hunter tenant landowner lawyer cousin uncle aunt nephew niece grandson "
    "granddaughter grandfather grandmother fiancé fiancée widow widower "
    # roles of the firm and the studio (s26: "What introduced the concept of regeneration …?"
    # → "Producers", every reviewer 'What' for people)
    "producer director manager executive investor entrepreneur consumer customer buyer seller "
    "shareholder stakeholder "
    # the clergy (s29b: "What appears before the District Committee …?" → "Local pastors",
    # every reviewer 'What' for people)
    "pastor preacher vicar rector curate deacon chaplain cleric clergyman rabbi imam "
    "parishioner"))
# the last word of a name that says what kind of thing it names: "the Amazon River"
CLASS_WORDS = frozenset(str.split(
    "river sea ocean lake mountain mountains island islands desert valley bay gulf strait "
    "canal city town empire kingdom republic dynasty university college school church "
    "cathedral temple palace castle bridge tower war battle treaty revolution party army navy "
    "company council senate parliament museum library hospital province state county region "
    "street square park forest peninsula continent planet galaxy moon star duchy county "
    "principality fief abbey monastery"
))
# the class nouns of named forces of nature ('Tropical Storm Beryl', 'Hurricane Delia'): a
# name they lead is no doer a passive's 'by' asks "By whom …?" of, whatever type the small
# model gave it (s27b: "By whom was Jacksonville hit …?", every reviewer 'by whom for a storm')
NATURAL_FORCES = frozenset(str.split(
    "storm hurricane typhoon cyclone tornado earthquake volcano flood tsunami eruption"))
# the phrases that link a sentence to its neighbours and state nothing of its own: asking.py
# drops them from a question; an answer they open is cut out of one (spans._in_discourse)
DISCOURSE_PP = re.compile(
    r"^(in addition|for example|for instance|as a result|in fact|of course|by contrast|in "
    r"contrast|on the other hand|in particular|in general|at the same time|after that|in turn|"
    r"to this end|as such|in other words|above all|in short|in summary|by then|at first|"
    r"at the time|at that time|at this time|by that time|by this time|in the meantime|"
    r"at this point|at that point)\b",
    re.IGNORECASE,
)
LANGUAGES = frozenset(str.split(
    "english french latin german greek norse italian spanish arabic dutch portuguese russian "
    "chinese japanese hebrew gaelic welsh frankish danish swedish norwegian icelandic"
))
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_BAD_HEADS = frozenset({"PRON", "DET", "NUM", "PUNCT", "SYM", "X", "SPACE"})
_DATE_WORDS = re.compile(
    r"\d|\b(january|february|march|april|may|june|july|august|september|october|november|"
    r"december|spring|summer|autumn|fall|winter|centur\w*|millenni\w*|years?|decades?|ages?|"
    r"era|eras|period|days?|weeks?|months?|today|yesterday|tomorrow|bc|ad|bce|ce|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|first|second|third|\w+th|late|early|mid)\b",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"[IVX]+")
_YEAR = re.compile(r"^(?:(?:in|the year)\s+)?\d{3,4}(?:\s*(?:BC|BCE|AD|CE|B\.C\.|A\.D\.))?$", re.I)


# below it a word is no everyday word: a capitalised one is a name ('Society' 4.4, 'Court' 4.9),
# a plural's singular no real word ('gallery', not 'herpe')
EVERYDAY_ZIPF = 3.0


def zipf(word: str, language: str = "en") -> float:
    """How common a word is: 7 for 'the', ~3 for 'consul', 0 for unknown (wordfreq)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, language))


def common(word: str, language: str = "en") -> bool:
    return zipf(word, language) >= 5.0


@dataclass(frozen=True)
class Answer:
    """One askable span of a sentence (token offsets into the sentence's Doc)."""

    start: int
    end: int
    kind: str
    label: str  # the NER label, or NP for a noun chunk
    head: str  # lemma of the head noun, lowercased ("" for numbers and dates)
    text: str

    def span(self, sent: Span) -> Span:
        return sent.doc[self.start : self.end]


def root_of(span: Span) -> Token:
    """The token of the span whose head lies outside it (spaCy's own ``span.root``)."""
    return span.root


def is_constituent(span: Span) -> bool:
    """Exactly one token of the span hangs outside it: a whole phrase, not a cut one."""
    if len(span) == 0:
        return False
    outside = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    if len(outside) != 1:
        return False
    root = outside[0]
    # a constituent also holds all of its root's dependents except a leading determiner/case
    for child in root.subtree:
        if child.i < span.start or child.i >= span.end:
            if child.i < span.start and child.dep_ in ("det", "predet", "case", "poss", "advmod"):
                continue
            if child.i >= span.end and child.lower_ == "than":
                return False  # "more water" cut from "more water than any other river"
            if child.i >= span.end and child.dep_ in ("prep", "relcl", "acl", "appos", "punct",
                                                      "cc", "conj", "case"):
                continue
            if child.i < span.start and child.dep_ in ("amod", "compound", "nummod", "quantmod"):
                return False  # "two consuls" cut to "consuls", "Julius Caesar" to "Caesar"
    return True


def trim(span: Span) -> Span:
    """Without leading determiners and punctuation or trailing punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct):
        if start + 1 < end and doc[start + 1].pos_ == "SYM" and not doc[start].is_punct:
            break  # the "A" of "A → G deamination" is the formula's letter, not an article
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in (")", "%"):
        end -= 1
    return doc[start:end]


# titles that say the name after them is a person's ("King Charles III", "Baron Dieskau",
# "the Marquis de Vaudreuil", "General Braddock"): _titled and people_named read this one list
TITLES = frozenset(str.split(
    "general governor colonel major captain lieutenant admiral commander marshal king queen "
    "emperor empress tsar czar sultan khan caliph shah president chancellor minister senator "
    "sir lord lady baron baroness marquis marquess duke duchess count countess earl viscount "
    "prince princess pope saint st bishop archbishop cardinal dr mr mrs ms professor prof"))


# words a name is not grown left over ("Prime Minister Edward Heath" stays "Edward Heath")
_TITLE_WORDS = TITLES | PERSON_NOUNS | {"prime", "vice", "chief", "justice"}


def _titled(span: Span) -> bool:
    """'King Charles III', 'William of Montreuil', 'Edward the Confessor': a person's name."""
    words = span.text.split()
    if not words or not all(w[:1].isupper() or w in ("of", "the", "de", "von", "van")
                            for w in words):
        return False
    if words[0].lower() in TITLES and len(words) >= 2:
        return True
    if any(w.lower() in CLASS_WORDS for w in words):
        return False
    if words[0].lower() == "the" or (span.start > 0 and span.doc[span.start - 1].lower_ == "the"):
        # 'the Canon of Medicine' is a work: a person's 'X of Y' takes no article ('Peter of
        # Abano'), one with a title does ('the Duke of York', above). s30c offered 'Canon of
        # Medicine' among people for 'Peter of Abano' (every reviewer: wrong-kind distractor)
        return False
    return bool(re.fullmatch(r"[A-Z]\w+ (the [A-Z]\w+(-\w+)?|[IVX]+|of [A-Z]\w+)", span.text))


def counted(span: Span) -> bool:
    """The span is a count of a plural noun that opens with its number, alone or with the
    words that qualify the number ('79 separate reading rooms', 'about 300 new members'): it
    says how many, and is asked 'How many …?' (people asked 'How many' for 80 of the 110
    such answers of the first held-out file where the parse gave the whole phrase no number
    label, and 'What' was asked of them: 'What does the library comprise?')."""
    root = span.root
    if root.pos_ != "NOUN" or root.tag_ != "NNS" or root.dep_ in ("conj", "appos") or any(
            c.dep_ in ("conj", "appos") or (span.start <= c.i < span.end and (
                c.dep_ in ("acl", "relcl") or c.lower_ == "per")) for c in root.children):
        # not one item of a list ('three weight rooms, a studio and …'), a rate ('3600
        # revolutions per minute') or a ratio ('four men attending … for every woman')
        return False
    number = next((c for c in root.children if c.dep_ == "nummod" and c.like_num and
                   span.start <= c.i < root.i), None)
    return number is not None and number.left_edge.i <= span.start


def quoted(span: Span) -> bool:
    """The span stands between quotation marks ('contain "Amazonas" in their names')."""
    doc = span.doc
    return span.start > 0 and span.end < len(doc) and doc[span.start - 1].is_quote and \
        doc[span.end].is_quote


def entitled(span: Span) -> bool:
    """The page gives the name as a title: 'entitled X', 'titled X', 'under the title X'."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lemma_.lower() in ("entitle", "title", "entitled",
                                                             "titled")


# (capitalised: 'the march', 'may' are no months)
_MONTH = re.compile(rf"(?:(?:[Ee]arly|[Ll]ate|[Mm]id-?)\s*)?(?:{MONTHS_EN})")


def _named_number(span: Span) -> bool:
    """A name that ends on a number word or digits: 'Westwood One', 'Apollo 11' (a name, not a
    count: 'How many will carry the game?' was asked for 'Westwood One')."""
    return span.root.like_num and any(
        t.pos_ == "PROPN" and not t.like_num and t.text[:1].isupper() for t in span)


def kind_of(span: Span, label: str) -> str:
    """The answer's kind from its NER label, refined by shape and head noun."""
    text = span.text
    if label in ("CARDINAL", "NP") and _named_number(span):
        return "name"
    if _MONTH.fullmatch(text) and span.root.pos_ in ("PROPN", "NOUN"):
        # a month alone is a time ('every May', untyped by the small model): asked "When …?"
        # or "In what month …?" (answer_aware.rephrasings), not 'What has the college held …?'
        return "date"
    if label in ("DATE", "CARDINAL") and re.fullmatch(r"\d+", text) and \
            span.root.dep_ == "pobj" and span.root.head.lower_ == "at":
        # "estimated at 1060", "put at 1200": a bare number after 'at' is a value, never a
        # year (a year is 'in 1060'); s27b asked "When has the number … been estimated …?"
        return "number"
    if label == "CARDINAL" and re.fullmatch(r"1?\d{3}", text):
        prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        whole = span.start > 1 and prev == "of" and (
            span.doc[span.start - 2].lower_ == "out" or span.doc[span.start - 2].like_num)
        if prev in ("in", "by", "since", "until", "before", "after", "during", "of") \
                and not whole:
            return "year"  # "in 911": the small model calls it a number
        # ('ranked 145 out of 186', '12 of 300' count a whole: s26c's 186 was a year and was
        # offered the page's 2005)
    if label in ("PERSON", "ORG") and entitled(span):
        return "work"  # 'a work entitled Kitab al-Saydalah' (tagged PERSON; s30c offered it
        # among people)
    if LABEL_KIND.get(label, "name") in ("name", "org", "thing", "place", "group", "person") \
            and _titled(span):
        return "person"
    if label in LABEL_KIND and not (label == "DATE" and not _DATE_WORDS.search(text)):
        # (the small model tags "The Norman dynasty" a DATE: a date has a number or a time word)
        kind = LABEL_KIND[label]
        if kind == "date":
            if re.search(r"\b(days?|weeks?|months?|years?|hours?|decades?)$", text, re.I) and \
                    re.search(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|"
                              r"several|many|few)\b", text, re.I) and span.root.lemma_.lower() in (
                    "day", "week", "month", "year", "hour", "decade") and not (
                    span.root.tag_ == "NN" and re.search(rf"\b({YEAR_DIGITS})\b", text)):
                # "about 120 days": how long, not when; "the end of the 1981 model year" is
                # a time ("How long did Chrysler end production …?" was deleted), as is a
                # year before a singular unit ("the 1998 school year": read as a count, it
                # was offered "999 school year" and "3996 school year")
                return "duration"
            if re.search(r"centur|millenni", text, re.I):
                return "century"
            if _YEAR.match(text):
                return "year"
        if kind in ("place", "person") and span[-1].lower_ in LANGUAGES and \
                span.doc[span.end : span.end + 1].text.lower() not in ("people", "army"):
            return "language"  # "evolved into Modern English" (tagged a place): not "where"
        if kind in ("org", "thing", "place") and span.root.lemma_.lower() in PERSON_NOUNS:
            return "person"
        return kind
    root = span.root
    if root.lemma_.lower() in ("year", "month", "week", "day", "decade", "hour", "minute") and \
            any(c.dep_ == "nummod" for c in root.children):
        return "duration"  # "the following 380 years" (a noun chunk): how long
    if root.lemma_.lower() in ("century", "millennium") and any(
            re.fullmatch(r"\d+(st|nd|rd|th)", t.text) for t in span):
        return "century"  # "the early 11th century" as a noun chunk: a time, not a thing
    if root.pos_ == "NUM" or root.like_num or counted(span):
        return "number"
    if root.lemma_.lower() in PERSON_NOUNS:
        return "person"
    if root.pos_ == "PROPN" and any(
            c.dep_ in ("compound", "amod") and c.i < root.i and c.lemma_.lower() in PERSON_NOUNS
            for c in root.children):
        # a role noun before a name: 'The theologian Johann Eck', 'naval officer Jean Ribault';
        # "What was determined to expose Luther's doctrine …?" was rejected (s25b, s10b). Not
        # the model's PERSON type on the name alone: 'spinoff Family Matters' is typed one
        return "person"
    if _role_before_name(span):
        return "person"
    if root.pos_ == "PROPN":
        return "name"
    return "thing"


def _role_before_name(span: Span) -> bool:
    """A person's full name (two or more singular proper nouns the small model typed PERSON)
    after a common noun that is no listed role: 'Tight end Greg Olsen', 'linebacker Von
    Miller'. The noun before a person's name is their role, whatever it is (s30c: "What caught
    a career-high 77 passes …?" → "Tight end Greg Olsen", every reviewer 'What' for a person).
    A plural name is left: 'spinoff Family Matters' is typed a person."""
    root = span.root
    if root.tag_ != "NNP" or root.ent_type_ not in ("PERSON", "PER"):
        return False
    name = [t for t in span if t.ent_type_ == root.ent_type_ and t.pos_ == "PROPN"]
    before = [t for t in span if t.i < name[0].i]
    return len(name) >= 2 and all(t.tag_ == "NNP" for t in name) and any(
        t.pos_ == "NOUN" and span.start <= t.head.i < span.end and
        t.lemma_.lower() not in CLASS_WORDS for t in before)  # not 'the film Harold Brandt'


def head_class(span: Span, kind: str) -> str:
    """The class a same-kind distractor shares: the head noun's lemma, or a name's class word."""
    root = span.root
    if kind in NUMERIC:
        # "7,000 soldiers": the counted noun; "6,650 km": the unit
        counted = root if root.pos_ == "NOUN" else root.head
        return counted.lemma_.lower() if counted.pos_ == "NOUN" else ""
    last = span[-1].lemma_.lower()
    if last in CLASS_WORDS:
        return last
    return root.lemma_.lower() if root.pos_ == "NOUN" else ""


def _answer(span: Span, label: str) -> Answer | None:
    if span[0].lower_ in ("this", "these", "that", "those", "every", "each", "some", "any",
                          "all", "most", "many", "few", "such", "other", "no", "its", "his",
                          "her", "their", "our", "my", "your"):
        return None  # "this process", "every action", "their highest peak": no fact alone
    if span[0].tag_ in ("WDT", "WP", "WP$"):
        # "fleas whose midguts had become obstructed" -> "whose midguts", "what nature itself
        # reveals" -> "what nature": a relative or free relative clause's opening cut off
        # (rated cards of every seen review the engine still made: 0 kept, 2 rejected)
        return None
    span = _before_pointing(trim(span))
    if not span:
        return None
    if _in_discourse(span):
        # "made of oxygen compounds, in particular various complex silicates" -> "particular
        # various complex silicates" (s27c: "What is … made of oxygen compounds in?"): the
        # words before the span and its first open a linking phrase; its word is no part of
        # the term (rated cards of every seen review whose answer opens so: 0 kept, 5
        # rejected: qa 1, mcq 2, cloze 2)
        return None
    if span[0].lower_ == "much":
        # "Much unregistered property" (s26), "a much higher efficiency" (s18b): the quantifier
        # or degree word is no part of the term (rated cards of every seen review: 0 kept, 5
        # rejected)
        return None
    if len(span) > 1 and span[0].lower_ in _CALLED and span[0].dep_ == "amod":
        # "complexes … across called phycobilisomes" (s26b): the parser hangs the naming
        # participle on the name; the name is the answer and 'called' stays in the sentence
        # (rated cards of every seen review whose answer opens so: 0 kept, 2 rejected); the
        # phrase with it is the constituent the checks below read
        phrase, span = span, span[1:]
    else:
        phrase = span
    if label == "NP" and _adverb_led(span):
        return None
    whole_phrase = is_constituent(phrase) or _described(phrase, label)
    if not whole_phrase and not boundaries.name_like(span):
        return None
    grown = boundaries.whole(span, _TITLE_WORDS)
    if grown is None:
        return None  # part of a name or case title too long to ask whole ("Van Gend" of …)
    if grown == span and not whole_phrase:
        return None
    span = grown  # a name grown whole is asked even where the parse splits it
    if boundaries.cut(span, _TITLE_WORDS):
        return None  # still half a name: "Doctor _____ is used" -> "Who logo"
    if (span[0].lower_ in _POINTING or (span[0].lower_ in ("the", "a") and len(span) > 1
                                        and span[1].lower_ in _POINTING)) \
            and not any(t.like_num for t in span):
        # "the following logo", "the same time": it points at text not shown; "the
        # following 380 years" counts its own span of time (a duration, asked 'How long')
        return None
    if boundaries.split_word(span):
        return None  # "O _____" -> "2", "_____’ at-work behavior": half a written word
    if _vague_quantity(span):
        return None  # "the vast majority of plastoglobuli": the quantity is no fact to ask
    if _merged(span):
        return None  # "human history higher material living standards": two phrases as one
    if _clause(span):
        return None  # "Webb held firm" (of 'Webb held firm, and issued …'): a claim, no thing
    doc = span.doc
    if _ROMAN.fullmatch(span[0].text) and span.start > 0 and doc[span.start - 1].pos_ == "PROPN":
        return None  # "I of Normandy" cut from "Richard I of Normandy"
    if span.end < len(doc) and _ROMAN.fullmatch(doc[span.end].text) and \
            span[-1].pos_ == "PROPN":
        return None  # "Richard" cut from "Richard I": the regnal number belongs to the name
    root = span.root
    if label == "NP" and (root.pos_ in _BAD_HEADS or root.is_stop):
        return None
    if label == "NP" and len(span) == 1 and root.pos_ == "NOUN" and common(root.lower_):
        return None  # "place" in "take place", "result", "right": trivial to ask
    if not any(t.is_alpha or t.like_num for t in span) or len(span) > 8:
        return None
    if root.dep_ in ("conj", "appos") or any(c.dep_ == "conj" for c in root.children):
        return None  # one item of a list, or an apposition (definitions.py asks those)
    if root.dep_ in ("amod", "compound", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN"):
        return None  # "the Carthaginian general": a modifier, not a thing to ask about
    kind = kind_of(span, label)
    return Answer(span.start, span.end, kind, label, head_class(span, kind), span.text)


# names a lowercase descriptor may stand before ('manufacturer Thomson'); a place's or a
# people's adjective is part of the fact ('southwestern France', 'ethnic Chinese' were kept)
_DESCRIBED = swaps.NAMED_LABELS - {"GPE", "LOC", "NORP"}
# the NER labels of a place (one owner: setting.py, asking.py read it)
PLACE_LABELS = frozenset({"GPE", "LOC"})


def _described(span: Span, label: str) -> bool:
    """A named entity whose only words outside it are the lowercase role or kind words right
    before it ('manufacturer Thomson', 'the polymath Shen Kuo', 'Fresno native Audra McDonald',
    'the soap opera General Hospital'): the name is the whole answer and the descriptor stays
    in the sentence. The parser hangs the descriptor on the name, so the name alone is no
    constituent and the noun chunk with the descriptor was asked instead (s28/s28b: every such
    blank rejected, "'manufacturer' should be outside the blank")."""
    if label in _DESCRIBED:
        parts: tuple[str, ...] = ("NOUN", "ADJ")
    elif label in PLACE_LABELS:
        # a place's kind noun is a descriptor too ('renamed the fort San Mateo', s30b: every
        # reviewer "it should be only San Mateo"); its adjective stays part of the fact
        parts = ("NOUN",)
    else:
        return False
    doc = span.doc
    start = span.start
    # the descriptor: adjacent lowercase modifiers of the name or of each other, no particle
    while start > 0 and doc[start - 1].dep_ in ("compound", "amod") and \
            doc[start - 1].pos_ in parts and doc[start - 1].is_lower and \
            doc[start - 1].lower_ not in _PARTICLES and \
            start <= doc[start - 1].head.i < span.end:
        start -= 1
    return start < span.start and is_constituent(doc[start : span.end])


def _merged(span: Span) -> bool:
    """Two noun phrases the parse read as one where the page left out the comma between them
    ('For most of human history higher material living standards … led to …', s30: every
    reviewer "the blank spans 'human history higher material living standards'"): a noun
    with its own adjective, modifying a later noun of the span, right before another
    adjective of that later noun; not the noun of a hyphenated word ('Long-term active
    memory' is one phrase, kept)."""
    for tok in span[1:-1]:
        after = tok.doc[tok.i + 1]
        if tok.pos_ == "NOUN" and tok.dep_ in ("nmod", "compound") and \
                not boundaries.glued(tok.doc[tok.i - 1], tok) and \
                tok.head.i > tok.i + 1 and tok.head.i < span.end and \
                any(c.dep_ == "amod" and c.i >= span.start for c in tok.lefts) and \
                after.pos_ == "ADJ" and after.dep_ == "amod" and after.head.i > after.i:
            return True
    return False


def _in_discourse(span: Span) -> bool:
    """Whether the one to three words before ``span`` and its own first words make a linking
    phrase (``DISCOURSE_PP``) that ends inside it: 'in | particular silicates', 'on the |
    other hand'."""
    doc = span.doc
    for k in (1, 2, 3):
        if span.start - k < 0:
            break
        lead = doc[span.start - k : span.start].text
        found = DISCOURSE_PP.match(f"{lead} {span.text}")
        if found is not None and found.end() > len(lead) + 1:
            return True
    return False


def _clause(span: Span) -> bool:
    """The span is a clause the parse folded into a noun phrase: it holds a verb with its own
    subject, both inside it, that no relative word or subordinator opens ('the man who
    founded it', 'the claim that prices rose' keep theirs: a noun's own clause), or its head
    keeps an 'and' with nothing joined to it, the 'and' that joined two verbs ('Webb held
    firm, and issued …' read as 'held' a modifier of 'firm', the subject of 'issued' 'Webb
    held firm'; s26, every reviewer: a clause, not the person)."""
    root = span.root
    if any(c.dep_ == "cc" for c in root.children) and not any(
            c.dep_ == "conj" for c in root.children) and any(
            t.tag_ in ("VBD", "VBN", "VBZ", "VBP") for t in span if t.i < root.i):
        return True
    for verb in span:
        if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or verb.dep_ in ("relcl", "acl"):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or not span.start <= subject.i < span.end or \
                subject.tag_ in ("WDT", "WP", "WP$") or subject.lower_ == "that":
            continue
        if not any(c.dep_ == "mark" for c in verb.children):
            return True
    return False


def _before_pointing(span: Span) -> Span:
    """The span up to a phrase of it that points at text before the sentence ('the source'
    of 'the source of this radiation'): the rest of _answer says whether that part alone is
    an answer ('Mnemiopsis populations') or none ('the source': a common noun)."""
    doc = span.doc
    for tok in span[1:]:
        if tok.dep_ == "prep" and pointing.phrase_points(
                [t.lower_ for t in doc[tok.i : span.end]]):
            return doc[span.start : tok.i]
    return span


# focusing particles (Quirk et al. 1985, 8.116-8.120): they scope over the sentence's claim,
# not over the term ('the imagination of even the most experienced scientist'); blanks.focused
# reads this list too
FOCUS = frozenset(str.split(
    "even only just also merely simply especially particularly mainly mostly largely "
    "primarily solely exclusively"))


def _adverb_led(span: Span) -> bool:
    """A noun phrase opened by a focusing particle or a negation: 'not just the cost' (of 'not
    just the cost for the firm, but …'), 'even the most experienced scientist'. The particle
    holds the words in a contrast the card leaves out: as an mcq option it reads as a fragment
    (s25: 'not just the cost' among the choices of two cards, both rejected as
    fragment-distractor), as a blank it asks for the writer's emphasis too."""
    first = span[0]
    return len(span) > 1 and first.pos_ in ("ADV", "PART") and (
        first.lower_ in FOCUS or first.lower_ == "not" or first.dep_ == "neg")


# words that point at text around the sentence: "the following year", "the same time" (s24:
# rated cards of every seen review starting so: 0 kept, 5 rejected)
_POINTING = pointing.BACK | pointing.ABOVE | pointing.ALONG
# a count that says only "much" or "many": "the vast majority of", "a small number of"
_QUANTITY_NOUNS = frozenset(str.split(
    "majority minority bulk number variety series handful range amount lot"))


def _vague_quantity(span: Span) -> bool:
    """A quantity noun with its 'of' phrase that is either vague itself ("majority",
    "minority", "bulk") or graded ("small number", "wide variety"): the answer swallows the
    quantifier of the term (s24: "the _____ occur" -> "vast majority of plastoglobuli").
    Rated cards of every seen review the engine still makes: 0 kept, 3 rejected."""
    root = span.root
    word = root.lemma_.lower()
    if word not in _QUANTITY_NOUNS or not any(
            c.dep_ == "prep" and c.lower_ == "of" and c.i < span.end for c in root.children):
        return False
    return word in ("majority", "minority", "bulk") or any(
        c.dep_ == "amod" and c.i >= span.start for c in root.children)


_MODIFIERS = frozenset({"compound", "nmod", "amod", "nummod"})


def _with_of_name(chunk: Span) -> Span:
    """'the Ides' + 'of March' → 'the Ides of March': a name that runs on through 'of';
    'the curvature' + 'of spacetime': a short complement that completes a description."""
    doc = chunk.doc
    end = chunk.end
    of = next((c for c in chunk.root.children if c.dep_ == "prep" and c.lower_ == "of"
               and c.i == end), None)
    if chunk.root.pos_ == "NOUN" and of is not None:
        right = of.right_edge.i + 1
        # not over a name ('the neighborhood of Sunnyside', 'parts of Sunnyside': the name is
        # the fact, its blank is 'the neighborhood of _____'), nor up to a participle that
        # still hangs on the phrase ('the responsiveness of quantity supplied' would blank
        # 'responsiveness of quantity' and leave 'supplied'; s25b, every reviewer: cut)
        named = any(t.dep_ == "pobj" and t.pos_ == "PROPN" for t in of.children)
        hanging = right < len(doc) and doc[right].dep_ == "acl" and \
            chunk.start <= doc[right].head.i < right
        # nor up to a noun, a number or a modifier right after it: the 'of' phrase runs on
        # into it where the parse split it ('primes of the form 2p − 1' would blank 'primes of
        # the form', s30: every reviewer "cut at function words")
        runs_on = right < len(doc) and (doc[right].pos_ in ("NOUN", "PROPN", "NUM") or (
            doc[right].dep_ in _MODIFIERS and doc[right].head.i > right))
        if right - end <= 4 and not named and not hanging and not runs_on and not any(
                t.is_punct or t.pos_ in ("VERB", "AUX", "PRON") for t in doc[end:right]):
            return doc[chunk.start : right]
    if chunk.root.pos_ == "PROPN" and end + 1 < len(doc) and doc[end].lower_ == "of" and \
            doc[end + 1].pos_ == "PROPN" and doc[end].head == chunk.root:
        end += 2
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].head.i in range(
                chunk.start, end):
            end += 1
    return doc[chunk.start : end]


def answers(sent: Span) -> list[Answer]:
    """Every askable span of one parsed sentence: entities first, then noun chunks that do not
    overlap an entity (an entity is the better-typed view of the same words)."""
    out: list[Answer] = []
    taken: set[int] = set()
    for ent in sent.ents:
        if ent.label_ == "ORDINAL":
            continue
        found = _answer(ent, ent.label_)
        if found and not taken & set(range(found.start, found.end)):
            out.append(found)
            taken |= set(range(found.start, found.end))
    try:
        chunks = list(sent.noun_chunks)
    except (NotImplementedError, ValueError):  # a pipeline without a parser has none
        chunks = []
    for chunk in map(_with_of_name, chunks):
        if any(e.start < chunk.end and chunk.start < e.end and not (
                e.start <= chunk.root.i < e.end) for e in sent.ents):
            continue  # "49 BC Julius Caesar": a chunk that runs into an entity of another head
        found = _answer(chunk, "NP")
        if found and not taken & set(range(found.start, found.end)):
            out.append(found)
            taken |= set(range(found.start, found.end))
    return sorted(out, key=lambda a: a.start)


def locate(sent: Span, text: str) -> Answer | None:
    """The given answer text as a typed span of the sentence (answer-aware mode), even when it
    is no whole constituent: the user chose it."""
    at = sent.text.find(text)
    if at < 0:
        low = sent.text.lower().find(text.lower())
        if low < 0:
            return None
        at = low
    span = sent.char_span(at, at + len(text), alignment_mode="expand")
    if span is None or not len(span):
        return None
    label = "NP"
    best = 0
    for ent in sent.ents:
        overlap = len(set(range(ent.start, ent.end)) & set(range(span.start, span.end)))
        # 'southern Italy' is a place: half the span an entity is enough
        if overlap * 2 >= len(span) and overlap > best and ent.label_ != "ORDINAL":
            label, best = ent.label_, overlap
    kind = kind_of(span, label)
    root = span.root
    if kind in ("date", "duration") and root.dep_ == "nummod" and root.head.tag_ == "NNS" and \
            not span.start <= root.head.i < span.end and all(t.like_num for t in span):
        # the number of '28 days' (the parse's DATE is the whole phrase): how many days, not
        # what date ('… within what date days …?'; people asked 'How many days …?'); not the
        # '13' of '13-year-old' (a singular unit)
        kind = "number"
    return Answer(span.start, span.end, kind, label, head_class(span, kind), text)


_PARTICLES = frozenset({"de", "von", "van", "du", "da", "di", "la", "le", "of"})
_HE_SHE = frozenset({"he", "she"})
_HIS_HER = frozenset({"his", "her", "himself", "herself"})


def people_named(sents: list[Span]) -> frozenset[str]:
    """Every word of the document's PERSON names ('Charles W. Eliot' → eliot, charles): a later
    bare 'Eliot' that the small model leaves untyped is that person, asked with 'Who'. The
    model misses many single names ("Braddock", "Dieskau" as an organisation, "Marin" as a
    place), so the document's own evidence counts too: a title before the name ("Baron
    Dieskau"), or a sentence whose subject is the bare name followed by one whose subject is
    he or she ("Marin constructed forts. He first constructed …"), or with "his" or "her"
    after it ("Braddock (with Washington as one of his aides) led …")."""
    out = {t.lower_ for sent in sents for e in sent.ents if e.label_ in ("PERSON", "PER")
           and not entitled(e) for t in e if t.pos_ == "PROPN" and len(t.text) > 2}
    for sent in sents:
        for tok in sent:
            if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.i == sent.start:
                continue
            before = tok.doc[tok.i - 1]
            if before.lower_ in _PARTICLES and before.i > sent.start:
                before = tok.doc[before.i - 1]
            if before.lower_.rstrip(".") in TITLES:
                out.add(tok.lower_)
        out |= _called(sent)
    following: list[Span | None] = [*sents[1:], None]
    for sent, after in zip(sents, following, strict=True):
        subject = main_subject(sent)
        if subject is None or subject.pos_ != "PROPN" or not subject.text[:1].isupper() or \
                any(c.dep_ == "det" for c in subject.children):
            continue
        then = next((t for t in after if t.dep_ in ("nsubj", "nsubjpass")), None) \
            if after is not None else None
        if (then is not None and then.lower_ in _HE_SHE) or any(
                t.i > subject.i and t.lower_ in _HIS_HER for t in sent):
            # "Braddock (with Washington as one of his aides) led …"; "Tugh Temür … his"
            out |= {t.lower_ for t in subject.subtree if t.pos_ == "PROPN" and (
                t == subject or t.dep_ in ("compound", "flat"))}
    return frozenset(out)


def main_subject(sent: Span) -> Token | None:
    """The subject of the sentence's main verb, or None."""
    return next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"),
                None)


_CALLED = frozenset({"called", "named", "nicknamed", "known"})


def _called(sent: Span) -> set[str]:
    """The words of a name a person noun or title introduces: 'the Miami chief known as "Old
    Briton"' (the model tags the quoted name a work of art; "What did Céloron threaten …?"
    was asked of him)."""
    out: set[str] = set()
    for tok in sent:
        if tok.lower_ not in _CALLED or tok.i == sent.start:
            continue
        before = tok.doc[tok.i - 1]
        if not (before.lemma_.lower() in PERSON_NOUNS or before.lower_ in TITLES):
            continue
        i = tok.i + 1
        if tok.lower_ == "known":  # 'known as'
            if i >= sent.end or tok.doc[i].lower_ != "as":
                continue
            i += 1
        while i < sent.end and tok.doc[i].is_quote:
            i += 1
        while i < sent.end and tok.doc[i].pos_ == "PROPN" and tok.doc[i].text[:1].isupper():
            out.add(tok.doc[i].lower_)
            i += 1
    return out


def as_person(answer: Answer, sent: Span, people: frozenset[str]) -> Answer:
    """``answer`` typed as a person when it is a bare name the document gives a person; a
    name the model calls a place is one only as a subject or object ("Marin constructed a
    fort"), never after a preposition ("in Washington")."""
    span = answer.span(sent)
    words = [t for t in span if t.pos_ != "DET"]
    bare = bool(words) and all(t.pos_ == "PROPN" and t.lower_ in people for t in words) \
        and not entitled(span)  # 'a treatise entitled Liber Florum' is a work
    if bare and answer.kind in ("name", "org", "work", "thing", "event"):
        return replace(answer, kind="person")
    if bare and answer.kind == "place" and len(words) <= 2 and span.root.dep_ in (
            "nsubj", "nsubjpass", "dobj", "appos"):
        return replace(answer, kind="person")
    return answer


def names_used(sents: list[Span]) -> frozenset[str]:
    """Words the document writes capitalised inside a sentence ('the Mongol Empire', 'the
    Mongols'): lower-cased, for telling a name from a noun capitalised by its place. A word
    the document also uses as a capitalised modifier ('the Inca empire') is marked with a
    leading '+' as well: a people's name, as a demonym is."""
    out: set[str] = set()
    for sent in sents:
        for t in sent:
            if t.i > sent.start and t.text[:1].isupper() and t.is_alpha:
                out.add(t.lower_)
                if t.dep_ in ("compound", "amod") and t.head.pos_ in ("NOUN", "PROPN"):
                    out.add("+" + t.lower_)
    return frozenset(out)


def as_group(answer: Answer, sent: Span, names: frozenset[str]) -> Answer:
    """A capitalised plural that the small model left untyped ('Mongols are widely known to
    worship …': NOUN, no entity) names a people when the document writes it, or its
    singular, as a name elsewhere: asked with "who", never "What are widely known …?". One
    the model calls a place ('Incas', GPE) is a people when its singular is a modifier
    elsewhere ('the Inca empire'; 'the Americas' have no 'America' modifier)."""
    words = [t for t in answer.span(sent) if t.pos_ != "DET"]
    if len(words) != 1 or not words[0].text[:1].isupper() or not words[0].lower_.endswith("s"):
        return answer
    tok = words[0]
    singular = tok.lower_.removesuffix("s")
    plural = tok.tag_ in ("NNS", "NNPS") or (tok.tag_ == "NNP" and singular in names)
    if answer.kind in ("thing", "name") and answer.label == "NP" and plural and (
            tok.lower_ in names or singular in names):
        return replace(answer, kind="group")
    if answer.kind == "place" and answer.label == "GPE" and "+" + singular in names:
        return replace(answer, kind="group")
    return answer
