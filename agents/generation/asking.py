"""Questions built from the parse: a wh-phrase from the answer's kind, word order from its role.

    subject        "Julius Caesar crossed the Rubicon"    → "Who crossed the Rubicon?"
    object/adjunct "Caesar crossed the Rubicon in 49 BC"   → "When did Julius Caesar cross the
                   Rubicon?" (the first auxiliary, a copula, or do-support with the verb's
                   lemma moves before the subject)
    count          "The republic had two consuls"          → "How many consuls did the
                                                              republic have?"
    definition     "Tarquin the Proud, the last king, …"   → "Who was Tarquin the Proud?"

What is not part of the asked clause goes: coordinated clauses, leading discourse phrases
("However,", "In addition,"), asides in brackets, appositions and non-restrictive relative
clauses that do not hold the answer; adjuncts before the subject move to the end. Pronouns
are resolved (reference.py) or no question is made. None means "no good question here".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from agents.generation import pointing
from agents.generation.mentions import SHARES, of_owner, share
from agents.generation.nlp import verb_lemmas
from agents.generation.reference import CONCEDING, Resolver, condition, unsure_antecedent
from agents.generation.rendering import Builder
from agents.generation.spans import (
    CLASS_WORDS,
    DISCOURSE_PP,
    NATURAL_FORCES,
    NUMERIC,
    PERSON_NOUNS,
    PLACE_LABELS,
    Answer,
    zipf,
)
from agents.generation.terms import YEAR_DIGITS
from agents.generation.trimming import (
    MAX_WORDS,
    _orphan_preposition,
    _shorten,
    _subtree,
    completes_fact,
    third_singular,
)
from agents.generation.wording import (
    _TIME_NOUNS,
    TO_PREPS,
    WEDDING,
    adverbial,
    names_people,
    wh_phrase,
)

_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis", "acl", "csubj",
                          "pcomp"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_DROP_CHILD_DEPS = frozenset({"cc", "parataxis", "mark", "preconj", "punct", "discourse", "meta",
                              "intj"})
_DISCOURSE = frozenset(str.split(
    "however also then thus therefore hence meanwhile moreover furthermore nevertheless "
    "nonetheless instead finally consequently additionally similarly indeed still besides "
    "accordingly subsequently eventually later today now first second third even actually "
    "thereafter"
))
DO_SUPPORT = {"VBD": "did", "VBZ": "does", "VBP": "do"}
_SAYING = frozenset(str.split(
    "say claim think call argue state write describe propose suggest believe report announce "
    "note praise criticize criticise declare insist predict recommend comment remark consider "
    "deny admit explain reply warn"))
# verbs of coming to know: a named subject with a clause of what it knew ("Halvard realized
# that …") is someone, whatever the small model tagged the name ("What realized that …?" →
# Newton, tagged a place: s17, every reviewer 'echo')
_KNOWING = frozenset(str.split(
    "realize realise recognize recognise discover notice understand learn conclude deduce "
    "determine suspect wonder remember forget"))


# entity types (none, or a person's, a group's or an organisation's) whose proper-noun
# 'by' agent is asked "Who …?"
_AGENT_ENTS = frozenset({"", "PERSON", "PER", "ORG", "NORP"})
# names of documents that a passive's 'by' gives as the means, not the doer ('established by
# Royal Charter', 'revoked by the Edict of Fontainebleau'): no "Who"
_INSTRUMENTS = frozenset(str.split(
    "charter act treaty edict law decree constitution bill statute directive regulation "
    "convention declaration agreement accord pact ordinance proclamation amendment code"))
# verbs of going whose 'to' names where one went, and that 'to'
_GOING = frozenset(str.split(
    "go move travel retreat sail return flee migrate march fly emigrate immigrate relocate "
    "escape head journey walk ride swim"))
_TO_PLACE = frozenset({"to", "toward", "towards", "into"})
REASON = "reason"  # the kind of a cause phrase's answer ("due to …", "because …")


@dataclass(frozen=True)
class Asked:
    question: str
    answer: str
    role: str  # subject | object | adjunct | count | definition | in-situ


def _is_clause_head(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and (tok.dep_ in _CLAUSE_DEPS or tok.head == tok)


def clause_head(root: Token) -> tuple[Token, Token] | None:
    """(the verb heading the clause that holds ``root``, the child of it on the path)."""
    child, tok = root, root
    while True:
        if tok.head == tok:
            return (tok, child) if tok is not root else None
        child, tok = tok, tok.head
        if _is_clause_head(tok):
            return tok, child


def _subject(verb: Token, gerunds: bool = False) -> Token | None:
    seen = verb
    for _ in range(4):
        subj = next((c for c in seen.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None:
            return subj
        if seen.dep_ in ("conj", "xcomp") and seen.head != seen:
            seen = seen.head  # "was born in Ulm and died in Princeton": the first verb's subject
            continue
        controller = _controller(seen, gerunds)
        if controller is not None:
            seen = controller  # "they entered Armenia, fighting the Turks": they fought
            continue
        return None
    return None


def _participial(verb: Token) -> bool:
    """A present participle adjunct with no subject or conjunction of its own ('…, fighting
    against the Turks'): its subject and tense are the main clause's."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head != verb and not any(
        c.dep_ in ("mark", "nsubj", "nsubjpass", "aux") for c in verb.children)


# a gerund after one of these states something its subject did ('left Vienna after selling
# the farm': he sold it); not 'before', 'without', 'instead of', 'for' ('died before finishing
# the novel', 'survived without touching the stores': the gerund's event did not happen)
_DONE_GERUND_PREPS = frozenset(str.split("after by while on upon through since in following "
                                         "despite"))
_DONE_GERUND_MARKS = frozenset(str.split("while when after since once"))


def _controller(verb: Token, gerunds: bool = True) -> Token | None:
    """The verb whose subject and tense a subject-less present participle shares, or None: an
    adjunct ('…, fighting the Turks'), a gerund after a preposition that says it happened
    ('after leaving Vienna', 'by selling his paintings') or after a time conjunction ('While
    studying in Lyon, she met …'). Not a participle with its own subject or auxiliary ('after
    being defeated': the auxiliary would have to move). ``gerunds`` False: the adjunct only
    (the deck path: the gerunds are answer-aware mode's, where a user's highlight in one asks
    for its question; over the seen passages' sentences they gave the deck 30 new questions,
    some of them from a pronoun the resolver got wrong or a dangling 'By condensing …')."""
    if verb.tag_ != "VBG" or verb.head == verb or any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in verb.children):
        return None
    if _participial(verb):
        # not a relative clause's verb: a participle at the end of the sentence is the main
        # clause's, whatever verb the parser hung it on ('Link is cleansed of the magic that
        # kept him in wolf form, obtaining the Shadow Crystal' asked 'What did the magic obtain?')
        return verb.head if verb.head.dep_ not in ("relcl", "acl") else None
    if not gerunds:
        return None
    marks = [c for c in verb.children if c.dep_ == "mark"]
    if verb.dep_ == "advcl" and len(marks) == 1 and marks[0].lower_ in _DONE_GERUND_MARKS:
        head = verb.head
    elif verb.dep_ == "pcomp" and not marks and verb.head.dep_ == "prep" and \
            verb.head.lower_ in _DONE_GERUND_PREPS:
        head = verb.head.head
    else:
        return None
    if verb.lemma_ == "be" or any(c.dep_ == "neg" for c in verb.children) or \
            head.pos_ not in ("VERB", "AUX") or head.lemma_ == "be" or \
            head.dep_ in ("relcl", "acl") or any(
                c.dep_ in ("auxpass", "nsubjpass") or c.tag_ == "MD" for c in head.children):
        # whose doing it is, and whether it was done, the head does not say: 'being a
        # chapter', 'not being …'; 'is crucial in mounting …', a passive's subject ('can be
        # reduced by staging the expansion': not the variability's staging), a modal ('could
        # be justified in refusing'), a relative clause inside something else ('Instead of
        # providing rules that support research while leaving …')
        return None
    return head


def _auxiliaries(verb: Token) -> list[Token]:
    own = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i
           and c.tag_ != "TO"]
    if own or verb.dep_ != "conj" or verb.tag_ not in ("VBN", "VBG"):
        return own
    # "was captured and executed": the second participle shares the first one's auxiliary
    return [c for c in verb.head.children if c.dep_ in ("aux", "auxpass") and c.tag_ != "TO"]


# verbs whose clausal complement is someone's claim, not a fact the page states
CLAIMING = _SAYING | frozenset(str.split(
    "assert contend maintain allege speculate theorize theorise hypothesize hypothesise hold "
    "fear hope doubt conclude accuse assume imagine feel"))


def ask(sent: Span, answer: Answer, resolver: Resolver | None = None, max_words: int = MAX_WORDS,
        keep_front: bool = True, whole_list: bool = False) -> Asked | None:
    """``_ask``'s question, attributed when the clause that holds the answer is someone's claim:
    "Mao argued that the Soviet Union had itself become an imperialist power" asks "According
    to Mao, what had itself become an imperialist power?" (reviewers rejected the claim asked
    as a fact); when the claimer cannot be named on the card (an unresolved "he"), no
    question."""
    asked = _ask(sent, answer, resolver, max_words, keep_front, whole_list)
    if asked is None:
        return None
    claimer = _claimer(sent, answer, resolver)
    if claimer is None:
        return asked
    if not claimer:
        return None
    first = asked.question.split()[0]
    if first.lower() in _LOWER_AFTER_CLAIMER:
        first = first.lower()  # (a name keeps its capital: 'According to Mao, Stalin …')
    rest = asked.question[len(first):]
    question = f"According to {claimer}, {first}{rest}"
    return Asked(question, asked.answer, asked.role)


_LOWER_AFTER_CLAIMER = frozenset(str.split(
    "what who whom whose which when where why how in on at by from during for to with of the a "
    "an"))


