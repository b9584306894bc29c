"""Who did what to a thing named with a participle: the agent of a noun's passive modifier.

"the salon genre of the nocturne, invented by the Irish composer John Field" → "Who invented
the nocturne?"; "at a party hosted by Marie d'Agoult" → "Who hosted the party?". The clause
around the noun says something else (Chopin took the genre), so the sentence-level question
for the agent has to echo that clause with the answer in situ ('Chopin took the new salon
genre of the nocturne, invented by the Irish composer who?'); the participle alone carries the
fact that the answer is, and people ask it in the active voice.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from agents.generation.asking import simple_past
from agents.generation.mentions import of_owner
from agents.generation.reference import Resolver
from agents.generation.rendering import Builder
from agents.generation.spans import PERSON_NOUNS, Answer
from agents.generation.wording import wh_phrase

# the words of the noun's own phrase that stay with it in the question ('the new salon genre
# of the nocturne'); a relative clause or another participle is a second fact
_NOUN_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"})
_MAX_NOUN_WORDS = 8


def agent_question(sent: Span, answer: Answer, resolver: Resolver) -> str | None:
    """'Who/What <past verb> <the noun>?' when ``answer`` is the by-agent of a past participle
    that modifies a noun, else None."""
    head = answer.span(sent).root
    if head.dep_ in ("appos", "compound", "flat") and head.head.dep_ == "pobj":
        head = head.head  # "by the Irish composer John Field": the answer is the name
    agent = head.head
    if head.dep_ != "pobj" or agent.dep_ != "agent" or agent.lower_ != "by":
        return None
    verb = agent.head
    verbs = [verb]
    if verb.dep_ == "conj" and verb.head.dep_ in _MODIFYING and verb.head.tag_ in ("VBN", "VBD"):
        # "a game developed and published by Nintendo": the agent of both, unless the first
        # has its own ("choreographed by Fokine and orchestrated by Glazunov")
        first = verb.head
        if not any(c.dep_ == "agent" for c in first.children):
            verbs = [first, verb]
        verb = first
    if verbs[-1].tag_ != "VBN":
        return None
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for v in verbs for c in v.children):
        return None
    noun = modified_noun(verb)
    forms = [simple_past(v) for v in verbs]
    if noun is None or None in forms or noun.i in range(answer.start, answer.end):
        return None
    past = " and ".join(f for f in forms if f)
    name = next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                 and c.i == c.right_edge.i and c.i < verb.i), None)
    if name is not None and not any(t.is_punct for t in name.subtree):
        # "a ballet, Chopiniana, orchestrated by …": the ballet's name says which
        phrase = Builder(sent, resolver).render(sorted(t.i for t in name.subtree), {})
        wh = "Who" if answer.kind in ("person", "group") else "What"
        return f"{wh} {past} {phrase}?" if phrase else None
    phrase = noun_phrase(sent, noun, resolver)
    if not phrase:
        return None
    wh = "Who" if answer.kind in ("person", "group") else "What"
    return f"{wh} {past} {phrase}?"


# a participle that modifies a noun: the parser hangs it on the noun (acl) or, set off by a
# comma, on the clause's verb (advcl: "Chopin took the genre of the nocturne, invented by …")
_MODIFYING = ("acl", "advcl")


def modified_noun(verb: Token) -> Token | None:
    """The noun a past participle without a subject of its own tells of, or None.

    An ``acl`` hangs on its noun. An ``advcl`` set off by commas tells of the clause's subject
    when it opens the sentence before it ("Originally planned for 2005, Twilight Princess was
    delayed …"), else of the noun phrase that ends at the comma before it: a name ("… used
    in the ballet Chopiniana, choreographed by Fokine") or the clause's object ("took the
    genre of the nocturne, invented by …": the genre of the nocturne, its phrase through
    'of'); a common noun in an adjunct may not be what the participle tells of ("built a
    bridge over the river, designed by …"), so none is taken."""
    if verb.dep_ == "acl":
        return verb.head if verb.head.pos_ in ("NOUN", "PROPN") else None
    if verb.tag_ != "VBN" or verb.dep_ != "advcl":
        return None
    if any(c.dep_ in _OWN_CLAUSE or c.dep_ == "mark" for c in verb.children):
        return None  # "when compared to …", "having been …": a clause of its own
    doc, main = verb.doc, verb.head
    subj = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    after = verb.right_edge.i + 1
    if subj is not None and verb.i < subj.left_edge.i and after < len(doc) and \
            doc[after].text == "," and after < subj.left_edge.i:
        return subj if subj.pos_ in ("NOUN", "PROPN") else None
    comma = verb.left_edge.i - 1
    if verb.i < main.i or comma < 1 or doc[comma].text != ",":
        return None
    noun = doc[comma - 1]  # (the comma may hang on it: its right edge)
    if noun.pos_ not in ("NOUN", "PROPN") or noun.right_edge.i > comma:
        return None
    while (owner := of_owner(noun)) is not None and owner.pos_ in ("NOUN", "PROPN"):
        noun = owner  # "the genre of the nocturne": the genre's phrase
    if noun.pos_ != "PROPN" and noun.dep_ not in ("dobj", "attr", "nsubj", "nsubjpass"):
        return None  # "built a bridge over the river, designed by …": the bridge, not the river
    return noun if any(t.i == main.i for t in noun.ancestors) else None


def noun_phrase(sent: Span, noun: Token, resolver: Resolver) -> str | None:
    """The noun with its own words ('the new salon genre of the nocturne'), or None when they
    are too many or hold punctuation; 'a party' becomes 'the party' the page means."""
    ids = [*sorted(t.i for c in noun.children if c.dep_ in _NOUN_DEPS and c.i < noun.i
                   for t in c.subtree), noun.i]
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               and c.i == noun.i + 1), None)
    if of is not None and len(list(of.subtree)) <= 4:
        ids += sorted(t.i for t in of.subtree)
    if len(ids) > _MAX_NOUN_WORDS or any(sent.doc[i].is_punct and sent.doc[i].text != "-"
                                         for i in ids):
        return None
    replace = {}
    first = sent.doc[ids[0]]
    if first.dep_ == "det" and first.lower_ in ("a", "an"):
        replace[first.i] = "the"  # "a party hosted by …": the party the page means
    return Builder(sent, resolver).render(ids, replace) or None


