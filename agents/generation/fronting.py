"""A wh-phrase left in place, moved to the front (answer-aware mode only).

When the clause-level question cannot move the answer's wh-phrase out of where it stands,
asking.py leaves it in place ('The Normans settled mostly in an area in the east of what
country?'). SQuAD's askers almost never write that form: 95 % of the DEV article's questions
open with their wh-word, and the in-place questions were 30 % of ours on SQuAD train draws 1
and 2, at half the BLEU-4 of the fronted ones (6.7-7.4 against 14.0-15.0). ``fronted`` re-parses
such a question and offers it with the wh-phrase first and its preposition stranded ('What
country did the Normans settle mostly in an area in the east of?'), a further candidate
for the ranker; the in-place question stays beside it. The deck path never calls this: a
reviewer reads a stranded preposition deep in a noun phrase as an echo (asking.py keeps
'of' extraction to one 'of' for the deck), while the benchmark scores words and order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agents.generation.asking import DO_SUPPORT, base_form
from agents.generation.grammar import WH
from agents.generation.rendering import keeps_case
from agents.generation.spans import CLASS_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_WH = WH - {"where", "when", "why"}  # the wh-words that head a phrase of their own
# the dependencies a wh-phrase can be moved out along, from the verb down to it: objects and
# prepositional phrases of the verb and of its object (not a clause, a relative clause or
# the subject: English does not move a wh-phrase out of them); 'pcomp' is how the parser
# often attaches 'what place' to the 'of' before it; an open clause ('xcomp': 'forced to
# decline an invitation from what city') lets the phrase out ('What city was Ilsa forced to
# decline an invitation from?')
_PATH = frozenset(str.split("dobj pobj prep agent attr dative oprd npadvmod pcomp xcomp"))
_ASKING = WH
_TIMES = frozenset(str.split("year date month day century decade"))
# a participle the tagger gave for a finite past is asked with "did" too
_DO = {**DO_SUPPORT, "VBN": "did"}


def _phrase(wh: Token) -> list[Token] | None:
    """The wh-phrase that moves: 'whom', 'what country', 'how many customaries', 'whose
    army'; None when the wh-word does not head or determine a phrase that ends the question."""
    doc = wh.doc
    if wh.lower_ == "how":
        many = doc[wh.i + 1] if wh.i + 1 < len(doc) else None
        if many is None or many.lower_ not in ("many", "much"):
            return None
        end = wh.i + 2
        if end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].head.i == many.i:
            end += 1  # ('how many customaries' with the noun parsed under 'many')
        elif end < len(doc) and doc[end].pos_ == "NOUN" and many.head.i == end:
            end += 1
        return list(doc[wh.i : end])
    if wh.dep_ in ("det", "poss") and wh.head.i > wh.i and wh.head.pos_ in ("NOUN", "PROPN") \
            and wh.lower_ not in ("who", "whom"):
        # ('who'/'whom' determine no noun: 'appointed whom archbishop' is a misparse of the
        # object and its complement, below)
        head = wh.head
        det = doc[wh.i - 1]
        if det.head == head and det.dep_ == "det" and det.lower_ in ("the", "a", "an") and \
                not any(t.i < det.i or (t.i > wh.i and t.lower_ in ("a", "an"))
                        for t in head.lefts) and \
                not any(t.lemma_.lower() in _TIMES | {"place"} for t in doc[wh.i + 1 : head.i]) \
                and not any(c.dep_ in ("cc", "conj") for c in head.children) and \
                doc[head.i + 1].lower_ not in ("and", "or", ","):
            # the answer's article left before the wh-word ('registered with the what Party',
            # 'the what family'): it goes with the phrase and is not said (``_asked``); not
            # an in-place 'what year' or 'what place' before the noun ('the what year Award'),
            # nor one of two nouns ('a what Governor and Lieutenant Governor')
            return list(doc[det.i : head.i + 1])
        if any(t.i < wh.i or t.lower_ in ("a", "an") for t in head.lefts):
            # ('the famous what castle': words before the wh-word stay behind; 'what a
            # joint force' is the answer's article kept after the wh-word, no phrase)
            return None
        return list(doc[wh.i : head.i + 1])
    if wh.lower_ in ("what", "who", "whom") and wh.pos_ == "PRON":
        return [wh]
    return None


def _in_place(doc: Doc) -> tuple[Token, list[Token]] | None:
    """The wh-word of a question ``doc`` that does not open on one, and its phrase: what
    ``fronted`` and ``pied_piped`` may move (None when there is none, or it has no phrase)."""
    words = [t for t in doc if not t.is_punct]
    if not words or words[0].lower_ in _WH or doc[-1].text != "?":
        return None
    wh = next((t for t in doc if t.lower_ in _WH), None)
    if wh is None or wh.i == 0:
        return None
    phrase = _phrase(wh)
    return None if phrase is None else (wh, phrase)