def _claimer(sent: Span, answer: Answer, resolver: Resolver | None) -> str | None:
    """Who claims the clause that holds the answer, as the card can write it ("" when it cannot
    be written), or None when the clause is no one's claim."""
    found = clause_head(answer.span(sent).root)
    if found is None:
        return None
    verb = found[0]
    while verb.dep_ in ("conj", "xcomp") and verb.head != verb:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in CLAIMING or verb.head.i in \
            range(answer.start, answer.end):
        return None
    subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.dep_ == "nsubjpass" or subj.lower_ in ("it", "there"):
        return None  # "it is believed that …": the page's own claim
    if set(range(answer.start, answer.end)) & _subtree(subj):
        return None
    ids = sorted(i for i in _subtree(subj) if not sent.doc[i].is_punct or sent.doc[i].text == "'s")
    if len(ids) > 6:
        return ""
    rendered = Builder(sent, resolver).render(ids, {})
    return rendered or ""


def _ask(sent: Span, answer: Answer, resolver: Resolver | None = None,
         max_words: int = MAX_WORDS, keep_front: bool = True, whole_list: bool = False
         ) -> Asked | None:
    """The question whose answer is ``answer`` (a span of ``sent``), or None.

    ``max_words``: optional parts (asides, modifiers of nouns, adjuncts) are pruned, longest
    first, until the question is this short; ``keep_front``: adjuncts before the subject move
    to the end (True) or go (False). Answer-aware mode over-generates with several settings
    and ranks the phrasings (answer_aware.py). ``whole_list``: an answer that is one item of
    a list ('the Bulgars, and especially the Seljuk Turks') is asked with the list's place
    (a user who highlights it wants that question); otherwise half a list makes no question."""
    doc = sent.doc
    span = answer.span(sent)
    a_ids = set(range(answer.start, answer.end))
    root = span.root
    count_noun: Token | None = None
    modifier: Token | None = None  # the noun a modifier answer modifies (_modified)
    wh_det = "how many"
    # "two consuls" (answer "two") and "7,000 soldiers": a count asks about the counted noun
    if answer.kind in ("number", "quantity") and root.dep_ == "nummod" and root.head.pos_ == "NOUN":
        count_noun = root.head
        target = count_noun
    elif answer.kind in ("number", "quantity") and any(c.dep_ == "nummod" for c in root.children) \
            and root.pos_ == "NOUN":
        count_noun = root
        target = root
    elif whole_list and answer.kind not in NUMERIC and (modified := _modified(root, answer)):
        # "the Catholic orthodoxy", "rounded arches": the modified noun carries the wh-word
        # ("What orthodoxy …", "What kind of arches …"), as the count's noun does; so does a
        # name's class noun ('the banks of the Orvane River' → 'the banks of what river')
        count_noun = modifier = modified
        target = count_noun
        of_kind = modified.dep_ == "pobj" and modified.head.lower_ == "of" and \
            modified.head.head.lemma_.lower() in ("kind", "type", "sort")
        # ('some kind of municipal organization': 'what organization', the kind said already)
        wh_det = "what kind of" if root.pos_ == "ADJ" and not of_kind else "what"
    elif whole_list and answer.kind not in NUMERIC and answer.kind != "person" and (
            of_named := _named_by_of(root, answer)):
        # "a tradition of singing", "the city of Smyrna": the answer names the noun before
        # its 'of', which carries the wh-word ("What tradition had developed …?") where the
        # answer was asked in place ('A tradition of what had developed …?')
        count_noun = target = of_named
        wh_det = "what"
    else:
        target = root
    if not whole_list and count_noun is None and _cuts_compound(root, answer):
        # "the helper cell's CD4" of "… CD4 co-receptor": the answer ends on a modifier of a
        # noun after it; the card asks for the whole noun (reviewers rejected the cut answer)
        head = root.head
        answer = Answer(answer.start, head.i + 1, answer.kind, answer.label, answer.head,
                        doc[answer.start : head.i + 1].text)
        a_ids = set(range(answer.start, answer.end))
        span = answer.span(sent)
        target = root = span.root
    if whole_list and count_noun is None and (target.dep_ == "conj" or any(
            c.dep_ == "conj" for c in target.children)):
        first = target
        while first.dep_ in ("conj", "appos") and first.head.pos_ in ("NOUN", "PROPN"):
            first = first.head
        lo = min(first.left_edge.i, answer.start)
        a_ids = set(range(lo, answer.end))
        target = root = first
        answer = Answer(lo, answer.end, answer.kind, answer.label, answer.head, answer.text)
    elif any(c.dep_ == "conj" for c in target.children):
        return None  # "two hydrogen atoms and one oxygen atom": half of a pair is no answer
    if count_noun is None and root.dep_ == "appos" and root.head.pos_ == "NOUN" and \
            answer.kind in ("person", "group") and root.head.i < answer.start and \
            root.head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative") and \
            names_people(doc[root.head.i : root.head.i + 1]) and all(
                doc[i].is_punct or i in _subtree(root) for i in range(root.head.i + 1,
                                                                      answer.start)):
        # "visited Berlin with a family friend, zoologist Feliks Jarocki": the name is asked
        # through the noun it names ("Who did Chopin visit Berlin with?"), not left in place
        anchor = root.head
        lo, hi = anchor.left_edge.i, max(anchor.right_edge.i + 1, answer.end)
        while hi > lo and doc[hi - 1].is_punct:
            hi -= 1
        answer = Answer(lo, hi, answer.kind, answer.label, answer.head, answer.text)
        a_ids = set(range(lo, hi))
        target = root = anchor
        span = answer.span(sent)
        whole_list = True  # (the anchor's own list is part of it)
    asides: set[int] = set()
    if count_noun is None and answer.kind not in NUMERIC and not whole_list and \
            root.pos_ not in ("VERB", "AUX") and answer.kind != REASON:
        # the question removes the answer's whole phrase: what is left of it would stand in
        # the question ("What is amnesia caused by such as a blow to the head?", "What did
        # Newton expound his?"); its own words widen a short answer, else no question
        widened: tuple[Answer, set[int]] | None
        if adverbial(root):
            # the whole purpose or time is the answer to its "Why/When …?" (wording.wh_phrase)
            widened = (Answer(root.i, root.right_edge.i + 1, answer.kind, answer.label,
                              answer.head, doc[root.i : root.right_edge.i + 1].text), set())
        else:
            widened = own_phrase(root, answer)
        if widened is None:
            return None
        answer, asides = widened
        a_ids = set(range(answer.start, answer.end))
        span = answer.span(sent)
    found = clause_head(target)
    if found is None:
        return None
    verb, child = found
    if shares_negation(verb):
        # "are not recognized and attacked by …": the first verb's 'not' is the second's too,
        # and the second's question alone states the opposite (s18b: 'Why are normal body
        # cells attacked by NK cells?', a wrong answer to all three reviewers)
        return None
    if verb.i in a_ids:
        return None
    if child.dep_ == "xcomp" and verb.lemma_ == "be" and child.i > verb.i:
        # "The primary functions of erythrocytes are to pick up oxygen": no question reads
        # 'What are the functions … to pick up?'
        return None
    if verb.dep_ == "csubj" or any(t.dep_ == "csubj" for t in verb.ancestors) or sum(
            c.dep_ in _SUBJECT_DEPS for c in verb.children) > 1:
        # "What can eating lead to …?": nothing moves out of a clausal subject, and a verb
        # with two subjects is a misparse ("Eating … food can lead": csubj and nsubj)
        return None
    measure = _measured(target, verb, a_ids) if count_noun is None and \
        answer.kind in NUMERIC else None
    if count_noun is None and answer.kind in ("year", "date", "century") and \
            child.dep_ == "prep" and target.head != child and measure is None:
        # "In April 1191", "until February 1082": a date inside a time adjunct; the whole
        # adjunct is what "when" asks about
        span_part = list(child.subtree)
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is not None and all(t.ent_type_ == "DATE" or t.like_num or t == child
                                    for t in span_part):
            a_ids = {t.i for t in span_part} - {child.i}
            target = pobj
            root = pobj
            answer = Answer(min(a_ids), max(a_ids) + 1, "date", answer.label, answer.head,
                            answer.text)
    builder = Builder(sent, resolver)
    clause = _subtree(verb)
    # what is not part of this clause's fact
    drop: set[int] = set()
    compared = False  # a comparison's second term ('… than they were in 1890') goes
    for c in verb.children:
        if c.dep_ in _DROP_CHILD_DEPS:
            drop |= _subtree(c) if c.dep_ != "punct" else {c.i}
        if c.dep_ == "conj" and (c.pos_ in ("VERB", "AUX") or not _subtree(c) & a_ids):
            # a verb's conjunct is another fact, also when the tagger read it as a noun ("was
            # established in 1817 and continued trading …": 'trading' a NOUN conj)
            drop |= _subtree(c)
        if c.dep_ == "advcl" and not _subtree(c) & a_ids:
            compared = compared or completes_fact(c)
            if condition(c):
                # the clause's fact holds only under it: without it the question asks a
                # falsehood ("Why are ionic compounds excellent conductors?", s27b)
                return None
            drop |= _subtree(c)
        if c.dep_ in ("npadvmod", "appos", "dep") and c.i > verb.i and doc[c.left_edge.i - 1].text \
                in (",", "—", "–", ";") and not _subtree(c) & a_ids:
            drop |= _subtree(c)  # "…, something that was the subject of some humour": an aside
    for tok in verb.subtree:
        if tok.i in drop:
            continue
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and not _subtree(tok) & a_ids:
            drop |= _subtree(tok)  # "… and founded a republic": another fact
            drop |= {c.i for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i}
            continue
        if tok.dep_ == "advcl" and tok.head != verb and not _subtree(tok) & a_ids and any(
                c.dep_ == "mark" and c.lower_ in CONCEDING for c in tok.children) and any(
                c.dep_ in _SUBJECT_DEPS for c in tok.children):
            # a conceding clause with a subject of its own states another fact beside the one
            # asked ("… was necessary for a state's survival while Okoro supported the navy");
            # the parser hangs a contrast clause on the nearest verb, often inside the fact
            # asked (a 'believed that …' clause's verb): it is a second fact all the same
            drop |= _subtree(tok)
            continue
        non_restrictive = tok.i > 0 and doc[tok.left_edge.i - 1].text == ","
        if tok.dep_ in ("appos", "relcl", "acl") and non_restrictive and tok.head != verb \
                and not _subtree(tok) & a_ids and tok not in (child,):
            drop |= _subtree(tok)
        if tok.text == "(":
            close = next((t.i for t in doc[tok.i:sent.end] if t.text == ")"), None)
            if close is not None and not a_ids & set(range(tok.i, close + 1)):
                drop |= set(range(tok.i, close + 1))
    example = _dashed_example(sent)
    if example & a_ids:
        # "Crop failures necessitate relief—for example, in 2009 relief for 2.3 million people
        # because of floods": the answer is the example's, the verb the claim's; asked of the
        # claim, the example's cause reads as every failure's (s32b: 'Why does production
        # downturn periodically necessitate food aid in 2004 aid for 1.8 million people?',
        # rejected by all three reviewers)
        return None
    drop |= example
    subj = _subject(verb, whole_list)
    if subj is None:
        return None
    if subj.pos_ == "PROPN" and not any(c.dep_ == "conj" for c in subj.children) and any(
            c.lower_ == "together" and c.dep_ == "advmod" for c in verb.children):
        # "Peter Davison, Colin Baker and Sylvester McCoy appeared together": the parser made
        # the list one name and its appositions, so the question shows one name doing a thing
        # together ("Who appeared together …?" → 'Peter Davison', s27, every reviewer
        # 'incomplete'; "When did Peter Davison come together again?", s27 'with whom?').
        # Rated qa/mcq cards of every seen review whose question has 'together': these 2
        # rejected; kept ones name every doer ('Colin Baker and Sylvester McCoy')
        return None
    if any(c.dep_ == "ccomp" and c.right_edge.i < subj.left_edge.i and not _subtree(c) & a_ids
           and any(t.text == "," for t in doc[c.right_edge.i + 1 : subj.left_edge.i]) and
           not any(t.is_quote for t in doc[sent.start : subj.i]) for c in verb.children):
        # "Uptake of O2 is the purpose of respiration, so oxygen supplementation is used …":
        # the parser hung the first clause on the second's verb as its complement, so the
        # question asked both ("What uptake of O2 … is the essential purpose of respiration
        # is used in medicine?", s29b, every reviewer 'garbled echo'). Rated qa cards of every
        # seen review asking such a verb with the clause in: 2 rejected (s29b, dev), 0 kept
        return None
    subj_ids = _subtree(subj) - drop
    subj_replace: dict[int, str] = {}
    owner = subj.head  # the verb whose subject it is: ours, or one ours shares it with
    if subj.tag_ in ("WP", "WDT") and owner.dep_ == "relcl":
        # "the consuls, who were elected every year": the antecedent is the subject; also of
        # a verb that shares the relative's subject ("who was born in Ulm and died in …")
        if unsure_antecedent(owner) and not (resolver is not None and resolver.lenient):
            return None  # answer-aware mode takes the parser's guess over no question
        antecedent = owner.head
        if antecedent.dep_ == "attr" and antecedent.head.lemma_ == "be":
            # "Gravity is the force that attracts …": the force is gravity
            named = next((c for c in antecedent.head.children if c.dep_ == "nsubj"), None)
            antecedent = named if named is not None and named.pos_ != "PRON" else antecedent
        ante_ids = [t.i for t in antecedent.subtree if t.i <= antecedent.i]
        subj_replace[subj.i] = builder.render(ante_ids, {}) or ""
        if not subj_replace[subj.i]:
            return None
    elif any(doc[i].tag_ in ("WP", "WDT", "WP$") for i in clause - drop - _subtree(subj)
             if i not in a_ids) and verb.dep_ in ("relcl", "acl"):
        return None  # "by which green plants use …": the clause is not a statement
    if subj.i not in clause:  # shared subject of coordinated verbs
        clause |= subj_ids
    # which constituent holds the answer, and its role
    role = "object"
    prep: Token | None = None
    if subj.i in a_ids or (count_noun is not None and count_noun == subj) or (
        child == subj and _subtree(subj) & a_ids
    ):
        role = "subject"
    elif target.dep_ == "pobj" and target.head.dep_ in ("prep", "agent"):
        prep = target.head
        role = "adjunct" if prep.head == verb else "nested"
    elif target.dep_ in ("npadvmod", "advmod", "tmod") and target.head == verb:
        role = "adjunct"
    elif target.dep_ == "attr" and verb.lemma_ == "be" and target.head == verb:
        role = "definition"
    elif target.dep_ in ("dobj", "attr", "dative", "oprd", "nsubjpass", "acomp") or child == target:
        role = "object"
    else:
        role = "nested"
    if compared and role != "subject":
        # 'When was inequality lower?' without 'than it was in 1986' has no one answer (s30b,
        # every reviewer 'lower than when?'); kept in, its pronoun names the subject asked
        # ('than grain prices were'): the cloze, which keeps both terms, asks it instead.
        # (The subject's question stays: 'What was lower in 2001 …?' was kept, s30b.)
        return None
    if answer.kind == REASON:
        role, prep = "adjunct", None  # the cause phrase, its marker and all, is the adjunct
    if measure is not None:
        # "At the age of 21 he settled in Paris" → "At what age did he settle in Paris?": the
        # number is the value of the adjunct's noun, which the wh-phrase asks for
        prep = measure.head
        role = "adjunct"
        a_ids |= _subtree(prep)
        target = root = measure
    wh, absorbs = ("why", True) if answer.kind == REASON else wh_phrase(answer, sent, prep,
                                                                         role)
    if prep is not None and not absorbs and not whole_list and role in ("adjunct", "nested") \
            and stranded_echo(prep, target, a_ids):
        return None
    if measure is not None and prep is not None:
        wh, absorbs = f"{prep.lower_} what {measure.lower_}", True
    if wh == "where" and prep is not None and _other_place(verb, prep, a_ids):
        return None
    if wh == "what" and role == "subject" and verb.lemma_ in _SAYING and \
            subj.dep_ == "nsubj" and _a_name(answer.span(sent).root):
        # "Miyamoto thought that …", "GameTrailers called it …": a name that says, thinks or
        # judges is asked with "who", a person's or a company's; the subject of a passive
        # ('UChicago is often considered the birthplace of …') is what is judged, not the judge
        # (s23: "Who is often considered the birthplace …?", every reviewer 'Who' for a place)
        wh = "who"
    if wh == "what" and role == "subject" and verb.lemma_ in _KNOWING and any(
            c.dep_ == "ccomp" for c in verb.children) and _a_name(answer.span(sent).root):
        wh = "who"
    if wh == "what" and role == "adjunct" and prep is not None and prep.dep_ == "agent" and \
            target.pos_ == "PROPN" and target.ent_type_ in _AGENT_ENTS and \
            target.lemma_.lower() not in _INSTRUMENTS and \
            not any(t.lower_ in NATURAL_FORCES for t in answer.span(sent)):
        # "The opera was written by Giacomo Orefice", "… rebuilt by the Army Corps of
        # Engineers": the doer a passive names is asked "Who wrote …?" (SQuAD train FIT
        # articles, a proper-noun agent: who 26, which 17, what 5), not 'What was the opera
        # written by?', where the small model gave the name no person's type
        wh, absorbs = "by whom", True
    if wh in ("what", "where") and role == "object" and target.dep_ == "dobj" and \
            verb.lemma_.lower() in WEDDING and target.pos_ == "PROPN":
        # "Temüjin married Börte of the Onggirat tribe": whom one marries is a person, though
        # the small model typed the name none or a place (s27: "What did Temüjin marry …?")
        wh = "who"
    if wh in ("what", "who", "whom") and role in ("adjunct", "nested", "object") and \
            prep is not None and prep.lower_ in _TO_PLACE and prep.head == verb and \
            verb.lemma_.lower() in _GOING and target.pos_ == "PROPN" and \
            target.ent_type_ not in ("PERSON", "PER", "NORP"):
        # "In 1835 Chopin went to Carlsbad", "The two moved to Valldemossa": a name one goes
        # to is a place ("Where did Chopin go?"), also where the small model typed it no
        # place ('What did Chopin go to?')
        wh, absorbs = "where", True
    if wh == "what" and role in ("subject", "object") and not whole_list and \
            unsure_name(answer, sent):
        return None  # "What argued unsuccessfully for …?" → "Vaudreuil": who or what?
    if verb.lemma_ == "be" and target.head == verb and target.dep_ in ("attr", "acomp") and \
            any(c.dep_ == "neg" for c in verb.children):
        # "Breaking the law for gain is not civil disobedience": what a thing is not has no
        # one answer ('What is breaking the law … not?', s30; 'What would the head not be?',
        # s29; s25c: every rated one rejected, none kept)
        return None
    if role == "definition":
        # "The Nile is the longest river in Africa" → "What is the Nile?"
        # "One of the first Norman mercenaries … was Hervé": one of a kind of people is a who
        of_people = (subj.pos_ in ("NUM", "PRON") or subj.lower_ in SHARES) and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(
            g.lemma_.lower() in PERSON_NOUNS for g in c.children) for c in subj.children)
        if subj.ent_type_ in ("DATE", "TIME") and any(t.like_num for t in subj.subtree):
            # "September 17, 1862 was the bloodiest day …": 'What was 1862 September 17?' is
            # no question a student asks of a day (s17b, every reviewer 'echo')
            return None
        if share(subj) and not (target.pos_ == "PROPN" and (
                answer.kind == "person" or target.ent_type_ in ("PERSON", "PER"))):
            # "Most of the guilds are trade schools", "6,200 of the islanders are Quakers":
            # a share's kind is no fact of the share ('What are most of the guilds?', s30b;
            # 'What are 621,200 of Kenyans?', s30b; 'What were 8–10 percent of …?', s20c);
            # the people a share of a group were, by name ('Two of the founders were …'), are
            # asked
            return None
        wh = "who" if subj.ent_type_ in ("PERSON", "PER") or answer.kind == "person" or (
            subj.lemma_.lower() in PERSON_NOUNS) or of_people else "what"
        subject_span = doc[subj.left_edge.i : subj.right_edge.i + 1]
        if subj.pos_ == "NOUN" and names_people(subject_span):
            wh = "who"  # "the organist at the funeral was …": an -ist, a kin or role noun
        elif subj.pos_ == "NOUN" and not of_people and subj.lemma_.lower() not in PERSON_NOUNS:
            # "Sand's novel was Lucrezia Floriani": the subject says what the answer is, a
            # novel, though the name looks like a person's ("Who was Sand's novel?")
            wh = "what"
    modifier_wh: str | None = None  # the modified noun's wh-phrase, also asked in place
    if count_noun is not None:
        # the noun's modifiers stay with it, the answer's own as well when the answer is the
        # whole count ('79 separate reading rooms' → 'How many separate reading rooms …?',
        # as people ask it), but never one that holds the number
        mods = [t for t in count_noun.subtree if t.i < count_noun.i and t.dep_ in
                ("amod", "compound") and not (_subtree(t) & a_ids and (
                    count_noun.i not in a_ids or any(doc[i].like_num for i in _subtree(t))))]
        noun_ids = sorted({t.i for m in mods for t in m.subtree} | {count_noun.i})
        if modifier is not None:
            # a modifier answer: the nouns between it and the noun it modifies stay with that
            # noun ('the Uralic language family' → 'what language family')
            chain, link = set(noun_ids), root.head
            while link != count_noun and link.head != link:
                chain.add(link.i)
                link = link.head
            noun_ids = sorted(chain)
        of = next((c for c in count_noun.children if c.dep_ == "prep" and c.lower_ == "of"
                   and c.i == count_noun.i + 1 and len(list(c.subtree)) <= 4), None)
        named_of = of is not None and answer.start > of.i
        if of is not None and not named_of:  # "How many laws of motion …"
            noun_ids += sorted(t.i for t in of.subtree)
        # (a class noun of a name the answer leaves is no name: 'what river', not 'River')
        wh = f"{wh_det} " + " ".join(doc[i].lower_ if doc[i].lemma_.lower() in CLASS_WORDS
                                     else doc[i].text for i in noun_ids)
        if modifier is not None and (root.pos_ == "ADJ" or modifier.pos_ == "PROPN"):
            # in place too: 'the study of what type of religion' ('Islamic'), 'the banks of
            # what river'; a common noun's noun modifier keeps its own wh-word there ('a toy
            # and what manufacturer' was asked of 'playing card', SQuAD train draw 2)
            modifier_wh = wh
        if answer.kind in ("money",):
            wh = "how much"
        removed = {t.i for t in count_noun.subtree if t.i <= count_noun.i}
        removed -= {i for i in removed if doc[i].dep_ in ("prep",)}
        if any(doc[i].dep_ == "advmod" and i - 1 not in removed and
               doc[i - 1].pos_ in ("NOUN", "PROPN") for i in removed):
            # "a poem about four kings": an adverb of the number right after a noun is that
            # noun's preposition misread as 'approximately' ('about four'), and removing it
            # with the count drops it from the question ('How many kings did Aldric write a
            # poem about war?'); a count's own adverb follows a verb or a preposition ('wrote
            # about four poems', 'a fleet of about 40 ships')
            return None
        removed |= set(noun_ids)
        if named_of and of is not None:
            removed |= _subtree(of)  # ('the city of Smyrna' goes whole: 'what city')
        a_removed = removed
        answer_text = answer.text
    else:
        a_removed = set(a_ids) | asides | {t.i for t in root.children
                                           if t.dep_ in ("det", "predet") and t.i < answer.start}
        answer_text = answer.text
        if role == "definition":
            a_removed |= _subtree(target)
            end = next((t.i for t in doc[target.i : target.right_edge.i + 1]
                        if t.text in ("—", "–", "(", ",", ";")), target.right_edge.i + 1)
            # (an aside after the head stays out: 'Normans—formerly of Oursel—led by …')
            whole = doc[target.left_edge.i : end].text.strip(" ,;.")
            if any(t.dep_ == "conj" for t in doc[end : target.right_edge.i + 1]):
                # "are Czapski Palace (1712–1721), Palace of the Four Winds (1730s) and …":
                # the list goes on after the cut, and the question asks for all of it (as
                # the source words it, brackets too: the answer stays verbatim)
                whole = doc[target.left_edge.i : target.right_edge.i + 1].text.strip(" ,;.")
                while whole.count("(") > whole.count(")"):  # an aside the parse cut in two
                    whole = whole[: whole.rfind("(")].strip(" ,;.")
                if len(whole.split()) > 20:
                    return None
            if len(whole.split()) <= 20:
                answer_text = whole  # "the longest river in Africa", not "longest river"
        if role == "adjunct" and absorbs and prep is not None:
            a_removed |= {prep.i}
            if adverbial(target):
                # "with the intent of major expansion southward" answers "Why …?" whole
                answer_text = doc[prep.i : answer.end].text
        named = _class_lead(answer.span(sent))
        if named is not None and wh == "what" and role in ("subject", "object"):
            # "The concept environmental determinism served as …" → "Which concept served as
            # …?" → "environmental determinism" (was "concept environmental determinism")
            wh = f"which {named.lower_}"
            answer_text = doc[named.i + 1 : answer.end].text
    if role == "subject" and not whole_list and any(t.lower_ in ("a", "an") and t.dep_ == "det"
                                                    for t in root.children):
        # (a user who highlights "a storm" in "But a storm dispersed the fleet" wants its
        # question: answer-aware mode asks it)
        return None  # "An object remains at rest …": a generic subject is no fact to recall
    if role == "subject" and not whole_list and count_noun is None and _bare_plural(span):
        return None  # "Geologists use …": the kind that does it, as generic as 'a/an'
    if count_noun is None and whole_list:
        # (answer-aware mode) "Duke William II of Normandy" for the answer "William II": the
        # title before the name and the place it is of go with it
        a_removed |= _title_and_seat(root, answer)
    if count_noun is None and role in ("subject", "object", "adjunct") and \
            answer.kind not in NUMERIC and any(c.i not in a_removed and
            c.dep_ == "prep" and c.lower_ == "of" and c.i >= answer.end for c in root.children):
        # the answer's own "of …" would stay behind: "What did the Normans adopt of the rest
        # of France?" (answer "growing feudal doctrines"); the dev3 review's commonest echo
        return None
    if role == "subject" and subj.i not in a_ids and count_noun is None and whole_list:
        # (answer-aware mode) "The wars in the 16th century destroyed …": the subject's time
        # dates the clause ("In what century did the wars destroy …?")
        timed = _time_fronted(sent, target, verb, answer, clause - drop)
        if timed is not None:
            wh, moved_ids = timed
            a_removed |= moved_ids
            role, absorbs = "adjunct", True
    if role == "subject":
        if subj.i not in a_ids and count_noun is None:
            # the answer sits inside the subject: "the capital of France" → in situ
            return _in_situ(builder, sent, verb, clause, drop, a_removed, answer, answer_text,
                            max_words, modifier_wh)
        a_removed |= subj_ids if count_noun is None or count_noun == subj else set()
        if answer.kind in NUMERIC and count_noun is None:
            # "About 70 percent of the Earth's surface is …": the share's "of" stays with
            # the wh-phrase ("What percentage of the Earth's surface is …?")
            for c in root.children:
                if c.dep_ == "prep" and c.lower_ == "of" and c.i >= answer.end:
                    a_removed -= _subtree(c)
    path: set[int] = set()
    if role == "nested":
        found_path = _extraction_path(target, verb, clause - drop - a_removed)
        if prep is not None and prep.lower_ == "of" and answer.kind in NUMERIC:
            found_path = None  # 'What century did … emerge in the first half of?
        piped = None
        if found_path is None or (prep is not None and not absorbs and
                                  _after_in_clause(prep, clause - drop - a_removed)):
            # (answer-aware mode) the verb's whole phrase moves to the front with the
            # wh-phrase inside it, and the clause inverts: "In the first half of what century
            # did the identity of the Normans emerge?" rather than the sentence with a
            # wh-word left in place
            piped = _pied_piped(builder, sent, target, verb, answer, a_removed,
                                clause - drop, modifier_wh) if whole_list else None
            if piped is None and whole_list:
                piped = _time_fronted(sent, target, verb, answer, clause - drop)
            if piped is None:
                return _in_situ(builder, sent, verb, clause, drop, a_removed, answer,
                                answer_text, max_words, modifier_wh)
            wh, moved_ids = piped
            a_removed |= moved_ids
            role, absorbs = "adjunct", True
        else:
            # the answer moves to the front out of the object or a phrase of the verb
            # ("Chopin formed a friendship with Liszt" → "Who did Chopin form a friendship
            # with?") rather than a wh-word left where it stands ('Chopin formed a friendship
            # with whom?'); its preposition strands at the end or, for 'where'/'when', goes
            # with it
            path = found_path
            role = "adjunct" if absorbs else "object"
            if absorbs and prep is not None:
                a_removed |= {prep.i}
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in _DISCOURSE and c.i not in a_ids:
            drop.add(c.i)  # "Plant cells also contain …"
        if c.dep_ == "prep" and c.i > subj.i and DISCOURSE_PP.match(
                doc[c.i : c.right_edge.i + 1].text + " ") and not _subtree(c) & a_ids and \
                c.right_edge.i - c.i <= 3:
            drop |= _subtree(c)  # "The skin is in fact made of …", "… in turn evolved into"
        if subj.right_edge.i < c.i < verb.i and c.dep_ == "prep" and \
                doc[c.left_edge.i - 1].text == "," and not _subtree(c) & a_ids:
            drop |= _subtree(c)  # "Lake Titicaca, on the border …, is …"
    # adjuncts before the subject move to the end; discourse phrases go
    front: set[int] = set()
    for c in verb.children:
        if c.i >= subj.left_edge.i or c.i in drop or c.dep_ in ("aux", "auxpass", "neg"):
            continue
        part = _subtree(c)
        phrase = doc[c.left_edge.i : c.right_edge.i + 1].text
        discourse = c.lower_ in _DISCOURSE or DISCOURSE_PP.match(phrase) or c.dep_ in (
            "advmod", "cc")
        if discourse and not part & a_ids:
            drop |= part
            continue
        if c.dep_ in ("prep", "npadvmod", "advcl", "pobj") and not part & a_ids:
            front |= part
    if not keep_front:
        drop |= front  # the short phrasing: 'In 1066, X did Y' asks 'What did X do?'
        front = set()
    # commas left hanging by moved and dropped parts
    kept_set = clause - drop - a_removed

    def list_comma(i: int) -> bool:  # "Brazil, Peru and Colombia" keeps its commas
        return doc[i].text == "," and i - 1 in kept_set and i + 1 in kept_set and (
            doc[i + 1].dep_ in ("conj", "compound") or doc[i + 1].head.dep_ == "conj")

    kept = [i for i in sorted(kept_set) if not (
        doc[i].is_punct and doc[i].text in (",", ";", ":", ".", "!", "?", "—", "–")
        and not list_comma(i))]
    active = _active_form(verb, prep) if role == "adjunct" and wh == "by whom" else None
    if active is not None:
        # "Ethelred was forced from his kingdom by Sweyn Forkbeard" → "Who forced Ethelred
        # from his kingdom?", as a person asks it, rather than "By whom was Ethelred forced …?"
        aux_ids = {c.i for c in verb.children if c.dep_ in ("auxpass", "aux")}
        subject_part = [i for i in kept if i in subj_ids]
        rest = [i for i in kept if i not in subj_ids and i not in aux_ids and i != verb.i
                and i not in front]
        if not subject_part or _orphan_preposition(doc, [verb.i, *subject_part, *rest],
                                                   a_removed):
            return None
        order = [verb.i, *subject_part, *rest, *sorted(front)]
        replace_active = dict(subj_replace)
        replace_active[verb.i] = active
        body = _render_with_wh(builder, "who", order, replace_active, max_words=max_words,
                               verb=verb, keep=frozenset(subject_part) | {verb.i})
        return None if body is None else _finish(body, answer_text, "subject")
    if role == "subject":
        order = [i for i in kept if i not in front] + sorted(front)
        if _orphan_preposition(doc, order, a_removed):
            return None
        if verb.tag_ == "VBP" and verb.i in kept_set and count_noun is None:
            # "Who have …?" → "Who has …?": a wh-subject takes the singular
            subj_replace[verb.i] = third_singular(verb)
        body = _render_with_wh(builder, wh, order, dict(subj_replace), max_words=max_words,
                               verb=verb, keep=frozenset({verb.i}))
    else:
        auxes = _auxiliaries(verb)
        replace: dict[int, str] = {}
        lead: str
        if auxes:
            lead_tok = auxes[0]
            lead = lead_tok.text
            moved = {lead_tok.i}
        elif verb.lemma_ == "be":
            lead = verb.text
            moved = {verb.i}
        else:
            do = DO_SUPPORT.get(verb.tag_)
            if do == "do" and subj.tag_ in ("NN", "NNP"):
                do = "does"  # "Richard support…" tagged VBP: agreement follows the subject
            if do == "does" and any(c.dep_ == "conj" and c.i not in drop
                                    for c in subj.children):
                do = "do"  # "the skin and its accessory structures make up": plural
            if do is None and verb.tag_ == "VBN":
                if any(c.dep_ in ("ccomp", "parataxis") and c.i < subj.left_edge.i
                       for c in verb.children):
                    # "let's take a look at another model: the Gap Model (…), first proposed
                    # in 1985": the participle of a fragment, its parse's root only because
                    # the clause before the colon became its complement (s22b: "When did
                    # the Gap Model let's take a look propose?")
                    return None
                do = "did"  # a finite past the tagger read as a participle ("fought")
            controller = _controller(verb, whole_list) if do is None else None
            if controller is not None:
                do = DO_SUPPORT.get(controller.tag_, "did" if controller.tag_ == "VBN" else None)
            if do is None:
                return None
            lead = do
            moved = set()
            replace[verb.i] = base_form(verb)
        rest = [i for i in kept if i not in subj_ids and i not in moved and i not in front]
        subject_part = [i for i in kept if i in subj_ids]
        if not subject_part:
            return None
        order = subject_part + rest + sorted(front)
        if prep is not None and not absorbs and whole_list and prep.i in rest and \
                prep.i < subj.left_edge.i:
            # (answer-aware mode) a phrase fronted before the subject strands its preposition
            # at the end: "With Woyciechowski, he headed for Austria" → "Who did Chopin head
            # for Austria with?", not 'Who did Chopin with head …?'
            order = [i for i in order if i != prep.i] + [prep.i]
        if prep is not None and not absorbs and whole_list and prep.i in order and \
                _doubled(doc, order, prep):
            # (answer-aware mode: the deck path never strands mid-question) the stranded
            # preposition meets the next phrase's own ('How many codices was the law
            # transcribed in in Latin?'): the verb's phrase goes to the front with its
            # wh-phrase, as fronting.pied_piped moves an in-place one ('In how many codices
            # was …'); a person ('with who' once as_people_ask rewrites 'whom') or a nested
            # phrase is not moved, and the question is not made
            if role != "adjunct" or prep.head != verb or wh in ("who", "whom") or path:
                return None
            order = [i for i in order if i != prep.i]
            wh = f"{prep.lower_} {wh}"
        if _orphan_preposition(doc, order, a_removed):
            return None
        if prep is not None and prep.i in order and not whole_list and any(
                not doc[i].is_punct for i in order[order.index(prep.i) + 1:]):
            # a preposition stranded mid-question ("What will the therapist and client during
            # work together?", "What is memory acquired following by activation …?"): it
            # reads only at the end ("What is amnesia caused by?")
            return None
        if path and not absorbs and _after_in_clause(prep, set(order)):
            return None  # the stranded preposition must end the question
        replace.update(subj_replace)
        body = _render_with_wh(builder, wh, order, replace, lead=lead, max_words=max_words,
                               verb=verb, keep=frozenset(subject_part) | {verb.i} | path)
    if body is None:
        return None
    return _finish(body, answer_text, role)


