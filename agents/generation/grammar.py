"""A grammaticality gate for generated English wh-questions.

The blind review (issue 9) deleted a quarter of the question cards as 'echo' questions: a
sentence with a wh-word dropped in and its words left in sentence order ("What did William of
Montreuil during lead the papal army …?", "… in the final decade of the 11th and?"). Rather
than score such a card a little lower, the engine drops it and fills the count from its other
cards: fewer, good questions beat bad ones. The gate re-parses the question with the same spaCy
pipeline and looks for the leftovers of sentence order that no well-formed question has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from agents.generation import agreement, garbled

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

WH = frozenset(str.split("what which who whom whose when where why how"))
# a preposition may stand next to another in these fixed pairs ('out of', 'because of')
_ADP_PAIRS = frozenset(str.split(
    "out because instead ahead apart according due prior up away as from along next"
))
# adverbs that only make sense inside the source sentence ('What even tried …')
_ECHO_ADV = frozenset(str.split("even also actually thereafter then too still just only however"))
# hedges of the sentence's claim ('class sizes are typically 40 to 50'): moved to the end of
# the question they qualify no claim ('How many students are school class sizes typically?');
# with _ECHO_ADV ('… as well?', '… too?') the adverbs a question may not end on
_HEDGES = frozenset(str.split("typically really mostly usually generally"))
# participles that work as prepositions ('divided into based on their shapes')
_PARTICIPLE_PREP = frozenset(str.split("based given compared considered including following"))
_CLAUSES = frozenset(str.split("relcl acl ccomp advcl conj csubj xcomp pcomp"))
_RELATIVE = frozenset(str.split("that which who whom whose when where"))
_DO = frozenset(str.split("do does did"))
_FINITE = frozenset(str.split("VBD VBZ VBP MD"))
# verbs whose base form ends in -ed (the parser tags a past form after "did" as a base form)
_BASE_IN_ED = frozenset(str.split(
    "need feed bleed breed speed succeed proceed exceed heed shed wed embed seed weed shred "
    "bred sled"))
# verbs that take a bare infinitive ('What did the king make happen?')
_BARE_INFINITIVE = frozenset(str.split("make let help have see hear watch feel"))
# participles that need their preposition: 'made of', 'composed of', 'based on'
_NEEDS_COMPLEMENT = frozenset(str.split("make compose consist base derive divide classify"))


# sentence adverbs that only read inside the source ('What did however cultural … flourish')
_DISCOURSE = frozenset(str.split(
    "however moreover furthermore nevertheless nonetheless thus therefore hence also "
    "meanwhile consequently additionally subsequently even"))
# a subject that is some part of a group the page names ('one', 'the majority', 'the rest'):
# without its 'of …' the question does not say of what (on the seen rated qa cards 0 kept of 2)
# (a bare subject anywhere in the question; scope._PARTITIVE, the sentence's opening word, keeps
# other words: merged, each would flag cards the other lets through; mentions.share has its 'of')
_PARTITIVE = frozenset(str.split("one most majority minority rest remainder latter former"))
# adverbs of aspect that read only against the sentence's negation or time ('has not yet
# ended' → 'When did X end … yet?'); 'have yet to adopt' keeps its 'yet'
_ASPECT = frozenset(str.split("yet already"))
# adverbs that single out an example of the sentence's list: at the question's end the list
# they picked from is gone ('How many emigrated … especially?')
_FOCUS = frozenset(str.split("notably especially particularly"))
# words between 'how many' and its noun that need the page ('How many last superpowers …')
_HOW_MANY_LEFTOVER = frozenset(str.split(
    "last first only other remaining same third second such these those following"))
# verbs that take a gerund ('What did the company stop making?')
_CATENATIVE = frozenset(str.split(
    "stop start begin keep continue finish avoid enjoy consider try quit risk like love hate "
    "prefer go resume cease mind practise practice suggest recommend"))
# a subject that opens a sentence: capitalised mid-question, a second sentence ran in
_CLAUSE_OPENERS = frozenset(str.split("there it they he she we this these those"))
# verbs whose person object cannot go missing before 'that' ('tell that Jumonville had …')
_TELL = frozenset(str.split("tell inform warn notify remind convince persuade assure"))


# the problems after which a question has no reading at all: a fragment with no finite verb,
# a wh-word inside a noun phrase or a list, a second object, a broken coordination, a word or
# quote left hanging (answer-aware mode asks the blank rather than such a question). Not the
# others: on SQuAD train (session 37) 'two main verbs', 'two verbs side by side', 'no base
# form after do-support' and a stranded preposition flagged as many questions that read
# ('What may statistical differences result from?') as garbles.
GARBLED = frozenset({
    "no finite verb", "a wh-word inside a noun phrase", "a wh-word as one of a list",
    "two direct objects", "an adjective without its noun", "dangling word at the end",
    "a coordination without its conjunct", "wh-word followed by a fragment", "doubled word",
    "a second finite verb after do-support", "unbalanced quote", "unbalanced bracket",
    "a second sentence run in", "relative clause without a verb",
    "a relative clause without its noun", "'to' without its verb"})


# a single or curly quote opening a word ('have, ‘have) and the one closing it; an apostrophe
# inside or after a word ("Luther's", "the Normans' lands") is neither, nor one before a
# digit ('80s)
_OPENS = re.compile(r"(?<!\w)['‘](?=[^\W\d])")
_CLOSES = re.compile(r"(?<=[\w.,!?])['’](?!\w)")


def _unbalanced_quote(text: str) -> bool:
    """A quotation opened and never closed, the one owner of "unbalanced quote": an odd
    number of straight double quotes or code backticks ('the function `sorted(xs) …'), curly
    double quotes that do not pair, or a single quote the question cut (the source's "said to
    'have found Newcastle of bricks and timber'" asked without its close)."""
    if text.count('"') % 2 or text.count("`") % 2 or text.count("“") != text.count("”"):
        return True
    closes = [m.start() for m in _CLOSES.finditer(text)]
    return any(not any(c > m.start() for c in closes) for m in _OPENS.finditer(text))


def problems(doc: Doc) -> list[str]:
    """Why the parsed question is not a well-formed wh-question (empty when it is)."""
    toks = [t for t in doc if not t.is_space]
    words = [t for t in toks if not t.is_punct]
    if len(words) < 3 or toks[-1].text != "?":
        return ["no question"]
    found: list[str] = []
    lower = [t.lower_ for t in words]
    if _unbalanced_quote(doc.text):
        found.append("unbalanced quote")  # "What was Grainger said to 'have found?"
    if doc.text.count("(") != doc.text.count(")"):
        found.append("unbalanced bracket")  # 'How many kg does Calorie (C take …'
    if any(a == b for a, b in pairwise(lower)):
        found.append("doubled word")  # 'of of'
    if any(a in _DO | {"doing", "done"} and b == "so" for a, b in pairwise(lower)):
        found.append("pro-verb 'do so'")  # 'What does machine code usually do so in?'
    first, second = words[0], words[1]
    if first.lower_ in WH - {"how"} and (second.pos_ == "ADP" or second.lower_ in _ECHO_ADV):
        found.append("wh-word followed by a fragment")  # 'What of the 12th century …'
    if first.lower_ in ("who", "whom") and second.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM"):
        found.append("wh-word before a noun phrase")  # 'Who Norman adventurers founded …'
    if lower[:2] == ["how", "many"] and len(words) > 2:
        third = words[2]
        if third.lower_ in _DO:
            found.append("how many without its noun")  # 'How many did Richard name of …'
        elif third.pos_ == "AUX" and len(words) > 3 and words[3].tag_ not in ("VBN", "VBG"):
            found.append("how many without its noun")  # 'How many were Normans …'
        elif third.pos_ in ("NOUN", "PROPN") and len(words) > 3 and words[3].pos_ == "NUM":
            found.append("answer left in the question")  # 'How many troops 8,000 of …'
    last = words[-1]
    if last.pos_ in ("CCONJ", "DET", "SCONJ") or last.lower_ in ("and", "or", "the", "between"):
        found.append("dangling word at the end")  # '… the 11th and?'
    for a, b in pairwise(words):
        if a.pos_ == "ADP" and a.dep_ != "prt" and b.pos_ == "ADP" and b.dep_ != "prt":
            dated = any(t.ent_type_ in ("DATE", "TIME") for t in b.subtree)
            if a.lower_ not in _ADP_PAIRS and not dated:  # 'leave for on 5 June' is fine
                found.append("preposition without its object")  # 'with of only …'
                break
        if a.pos_ == "ADP" and a.dep_ != "prt" and (
            b.pos_ in ("CCONJ", "AUX")
            or (b.pos_ == "VERB" and b.tag_ != "VBG" and b.lower_ not in _PARTICIPLE_PREP)
        ):
            found.append("preposition without its object")  # 'during lead', 'in and legs'
            break
        if a.pos_ == "ADP" and a.dep_ != "prt" and b.dep_ == "neg":
            found.append("preposition without its object")  # 'did the Normans in not have'
            break
        if a.lower_ == "as" and b.tag_ == "TO" and b.head.pos_ == "VERB":
            found.append("preposition without its object")  # 'work together as to perform'
            break
        if a.pos_ == "ADP" and b.pos_ == "ADV" and b.head.pos_ == "VERB" and b.head.i > b.i:
            found.append("preposition without its object")  # 'through gradually merge'
            break
    if first.lower_ in WH and first.dep_ == "dobj" and last.pos_ != "ADP" and any(
            c.dep_ == "dobj" and c != first for c in first.head.children):
        found.append("two direct objects")  # 'What did the conquest open a new chapter?'
    if _object_after_fronted_phrase(words):
        found.append("two direct objects")  # 'How many rivers does the valley hold the Arno
        # and the Tiber?': the answer's list or apposition was left behind the verb
    if first.lower_ in ("what", "who", "whom") and first.dep_ == "dobj" and \
            first.head.pos_ == "VERB" and first.head.tag_ in ("VBD", "VBZ", "VBP") and \
            first.head.lemma_ not in ("be", "have") and any(
            c.dep_ == "nsubj" and c.i > first.i for c in first.head.children) and not any(
            c.dep_ in ("aux", "auxpass") for c in first.head.children):
        # an object question keeps the sentence's finite verb after its subject: 'What
        # Sociologist Jake Rosenfield points out that nations have … is clear?'; 'have' and
        # 'be' invert themselves ('What have Dutch farmers yet to plant?')
        found.append("an object question without do-support")
    if last.tag_ == "VBN" and last.lemma_ in _NEEDS_COMPLEMENT:
        found.append("verb without its complement")  # 'What is the skin made?' (made of)
    if any(a.tag_ == "JJ" and a.dep_ == "amod" and b.pos_ == "CCONJ" and c.pos_ == "DET"
           for a, b, c in zip(words, words[1:], words[2:], strict=False)):
        # an adjective whose noun was the answer, left before the rest of its coordination
        # ('evoked by particular and the unfolding Reformation', of 'particular events … and
        # the unfolding Reformation')
        found.append("an adjective without its noun")
    if len(words) > 3 and last.pos_ == "ADV" and last.dep_ == "pobj":
        found.append("a fixed phrase left behind")  # 'What is the erythrocyte by far?'
    if any(t.lower_ == "both" and not any(u.lower_ == "and" and u.i > t.i for u in words)
           for t in words):
        found.append("'both' without its two")  # 'What were both states using …?'
    if any(t.lower_ == "either" and not any(u.lower_ == "or" and u.i > t.i for u in words)
           for t in words):
        found.append("'either' without its 'or'")  # 'had either cancelled?' (… or rescheduled)
    if any(a.pos_ in ("NOUN", "PROPN") and b.pos_ == "CCONJ" and c.dep_ == "conj" and
           c.pos_ == "VERB" and c.tag_ in ("VBG", "VBN") and c.head in (a, a.head)
           for a, b, c in zip(words, words[1:], words[2:], strict=False)):
        # a noun and a participle are no two of a kind: words of the sentence either side of
        # its lost verb ('When were people and reporting that …', of 'people were reporting';
        # the parser hangs the participle on the noun or on the verb before it)
        found.append("a noun coordinated with a participle")
    if any(t.dep_ == "appos" and t.i == t.head.i + 1 and t.head.tag_ == "NNS" and any(
            c.dep_ == "conj" for c in t.children) for t in words):
        # a list run onto its plural noun: the sentence's colon was lost ('divided into five
        # jurisdictions Northeastern, Southeastern … and Western?')
        found.append("a list without its colon")
    if any(t.lower_ == "of" and any(c.dep_ == "pobj" and c.pos_ == "ADJ" for c in t.children)
           for t in words):
        found.append("a superlative without its noun")  # 'one of the largest in Europe'
    if any(t.lower_ in ("how", "what", "who", "which") and t.dep_ not in ("nsubj", "dobj")
           and t.i >= 2 and t.head.dep_ not in ("relcl", "ccomp") for t in words[1:]) or (
            first.lower_ in WH and second.lower_ in WH):
        # 'What do how many people experience?'; a wh-word right after the first is one
        # whatever the parser makes of it ('Who what was detecting …?')
        found.append("a second wh-word")
    if any(a.tag_ == "VB" and a.pos_ == "VERB" and b.pos_ in ("VERB", "AUX") and (
           b.tag_ in ("VBD", "VBN", "VBP", "VBZ") or (
               b.tag_ == "VB" and a.lemma_ not in _BARE_INFINITIVE))
           for a, b in pairwise(words)):
        found.append("two verbs side by side")  # 'What did Marin construct garrisoned?',
        # 'What pathogens can rapidly evolve have evolved to recognize?'
    if any(a.pos_ == "VERB" and a.tag_ in ("VBD", "VBN") and b.head != a and b.i == a.i + 1
           and b.lower_.endswith("ed") and b.tag_ in ("VBD", "VBN", "JJ")
           and b.dep_ not in ("acomp", "oprd", "xcomp", "conj") for a, b in pairwise(words)):
        found.append("two verbs side by side")  # 'was … established continued trading'
    if len(words) > 3 and first.lower_ in WH and second.pos_ == "VERB" and \
            second.tag_ in ("VBD", "VBN") and words[2].pos_ == "AUX" and words[2].tag_ in _FINITE:
        found.append("two verbs side by side")  # 'What made were known to exist …?'
    if last.dep_ == "advmod" and (last.lower_ in _ECHO_ADV | _HEDGES
                                  or lower[-2:] == ["as", "well"]):
        found.append("an adverb of the sentence left at the end")  # '… per month as well?'
    if any(a.tag_ == "TO" and b.pos_ in ("ADP", "SCONJ", "PUNCT", "DET")
           for a, b in pairwise([t for t in toks])):
        found.append("'to' without its verb")  # 'would the occupation need to as the West …'
    if len(words) > 3 and last.pos_ == "ADP" and words[-2].pos_ == "ADV" and \
            words[-2].lower_ not in ("together", "away", "apart", "back", "out", "up"):
        found.append("an adverb before a stranded preposition")  # 'formulated usually with?'
    if first.lower_ in ("who", "whom") and last.lower_ == "as":
        found.append("'who' for a title")  # 'Who did the Ilkhans recognize Kublai as?'
    if last.pos_ == "ADP" and last.dep_ != "prt" and not list(last.children) and (
            (last.head.dep_ == "ROOT" and last.head.lemma_ == "be")
            or last.head.pos_ in ("NOUN", "PROPN", "PRON")):
        # a verb may strand its preposition ('What is the skin made of?'); a noun or a bare
        # 'be' may not ('What is the main use for steam turbines in?')
        found.append("a preposition stranded on a noun")
    aux = next((t for t in words[1:4] if t.lower_ in _DO), None)
    if aux is not None and any(t.lower_ in WH for t in words[: aux.i]):
        finite = [
            t for t in words
            if t.i > aux.i and t.tag_ in ("VBD", "VBZ") and t.lower_ != t.lemma_
            and t.pos_ in ("VERB", "AUX")
            and not _subordinate(t.head if t.dep_ in ("aux", "auxpass") else t)
        ]
        if finite:
            found.append("a second finite verb after do-support")  # 'did Richard his exploit was'
        main_verb = aux.head
        if main_verb.i > aux.i and main_verb.pos_ == "VERB" and main_verb.tag_ != "VBG" and (
                main_verb.lower_ != main_verb.lemma_.lower() or (
                main_verb.lower_.endswith("ed") and main_verb.lower_ not in _BASE_IN_ED)):
            found.append("no base form after do-support")  # 'What does Conant reinvigorated?'
    if first.lower_ in ("who", "whom") and any(
        t.lower_ in ("who", "which") and t.i > first.i and not any(
            u.pos_ in ("VERB", "AUX") for u in words if u.i > t.i
        )
        for t in words[1:]
    ):
        found.append("relative clause without a verb")  # 'the people who in the 10th …?'
    found += _leftovers(words, lower)
    found += _wh_in_place(words)
    found += agreement.problems(doc)
    finite = [t for t in words if t.tag_ in _FINITE]
    if not finite and not any(t.tag_ == "VBN" for t in words):
        found.append("no finite verb")  # 'Who raiders and pirates from Denmark …?'
    elif _nonfinite_main(words):
        found.append("no finite verb")  # 'What being common especially in shipping …?'
    main = [t for t in finite if t.pos_ in ("VERB", "AUX") and not _subordinate(
        t.head if t.dep_ in ("aux", "auxpass") and t.head.i > t.i else t) and not (
        t.dep_ in ("aux", "auxpass") and t.head.i > t.i and t.head.tag_ in ("VB", "VBN", "VBG"))]
    heads = {t.head.i if t.dep_ in ("aux", "auxpass") else t.i for t in main}
    if len(heads) > 1 and not any(t.dep_ == "conj" for t in words):
        found.append("two main verbs")  # 'Who were the Petraliphae the Raoulii were …'
    if any(_finite_auxiliaries(t) > 1 for t in words):
        # one clause, one finite verb: a second is a clause of the sentence run into the
        # question ('When was the unit … was renamed ABC Motion Pictures in 1979 dissolved?')
        found.append("two finite verbs in one clause")
    # several checks may find one problem ('two verbs side by side' has three): a problem
    # counts once, since the count is a cost (phrasing._cost) and a feature (ranking)
    return list(dict.fromkeys(found))


def _leftovers(words: list[Token], lower: list[str]) -> list[str]:
    """Pieces of the source sentence a moved or removed answer left behind (session 8's
    held-out review: the garbles that passed the checks above)."""
    found: list[str] = []
    if any(w in _DISCOURSE for w in lower) or any(
            t.lower_ == "further" and t.pos_ == "ADV" and t.head.pos_ == "VERB" for t in words):
        found.append("a discourse adverb from the sentence")  # 'What did however … flourish'
    if any(t.lower_ in ("the", "a", "an", "this", "these") and t.text[:1].isupper() and t.i > 0
           and t.dep_ == "det" and not t.head.text[:1].isupper() for t in words):
        found.append("a second sentence run in")  # '… equivalent The word comes from …'
    if any(t.lower_ in _CLAUSE_OPENERS and t.text[:1].isupper() and t.text[1:].islower()
           and t.i > 0 and not t.doc[t.i - 1].is_punct and not (
               t.i + 1 < len(t.doc) and t.doc[t.i + 1].text[:1].isupper()) for t in words):
        found.append("a second sentence run in")  # 'What writes There are two …?'
    if len(words) > 3 and lower[1] in ("is", "are", "was", "were") and lower[2] in (
            "most", "many", "some", "several", "one") and words[3].tag_ in ("VBN", "VBG", "JJ"):
        found.append("a pronoun subject the page resolves")  # 'Where are most concentrated in'
    if len(words) > 3 and lower[0] in ("what", "who") and words[1].lemma_ == "be" and \
            words[2].pos_ == "ADP" and words[2].dep_ != "prt":
        found.append("a copula before a preposition")  # 'What is through the amount of …'
    for a, b in pairwise(words):
        if a.pos_ == "ADP" and a.dep_ != "prt" and b.tag_ == "TO" and a.lower_ not in _ADP_PAIRS:
            found.append("preposition without its object")  # 'resulted in to transfer'
            break
        if a.lower_ == "such" and b.lower_ == "as" and (a.i == 0 or a.doc[a.i - 1].pos_ in (
                "VERB", "AUX", "ADP", "PRON")):
            found.append("an example without its noun")  # 'use such as weighing scales'
            break
        if a.pos_ in ("VERB", "ADP") and b.tag_ == "WDT" and b.i + 1 < len(b.doc) and \
                b.doc[b.i + 1].pos_ in ("VERB", "AUX"):
            found.append("a relative clause without its noun")  # 'quantified using that are'
            break
        if a.lemma_ in _TELL and b.lower_ == "that" and not any(
                c.dep_ in ("dobj", "dative") for c in a.children):
            found.append("a verb of telling without its person")  # 'tell that Jumonville …'
            break
    if lower[:2] == ["how", "many"] and len(words) > 3:
        if lower[2] in _HOW_MANY_LEFTOVER or words[2].tag_ in ("JJS", "CD") or \
                (words[2].lower_.endswith(("th", "rd")) and words[2].pos_ == "ADJ"):
            found.append("how many with the page's modifier")  # 'How many last superpowers'
        elif not any(t.tag_ in ("NNS", "NNPS") for t in words[2:5]):
            found.append("how many without a countable noun")  # 'How many third remained'
        if words[-1].pos_ == "ADP" and words[-1].dep_ != "prt":
            found.append("how many of a stranded complement")  # '… emerge as?'
    if any(a.tag_ in ("VB", "VBP") and a.pos_ == "VERB" and b.tag_ == "VBG" and b.pos_ == "VERB"
           and a.lemma_ not in _CATENATIVE for a, b in pairwise(words)):
        found.append("two verbs side by side")  # 'proclaim beginning a civil war'
    do = next((t for t in words[1:4] if t.lower_ in _DO), None)
    if do is not None:
        bare = [t for t in words if t.i > do.i and t.tag_ == "VB" and t.pos_ == "VERB"
                and t.dep_ not in _CLAUSES and t.i > 0 and t.doc[t.i - 1].tag_ not in ("TO", "MD")
                and t.doc[t.i - 1].lower_ not in _DO - {"do"}]
        if len(bare) > 1 and not any(t.dep_ == "conj" for t in words):
            found.append("two verbs for one subject")  # 'did ministers open … allocate'
    for t in words:
        if t.tag_ == "PRP$" and not any(u.pos_ in ("NOUN", "PROPN") and u.i < t.i for u in words):
            found.append("a possessive with nothing before it")  # 'When did 71% of its oil'
            break
        if t.lower_ in _PARTITIVE and t.dep_ in ("nsubj", "nsubjpass") and not any(
                c.dep_ == "prep" for c in t.children):
            found.append("a pronoun subject the page resolves")  # 'What is one dealing with',
            break  # 'When did the majority drive …' (the majority of whom, the page says)
    if any(t.lower_ in _ASPECT and t.dep_ == "advmod" and not (
            t.i + 1 < len(t.doc) and t.doc[t.i + 1].tag_ == "TO") for t in words):
        found.append("an aspect adverb from the sentence")  # 'When did X end the draft yet?'
    if any(t.lower_ in _FOCUS for t in words[-2:]):
        found.append("an example cut from the sentence")  # '… emigrated to the colonies
        # especially?', '… regulated by the glands notably insulin?'
    if len(words) > 3 and lower[0] == "what" and words[1].lemma_ == "be" and \
            lower[2] in ("only", "some", "just") and words[3].pos_ in ("NUM", "NOUN", "ADJ"):
        found.append("a predicate many answers fit")  # 'What was only one province of Spain?'
    if len(words) > 3 and lower[0] in ("what", "who") and words[1].pos_ == "AUX" and \
            lower[2] in ("not", "n't", "never"):
        found.append("a predicate many answers fit")  # 'What was not uniform across Spain?'
    return found


# a noun asked 'how many …' or 'what …' that measures the verb's time, not its object ('How
# many times did the club win the cup?', 'What year did the band release the album?')
_TIME_NOUNS = frozenset(str.split(
    "time times year years month months week weeks day days hour hours minute minutes decade "
    "decades century centuries season seasons date era period age"))
# verbs with two objects or an object and its complement ('How much did the city pay its
# workers?', 'What did the band call the album?')
_TWO_OBJECTS = frozenset(str.split(
    "give offer send pay show tell teach grant award lend owe sell bring hand charge cost ask "
    "allow deny promise cause earn buy take call name dub term title elect appoint make "
    "consider declare crown label nickname rename vote find keep leave win save spare"))


def _object_after_fronted_phrase(words: list[Token]) -> bool:
    """A fronted nominal wh-phrase ('What', 'How many rivers', 'Which city') then 'do' and a
    verb that still has its own object after its subject: the answer was asked, but the words
    after it in the sentence (its list, its apposition) were left as a second object ('How
    many universities does the city have Newcastle University and …?')."""
    lower = [t.lower_ for t in words]
    if lower[0] in ("what", "which", "who", "whom"):
        noun_at = 1 if words[1].pos_ in ("NOUN", "PROPN") else 0
    elif lower[:2] in (["how", "many"], ["how", "much"]):
        noun_at = 2 if words[2].pos_ in ("NOUN", "PROPN") else 1
    else:
        return False
    if words[noun_at].lower_ in _TIME_NOUNS or len(words) <= noun_at + 3:
        return False
    aux = words[noun_at + 1]
    verb = aux.head
    if aux.lower_ not in _DO or verb.pos_ != "VERB" or verb.i <= aux.i \
            or verb.lemma_ in _TWO_OBJECTS:
        return False
    if any(t.pos_ == "ADP" and not any(c.dep_ == "pobj" for c in t.children) for t in words):
        return False  # the wh-phrase is a stranded preposition's ('Who did X lead his army
        # against in 218 BC?')
    return any(c.dep_ == "dobj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")
               for c in verb.children)


