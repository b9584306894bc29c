"""What a parsed question must get right beyond word order: agreement, whole coordinations,
and a referent for every noun phrase it leans on.

Session 9's held-out review kept 40 % of the question cards. Its rejects that grammar.py let
through were of a few general kinds, each visible in the question's own parse:

- number agreement: "What is proteins used by …?", "What do the party form?", a wh-subject
  with a plural verb ("What do not generally give citizens?");
- a clause or phrase with a part missing: "What does to derive equal work … require?" (an
  infinitive where the subject goes), "tested both and in space" (a conjunction without its
  conjunct), "winners some 150 Nobel laureates" (two noun phrases run together);
- a question about a light noun: "What was the first time that …?", "What is one of the
  largest …?" (the wh-word asks what a time or 'one' is);
- a referent only the page gives: a bare quantifier for a subject or object ("When did many
  participate …?"), a bare plural definite ("What did the planets have?", "the astronomers",
  "the party or parties"), and an object question with nothing but its subject and verb
  ("What did the Nixon Administration begin?": many answers would be right; ``vague``, which
  only the card path applies, since a user who highlights an answer may ask it so).

On the 248 qa cards rated in sessions 6-9 these checks flag 34, which reviewers kept at 16 %
(all 248: 33 %); of 380 questions people wrote for seen SQuAD paragraphs they flag 12 (3 %,
several of them people's slips: 'What was Marin's orders?').
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from agents.generation.mentions import heads_of, of_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SINGULAR_VERBS = frozenset(str.split("is was has does"))
_PLURAL_VERBS = frozenset(str.split("are were have do"))
_AUX = _SINGULAR_VERBS | _PLURAL_VERBS | frozenset(str.split(
    "did can could will would shall should may might must had"))
# quantifiers that stand for a set of people or things the page named before
_QUANTIFIERS = frozenset(str.split("many some most several few both others all each"))
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})
# dependants that say which one a definite noun means ('the planets of the solar system')
_SPECIFIERS = frozenset({"amod", "compound", "nummod", "prep", "relcl", "acl", "poss", "nmod",
                         "appos", "npadvmod", "quantmod", "advmod"})
# a clause with one of these has no gap, so it is no relative clause ('a spin function the
# spatial variables must be antisymmetric')
_COMPLETE = frozenset({"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd"})
# nouns that say nothing of what a thing is: 'What was the first time that …?'
_LIGHT = frozenset(str.split("time way"))
# what an object question may hold besides its object, subject and verb and still be vague
_BARE_CLAUSE = frozenset({"dobj", "nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct",
                          "advmod"})

# verbs whose object is one member of a group ('What does the genus include?')
_MEMBERSHIP = frozenset(str.split("include comprise contain"))

# 'What are the agents called?' asks for a name, which is one answer
_NAMING = frozenset(str.split("call name term know"))


def problems(doc: Doc) -> list[str]:
    """Why the parsed question fails agreement, completeness or reference (empty when not)."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    if len(words) < 3:
        return []
    found = [why for why in (_agreement(words), _wh_subject_plural(words),
                             _infinitive_subject(words), _missing_conjunct(doc),
                             _run_together(doc), _light_noun(words), _bare_quantifier(doc),
                             _bare_plural_definite(doc)) if why]
    return found