_DASHES = frozenset({"—", "–", "--"})
_EXAMPLE_MARKERS = (("for", "example"), ("for", "instance"), ("e.g.",))


def _dashed_example(sent: Span) -> set[int]:
    """The words of a verbless example after a dash ('… food aid—for example, in 2004 aid
    for 1.8 million people because of a drought'), the dash and its marker with them, or none.
    The example leaves its verb to the claim before the dash: its words are no part of the
    claim's question, and the parser hangs them on the claim's verb all the same."""
    words = [t.lower_ for t in sent]
    for k, tok in enumerate(sent):
        if tok.text not in _DASHES:
            continue
        for marker in _EXAMPLE_MARKERS:
            if tuple(words[k + 1 : k + 1 + len(marker)]) != marker:
                continue
            tail = sent[k:]
            if any(t.pos_ in ("VERB", "AUX") for t in tail):
                return set()  # '—for example, the mill closed in 2004': a clause of its own
            return {t.i for t in tail if not (t.is_punct and t.i == sent.end - 1)}
    return set()


def _doubled(doc: Doc, order: list[int], prep: Token) -> bool:
    """The preposition ``prep``, stranded where ``order`` puts it, is followed by the same
    word: the next phrase opens with it ('transcribed in in Latin', 'sell it to to the
    north')."""
    after = [doc[i] for i in order[order.index(prep.i) + 1:] if not doc[i].is_punct]
    return bool(after) and after[0].lower_ == prep.lower_