def _wh_in_place(words: list[Token]) -> list[str]:
    """A wh-word left inside the sentence's words that no question asks so: inside a noun
    phrase, after its determiner, adjective or noun ('at the what year Republican
    Convention', 'Police Officer what Way', 'the soap opera who?'), or as one item of a list
    ('won 13 titles and how many?', 'named for their what or cytokinesis'). (A wh-phrase in
    mid-question as such is 'a second wh-word'; these do not read even as an echo.)"""
    for tok in words[1:]:
        if tok.lower_ not in WH or tok.i == 0:
            continue
        before = tok.doc[tok.i - 1]
        after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if before.tag_ in ("DT", "PRP$", "JJ", "NN", "NNS", "NNP", "NNPS", "CD", "HYPH") \
                and before.lower_ not in ("that", "which", "what") and not (
                    tok.lower_ in _RELATIVE and (tok.dep_ == "nsubj" or tok.head.dep_ == "relcl")):
            # (a relative pronoun or adverb opens a clause: 'the man who led', 'rivers where')
            return ["a wh-word inside a noun phrase"]
        if before.pos_ == "CCONJ" or (after is not None and after.pos_ == "CCONJ") \
                or tok.dep_ == "conj" or (before.text == "," and after is not None
                                          and after.text == "?"):
            return ["a wh-word as one of a list"]
    return []