def fronted(doc: Doc) -> str | None:
    """The parsed question ``doc`` with its in-place wh-phrase first ('Robert led an army of
    how many?' → 'How many did Robert lead an army of?'; the verb's object in mid-question,
    'Ilsa built what in 1402?' → 'What did Ilsa build in 1402?'), or None when it cannot
    move: the wh-phrase opens the question already, is neither at its end nor the verb's
    object, sits in the subject or in a clause of its own, or the clause has no subject or
    finite verb to invert."""
    found = _in_place(doc)
    if found is None:
        return None
    _, phrase = found
    if phrase[-1].lemma_.lower() in _TIMES:
        return None  # a year is asked 'When …' (answer_aware.as_people_ask): '… War of?'
    verb = next((t for t in doc if t.dep_ == "ROOT"), None)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if not any(not t.is_punct for t in doc[phrase[-1].i + 1 :]):
        # a phrase that ends the question leaves a clean stranded end; not out of one of two
        # coordinated phrases ('Sand had become less and more of what?' → 'What had Sand
        # become less and more of?', SQuAD train TUNE, once windows were fronted too)
        if any(t.dep_ == "cc" for t in doc[verb.i : phrase[0].i]):
            return None
        return _asked(phrase, verb, subj, list(doc[: phrase[0].i]), {}) if _moves_out(
            phrase, verb) else None
    if not _verb_object(phrase, verb):
        return None
    # the verb's own object in mid-question strands nothing: the words after it stay where
    # they stand ('Ilsa built what in 1402?' → 'What did Ilsa build in 1402?', 'Edward
    # appointed whom archbishop of Canterbury?' → 'Whom did Edward appoint archbishop …?')
    moving = {t.i for t in phrase}
    return _asked(phrase, verb, subj, [t for t in doc[:-1] if t.i not in moving], {})


_OBJECTS = frozenset(str.split("dobj dative oprd attr"))


def _verb_object(phrase: list[Token], verb: Token) -> bool:
    """Whether ``phrase`` is the object (or second object, or complement) of ``verb``, right
    after it, with nothing of its own after it but a prepositional phrase other than 'of'
    ('how many books by hand' moves; 'how many books of the abbey' would leave its 'of'
    behind). A bare 'who'/'whom' right after the verb is its object whatever the parser hung
    it on ('appointed whom archbishop': 'whom' a determiner of 'archbishop')."""
    wh = phrase[0]
    if wh.i != verb.i + 1:
        return False
    if len(phrase) == 1 and wh.lower_ in ("who", "whom"):
        return True
    top = phrase[-1] if phrase[-1].pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ") else wh
    if top.head != verb or top.dep_ not in _OBJECTS:
        return False
    return all(c.dep_ == "prep" and c.lower_ != "of" for c in top.rights)


def _moves_out(phrase: list[Token], verb: Token) -> bool:
    """Whether ``phrase`` hangs from ``verb`` along objects and prepositional phrases only,
    as the object of the preposition or the verb right before it."""
    wh = phrase[0]
    top = phrase[-1] if phrase[-1].pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ") else wh
    tok = top
    while tok.head != verb:
        if tok.dep_ not in _PATH or tok.head == tok:
            return False
        tok = tok.head
    if tok.dep_ not in _PATH or tok.i < verb.i:
        return False
    before = wh.doc[wh.i - 1]
    # the phrase is the object of the preposition or the verb right before it, so that
    # nothing of its own is stranded ('a full how many orchestra', "London's what")
    return before == top.head and (before.pos_ == "ADP" or before == verb)


def _asked(phrase: list[Token], verb: Token, subj: Token, words: list[Token],
           said_as: dict[int, str]) -> str | None:
    """The question ``phrase`` + auxiliary + the clause's ``words`` (those before the phrase,
    ``said_as`` rewording some), inverted: the first auxiliary, a form of 'be', or 'do'."""
    if any(t.lower_ in _ASKING and t.i not in said_as for t in words):
        return None  # a second wh-word would be left behind ('Where X's father acquired …')
    auxes = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass") and c.i > subj.i]
    moved: set[int] = set()
    replace = dict(said_as)
    if auxes:
        lead = auxes[0].text
        moved.add(auxes[0].i)
    elif verb.lemma_ == "be":
        lead = verb.text
        moved.add(verb.i)
    else:
        do = _DO.get(verb.tag_)
        if do is None:
            return None
        lead = do
        replace[verb.i] = base_form(verb)
    front = [t for t in words if t.i < subj.left_edge.i and not t.is_punct]
    body = [t for t in words if t.i >= subj.left_edge.i and t.i not in moved]
    said = [replace.get(t.i, t.text) + t.whitespace_ for t in body]
    if not said:
        return None
    first = body[0]
    if not keeps_case(first) and first.i not in said_as:
        said[0] = said[0][:1].lower() + said[0][1:]
    if front:  # a phrase before the subject goes to the end ('In 1081 Robert led …')
        if front[0].lower_ == body[-1].lower_:
            # right after the stranded preposition it opens with: 'How many towns did Ilsa
            # live in in 1402?' (asking.py makes 'In how many towns did Ilsa live in 1402?')
            return None
        moved_front = "".join(t.text + t.whitespace_ for t in front).strip()
        if not keeps_case(front[0]):
            moved_front = moved_front[:1].lower() + moved_front[1:]
        said.append(" " + moved_front)
    # (not the article the answer left before the wh-word: 'the what river')
    phrase = [t for k, t in enumerate(phrase) if not (
        t.dep_ == "det" and k + 1 < len(phrase) and phrase[k + 1].lower_ in _WH)]
    # a class noun of a name the answer leaves is no name: 'what river', not 'what River'
    asked = "".join((t.lower_ if t.pos_ == "PROPN" and t.lemma_.lower() in CLASS_WORDS
                     else t.text) + t.whitespace_ for t in phrase).strip()
    text = f"{asked[:1].upper()}{asked[1:]} {lead} {''.join(said).strip()}"
    return " ".join(text.replace(" ,", ",").split()).rstrip(" ,") + "?"