def _title_and_seat(root: Token, answer: Answer) -> set[int]:
    """The words of a person's name around the answer that are no fact of their own: a
    title or role noun before it (hung on any word of the name) and the place it is of ("Duke", "of
    Normandy" of "Duke William II of Normandy" for "William II"), or nothing when the answer
    is no person's name."""
    if answer.kind != "person" or root.pos_ != "PROPN":
        return set()
    out: set[int] = set()
    doc = root.doc
    for c in (c for t in doc[answer.start : answer.end] for c in t.children):
        part = _subtree(c)
        if c.dep_ == "compound" and c.i < answer.start and c.pos_ == "PROPN" and \
                c.i == c.right_edge.i:
            out |= part  # "Duke", "King"
        elif c.dep_ == "compound" and c.i < answer.start and c.pos_ == "NOUN" and \
                c.right_edge.i == answer.start - 1 and (
                    c.lemma_.lower() in PERSON_NOUNS or names_people(doc[c.i : c.i + 1])):
            out |= part  # "the sculptor Orsino Valli": the role goes with the name
        elif c.dep_ == "prep" and c.lower_ == "of" and c.i == answer.end and len(part) <= 4:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN" and pobj.ent_type_ not in (
                    "PERSON", "DATE", "CARDINAL") and all(
                    doc_t.pos_ in ("PROPN", "DET", "ADP") for doc_t in c.subtree):
                out |= part  # "of Normandy", "of the Franks"
    return out


