"""The wh-phrase for an answer: its kind, the preposition before it and its role decide it.

"in the 10th century" → "in what century" (absorbing the preposition), "in Gaul" → "where",
"by Caesar" → "by whom", "two consuls" → "how many", "the Amazon River" → "which river", else
"what".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from agents.generation import kinds, plausible
from agents.generation.events import NAME_HEADS
from agents.generation.spans import CLASS_WORDS, PEOPLE_NOUNS, Answer, quoted

_WHERE_PREPS = frozenset({"in", "at", "on", "near", "inside", "within", "across", "throughout",
                          "through",
                          "to", "into", "towards", "toward", "onto", "around"})
_PLACE_ONLY_PREPS = frozenset({"in", "at", "into", "inside", "within", "near", "across",
                               "throughout"})
# prepositions of a destination (asking.py: a destination with its source is one place)
TO_PREPS = frozenset({"to", "towards", "toward", "onto"})
_MOTION = frozenset(str.split(
    "go move travel retreat sail return flee migrate come march fly run emigrate immigrate "
    "send bring carry take lead drive ship transport deport exile withdraw relocate spread "
    "expand escape head journey advance arrive walk ride swim climb fall extend"))
# verbs that give a thing its name, whose object predicate is the name itself
_NAMING = frozenset(str.split("title call name dub nickname term rename"))
# nouns that name a stretch of time a date answer may be ('the 1906 season')
_TIME_NOUNS = frozenset(str.split(
    "season year month week day decade century era period age reign term semester session"))
_WHEN_PREPS = frozenset({"in", "on", "during", "at", "around", "circa", "about"})
# nouns whose 'with the … of' phrase gives an action's purpose
_PURPOSE_NOUNS = frozenset(str.split(
    "intent intention aim goal purpose object objective hope view"))
# nouns whose 'at the … of' phrase gives a time ('at the beginning of each session')
_TIME_SHELLS = frozenset(str.split("beginning start end outset close middle turn height dawn eve"))
_EVENT_PREPS = frozenset({"at", "in", "during"})
_SHELL_WH = {"at": "when", "in": "when", "towards": "when", "toward": "when", "by": "by when",
             "until": "until when", "till": "until when"}


def adverbial(noun: Token) -> str:
    """The wh-phrase for a verb's adjunct that a common noun heads only to carry its 'of'-
    phrase: a purpose ('with the intent of major expansion' → "why") or a time ('at the
    beginning of each session' → "when"), else "". Its whole phrase is the answer."""
    if noun.dep_ != "pobj" or noun.pos_ != "NOUN" or not any(
            c.dep_ == "prep" and c.lower_ in ("of", "to") for c in noun.children):
        return ""
    prep, lemma = noun.head.lower_, noun.lemma_.lower()
    if prep in ("with", "for") and lemma in _PURPOSE_NOUNS:
        return "why"
    if lemma in _TIME_SHELLS and any(c.dep_ == "det" and c.lower_ == "the"
                                     for c in noun.children):
        return _SHELL_WH.get(prep, "")
    return ""


def event(span: Span) -> bool:
    """The phrase names an event: the small model's EVENT type, or a name headed by an
    event's noun ('the Battle of Velden', 'the Council of Brenna'), one of it (not 'the Olympic
    Games', whose plural head is no one game)."""
    root = span.root
    if root.ent_type_ == "EVENT":
        # (not 'during the Yuan dynasty', typed an event: a dynasty is asked as one)
        return root.lemma_.lower() in NAME_HEADS or root.lemma_.lower() not in CLASS_WORDS
    return root.pos_ == "PROPN" and root.tag_ == "NNP" and \
        root.lemma_.lower() in NAME_HEADS


def wh_phrase(answer: Answer, sent: Span, prep: Token | None, role: str) -> tuple[str, bool]:
    """(the wh-phrase, whether it absorbs the preposition before the answer)."""
    kind = answer.kind
    p = prep.lower_ if prep is not None else ""
    span = answer.span(sent)
    if kind == "duration":
        return "how long", p in ("for", "") or p in _WHEN_PREPS
    if kind in ("year", "date", "century", "time"):
        # "what" as SQuAD's askers write it (what 1021 : which 237 before a noun in the train
        # articles' questions); a year keeps "When" (63 of 144; "in what year" 66: a tie, and
        # on the dev article "When" scores higher)
        unit = {"year": "what year", "century": "what century"}.get(kind)
        if kind == "century" and span.root.tag_ == "NNS":
            # "the sixteenth and seventeenth centuries": two centuries, asked as two
            unit = "which centuries"
        if p in _WHEN_PREPS or (not p and role == "adjunct"):
            if unit and kind != "year" and p in ("in", "during"):
                return f"in {unit}", True  # ("When …?" for a year, as people ask it)
            return ("at what time" if kind == "time" else "when"), True
        if p in ("since", "until", "till", "before", "after", "by"):
            return f"{p} {unit or 'when'}", True
        noun = span.root.lemma_.lower()
        if span.root.pos_ == "NOUN" and noun in _TIME_NOUNS:
            return f"what {noun}", False  # 'for the 1906 season': not 'What date … for?'
        if unit is None and role == "subject" and any(
                a < b for a, b in plausible.times_named(span.text)):
            # a span of years is no date: 'The late 1970s experienced high inflation' was
            # asked 'What date experienced …?' (s28 finance, every reviewer: 'a period'); an
            # object's 'What date did …' is asked 'When did …' (answer_aware.as_people_ask)
            return "what period", False
        return (unit or "what date"), False
    if role == "adjunct" and adverbial(span.root):
        # "purchased land with the intent of major expansion": the phrase is the reason, and
        # "Why …?" asks for it ('What has Harvard purchased land with?' was an echo); "at the
        # beginning of each session" is a time ('What are committees established at?' was one)
        return adverbial(span.root), True
    if p in _EVENT_PREPS and role in ("adjunct", "nested") and event(span):
        # "crushed the Ostmen at the Battle of Velden" (the small model types it a facility):
        # an event is no place, and "Where did … crush the Ostmen?" → "Battle of Velden" was
        # rejected (session 33); asked "At which battle …?", an event's own noun, else "event"
        noun = span.root.lemma_.lower()
        return f"{p} which {noun if noun in NAME_HEADS else 'event'}", True
    if kind == "place" and p in _WHERE_PREPS and (p not in TO_PREPS or prep is None or
                                                  prep.head.lemma_.lower() in _MOTION):
        # 'to' names a place only after a verb of motion: 'cede its territory to Great
        # Britain' asks 'to whom', and 'Where did France cede …?' was deleted
        return "where", True
    if kind == "place" and p == "from":
        return "where", False  # "Where did they come from?": the preposition strands
    if kind in ("person", "group") and p in _PLACE_ONLY_PREPS and not (
            span.root.pos_ == "NOUN" and span.root.lemma_.lower() in PEOPLE_NOUNS):
        # "Who did Emma stay in?": a name after 'in' is a place; a noun of people is people
        # ('put his trust in his generals': 'Where did Genghis Khan put absolute trust?')
        return "where", True
    if kind in ("person", "group") and span.root.lemma_.lower() in CLASS_WORDS:
        return "what", False  # "the Duchy of Normandy" (tagged a person): a place, not who
    if kind in ("person", "group") and quoted(span):
        # 'contain "Amazonas" in their names': a name in quotation marks is the word itself, a
        # string, not the person it could name (s27b: "Who do states … contain in their
        # names?", every reviewer 'who for a name string'); its cloze keeps the person's kind
        return "what", False
    if kind in ("person", "group") and _named_as_name(span):
        # 'The name Rijn is used for …', 'the nickname Boz': the phrase is a name, a word,
        # whatever person the small model typed it (s29b: "Who is used only for smaller
        # streams …?" → "The name Rijn", every reviewer 'Who' for a name)
        return "what", False
    if kind == "person" and span.root.dep_ == "oprd" and span.root.head.lemma_.lower() in _NAMING:
        # 'the positions were titled Commander': the name given, a word, not the person who
        # holds it (s25b: "Who were the Block II crew positions titled?", rejected)
        return "what", False
    if kind in ("person",):
        if p == "by" and role == "adjunct":
            return "by whom", True
        return "who", False
    if kind == "group":
        return "who", False  # "the Romans", "Octavian" (the small model's NORP): people
    if kind in ("percent",):
        return "what percentage", False
    if kind == "money":
        return "how much", False
    if kind in ("number", "quantity"):
        return "how many", False
    last = span[-1].lemma_.lower()
    if kind in ("place", "org", "event", "work", "name", "thing", "group") and last in CLASS_WORDS \
            and span.root.pos_ == "PROPN":
        # (not "what river": the product's gates drop 'What park covers …?' where they keep
        # 'Which park covers …?'; on the seen passages that cost 7 of 95 qa cards)
        return f"which {last}", False
    if kind in ("thing", "name", "group") and names_people(span):
        return "who", False
    return "what", False


# the bodies a 'head of …' leads: kinds.py's organisation nouns and the bodies of a state
# ('the head of the IT department', 'the head of state'); a 'head of the river' is a place
_LED = kinds.BODIES | frozenset(str.split("department ministry government state household"))
# nouns in -ist and -ian that are no people
_NOT_PEOPLE = frozenset(str.split(
    "list mist twist wrist fist gist schist tryst exist assist insist resist persist consist "
    "median meridian gentian fustian"))
# verbs whose subject is a person or a group of people, never a thing or a document
# ("Individual Huguenots settled at the Cape"); a plural subject of one of them is asked with
# 'who'. Verbs of saying and judging are not here: "Studies question …", "Reports claim …"
# verbs whose object as well as subject is a person ('married Börte'): asking.py asks "Who …?"
WEDDING = frozenset({"marry", "wed"})
_AGENT_VERBS = WEDDING | frozenset(str.split(
    "settle migrate emigrate immigrate vote worship pray colonize colonise flee rebel"))


def _named_as_name(span: Span) -> bool:
    """A proper name the words 'the name', 'the nickname', 'the term' bring in, whether the
    parse made the noun its compound or a second subject ('The name Tamsin is given …')."""
    doc = span.doc
    first = next((t for t in span if t.pos_ == "PROPN"), None)
    if first is None or first.i == 0:
        return False
    before = doc[first.i - 1]
    return before.pos_ == "NOUN" and before.lemma_.lower() in _NAMING and before.i >= \
        first.sent.start


def names_people(span: Span) -> bool:
    """The answer names people though the small model gave it no PERSON/NORP/ORG label: its
    head is a person or group noun (a list, or a noun in -ist/-ian: 'sociologists',
    'musicians'), a capitalised plural name ('Huguenots'), or a plural subject of a verb that
    only people do ('settled', 'migrated': _AGENT_VERBS)."""
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN") or root.lemma_.lower() in CLASS_WORDS:
        return False
    lemma = root.lemma_.lower()
    if lemma in PEOPLE_NOUNS or _heads_a_body(root):
        return True
    if root.pos_ == "NOUN" and len(lemma) >= 6 and lemma.endswith(("ist", "ian")) and \
            lemma not in _NOT_PEOPLE:
        return True
    if root.tag_ == "NNPS" and not root.ent_type_ and root.i > span.doc[root.i].sent.start and \
            root.lower_.removesuffix("s") not in CLASS_WORDS | kinds.BODIES:
        # 'Individual Huguenots' (not a plural that opens its sentence), and not a capitalised
        # noun of things or bodies ('Private Schools became insolvent': s23b, "Who became
        # insolvent …?", every reviewer 'Who' for schools)
        return True
    verb = root.head
    if verb.lemma_.lower() == "settle" and any(c.dep_ == "dobj" for c in verb.children):
        return False  # 'settled the matter': not the settling of people
    return root.tag_ in ("NNS", "NNPS") and root.dep_ == "nsubj" and \
        verb.lemma_.lower() in _AGENT_VERBS


def _heads_a_body(noun: Token) -> bool:
    """'the head of the IT department', 'the head of Norvik Ferries': the person who leads a
    body, an organisation the tagger names or a noun of one (``_LED``). s26: "What will need to
    justify any requests …?" → "head of the IT department", every reviewer 'What' for a
    person."""
    if noun.lemma_.lower() != "head" or noun.pos_ != "NOUN":
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        o.dep_ == "pobj" and (o.ent_type_ in ("ORG", "NORP") or o.lemma_.lower() in _LED)
        for o in c.children) for c in noun.children)