def vague(doc: Doc) -> str:
    """Why a well-formed question has many right answers (empty when it has one): a card
    must not ask it, though a user who highlights the answer may (answer-aware mode)."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    return (_vague_object(words) or _bare_copula(words) or _one_member(words)) \
        if len(words) >= 3 else ""


def _number(tok: Token) -> str:
    if tok.tag_ in ("NNS", "NNPS") or (any(c.dep_ == "cc" and c.lower_ == "and"
                                           for c in tok.children) and any(
            c.dep_ == "conj" and (c.pos_ == "PROPN" or c.tag_ == "NNS" or any(
                g.dep_ == "det" for g in c.children)) for c in tok.children)):
        # 'the theologian and writer' is one person; 'the barrier and the fluid' are two
        return "plural"
    return "singular" if tok.tag_ in ("NN", "NNP") else ""


def _agreement(words: list[Token]) -> str:
    """The fronted verb and its subject disagree in number ('What is proteins used …?')."""
    verb = next((t for t in words[1:4] if t.lower_ in _SINGULAR_VERBS | _PLURAL_VERBS), None)
    if verb is None:
        return ""
    head = verb.head if verb.dep_ in ("aux", "auxpass") else verb
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i < verb.i or subject.lower_ in ("what", "who", "which"):
        return ""
    number = _number(subject)
    if number == "plural" and verb.lower_ in _SINGULAR_VERBS:
        return "verb and subject disagree"
    if number == "singular" and verb.lower_ in _PLURAL_VERBS and subject.tag_ == "NN" and any(
            c.dep_ == "det" for c in subject.children):
        return "verb and subject disagree"  # 'What do the party form?' ('do Parliament' may be)
    if number == "singular" and verb.lower_ in _PLURAL_VERBS and subject.tag_ == "NNP" and \
            subject.ent_type_ == "PERSON" and not any(c.dep_ == "conj" for c in subject.children):
        # one person's name: the question kept the first of the sentence's list of people
        # ('When were … Wally Schirra announced as the prime crew', s25c: of Schirra, Eisele
        # and Cunningham)
        return "verb and subject disagree"
    return ""


def _wh_subject_plural(words: list[Token]) -> str:
    """A wh-word that is the subject takes the singular: 'What do not give …?' ('What do
    the engines give?' has its own subject after the verb)."""
    first, verb, after = words[0], words[1], words[2]
    if first.lower_ in ("what", "who") and verb.lower_ in _PLURAL_VERBS and after.dep_ == "neg":
        return "a plural verb for a wh-subject"
    if first.lower_ in ("what", "who") and first.dep_ in ("nsubj", "nsubjpass") and \
            first.head == verb and verb.tag_ == "VBP" and verb.pos_ == "VERB" and \
            verb.lemma_ not in ("be", "have", "do"):
        # 'Who give the network …?': a bare infinitive ('helped Goldenson give …') made the
        # question's verb; it has neither tense nor the singular a wh-subject takes ('have',
        # 'be' and 'do' invert before their own subject, which the parser may misread as an
        # object: 'What have Dutch farmers yet to plant?')
        return "a plural verb for a wh-subject"
    return ""


def _infinitive_subject(words: list[Token]) -> str:
    """'What does to derive equal work require?', 'What is to introduce an antigen …?': an
    infinitive where the subject goes (the one owner of this problem; grammar.problems had a
    second check of its own for a form of 'be')."""
    if words[1].lower_ in _AUX and words[2].tag_ == "TO":
        return "an infinitive for a subject"
    if len(words) > 3 and words[1].lemma_ == "be" and (
            words[2].tag_ == "TO" or words[2].lower_ == "to"):
        return "an infinitive for a subject"
    return ""


def _missing_conjunct(doc: Doc) -> str:
    """'tested both and in space', 'Medalists and have been affiliated': a conjunction whose
    conjunct the question lost."""
    for tok in doc:
        if tok.dep_ == "preconj" and tok.i + 1 < len(doc) and doc[tok.i + 1].dep_ == "cc":
            return "a coordination without its conjunct"
        inside_name = 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text[:1].isupper() and \
            doc[tok.i + 1].text[:1].isupper()  # 'the French and Indian War'
        if tok.dep_ == "cc" and tok.lower_ in ("and", "or") and not inside_name and not any(
                c.dep_ == "conj" and c.i > tok.i for c in tok.head.children):
            return "a coordination without its conjunct"
    for a, b in pairwise(doc):
        if a.dep_ == "cc" and b.dep_ in ("aux", "auxpass") and b.head.i > b.i and \
                a.i > 0 and doc[a.i - 1].pos_ in ("NOUN", "PROPN"):
            return "a coordination without its conjunct"  # '… Fields Medalists and have been'
    return ""


def _run_together(doc: Doc) -> str:
    """Two noun phrases side by side with nothing joining them ('winners some 150 Nobel
    laureates', 'a symmetric spin function the spatial variables'); a verb's two objects
    ('gave the king the crown') are no such pair."""
    for a, b in pairwise(doc):
        if a.pos_ not in ("NOUN", "PROPN") or b.dep_ != "det" or b.lower_ in (
                "that", "which", "what", "whose") or a.dep_ in ("dative", "npadvmod"):
            continue
        noun = b.head
        if noun.i < a.i or noun.head == a or (noun.head.dep_ == "relcl" and not any(
                c.dep_ in _COMPLETE for c in noun.head.children)):
            continue  # 'the land a nation conquered': a relative clause without 'that'
        if noun.head == a.head and noun.dep_ in ("attr", "oprd", "dobj", "dative"):
            continue  # 'Who was X a retaliation for?', 'considered the Yuan a dynasty'
        if b.lower_ == "the" and b.i + 1 < len(doc) and doc[b.i + 1].text[:1].isupper():
            continue  # 'Edward the Confessor': an epithet
        return "two noun phrases run together"
    return ""


def _light_noun(words: list[Token]) -> str:
    """'What was the first time that …?', 'What is one of the largest …?': the wh-word asks
    what a light noun is, and the answer (a dynasty, an exchange) is not that."""
    if words[0].lower_ not in ("what", "who") or words[1].lemma_ != "be":
        return ""
    for tok in words[2:]:
        if tok.head != words[1] or tok.dep_ not in ("attr", "nsubj"):
            continue
        if tok.lemma_.lower() in _LIGHT:
            return "a question about a light noun"
        of = of_phrase(tok)
        if tok.lower_ == "one" and of is not None and not any(
                g.pos_ in ("NOUN", "PROPN") for g in of.subtree):
            return "a question about a light noun"  # 'one of the largest in Europe'
    return ""


def _bare_quantifier(doc: Doc) -> str:
    """'When did many participate …?', 'relative to others': who, the question does not say."""
    for tok in doc:
        if tok.lower_ in _QUANTIFIERS and tok.dep_ in _ARGUMENTS and not heads_of(tok):
            return "a quantifier without its noun"
    return ""


def _bare_plural_definite(doc: Doc) -> str:
    """'What did the planets have?', 'the party or parties', 'both states': a plural (or
    coordinated) noun with only 'the' before it means a set the page named; a singular one
    is often generic ('the skin', 'the world') and stays."""
    for tok in doc:
        if tok.pos_ != "NOUN" or any(c.dep_ in _SPECIFIERS for c in tok.children):
            continue
        det = next((c for c in tok.children if c.dep_ in ("det", "preconj")
                    and c.lower_ in ("the", "these", "those", "both")), None)
        # 'the party or parties': coordinated with another bare noun ('the skin and its
        # accessory structures' says whose)
        bare_pair = any(c.dep_ == "conj" and not any(g.dep_ in _SPECIFIERS for g in c.children)
                        for c in tok.children)
        if det is not None and (tok.tag_ == "NNS" or bare_pair):
            return "a definite plural the page resolves"
    return ""


def _one_member(words: list[Token]) -> str:
    """'Who did notable companions from the earlier series include?': a verb of membership
    asked for its object names a group of which the page gives one or a few (s28b: Romana,
    Sarah Jane Smith and Jo Grant; every reviewer 'several right answers')."""
    if words[0].lower_ in ("what", "who", "whom") and words[-1].lemma_ in _MEMBERSHIP and \
            words[1].lower_ in _AUX:
        return "a group asked for one of its members"
    return ""


def _bare_copula(words: list[Token]) -> str:
    """'What are computers?', 'Who may pharmacists be?', 'What is information technology?':
    'be' with nothing but a common noun phrase asks whatever the page said of a kind, and
    many things are true of it (a named thing's 'What is Lake Victoria?' asks its identity).
    Rated qa cards of every seen review: 11 such questions, all 11 rejected."""
    if words[0].lower_ not in ("what", "who") or not any(t.lemma_ == "be" for t in words[1:]):
        return ""
    rest = [t for t in words[1:] if t.lemma_ not in ("be", "do", "have")
            and t.tag_ not in ("MD", "DT", "PRP$")]
    if not rest or not any(t.pos_ == "NOUN" for t in rest) or any(
            t.pos_ not in ("NOUN", "ADJ") or t.ent_type_ for t in rest):
        return ""
    return "a kind asked with nothing to narrow it"


def _vague_object(words: list[Token]) -> str:
    """'What did the Nixon Administration begin?': an object question with nothing but its
    subject and verb has many right answers."""
    first, verb = words[0], words[-1]
    # (the small tagger reads a bare verb at the end as a noun: 'did … announce?')
    if first.lower_ != "what" or first.dep_ != "dobj" or first.head != verb or \
            verb.pos_ not in ("VERB", "NOUN") or words[1].lower_ not in _AUX or \
            verb.lemma_ in _NAMING:
        return ""
    if any(c.dep_ not in _BARE_CLAUSE or (c.dep_ == "dobj" and c != first)
           for c in verb.children):
        return ""
    return "an object question with nothing to narrow it"