# nouns that name the kind of the name after them without 'of' ('the concept environmental
# determinism', 'the term Huguenot'): the question asks "Which concept …?" for the name
_CLASS_LEADS = frozenset(str.split("concept term idea theory notion doctrine principle word "
                                   "phrase"))


def _bare_plural(span: Span) -> bool:
    """'Sociologists', 'the researchers', 'Factories' with a plural verb: a common noun's kind
    (nothing but 'the/these/those' before it, no name) asked as the subject is an answer
    anyone guesses from the verb phrase, or the page's title gives. Rated qa cards of every
    seen review (s6..s26c, dev): 20 such answers rejected ('answer trivial', 'What for
    people', 'given away by the title'), 6 kept. '-ics' fields ('Politics includes …') take a
    singular verb and stay, as does a named group the tagger labels."""
    root = span.root
    if root.tag_ != "NNS" or root.pos_ != "NOUN" or root.ent_type_ or root.dep_ not in (
            "nsubj", "nsubjpass") or any(t != root and (t.dep_ != "det" or t.lower_ not in (
                "the", "these", "those")) for t in span):
        return False
    verb = root.head
    return not any(t.tag_ == "VBZ" or t.lower_ in ("was", "is", "has", "does")
                   for t in (verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))))


def _modified(root: Token, answer: Answer) -> Token | None:
    """The noun an answer modifies from before it, which carries the wh-word in its place:
    'orthodoxy' of 'the Catholic orthodoxy'; also 'family' of 'the Uralic language family'
    (the end of a chain of modifiers), 'capsule' of 'the Friendship 9 capsule' (the parser's
    'nmod') and 'River' of 'the Orvane River' (a name's class noun, which the name without
    the answer leaves), where no possessor, number, name or punctuation of the phrase would
    be left beside the wh-word; None when the answer is no such modifier."""
    if root.dep_ not in ("amod", "compound", "nmod") or root.i > root.head.i or \
            answer.end > root.head.i:
        return None
    if root.dep_ == "nmod" and (answer.kind == "person" or any(
            t.dep_ == "det" or t.pos_ == "ADP" for t in root.doc[answer.start:answer.end])):
        # a whole noun phrase the parser hung on the next ('… and the 2001 attacks average
        # attendance dropped'), or an object before its complement ('appointed Robert of
        # Jumièges archbishop')
        return None
    own = root.head if root.dep_ != "nmod" and root.head.pos_ == "NOUN" else None
    if own is not None and not (own.dep_ in ("amod", "compound", "nmod") and
                                own.head.i > own.i):
        return own  # (a noun's own modifier, as asked before session 37)
    noun = root.head
    while noun.dep_ in ("amod", "compound", "nmod") and noun.head.i > noun.i and \
            noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    if not (noun.pos_ == "NOUN" or (noun.pos_ == "PROPN" and
                                    noun.lemma_.lower() in CLASS_WORDS and
                                    answer.label != "GPE" and
                                    not any(c.dep_ == "prep" and c.lower_ == "of"
                                            for c in noun.rights))):
        # (a city before an institution's noun is where it is, not its name: 'the Oklahoma
        # City Museum of Art' is no 'what museum of Art')
        return own
    left = [t for t in noun.subtree if t.i < noun.i and not answer.start <= t.i < answer.end]
    if any(t.is_punct or t.dep_ in ("poss", "case", "nummod", "cc", "conj") or
           t.tag_ in ("WDT", "WP") or (t.pos_ == "PROPN" and t.lemma_.lower() not in
                                       CLASS_WORDS) for t in left):
        # ('Police Officer Anthony Sanchez Way': a name the wh-word would split; 'a toy and
        # playing card manufacturer': one of two nouns)
        return own
    return noun