# a participle with these is a clause of its own or has an object: not a noun's plain passive
_OWN_CLAUSE = frozenset({"aux", "auxpass", "nsubj", "nsubjpass", "dobj", "xcomp", "ccomp"})
# the wh-phrases a participle's time or place adjunct is asked with (wording.wh_phrase)
_ADJUNCT_WH = frozenset({"when", "where", "in what century"})


# prepositions that do not strand after a participle ('What was X built during?')
_NO_STRANDING = frozenset(str.split("during despite including except within among amongst "
                                    "throughout via per"))


def _past(noun: Token) -> bool:
    """The clause the noun stands in tells of the past ('the Academy, founded in …, was …')."""
    tok = noun
    while tok.head != tok and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    verbs = [tok, *(c for c in tok.children if c.dep_ in ("aux", "auxpass"))]
    return not any(v.tag_ in ("VBZ", "VBP", "MD") for v in verbs)


def adjunct_question(sent: Span, answer: Answer, resolver: Resolver, set_off: bool = False
                     ) -> tuple[str, str] | None:
    """('When was <the noun> <participle>?', the answer) when ``answer`` is the time or place
    of a past participle that modifies a noun ("the Academy of Literature, first established
    in 1329, …" → "When was the Academy of Literature first established?"), else None. The
    participle has no subject of its own, so the clause-level question finds none; the noun
    it modifies is what was established, and the passive asks it. ``set_off``: also a
    participle the parser hangs on the clause (``modified_noun``; answer-aware mode asks it;
    the deck's cards have not been reviewed with it). A year that counts in its month ("in
    November 2005") is asked with the month."""
    root = answer.span(sent).root
    if set_off and root.dep_ == "nummod" and answer.kind in ("year", "date") and \
            root.head.dep_ == "pobj" and root.head.ent_type_ == "DATE":
        root = root.head
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.pos_ != "ADP":
        return None
    verb = prep.head
    if verb.dep_ not in (_MODIFYING if set_off else ("acl",)) or verb.tag_ != "VBN" or \
            verb.i > prep.i or any(
            c.dep_ in _OWN_CLAUSE for c in verb.children):
        return None
    noun = modified_noun(verb)
    if noun is None:
        return None
    doc = sent.doc
    gap = range(noun.right_edge.i + 1, verb.left_edge.i)
    if verb.dep_ == "acl" and (noun.i > verb.i or any(not doc[i].is_punct for i in gap)):
        return None  # (the participle follows its noun's own phrase, at most a comma between)
    whole = sorted(t.i for t in root.subtree)
    if not set(range(answer.start, answer.end)) <= set(whole) or len(whole) > 6 or any(
            doc[i].is_punct for i in whole):
        return None  # the adjunct's noun must be the answer, not a phrase around it
    if answer.kind in ("year", "date", "century") and not all(
            doc[i].ent_type_ == "DATE" or doc[i].like_num or doc[i].dep_ == "det"
            for i in whole):
        return None
    wh, absorbs = wh_phrase(answer, sent, prep, "adjunct")
    stranded = ""
    if set_off and not absorbs and (wh in ("what", "who", "whom") or wh.startswith(
            ("what ", "which "))) and prep.lower_ not in _NO_STRANDING and \
            noun.dep_ not in ("attr", "acomp"):
        # (not of a predicate noun: 'Chopin's works are cannon buried in flowers' tells of
        # the works, and 'What is cannon buried in?' of nothing)
        # (answer-aware mode) "Chopin's heart, preserved in alcohol" → "What was Chopin's
        # heart preserved in?"; "an exploit known as the Twilight Hack" → "What was the
        # exploit known as?": the preposition strands at the end, as people ask it
        wh, stranded = ("who" if wh == "whom" else wh), prep.lower_
    elif not absorbs or wh not in _ADJUNCT_WH:
        return None
    phrase = noun_phrase(sent, noun, resolver)
    if not phrase:
        return None
    # the participle's own adverbs ('first established', 'formally opened') stay with it
    adverbs = [c.lower_ if c.i == sent.start else c.text for c in verb.children
               if c.dep_ in ("advmod", "neg") and c.i < verb.i and c.i == c.right_edge.i]
    plural = noun.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ == "det" and c.lower_ in ("this", "that", "a", "an") for c in noun.children)
    be = ("were" if plural else "was") if answer.kind in ("year", "date", "century") or \
        _past(noun) else ("are" if plural else "is")
    if any(c.dep_ == "conj" for c in noun.children):
        return None  # 'A and B, founded in …': both or one?
    question = " ".join([wh[:1].upper() + wh[1:], be, phrase, *adverbs, verb.text,
                         *([stranded] if stranded else [])]) + "?"
    answer_text = doc[whole[0] : whole[-1] + 1].text
    if answer_text.lower().startswith("the ") and answer.kind in ("year", "date", "century"):
        answer_text = answer_text[4:]
    return question, answer_text