def _nonfinite_main(words: list[Token]) -> bool:
    """The question's main verb has no tense: neither it nor an auxiliary of its own is
    finite, and no 'do' or modal stands in ('What being common especially in shipping …?',
    'What having been a linebacker …?'): the wh-word took the place of a subject whose verb
    the sentence gave in another clause. (The rest of the 'no finite verb' check passes any
    question with a participle, which these have.)"""
    root = next((t for t in words if t.dep_ == "ROOT"), None)
    if root is None or not root.tag_.startswith("VB") or root.lower_ == "according":
        return False
    # a finite word before the root may be the fronted auxiliary the parser misattached ('By
    # whom were X's troops later reinforced?' hangs 'were' on 'whom')
    return not any(t.tag_ in _FINITE and (t.i <= root.i or t.head == root) for t in words) \
        and not any(t.tag_ == "MD" or t.lower_ in _DO for t in words)


def _finite_auxiliaries(verb: Token) -> int:
    """How many finite auxiliaries the verb has; after a modal the parser tags a bare 'have'
    whose subject came between as finite ('What might the guild have been built …'), so a
    modal counts alone."""
    tags = [c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE]
    return tags.count("MD") if "MD" in tags else len(tags)


def _subordinate(verb: Token) -> bool:
    """The verb heads a clause of its own ('before the dam was built', 'which was …')."""
    return verb.dep_ in _CLAUSES or any(c.dep_ == "mark" or c.lower_ in _RELATIVE
                                        for c in verb.children)