def _class_lead(span: Span) -> Token | None:
    """The class noun that leads the answer's name ('concept' of 'the concept environmental
    determinism'), or None."""
    words = [t for t in span if t.dep_ != "det"]
    if len(words) < 2 or words[0].lower_ not in _CLASS_LEADS or words[0].pos_ != "NOUN":
        return None
    lead = words[0]
    if any(t.lower_ == "of" for t in words):
        return None
    if lead == span.root:  # 'the term Yankee': the name its apposition
        name = next((c for c in lead.children if c.dep_ == "appos" and c.i == lead.i + 1), None)
        return lead if name is not None and name.right_edge.i == span.end - 1 else None
    return lead if lead.dep_ in ("nmod", "compound", "amod") and lead.head == span.root else None


# nouns whose 'of' names the thing they are ('the city of Smyrna', 'a tradition of singing',
# 'the process of osmosis'), not its part, owner or maker ('the east of Ireland', 'the works
# of Chopin')
_NAMED_BY_OF = frozenset(str.split(
    "city town village state province county district region island kingdom duchy republic "
    "port title rank tradition practice art process concept principle doctrine idea theory "
    "method technique notion custom festival feast game sport discipline religion faith"))


def _named_by_of(root: Token, answer: Answer) -> Token | None:
    """The noun whose 'of' phrase is the whole answer and names what the noun is ('a
    tradition of singing' for 'singing'), or None. (A person after 'the beloved city of' is
    whose city it is: the caller leaves people out.)"""
    of = root.head
    noun = of.head
    if root.dep_ != "pobj" or of.lower_ != "of" or of.dep_ != "prep" or noun.pos_ != "NOUN" \
            or noun.lemma_.lower() not in _NAMED_BY_OF or of.i != noun.i + 1 or \
            answer.start <= of.i or root.right_edge.i >= answer.end + 1 or \
            noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr"):
        # (a noun inside a phrase: 'from the town of Pons' made 'What town X from was …?')
        return None
    if any(c.dep_ in ("conj", "appos", "relcl", "acl", "poss") or (
            c.dep_ == "prep" and c != of) for c in noun.children):
        return None  # ('the city of Smyrna and its port', 'their tradition of …')
    return noun


# the dependencies a wh-phrase may move out of: the verb's object or complement and the
# phrases inside them, never a subject, a modifier, an apposition or a clause of its own
_EXTRACTABLE = frozenset({"pobj", "prep", "dobj", "attr", "oprd", "dative"})


def _cuts_compound(root: Token, answer: Answer) -> bool:
    """The answer's last word modifies a noun right after it ('CD4' of 'CD4 co-receptor',
    'Lck' of 'Lck kinase'): the answer cuts the compound noun short."""
    head = root.head
    doc = root.doc
    if root.dep_ not in ("compound", "nmod") or head.i < answer.end or \
            head.pos_ not in ("NOUN", "PROPN") or head.i - answer.end > 3:
        return False
    return all(doc[i].dep_ in ("compound", "nmod", "amod") or doc[i].text == "-"
               for i in range(answer.end, head.i))


# prepositions that introduce examples of what precedes them: 'antibiotics such as
# penicillin' asks no 'What are fungi sources of antibiotics such as?'
_EXAMPLE_PREPS = frozenset(str.split("like including especially notably unlike except"))