# participles that give a noun its name ('a stadium called Harrow Park', 'known as …')
_NAMING = frozenset(str.split("call name know dub title term nickname christen rename"))
# nouns that say nothing of which thing is named ('a process called chemotaxis')
_GENERIC = frozenset(str.split(
    "process term phenomenon method technique procedure concept condition practice mechanism "
    "principle situation state effect way form type kind thing system idea"))
# the dependencies the small model gives the name after the participle
_NAME_DEPS = frozenset({"oprd", "attr", "dobj", "npadvmod", "appos", "xcomp"})


def named_noun(sent: Span, answer: Answer, resolver: Resolver) -> tuple[str, str, str] | None:
    """(be, the noun's phrase, the participle) when ``answer`` is the name a past participle
    gives a noun: "the league built its first stadium, called Harrow Park, …" → ('was', "the
    league's first stadium", 'called'), "a hall known as the Weavers House" → ('was', 'the
    hall', 'known as'), else None. answer_aware asks it "What was <the noun> called?" (SQuAD's
    askers write "What was X called/named?"; the clause-level question leaves the name in
    situ: '… its first stadium, called which park?') and "What was the name of <the noun>?"."""
    root = answer.span(sent).root
    verb, tail = root.head, ""
    if root.dep_ == "pobj" and verb.lower_ == "as":
        verb, tail = verb.head, " as"
    elif root.dep_ not in _NAME_DEPS:
        return None
    # ('a service called …' is often tagged a past tense hung on the noun)
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.dep_ == "acl")
    if not participle or verb.lemma_.lower() not in _NAMING or any(
            (c.dep_ in _OWN_CLAUSE or c.dep_ == "mark") and c.i != root.i
            for c in verb.children):
        return None
    noun = modified_noun(verb)
    if verb.dep_ != "acl" or noun is None or noun.i in range(answer.start, answer.end) or \
            answer.kind == "person" or noun.lemma_.lower() in PERSON_NOUNS or \
            noun.ent_type_ in ("PERSON", "NORP"):
        # 'a Norman named Oursel led …': a person is asked by what they did; a participle set
        # off by a comma may tell of another noun than the one before it ('a co-receptor on
        # the T cell, called CD8')
        return None
    phrase = noun_phrase(sent, noun, resolver)
    if not phrase or (noun.lemma_.lower() in _GENERIC and len(phrase.split()) <= 2):
        return None  # 'What is the process called?': which process, only the clause says
    first = sent.doc[noun.left_edge.i]
    if first.i == first.sent.start and first.pos_ != "PROPN" and phrase[:1].isupper():
        phrase = phrase[:1].lower() + phrase[1:]  # capitalised only because it began the sentence
    plural = noun.tag_ in ("NNS", "NNPS")
    be = ("were" if plural else "was") if _past(noun) else ("are" if plural else "is")
    return be, phrase, f"{verb.lower_}{tail}"