# the clauses a wh-phrase cannot be moved out of but that can be asked alone: an adverbial
# clause ('after the Normans conquered what country'), a clause complement, a second verb
# with its own subject, and a relative clause (its relative pronoun then stands for its noun)
_CLAUSES = frozenset(str.split("advcl ccomp conj relcl"))
_RELATIVES = frozenset(str.split("which who that"))
_LONGEST_NOUN = 6  # words of the noun a relative pronoun stands for, beyond which it is no name


def clause_fronted(doc: Doc) -> str | None:
    """The clause of the parsed question ``doc`` that holds an in-place wh-phrase asked alone,
    the phrase moved to its front ('They join the Ostra River which ultimately empties into
    what sea?' → 'What sea does the Ostra River ultimately empty into?'), or None: no such
    clause, the phrase does not end it, or it cannot be moved to the front as ``fronted``
    moves it. English cannot move a
    wh-phrase out of a relative or adverbial clause; SQuAD's askers ask that clause alone."""
    if doc[-1].text != "?" or doc[0].lower_ in _WH:
        return None
    # the last wh-word is the asked one: one before it can be a relative pronoun ('which')
    wh = next((t for t in reversed(doc) if t.lower_ in _WH), None)
    phrase = None if wh is None else _phrase(wh)
    if phrase is None or phrase[-1].lemma_.lower() in _TIMES:
        return None
    clause = next((t for t in phrase[0].ancestors if t.dep_ in _CLAUSES), None)
    if clause is None or clause.pos_ not in ("VERB", "AUX") or (
            clause.dep_ == "conj" and clause.head.pos_ not in ("VERB", "AUX")):
        return None
    inner = {t.i for t in clause.subtree}
    if any(not t.is_punct for t in doc[phrase[-1].i + 1 :]) or any(
            t.i not in inner for t in phrase):
        return None  # only a phrase that ends the clause and the question
    subj = next((c for c in clause.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or not _moves_out(phrase, clause):
        return None
    said_as: dict[int, str] = {}
    if clause.dep_ == "relcl":
        noun = clause.head
        named = [t for t in noun.subtree if t.i not in inner]
        if subj.lower_ not in _RELATIVES or subj.n_lefts + subj.n_rights or not named or \
                len(named) > _LONGEST_NOUN or any(t.is_punct for t in named) or \
                named[-1].i != noun.i or named[-1].i + 1 != subj.i:
            return None  # ('the river, which …': only the noun right before its pronoun)
        said = " ".join(t.text for t in named)
        said_as[subj.i] = said if keeps_case(named[0]) else said[:1].lower() + said[1:]
    skip = {c.i for c in clause.children if c.dep_ in ("mark", "cc", "preconj")}
    words = [t for t in doc[clause.left_edge.i : phrase[0].i] if t.i in inner
             and t.i not in skip]
    return _asked(phrase, clause, subj, words, said_as)


def pied_piped(doc: Doc) -> str | None:
    """The parsed question ``doc`` with an in-place wh-phrase that does *not* end it moved to
    the front together with its preposition ('Norman law was transcribed in how many
    customaries in Latin?' → 'In how many customaries was Norman law transcribed in
    Latin?'), or None. ``fronted`` strands the preposition and so moves only a phrase that
    ends the question; one in mid-question stayed in place (DEV session 31: 22 of 96 of ours
    opened with no wh-word, at 6.7 BLEU-4 against 14.3). Only a preposition of the main
    verb, after the verb and its subject."""
    found = _in_place(doc)
    if found is None:
        return None
    wh, phrase = found
    if not any(not t.is_punct for t in doc[phrase[-1].i + 1 :]):
        return None  # a phrase that ends the question is ``fronted``'s
    verb = next((t for t in doc if t.dep_ == "ROOT"), None)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    top = phrase[-1] if phrase[-1].pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ") else wh
    prep = doc[phrase[0].i - 1]
    # ('pcomp': how the parser often attaches 'what city' to the preposition before it)
    if subj is None or top.dep_ not in ("pobj", "pcomp") or top.head != prep or \
            prep.dep_ != "prep" or prep.head != verb or prep.i < verb.i:
        return None
    if any(c.dep_ in ("cc", "conj") for c in top.children):
        return None  # one of two coordinated phrases ('about what and the doctors') stays
    moving = {prep.i, *(t.i for t in phrase)}
    rest = [t for t in doc[:-1] if t.i not in moving]
    return _asked([prep, *phrase], verb, subj, rest, {})