def stranded_echo(prep: Token, target: Token, a_ids: set[int]) -> bool:
    """A preposition left at the end of the question that no reader would strand: one that
    introduces examples ('such as penicillin', 'including …'), or one whose object is a
    common noun that only names its 'of'-phrase ('with the intent of major expansion', 'at
    the beginning of each session', 'in an ancestor of the jawed vertebrates'): 'What has
    Harvard purchased tracts of land in Allston with?' was rejected as an echo by every
    reviewer, while 'What did Spain trade Florida to?' was kept."""
    if prep.lower_ in _EXAMPLE_PREPS or (prep.lower_ == "as" and any(
            c.lower_ == "such" for c in (*prep.children, *prep.lefts))) or \
            (prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"):
        return True
    if target.pos_ != "NOUN" or target.ent_type_:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" and c.i in a_ids for c in target.children)


def _extraction_path(target: Token, verb: Token, kept: set[int]) -> set[int] | None:
    """The tokens from ``target`` up to (not including) ``verb`` when a wh-phrase can move out
    of that path to the front, else None."""
    path: set[int] = set()
    tok = target
    while tok != verb:
        if tok.dep_ not in _EXTRACTABLE or tok.head == tok or (
                tok.dep_ == "prep" and tok.pos_ != "ADP"):
            return None  # ('including', 'following': a participle, not a preposition)
        path.add(tok.i)
        tok = tok.head
    path -= {target.i}
    top = max(path, key=lambda i: target.doc[i].head == verb, default=None)
    ofs = sum(1 for i in path | {target.head.i} if target.doc[i].lower_ == "of")
    preps = sum(1 for i in path | {target.head.i} if target.doc[i].dep_ == "prep")
    if ofs and preps > 2:
        return None  # 'What did the Normans settle in an area in the east of?'
    if ofs > 1 or top is None or top < verb.i:
        # 'the poetic potential of the concept of what': one 'of' at most; a phrase before
        # the verb ('At a concert on 7 July Chopin shared …') does not move
        return None
    if any(t.tag_ in ("WP", "WDT", "WRB") and t.i not in path for t in verb.subtree
           if t.i > verb.i and t.i in kept):
        return None  # 'in what was then the Duchy of Warsaw': a wh-word stays behind
    return path


def _after_in_clause(prep: Token | None, kept: set[int]) -> bool:
    """Words of the question would follow the stranded preposition: it would not end it."""
    if prep is None:
        return False
    return any(i > prep.i and not prep.doc[i].is_punct for i in kept)


def _measured(target: Token, verb: Token, a_ids: set[int]) -> Token | None:
    """The noun whose value a number gives in a verb's adjunct ('at the age of 21', 'to a
    depth of 300 metres'), or None."""
    noun = of_owner(target)
    if noun is None or not _subtree(target) <= a_ids | {target.head.i}:
        return None
    if noun.dep_ != "pobj" or noun.pos_ != "NOUN" or noun.tag_ != "NN" or \
            noun.head.dep_ != "prep" or noun.head.head != verb:
        return None
    if any(c.dep_ not in ("det", "prep") for c in noun.children) or not any(
            c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in noun.children):
        return None  # "at the young age of …", "his age of …": not the bare measure
    return noun


def _other_place(verb: Token, prep: Token, a_ids: set[int]) -> bool:
    """Whether the question keeps a second place phrase besides the answer's: 'were from western
    Serbia, near Montenegro' asked of Montenegro kept the other ("Where were Tesla's
    progenitors from western Serbia?", s30c, every reviewer 'wrong answer, garbled'): the
    question names a place of its own, so "where" has two answers or none. A destination
    with its source is one answer ('fled north from Khanbaliq to Shangdu', kept in s10b)."""
    if prep.lower_ in TO_PREPS:
        return False
    if prep.head.dep_ == "pobj" and prep.head.ent_type_ in PLACE_LABELS:
        return True  # 'from eastern Hungary near Romania', the parse hanging one on the other
    return any(c.dep_ == "prep" and c != prep and not _subtree(c) & a_ids and any(
        g.dep_ == "pobj" and g.ent_type_ in PLACE_LABELS for g in c.children)
        for c in verb.children)


def shares_negation(verb: Token) -> bool:
    """A verb coordinated under a negated one without a subject, auxiliary or negation of its
    own ('not recognized and attacked', 'was not repaired or replaced'): the negation scopes
    over both, so a question of this verb without it asks the opposite fact."""
    while verb.dep_ == "conj" and verb.head != verb and verb.head.pos_ in ("VERB", "AUX"):
        if any(c.dep_ in (*_SUBJECT_DEPS, "nsubjpass", "aux", "auxpass", "neg")
               for c in verb.children):
            return False
        verb = verb.head
        if any(c.dep_ == "neg" for c in verb.children):
            return True
    return False


def _a_name(tok: Token) -> bool:
    """A proper name, also where the tagger read a rare capitalised word opening the sentence
    as a common noun ('Ratzel believed …': NN, s18c, 'What believed …?' rejected by all three
    reviewers): no everyday word is that rare (zipf < 3: 'Ratzel' 1.2; 'Hypnosis' 3.3)."""
    return tok.pos_ == "PROPN" or (tok.tag_ == "NN" and tok.text[:1].isupper() and
                                   not tok.text.isupper() and zipf(tok.lower_) < _RARE_NAME)


_RARE_NAME = 3.0


def unsure_name(answer: Answer, sent: Span) -> bool:
    """A bare one-word name that the small model did not type as a place or a person and the
    page gave no sign of (spans.people_named): "Vaudreuil", "Dieskau" (ORG), "Céloron" (ORG)
    are people, "Internet2" is not. "What" for a person was a defect reviewers always
    rejected, so when the name could be either, no wh-question is asked."""
    span = answer.span(sent)
    words = [t for t in span if t.pos_ != "DET"]
    if len(words) != 1 or answer.kind == "person":
        return False
    tok = words[0]
    if tok.i == sent.start and not tok.ent_type_ and zipf(tok.lower_) >= 3.0:
        return False  # "Hypnosis is a state of …": a noun capitalised by its place
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.text.isupper() and \
        not any(ch.isdigit() for ch in tok.text) and tok.ent_type_ not in (
            "GPE", "LOC", "FAC", "NORP", "LANGUAGE", "EVENT", "LAW", "DATE")


# the most words an answer may grow to when it takes its whole phrase ("trauma" → "brain
# trauma"); a longer phrase is a description, not a card's answer
PHRASE_WORDS = 5
_EXAMPLES = frozenset({"such", "like", "including", "especially", "notably"})


def own_phrase(root: Token, answer: Answer) -> tuple[Answer, set[int]] | None:
    """(the answer widened to its phrase's own words, the asides of its phrase that leave the
    question with it), or None when the phrase is longer than an answer should be.

    Asides go with the answer without joining it: a possessive pronoun ("his Three Laws"),
    what follows a comma or bracket ("brain trauma, such as a blow …") and examples ("simple
    devices such as scales"). The phrase's own words ("inability to transfer information …",
    "confrontations with Nasser", "principle behind vaccination") widen the answer."""
    doc = root.doc
    a_ids = set(range(answer.start, answer.end))
    asides: set[int] = set()
    own: set[int] = set()
    for c in root.children:
        part = _subtree(c)
        if part <= a_ids:
            continue
        before = doc[c.left_edge.i - 1].text if c.left_edge.i > 0 else ""
        pointer = c.dep_ in ("det", "predet", "punct") or (c.dep_ == "poss" and c.pos_ == "PRON")
        # (an apposition glued to the noun, no comma between, is part of its name: 'CD4
        # co-receptor', which the small model reads as 'CD4' and an apposition)
        aside = before in (",", "(", "—", "–", ";") or c.left_edge.text == "(" or \
            c.lower_ in _EXAMPLES or (c.dep_ == "appos" and c.left_edge.i != c.head.i + 1)
        if pointer or aside:
            asides |= part
        elif c.dep_ == "prep" and pointing.phrase_points([doc[i].lower_ for i in sorted(part)]):
            # "Goby numbers in those lagoons": the phrase names its place only by the text
            # before the sentence, as an answer or left in the question ('What in those
            # lagoons …?'); spans.answer stops before it, and the widening would put it back
            # (s25c: 'Mnemiopsis populations in those areas', rejected by all three reviewers)
            return None
        else:
            own |= part
    if not own:
        return answer, asides
    if any(doc[i].ent_type_ in ("DATE", "TIME", "CARDINAL") or doc[i].like_num for i in own):
        return None  # "expedition in June 1755": a second fact, not the answer's name
    lo, hi = min(own | a_ids), max(own | a_ids) + 1
    if set(range(lo, hi)) & asides or any(doc[i].is_punct and doc[i].text not in ("-", "'s")
                                          for i in range(lo, hi) if i not in a_ids):
        return None
    if sum(1 for t in doc[lo:hi] if not t.is_punct) > PHRASE_WORDS:
        return None
    text = doc[lo:hi].text
    return Answer(lo, hi, answer.kind, answer.label, answer.head, text), asides


# past participles whose simple past differs (the rest end in -ed and are both)
_PAST = {"taken": "took", "given": "gave", "written": "wrote", "driven": "drove",
         "chosen": "chose", "beaten": "beat", "broken": "broke", "seen": "saw",
         "known": "knew", "shown": "showed", "drawn": "drew", "thrown": "threw",
         "overthrown": "overthrew", "undertaken": "undertook", "forbidden": "forbade"}


def _active_form(verb: Token, agent: Token | None) -> str | None:
    """The active verb form for a passive with a 'by' agent ('was forced' → 'forced', 'is
    stored' → 'stores'), or None when the passive has other auxiliaries or an unknown form."""
    if agent is None or agent.dep_ != "agent" or verb.tag_ != "VBN":
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes and verb.dep_ == "conj" and verb.head.tag_ == "VBN":
        # "was designed and sculpted by Clésinger": the second participle shares the first's
        # auxiliary ("Who sculpted …?", not 'By whom was … sculpted?')
        auxes = [c for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
    if len(auxes) != 1 or auxes[0].dep_ != "auxpass" or auxes[0].lemma_ != "be":
        return None
    if auxes[0].tag_ in ("VBZ", "VBP"):
        return third_singular(verb)
    if auxes[0].tag_ != "VBD":
        return None
    return simple_past(verb)


# verbs whose base form really ends in -ie (their past is -ied: 'untied', 'belied')
_IE_VERBS = frozenset(str.split("die lie tie vie hie untie belie overlie underlie outvie"))


def base_form(verb: Token) -> str:
    """The verb's base form for do-support ('did the crew ready …'). The small model's
    lemmatizer strips a past '-ied' it has no entry for to '-ie' ('readied' → 'readie'); such
    a past is the '-y' verb's ('ready', as 'carried' → 'carry'). Of a past '-ed' that is both
    a verb's plus '-ed' and another verb's plus '-d' it takes the shorter ('premiered' →
    'premier', 'rated' → 'rat', 'staged' → 'stag', 'hoped' → 'hop'); such a past is the '-e'
    verb's: 'rat', 'stag' and 'hop' would double their consonant ('ratted'), and 'premier' is
    the verb 'premiere' misspelled (s23, s32c, s33c: 'When did ABC premier …?' rejected by
    every reviewer, 'typo'). Only 'routed' ('rout' or 'route') and 'dinged' read either way."""
    lemma = verb.lemma_
    low = verb.lower_
    if low.endswith("ied") and lemma.lower().endswith("ie") and \
            lemma.lower() not in _IE_VERBS and len(low) > 4:
        return lemma[:-2] + "y"
    if low == lemma.lower() + "ed" and lemma.lower() + "e" in verb_lemmas(verb.doc.vocab):
        return lemma + "e"
    return lemma


def simple_past(participle: Token) -> str | None:
    """The simple past of a past participle ('written' → 'wrote', 'invented' → 'invented'), or
    None for a form not known."""
    low = participle.lower_
    if low in _PAST:
        return _PAST[low]
    if low.endswith("ed") or low in ("built", "led", "held", "made", "sent", "found", "fought",
                                     "taught", "brought", "bought", "won", "lost", "left",
                                     "told", "sold", "paid", "kept", "met", "set", "put", "read"):
        return low
    return None


def _render_with_wh(builder: Builder, wh: str, order: list[int], replace: dict[int, str],
                    lead: str = "", max_words: int = MAX_WORDS, verb: Token | None = None,
                    keep: frozenset[int] = frozenset()) -> str | None:
    ids = _shorten(builder, order, max_words, verb, keep)
    if ids is None:
        return None
    text = builder.render(ids, dict(replace))
    if text is None:
        return None
    return " ".join(x for x in (wh, lead, text) if x)


def _situ_wh(answer: Answer, sent: Span) -> str:
    """The wh-word that stands where the answer stood ("which country", "whom")."""
    wh, _ = wh_phrase(answer, sent, None, "nested")
    root = answer.span(sent).root
    if root.dep_ in ("amod", "compound", "nmod") and wh in ("who", "where"):
        wh = "what"  # a modifier: "the Catholic orthodoxy" → "the what orthodoxy", not "whom"
        if answer.kind == "person" and root.head.pos_ == "PROPN" and root.head.i >= answer.end:
            # the first words of a longer name the model calls a person's ('Whom Committees
            # have been set up?', 'whom Forest'); not a person before a title the parse
            # hangs it on ('Edward appointed whom archbishop of Canterbury?')
            return "what"
    if any(c.dep_ == "compound" and c.i < answer.start and c.lemma_.lower() in CLASS_WORDS
           for c in root.children) and wh == "who":
        return "what"  # the class word before the name stays: 'the river Orvane' → 'what river'
    if wh in ("what", "who"):
        wh = {"what": "which", "who": "whom"}[wh] if answer.kind != "person" else "whom"
        if wh == "which":
            default = {"place": "place", "year": "year", "date": "date", "century": "century"}
            head = answer.head or default.get(answer.kind, "")
            wh = f"what {head}" if head else "what"
    return wh


# nouns of a phrase that says whose account the clause is ('in the words of', 'in the view of')
_ATTRIBUTING = frozenset(str.split("word view opinion account estimate estimation judgment"))
# the most words a phrase fronted with its wh-word may have ("in the first half of what
# century"); a longer one reads as the sentence turned round
PIPED_WORDS = 8


def _pied_piped(builder: Builder, sent: Span, target: Token, verb: Token, answer: Answer,
                a_removed: set[int], kept: set[int], asked_as: str | None = None
                ) -> tuple[str, set[int]] | None:
    """(the verb's prepositional phrase that holds the answer, with the wh-word in the
    answer's place (``asked_as``: the wh-phrase of the noun the answer modifies), the tokens
    it takes to the front), or None when the answer is not inside such a phrase after the
    verb, or the phrase is long or holds a clause or a wh-word."""
    doc = sent.doc
    top = target
    while top.head != verb:
        if top.dep_ not in ("pobj", "prep") or top.head == top:
            return None
        top = top.head
    if top.dep_ != "prep" or top.pos_ != "ADP" or top.i < verb.i or top.i in a_removed:
        return None
    moved = _subtree(top)
    if any(doc[i].dep_ in ("relcl", "acl", "advcl", "appos", "conj") or doc[i].pos_ in (
            "VERB", "AUX") or doc[i].tag_ in ("WP", "WDT", "WP$", "WRB") or doc[i].text in (
            ",", "(", ")", "—", "–", ";") for i in moved - a_removed):
        return None
    first = min(a_removed & moved, default=None)
    if first is None or any(doc[i].head.i in a_removed for i in moved - a_removed):
        # a word of the answer's phrase would stay before the wh-word: 'in the composition
        # of Liszt's what', 'on Chopin's use of very what technique'
        return None
    if top.lower_ == "in" and any(doc[i].lemma_ in _ATTRIBUTING for i in moved - a_removed):
        return None  # 'In the words of whom did he …?': whose words, not a fact of the clause
    ids = [i for i in sorted(moved & (kept | a_removed)) if i not in a_removed or i == first]
    text = builder.render(ids, {first: asked_as or _situ_wh(answer, sent)})
    if text is None or len(text.split()) > PIPED_WORDS:
        return None
    return text[:1].lower() + text[1:], moved


# prepositions of a time phrase that moves to the front with its wh-phrase
_TIME_PREPS = frozenset(str.split("in on during at around since until till before after by"))
_TIME_KINDS = frozenset({"year", "date", "century", "time"})
# dependencies that open a clause (or a subject) of their own: a time inside one dates that
# clause, not the one asked about ('The bridge built in 1820 carried the road')
_OWN_CLAUSE = frozenset({"nsubj", "nsubjpass", "relcl", "acl", "advcl", "ccomp", "xcomp",
                         "csubj", "conj", "appos", "parataxis"})


def _time_fronted(sent: Span, target: Token, verb: Token, answer: Answer, kept: set[int]
                  ) -> tuple[str, set[int]] | None:
    """(answer-aware mode) a date, year or century in a time phrase that the parse hangs on a
    noun ('the site of developments in the history of music in the 11th century'): a time
    dates the clause's event, so the phrase moves to the front as the verb's adjunct, its
    wh-phrase in its place ('In what century was Normandy the site of developments in the
    history of music?'), where the answer was asked in place ('… in the what century?'); a
    year that modifies a noun ('his 1836 review') goes alone. (the wh-phrase, the tokens that
    go), or None when the answer is in no such phrase of the clause, or the phrase holds more
    than the time."""
    if answer.kind not in _TIME_KINDS:
        return None
    doc = sent.doc
    a_ids = set(range(answer.start, answer.end))
    if answer.kind == "year" and target.dep_ in ("nummod", "compound", "amod") and \
            target.head.pos_ in ("NOUN", "PROPN") and target.i < target.head.i:
        # "in his 1836 review …", "the 1909 ballet": the year dates the clause's event as
        # well ("When did Schumann highlight …?"); not after 'a'/'an', which the year's
        # going would leave wrong ('an return trip')
        if answer.start > sent.start and doc[answer.start - 1].lower_ in ("a", "an"):
            return None
        tok = target.head
        while tok != verb:
            if tok.head == tok or (tok.dep_ in _OWN_CLAUSE and not (
                    tok.dep_ in ("nsubj", "nsubjpass") and tok.head == verb)):
                return None
            tok = tok.head
        return ("when", a_ids) if a_ids <= kept else None
    tok = target
    while not (tok.dep_ == "pobj" and tok.head.dep_ == "prep" and
               tok.head.lower_ in _TIME_PREPS):
        if tok == verb or tok.head == tok or tok.dep_ in _OWN_CLAUSE:
            return None
        tok = tok.head
    prep = tok.head
    moved = _subtree(prep)
    if prep.head == verb or not moved <= kept or verb.i in moved:
        return None
    if not all(i in a_ids or doc[i].ent_type_ == "DATE" or doc[i].like_num or i == prep.i
               or doc[i].dep_ == "det" or doc[i].lemma_.lower() in _TIME_NOUNS for i in moved):
        return None  # 'in the war of 1812': the year names the war, it dates no event
    pobj = Answer(min(moved - {prep.i}), max(moved) + 1, answer.kind, answer.label,
                  answer.head, answer.text)
    wh, absorbs = wh_phrase(pobj, sent, prep, "adjunct")
    if not absorbs:
        return None
    return wh, moved


def _in_situ(builder: Builder, sent: Span, verb: Token, clause: set[int], drop: set[int],
             a_removed: set[int], answer: Answer, answer_text: str,
             max_words: int = MAX_WORDS, asked_as: str | None = None) -> Asked | None:
    """The answer replaced where it stands ("The capital of which country …?") by
    ``asked_as`` (the wh-phrase of the noun it modifies), else its own wh-word; only for short
    clauses, where it still reads as a question."""
    if _controller(verb) is not None and not _participial(verb):
        return None  # a gerund has no tense to ask with in place: 'Ganondorf possessing whom …?'
    doc = sent.doc
    wh = asked_as or _situ_wh(answer, sent)
    ids = sorted(clause - drop)
    ids = [i for i in ids if not (doc[i].is_punct and doc[i].text in (",", ";", ":", ".", "!",
                                                                        "?"))]
    first_answer = min(a_removed & set(ids), default=None)
    if first_answer is None:
        return None
    ids = [i for i in ids if i not in a_removed or i == first_answer]
    # asides and adjuncts away from the answer go first: 'The Normans settled mostly in an
    # area in the east of which place?' rather than no question at all
    subj = _subject(verb)
    keep = frozenset({first_answer, verb.i, *(t.i for t in answer.span(sent).root.ancestors
                                               if t.i in ids)})
    if subj is not None:
        keep |= _subtree(subj) & set(ids)
    shortened = _shorten(builder, ids, max_words, verb, keep)
    if shortened is None or _orphan_preposition(doc, shortened, a_removed):
        return None
    ids = shortened
    text = builder.render(ids, {first_answer: wh})
    if text is None or len(text.split()) > max_words:
        return None
    return _finish(text, answer_text, "in-situ")


# a year ('1850', '1990s'): a question whose answer is one carries none of its own
_YEAR = re.compile(rf"\b(?:{YEAR_DIGITS})s?\b")


def _finish(body: str, answer_text: str, role: str) -> Asked | None:
    body = body.strip(" ,;:")
    if not body:
        return None
    question = body[:1].upper() + body[1:] + "?"
    low_q = f" {re.sub(r'[^a-z0-9 ]', ' ', question.lower())} "
    low_a = re.sub(r"[^a-z0-9 ]", " ", answer_text.lower()).strip()
    if low_a and f" {low_a} " in low_q:
        return None  # the answer would stand in its own question
    if _YEAR.search(answer_text) and _YEAR.search(question):
        # a year beside the year asked is another clause's, its answer or the asked event's
        # (gapping: "St Mary's became a cathedral in 1850 and St Nicholas' in 1882" asked
        # "When did St Mary's become a cathedral in 1850?" → 1882, s27b)
        return None
    # "IQ tests—": a dash or comma the span took from the sentence is no part of the answer
    return Asked(re.sub(r"\s+", " ", question), answer_text.strip(" —–,;:"), role)



# the words that open a cause: 'because of', 'due to', 'owing to', 'because' + a clause
_CAUSE_PREPS = {"because": "of", "due": "to", "owing": "to"}
REASON_WORDS = 15  # a longer cause is a paragraph to recite, not an answer
# what a 'be' says of its subject besides a cause: with none, the cause is its predicate
_BE_COMPLEMENTS = frozenset({"attr", "acomp", "oprd", "prep", "expl", "dobj", "xcomp", "ccomp",
                             "advmod", "npadvmod"})


def reasons(sent: Span, resolver: Resolver | None = None) -> list[tuple[Asked, Answer]]:
    """'Why …?' questions whose answer is a cause the sentence gives its clause: "The
    archipelagos have fewer electors due to their dispersed population" → "Why do the
    archipelagos have fewer electors?" → "their dispersed population". The clause is asked
    as ``ask`` asks an adjunct (inversion, do-support, pronouns resolved or no question);
    the reviewers kept the cause cards whose clause stood alone ("What is the reason that
    …?", an echo the English path no longer makes) and rejected those leaning on a 'he'."""
    doc = sent.doc
    out: list[tuple[Asked, Answer]] = []
    for tok in sent:
        marker: list[Token] = []
        cause: Token | None = None
        if tok.dep_ == "advcl" and tok.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "mark" and c.lower_ == "because" for c in tok.children) and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            marker = [c for c in tok.children if c.dep_ == "mark"]
            cause = tok
        elif tok.lower_ in _CAUSE_PREPS and tok.dep_ in ("prep", "xcomp", "advmod", "amod") \
                and tok.head.pos_ in ("VERB", "AUX"):
            link = next((c for c in tok.children if c.lower_ == _CAUSE_PREPS[tok.lower_]
                         and c.dep_ in ("pcomp", "prep")), None)
            # ('because of the wealth': the parser hangs the object on either word)
            obj = None if link is None else next(
                (c for c in (*link.children, *tok.children) if c.dep_ == "pobj"), None)
            if link is None or obj is None or link.i != tok.i + 1 or \
                    obj.left_edge.i != link.i + 1:
                continue
            marker, cause = [tok, link], tok
        if cause is None:
            continue
        if cause.head.lemma_ == "be" and not any(c.dep_ in _BE_COMPLEMENTS
                                                 for c in cause.head.children):
            # "One reason why X is popular is because …": the cause is what 'is' says, the
            # predicate, not a cause of a fact ('Why is one reason why X is popular?')
            continue
        if any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i < cause.i
               for c in cause.head.children):
            # "X surrendered and was confined in chains, because …": which verb the cause is
            # of, the parser guesses (it hung it on 'surrendered')
            continue
        lo, hi = cause.left_edge.i, cause.right_edge.i + 1
        while hi > lo and doc[hi - 1].is_punct:
            hi -= 1
        own = [t for t in doc[lo:hi] if t not in marker]
        words = sum(1 for t in own if not t.is_punct)
        if not own or words > REASON_WORDS or any(t.text in ("(", ";", ":") for t in own):
            continue
        if not any(t.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "VERB") for t in own) or any(
                t.lower_ in ("this", "these", "that", "those") and t.dep_ in ("det", "pobj")
                for t in own):
            continue  # 'because of this', 'due to these changes': the cause is on the page
        text = doc[own[0].i : own[-1].i + 1].text
        answer = Answer(lo, hi, REASON, "REASON", "", text)
        asked = ask(sent, answer, resolver)
        if asked is not None and asked.question.startswith("Why "):
            out.append((asked, answer))
    return out