def _is_english(nlp: Language) -> bool:
    return str(getattr(nlp, "lang", "")) == "en"


def ill_formed(questions: Sequence[str], nlp: Language, vague: bool = False
               ) -> list[list[str]]:
    """``problems`` for each question, parsed in one batch; a non-English pipeline passes all.
    ``vague``: a question with many right answers counts as a problem too (cards; not the
    answer-aware mode, where the user chose the answer)."""
    if not _is_english(nlp):
        return [[] for _ in questions]
    return [problems(doc) + ([why] if vague and (why := agreement.vague(doc)) else [])
            for doc in nlp.pipe(list(questions))]



def not_a_statement(sent: Span) -> str:
    """Why a source sentence can give no card at all (empty when it can): a question ("When
    might an IQ test be used?" turns into a nonsense blank), a piece the sentence splitter cut
    at an abbreviation ("The infamous court case, Buck v.", "… (particularly the manifesto,
    a.k.a."), no finite main verb ("Fringe movements inspired by …"), or two subjects for one
    verb ("While the Institute it is one of …"), or a finite verb first with no subject ("Was
    discovered in 2001, and …": s22b, every reviewer), or a figure reference dropped from inside
    it ("… models described in: mechanistic or organic", garbled.dropped_reference): a card from
    it is an echo of broken text."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words:
        return "empty"
    toks = [t for t in sent if not t.is_space]
    if toks[-1].text == "?":
        return "a question"
    if words[-1].text.endswith(".") and len(words[-1].text) > 1 and words[-1].text[-2].isalpha():
        return "cut at an abbreviation"
    if sent.text.count("(") > sent.text.count(")"):
        return "cut inside brackets"
    if sent.text.count(")") > sent.text.count("(") or sent.text.count("]") > sent.text.count("["):
        # the splitter cut at a stop inside brackets: '1975) is a best-selling author' (s24b)
        return "cut after a bracket opened"
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") and not any(
            c.dep_ in ("aux", "auxpass", "cop") for c in root.children) and not any(
            t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.dep_ in ("conj", "ccomp") and
            t.head == root for t in sent):
        return "no finite main verb"
    if root.tag_ == "VBD" and any(c.dep_ == "agent" for c in root.children) and not any(
            c.dep_ in ("aux", "auxpass") for c in root.children):
        # 'Early colour recordings made off-air by fans.': a participle and its agent, read as
        # a past verb ('… did not make off-air by fans', s20c)
        return "no finite main verb"
    if any(c.dep_ == "mark" for c in root.children):
        return "a subordinate clause alone"  # "While the Institute it is one of …"
    if garbled.dropped_reference(sent):
        return "a figure reference dropped"  # '… models described in: mechanistic or organic'
    if garbled.bare_partitive(sent):
        return "a count of a bare plural"  # '621,200 of Kenyans are …' (s30b)
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) > 1:
        return "two subjects for one verb"
    if words[0].tag_ in ("VBD", "VBZ", "VBP", "MD") and words[0] in (root, *root.children) \
            and not subjects and not any(c.dep_ in ("expl", "csubj", "csubjpass")
                                         for c in root.children):
        return "no subject"  # 'Was discovered in 2001, and …' cut from its subject (s22b)
    return ""
