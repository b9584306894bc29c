"""Is a cloze blank worth filling? Read from the parse of its sentence.

Reviewers of the seen blind reviews (s6-s11b) deleted cloze cards whose blank is a filler
phrase rather than a fact, or whose blank the sentence itself shows:

- *filler*: a light noun that only adjectives describe ("the most usual way", "different
  ways", "the main use", "key roles", "a number of books", "a wide variety of industries"):
  any of a dozen phrases fits, and none is the fact the sentence teaches (seen rated cloze
  cards: removes 19 rejected, 2 kept);
- *parallel*: the blank's twin one word apart ("the income of the richest 10 percent to the
  income of the _____") (removes 6 rejected, 2 kept).

Session 14 (issue 9; all seen rated cloze cards, dev and s6-s13b: 747 kept, 473 rejected):

- *shell*: a shell noun ("principle", "task", "aspect", "example", "case") that only vague or
  degree adjectives describe ("the _____ is that …" → "basic principle", "one of the most
  significant developments"), or whose 'of' phrase holds the term ("simple case of dynamic
  equilibrium", "most common mechanism of cell replication"): the term, when there is one, is
  the 'of' phrase's own blank (removes 0 kept, 9 rejected beyond *filler*);
- *fixed*: the blank splits a complex preposition ("both in _____" → "terms of landmass and
  population", "in _____" → "support of …", "with the _____" → "intent of …") (0 kept, 4 rej.);
- *cut_complement*: the blank's noun keeps its to-infinitive outside ("the _____ to continue"
  → "tendency of objects", "the _____ to prompt its …" → "ability of a state") (0 kept, 4 rej.);
- *vague*: a common noun that only grading or quantifying adjectives describe, no
  superlative ("common condition", "several viruses", "special material", "various
  populations"): many nouns fit the sentence (6 kept, 13 rejected: weaker than the rest);
- *predicative*: the blank starts with a predicative-only adjective, the secondary predicate
  of the verb before it ("kept _____" → "alive various traditions") (0 kept, 1 rejected).

Session 16 (s14-s15b rejects; all seen rated cloze cards, dev and s6-s15b, 1076 kept / 649
rejected, ``bench.cloze_rules``):

- *shell* also takes light nouns of degree and time ('greater interest in …', 'a long period
  of …', 'the immediate aftermath of …') and sequence adjectives ('the next major step')
  (0 kept, 4 rejected more);
- *negated*: the blank opens with a negation ('Not Islamists') (0 kept, 1 rejected);
- *swallowed*: the blank runs from a fronted phrase into the next subject ('For _____ has
  been …' → 'mobile applications steam') (0 kept, 5 rejected);
- *broken*: the blank runs across a glued dash or into the next sentence ('Model—many
  leaders', 'World War I. One') (0 kept, 2 rejected).

Session 18 (s17, s17b, s17c rejects; all seen rated cloze cards, dev and s6-s17c, 1350 kept /
761 rejected, ``bench.cloze_rules``):

- *relative_time*: a time noun that only a relative or sequence word describes ('last
  week', 'previous years', 'first years', 'enough time'): a time said against another the
  card does not give (1 kept, 5 rejected beyond the other rules);
- *subordinated*: the blank opens with its subordinating conjunction ('as elected MSPs',
  'Although') (0 kept, 2 rejected);
- *broken* also takes a blank across a quotation mark ('word “deviance') (0 kept, 1 rejected).

Session 19 (s18, s18b, s18c rejects; all seen rated cloze cards, dev and s6-s18c, 1501 kept /
833 rejected, ``bench.cloze_rules``):

- *existential*: the blank is what 'there is' says exists ('There is _____ about what is
  meant by …' → 'little confusion', 'There is _____ in trade secrets' → 'enormous economic
  value', 'there is a _____ of powers' → 'much stronger separation'): the sentence asserts
  that something is there and nothing more, so an amount or an evaluation fills it (2 kept,
  6 rejected beyond the other rules);
- *repeated*: the blank's words stand again, in the same order, elsewhere in the sentence
  ('a genus of _____ capable of existing … as a multicellular fungus' → 'fungi'; 'two
  major subtypes of _____: the killer T cell and the helper T cell' → 'T cells'): the
  student copies them (0 kept, 2 rejected; a count or a year said twice is left to the
  number rules: 'used _____ as much coal as …' → 'half' was kept).

Session 19, round 2 (s19, s19b rejects; all seen rated cloze cards, dev and s6-s19b, 1622 kept
/ 900 rejected, ``bench.cloze_rules``):

- *example_line*: the sentence is a textbook's example line ('Ex: A _____ may want to print
  all even numbers …' → 'programmer', 'Ex: _____ is a widely used library …' → 'Pandas'):
  the label is left in the card and the line illustrates the page's point with an invented
  case rather than stating a fact of it (0 kept, 5 rejected; all of them new in s19);
- *everyday_noun*: the whole blank is one everyday plural noun ('_____ represent examples of
  nearly every European architectural style' → 'Buildings', '_____ will grant an injunction'
  → 'Courts', 'from _____ over the years' → 'researchers'): any of a dozen common nouns
  fits, and the sentence's fact is not the word (4 kept, 14 rejected, 4 / 13 beyond the
  other rules; an 'of' object of a noun is left: 'a separation of _____' → 'duties').
  Lone common nouns by rarity (wordfreq zipf): < 3 50 kept / 25
  rejected, 3-3.5 40 / 46, 3.5-4 19 / 39, >= 4 7 / 22: a rare lone noun is a term
  ('Erythrocytes', 'Gluons'); an everyday singular is often a substance or a field the
  sentence is about ('oxygen', 'physics') and is left.

Session 20 (s19, s19b, s19c rejects; all seen rated cloze cards, dev and s6-s19c, 1675 kept
/ 936 rejected, ``bench.cloze_rules``):

- *focused*: the blank opens with a focusing particle ('the imagination of _____' → 'even
  the most experienced scientist', 'had ‘_____’' → 'even the slightest sense of
  responsibility'): the writer's emphasis is blanked with the phrase (0 kept, 3 rejected; 2
  beyond the other rules);
- *generic_person*: the whole blank is one role noun for an unspecified person ('allows the
  _____ to check for multiple conditions' → 'programmer', 'A _____ whose treatment focuses
  on …' → 'counselor', 'attention from _____' → 'researchers'): any role noun fits (0 kept,
  9 rejected; 5 beyond the other rules);
- *formula*: the blank holds a symbol of a formula or of code, or is an operand of one
  ('exerts a _____ on the first body' → 'force −F', 'where _____ is the mass' → 'm', 'For
  a _____, …' → 'string variable s', 'f(0) = _____'): no student types it as the page wrote
  it (0 kept, 1 rejected of the rated cards, whose pages had few formulas; on the seen
  Python and physics pages main served such blanks).

Session 25 (s24, s24b, s24c trivial rejects; all seen rated cloze cards, dev and s6-s24c,
``bench.cloze_rules``):

- *stock_whole*: the whole blank is one everyday name (wordfreq zipf >= 4, not a country or
  city) that is the 'of' object of a noun ('the ninth orbit of the _____' → 'Moon', 'the
  interior of the _____' → 'Earth', 'blood of _____' → 'Christ', 'gifts of the _____' →
  'Spirit'): the noun calls up the familiar whole (2 kept cards, 3 ratings: 'Christianity'
  twice, 'Europe'; 11 rejected). Tried and left out: any everyday name as the whole blank
  (54 kept, 89 rejected), any noun of the blank repeated in the sentence (209 kept, 87
  rejected), an everyday adjective before an everyday noun ('possible conflict',
  'original agreement': 76 kept, 63 rejected).

Session 28 (s28, s28b trivial rejects; all seen rated cloze cards, dev and s6-s28b, 2932 kept
/ 1467 rejected, ``bench.cloze_rules``): together 0 kept, 5 rejected more.

- *pro_form*: the blank's head is 'one' or 'ones' ('loses _____' → 'old ones'): it stands for
  a noun the sentence names (0 kept, 2 rejected);
- *metalinguistic*: 'term', 'word', 'phrase' or 'expression' that only adjectives describe
  ('The _____ is arithmetic mean' → 'technical term'; 0 kept, 2 rejected; with 'name' and
  any modifier 3 kept, 3 rejected);
- *vague* also takes the writer's praise ('useful graph'; 0 kept, 1 rejected).

  Tried and left out: a modifier of the blank that stands elsewhere in the sentence
  ('British Galleries' beside 'British stained glass': 138 kept, 50 rejected); any content
  word of the blank elsewhere in it (264 kept, 117 rejected).

Session 34 (s33b trivial rejects; every seen rated cloze card dev..s33c, read as
``bench.cloze_rules`` reads them):

- *page_count*: the blank is a count of a text's pages ('The _____-page Action Plan …' →
  '200'): how long the document is, not what it says (0 kept, 1 rejected).

  Tried and left out (no rule of ``poor`` firing, served cards): a blank of two everyday
  words, an adjective and its noun (zipf >= 4.5 each: 'ill health', 'military force'; 97 kept,
  77 rejected; no zipf bar separates better than 307 / 196); a common-noun head (zipf >= 4.5)
  whose modifier stands again in the sentence or title by lemma or first five letters
  ('tapestry collection' beside 'tapestry', 'planetary system' beside 'planets'; 204 kept,
  122 rejected; without the title 93 / 65).

Tried and left out: any lone common noun as the whole blank ('reigns', 'populace': 116
kept, 132 rejected; as a subject 45 kept, 63 rejected). Session 19: a blank
that is the page's most repeated name or noun ('Parliament' on a page about the Scottish
Parliament; three or more other mentions: 51 kept, 43 rejected), an adjective before a name
('huge Battle of Warsaw': 11 kept, 8 rejected), a capitalised article left outside a title
('Avicenna's The _____': 1 kept, 1 rejected). Earlier: a blank whose head word recurs in the
sentence (35 kept, 32 rejected: a name is often repeated on purpose) and a lone plural noun as
subject ("_____ are still attempting …" → "Physicists": 5 kept, 8 rejected).

Session 32 (s29-s31c "trivial" rejects), the choice of blank within a sentence: every rated
cloze card dev..s31c that ``poor`` keeps (served 3331 kept / 1524 rejected, explored 28 / 34),
its blank set beside the sentence's other answers (``spans.answers`` that no rule refuses).
Tried and left out: nothing separates. A common-noun blank (no name, proper noun or number;
every content word zipf >= 4; 644 kept / 367 rejected) is rejected no more often when the
sentence has a key fact to ask instead: a name 227 kept / 118 rejected, a number or date 85 /
49, a rare term (zipf < 3) 68 / 33; with no askable alternative 105 / 89 (the sentence is weak,
not the choice). In the 415 pairs of a kept and a rejected blank of one sentence, the served
P(keep) already orders them 237:174; rarity (230:182), a name (92:53) and a number (29:9)
favour the kept blank, but on the 174 pairs P(keep) orders wrongly they do not (rarity 72:102,
name 26:29, number 10:5). Nor do the blank's repeats on the page (5 or more: 41 / 34), a
subject blank (nsubjpass 105 / 81) or its MiniLM cosine to the rest of the sentence
(common-noun blanks under 0.09: 183 / 142, the far ones are the filler, not the guessable
ones).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from agents.generation.mentions import of_owner
from agents.generation.plurals import singulars
from agents.generation.spans import FOCUS, Answer, zipf

# nouns that say how much or in what way, never what: a blank of one of these is filler
_FILLER = frozenset(str.split(
    "way ways use uses role roles number numbers variety lot lots part kind kinds type types "
    "hand regard deal range amount example examples manner means sort sorts set series"))


# nouns of a gathering that are filler only when a word of size says how big ('a huge array
# of optical instruments', s32: rejected by all three as 'a filler phrase'; 'a rectangular
# array of coefficients' is the term, kept), and those words of size
_GATHERINGS = frozenset(str.split("array arrays multitude plethora myriad host assortment"))
_SIZE = frozenset(str.split("huge vast enormous immense wide broad large great whole"))


def filler(answer: Answer, sent: Span) -> bool:
    """The blank's head is a light noun and nothing but adjectives, determiners and an
    'of' phrase of common nouns say which ('a wide variety of industries', 'a huge array of
    optical instruments')."""
    span = answer.span(sent)
    head = span.root
    if head.lemma_.lower() not in _FILLER and head.lower_ not in _FILLER and not (
            head.lower_ in _GATHERINGS and any(t.lower_ in _SIZE and t.i < head.i for t in span)):
        return False
    return not any(t.pos_ in ("PROPN", "NUM") or t.ent_type_ or t.like_num for t in span)


def parallel(answer: Answer, sent: Span) -> bool:
    """The sentence shows the blank's twin, one word apart ('the income of the richest 10
    percent to the income of the _____' → 'poorest 10 percent'; 'the relatives of the father
    … while the _____' → 'relatives of the mother'): the student swaps the word back."""
    words = [t.lower_ for t in answer.span(sent) if not t.is_punct and t.pos_ != "DET"]
    n = len(words)
    if n < 3:
        return False  # two words one apart are any two phrases sharing a word
    rest = [t.lower_ for t in sent if not t.is_punct and t.pos_ != "DET"
            and not answer.start <= t.i < answer.end]
    return any(sum(a != b for a, b in zip(words, rest[k : k + n], strict=True)) == 1
               for k in range(len(rest) - n + 1))



def across_possessive(answer: Answer, sent: Span) -> bool:
    """The blank runs across a possessive ('more of a _____ than' → "cell's energy"): the
    possessor's own article stays outside, or a common-noun possessor is blanked with what it
    owns; the blank is no one term (s12: 'the blank splits a cell's energy', cut-boundary)."""
    span = answer.span(sent)
    for tok in span:
        if tok.tag_ != "POS" or tok.i in (span.start, span.end - 1):
            continue
        owner = tok.head
        if owner.is_lower or any(c.dep_ == "det" and c.i < span.start for c in owner.children):
            return True
    return False


# Schmid's shell nouns (English Abstract Nouns as Conceptual Shells, 2000), the common ones:
# a noun that stands for a fact, idea or kind the sentence itself spells out
_SHELL = frozenset(str.split(
    "fact idea problem point reason thing question issue aim goal notion possibility result "
    "consequence aspect feature factor principle distinction contribution mechanism tendency "
    "ability example case approach attempt decision belief view argument claim assumption "
    "observation finding conclusion advantage disadvantage benefit difficulty challenge task "
    "purpose intent intention effort need chance opportunity trend development method matter "
    "situation circumstance step stage change effect impact outcome function property "
    "characteristic element component concept theme topic subject area field form "
    # light nouns of degree and of a stretch of time (s14-s15b: 'greater interest in …', 'a
    # long period of …', 'in the immediate aftermath of …')
    "interest period aftermath extent degree level phase spell stretch"))
# adjectives that rank or grade and name nothing ('basic', 'main', 'most significant')
_VAGUE = frozenset(str.split(
    "basic main key specific general particular important significant major primary principal "
    "central chief usual common different various certain difficult simple great good "
    "fundamental essential crucial interesting positive negative whole overall same similar "
    "other further new real true actual typical special notable "
    # where in a sequence, never what ('the next major step', 'the immediate aftermath')
    "next immediate "
    # the writer's praise, never what (s28: 'To create a _____ of the yield curve' → 'useful
    # graph', rejected as trivial)
    "useful helpful valuable"))
_DEGREE = frozenset(str.split("most more even very less least much far"))
# how long, never what: only a shell noun takes these as vague ('a long period of …'); 'long
# bones' is a term
_DURATION = frozenset(str.split("long short brief lengthy"))


def _vague(tok: Token) -> bool:
    if tok.dep_ in ("det", "predet"):
        return True
    if tok.pos_ == "ADV":
        return tok.lower_ in _DEGREE
    return tok.pos_ == "ADJ" and (tok.lemma_.lower() in _VAGUE or tok.tag_ in ("JJS", "JJR"))


def shell(answer: Answer, sent: Span) -> bool:
    """The blank is a shell noun that only vague or degree adjectives describe ('the _____ is
    that …' → 'basic principle'), with nothing after it but an 'of' phrase ('simple case of
    dynamic equilibrium'), whose object, when the engine found it, is its own blank."""
    span = answer.span(sent)
    head = span.root
    if head.lemma_.lower() not in _SHELL or not head.is_lower:
        return False
    before = [t for t in span if t.i < head.i]
    after = [t for t in span if t.i > head.i]
    if not any(t.pos_ == "ADJ" for t in before) or not all(
            _vague(t) or t.lower_ in _DURATION for t in before):
        return False
    if not after:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1 for c in head.children)


# complex prepositions (Quirk et al. 1985, 9.10-9.13) as (preposition, noun): the blank must
# not begin at the noun ('in _____' → 'terms of …')
_FIXED = frozenset(tuple(p.split()) for p in (
    "in terms", "in support", "in favour", "in favor", "in front", "in spite", "in case",
    "on behalf", "by means", "by way", "in place", "in view", "in light", "in charge", "in form",
    "with intent", "with intention", "for sake", "at expense", "in course", "as result",
    "in respect", "with respect", "with regard", "in addition", "in relation", "in response",
    "in contrast", "in comparison", "as part", "on basis", "in absence", "in presence",
    "by virtue", "in search", "in need", "in name", "at hands", "on part", "in wake",
    "in accordance", "in line", "in conjunction", "with exception", "in event", "in midst",
    "on top", "in excess", "in honor", "in honour", "in memory", "in order", "in lieu",
    "on account", "in pursuit", "in defence", "in defense", "in aid", "under auspices",
    "in hope", "for purpose", "with aim", "with help"))


def fixed(answer: Answer, sent: Span) -> bool:
    """The blank begins inside a complex preposition ('both in _____' → 'terms of landmass and
    population'; 'with the _____' → 'intent of major expansion')."""
    span = answer.span(sent)
    head = span.root
    if head.pos_ != "NOUN" or not any(c.dep_ == "prep" and c.lower_ in ("of", "to", "with")
                                      and c.i < span.end for c in head.children):
        return False
    i = span.start - 1
    while i >= sent.start and sent.doc[i].dep_ == "det":
        i -= 1
    return i >= sent.start and (sent.doc[i].lower_, head.lower_) in _FIXED


# adverbial idioms as (preposition, noun, modifiers the noun needs): the blank is the idiom's
# noun phrase, which no fact decides ('describes in _____' → 'considerable detail'; 'On _____,
# Chinggis wanted …' → 'one hand'). Seen cloze cards, dev…s34b: 5 rejected, 0 kept.
_IDIOMS = {("in", "detail"): frozenset(), ("on", "hand"): frozenset(["one", "other"])}


def idiom(answer: Answer, sent: Span) -> bool:
    """The blank is the noun phrase of an adverbial idiom ('in _____' → 'great detail',
    'on the _____' → 'other hand')."""
    span = answer.span(sent)
    head = span.root
    i = span.start - 1
    while i >= sent.start and sent.doc[i].dep_ == "det":
        i -= 1
    if i < sent.start or head.pos_ != "NOUN":
        return False
    needs = _IDIOMS.get((sent.doc[i].lower_, head.lemma_.lower()))
    return needs is not None and (not needs or any(t.lower_ in needs for t in span))


def cut_complement(answer: Answer, sent: Span) -> bool:
    """The blank's noun keeps its to-infinitive outside: 'the _____ to continue in …' →
    'tendency of objects' (the term is 'tendency to continue')."""
    span = answer.span(sent)
    return any(c.i >= span.end and c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
               and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
               for c in span.root.children)


# adjectives that only follow a verb ('kept it alive'), never precede a noun
_PREDICATIVE = frozenset(str.split(
    "alive awake aware afraid asleep alone ablaze afloat akin aloof ashamed adrift apart ajar "
    "alike aglow astray awash"))


def predicative(answer: Answer, sent: Span) -> bool:
    """The blank starts with the verb's secondary predicate ('kept _____' → 'alive various
    traditions'): the parser hangs 'alive' on the noun, but no noun is 'alive traditions'."""
    first = answer.span(sent)[0]
    return first.pos_ == "ADJ" and first.lower_ in _PREDICATIVE and answer.end - answer.start > 1


_QUANTIFYING = frozenset(str.split(
    "several many various numerous few large small special unique detailed effective early "
    "recent past famous wide broad serious leading well-known"))


# adjectives of wonder and fame: the writer's esteem, never what the thing is ('One of the
# _____ in physics is that …' → 'most remarkable simplifications', 'One of the _____ born in
# Warsaw was …' → 'most famous people'; s32, s24: rejected as 'a rhetorical phrase')
_ESTEEM = frozenset(str.split(
    "remarkable famous notable striking extraordinary astonishing amazing incredible "
    "spectacular renowned celebrated impressive noteworthy"))


def rhetorical(answer: Answer, sent: Span) -> bool:
    """The blank is a common noun that a word of esteem and nothing but determiners and
    degree words describe, nothing after it ('most remarkable simplifications'): any noun
    fits, and the esteem is the writer's."""
    span = answer.span(sent)
    head = span.root
    mods = [t for t in span if t.i != head.i and not t.is_punct]
    if head.pos_ != "NOUN" or any(t.i > head.i for t in mods) or not any(
            t.lower_ in _ESTEEM for t in mods):
        return False
    return all(t.lower_ in _ESTEEM or _vague(t) for t in mods)


def vague(answer: Answer, sent: Span) -> bool:
    """'a _____ caused by the herpes simplex virus' → 'common condition': a common noun that
    only grading or quantifying adjectives describe; a superlative or comparative ('oldest
    street', 'highest court') ranks it and stays."""
    span = answer.span(sent)
    head = span.root
    mods = [t for t in span if t.pos_ != "DET" and not t.is_punct and t.i != head.i]
    if head.pos_ != "NOUN" or not mods or any(t.tag_ in ("JJS", "JJR", "RBS", "RBR")
                                              for t in mods):
        return False
    if any(c.isdigit() for c in span.text) or any(t.like_num for t in span):
        return False  # 'the early 1990s' is a date; 'recent decades' says none
    return all((t.pos_ == "ADJ" and (t.lemma_.lower() in _VAGUE or t.lower_ in _QUANTIFYING))
               or (t.pos_ == "ADV" and t.lower_ in _DEGREE) for t in mods)


# words that deny what follows; clauses.py keeps one a cut would drop (or makes no clause)
NEGATIONS = frozenset(str.split("not no never neither nor"))


def negated(answer: Answer, sent: Span) -> bool:
    """The blank opens with a negation ('_____ came to dominate …' → 'Not Islamists'): the
    answer is what the sentence denies, and a student who writes the name is marked wrong."""
    first = answer.span(sent)[0]
    return first.lower_ in NEGATIONS or first.dep_ == "neg"


_FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))
# prepositions that also open a clause ('as less expansion occurs …'): the parser's missing
# object there is the clause's subject, rightly blanked
_SUBORDINATORS = frozenset(str.split("as since before after until till"))


def swallowed(answer: Answer, sent: Span) -> bool:
    """The blank runs from a fronted phrase into the subject of the clause after it ('For
    _____ has been superseded …' → 'mobile applications steam'; 'although in _____ was …' →
    'reality assimilation'): the parser merged the two nouns, so the preposition before the
    blank is left with no object and the blank is the subject, or the blank is the
    preposition's object and the clause verb right after it has no subject."""
    span = answer.span(sent)
    root = span.root
    doc = sent.doc
    if span.start > sent.start and root.dep_ in ("nsubj", "nsubjpass"):
        prep = doc[span.start - 1]
        return prep.dep_ in ("prep", "agent") and prep.lower_ not in _SUBORDINATORS and not any(
            c.dep_ in ("pobj", "pcomp") for c in prep.children)
    if root.dep_ != "pobj" or span.end >= sent.end or doc[span.end].tag_ not in _FINITE:
        return False
    verb = doc[span.end]
    if verb.dep_ in ("aux", "auxpass"):
        verb = verb.head
    return verb.dep_ in ("ROOT", "advcl", "ccomp") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)


# a word the sentence splitter took for an initial ('World War I. One was …'): a capitalised
# function word after a full stop inside a blank opens the next sentence
_OPENERS = frozenset(str.split(
    "one the a an it this that these those he she they there in on at by for after before "
    "during its their his her we"))


_GLUED_DASH = re.compile(r"[^\W\d_][—–][\u200b-\u200d\u2060\ufeff]*[^\W\d_]")


def _unbalanced(text: str) -> bool:
    """A quotation mark opens or closes in ``text`` without its twin ('word “deviance'); a
    lone closing single quote may be an apostrophe ('Kings’ Road'), so only an opening one
    without its close counts."""
    return (text.count('"') % 2 == 1 or text.count("\u201c") != text.count("\u201d")
            or text.count("\u2018") > text.count("\u2019"))


def broken(answer: Answer, sent: Span) -> bool:
    """The blank is no one phrase of the text: it runs across a dash glued to words on both
    sides ('Model—many leaders', 'Cambridge—but': the tokenizer keeps them one word), into
    the next sentence ('World War I. One') or across a quotation mark ('the _____ ” has' →
    'word “deviance': s17b, cut-boundary)."""
    span = answer.span(sent)
    if _GLUED_DASH.search(span.text) or _unbalanced(span.text):
        return True
    return any(tok.lower_ in _OPENERS and tok.text[:1].isupper()
               and sent.doc[tok.i - 1].text.endswith(".") for tok in span[1:])


# nouns of a stretch of time, and the words that place one only against another time the
# card does not give ('the last week of …', 'in previous years', 'enough time')
_TIME_NOUNS = frozenset(str.split(
    "time week year day month decade century hour minute moment season era"))
_RELATIVE = frozenset(str.split(
    "previous last first next early earlier late later past recent new following preceding "
    "same enough final initial coming subsequent prior current present few several many"))


def relative_time(answer: Answer, sent: Span) -> bool:
    """The blank is a time said only against another time: 'in the _____ of February' →
    'last week', 'had worked in _____' → 'previous years', 'there will not be _____' →
    'enough time' (s17, s17b, s17c: rejected as trivial or weak by the reviewers); a named
    or counted time ('inter-war period', 'the 1990s', 'three years') stays."""
    span = answer.span(sent)
    head = span.root
    if head.lemma_.lower() not in _TIME_NOUNS or not head.is_lower:
        return False
    mods = [t for t in span if t.i != head.i and t.pos_ != "DET" and not t.is_punct]
    return bool(mods) and all(t.lower_ in _RELATIVE for t in mods)


def subordinated(answer: Answer, sent: Span) -> bool:
    """The blank opens with the word that subordinates it ('sitting in the Parliament _____'
    → 'as elected MSPs', '_____ leukocytes leave …' → 'Although'): the phrase is cut at the
    wrong boundary, its conjunction blanked with it (s17c: rejected, cut-boundary)."""
    return answer.span(sent)[0].dep_ == "mark"


def existential(answer: Answer, sent: Span) -> bool:
    """The blank is the pivot of an existential 'there' ('There is _____ in trade secrets' →
    'enormous economic value'; s18b, s18c: rejected as trivial or garbled)."""
    root = answer.span(sent).root
    verb = root.head
    return root.dep_ in ("attr", "nsubj") and verb.lemma_.lower() == "be" and any(
        c.dep_ == "expl" for c in verb.children)


def _forms(token: Token) -> frozenset[str]:
    """The lemma of a word, and of a noun or name every singular it may be the plural of
    ('grana' → granum, a capitalised 'Fungi' → fungus: ``plurals``)."""
    if token.pos_ in ("NOUN", "PROPN"):
        return singulars(token.text) | {token.lemma_.lower()}
    return frozenset([token.lemma_.lower()])


def repeated(answer: Answer, sent: Span) -> bool:
    """The blank's words, by lemma and without their article, stand again in that order
    outside it ('Candida is a genus of _____ … or as a multicellular fungus' → 'fungi'): the
    sentence gives the blank away (s18: rejected by all reviewers). A Latin or Greek plural is
    the singular's word ('Each granum can contain … though _____ with 10–20 thylakoids are
    most common' → 'grana', s29: rejected by every reviewer). Numbers are left out."""
    span = answer.span(sent)
    if any(t.like_num or t.pos_ == "NUM" for t in span):
        return False
    words = [_forms(t) for t in span if t.pos_ != "DET" and not t.is_punct]
    rest = [_forms(t) for t in sent if not answer.start <= t.i < answer.end
            and t.pos_ != "DET" and not t.is_punct]
    n = len(words)
    return n > 0 and any(all(w & r for w, r in zip(words, rest[k : k + n], strict=True))
                         for k in range(len(rest) - n + 1))


# the labels a textbook puts before an example line ('Ex:', 'Example 2:', 'E.g.:')
_EXAMPLE_LABEL = re.compile(r"\s*(?:ex|example|e\.\s?g)\.?\s*\d*(?:\.\d+)*\s*:", re.I)


def example_line(answer: Answer, sent: Span) -> bool:
    """The sentence is an example line ('Ex: A _____ may want to print all even numbers
    between 1 and 20.' → 'programmer'; s19: rejected by every reviewer, 'Ex:' leftover): an
    invented case that illustrates the page, not a fact of it."""
    return labelled_example(sent)


def labelled_example(sent: Span) -> bool:
    """The sentence opens on an example's label ('Ex:', 'Example 2:', 'E.g.:'): no card of
    any type is made of it (parsed.py), the label would be left in the card."""
    return _EXAMPLE_LABEL.match(sent.text) is not None


_EVERYDAY = 4.0  # 'courts' 4.5, 'researchers' 4.4, 'buildings' 4.5; 'erythrocytes' 2.2, 'fungi' 3.4
# a plural noun that opens the sentence is everyday from a lower bar ('_____ must be trained
# …' → 'Crews' 3.9, 'Bishops' 3.8, 'Packets' 3.5; s29, s28b, s14b: rejected as trivial): the
# seen rated cloze cards whose one-noun blank opens the sentence and that no other rule
# removes, plural at zipf 3.5-4: 4 kept / 12 rejected ('Antibodies' 3.6, 'Economists' 3.8
# kept); 3-3.5: 2 / 5, < 3: 12 / 4 (terms: 'Erythrocytes'). Opening singulars at >= 3.5 were
# 4 kept / 10 rejected, but 2 kept / 1 rejected on the s28-s29 decks ('Equity represents the
# ownership of the firm'): often the field the sentence defines, left.
_EVERYDAY_OPENING = 3.5


def everyday_noun(answer: Answer, sent: Span) -> bool:
    """The blank is one everyday plural noun and nothing else but its article ('_____ will
    grant an injunction …' → 'Courts'; s19b: rejected as trivial): many nouns fit, and the
    word is not what the sentence teaches. A word capitalised inside the sentence is a name
    ('an "_____–" global city' → 'Alpha'); a rare noun ('Gluons') is a term and stays. A
    blank that opens the sentence ('_____ elected serve Episcopal Areas …' →
    'Bishops') is held to a lower bar: the rest of the sentence is all the student has,
    and a common subject noun is guessed from its verb."""
    words = [t for t in answer.span(sent) if t.pos_ != "DET" and not t.is_punct]
    if len(words) != 1:
        return False
    tok = words[0]
    opening = all(t.is_punct for t in sent.doc[sent.start : answer.start])
    if tok.tag_ != "NNS" or tok.ent_type_ or tok.like_num or (
            tok.i > sent.start and not tok.is_lower):
        return False
    if _of_common_noun(tok):
        return False  # 'a separation of _____' → 'duties': the 'of' object holds the term
    return zipf(tok.lower_) >= (_EVERYDAY_OPENING if opening else _EVERYDAY)


def stock_whole(answer: Answer, sent: Span) -> bool:
    """The blank is one everyday name that is the 'of' object of a noun ('the ninth orbit of
    the _____' → 'Moon', 'the interior of the _____' → 'Earth', 'the body and blood of _____' →
    'Christ', 'gifts of the _____' → 'Spirit'; s24, s24c and older: rejected as trivial, 'a
    stock phrase', 'given away'): the noun before 'of' calls up the one familiar whole it
    belongs to, so the blank tests no fact. A country or city by name is a fact ('the first
    elected president of _____' → 'Egypt', kept), and a rare name is a term; a common noun's
    'of' object holds the term (``everyday_noun``)."""
    words = [t for t in answer.span(sent) if t.pos_ != "DET" and not t.is_punct]
    if len(words) != 1:
        return False
    tok = words[0]
    if tok.pos_ != "PROPN" or tok.like_num or tok.ent_type_ == "GPE":
        return False
    return _of_common_noun(tok) and zipf(tok.lower_) >= _EVERYDAY


def _of_common_noun(tok: Token) -> bool:
    """``tok`` is the 'of' object of a common noun ('a separation of duties', 'the orbit of
    the Moon')."""
    whole = of_owner(tok)
    return whole is not None and whole.pos_ == "NOUN"


def focused(answer: Answer, sent: Span) -> bool:
    """The blank opens with a focusing particle ('the imagination of _____' → 'even the most
    experienced scientist', 'had ‘_____’' → 'even the slightest sense of responsibility';
    s19c, s16: rejected as trivial or cut): the particle is the writer's emphasis, no student
    types it, and what follows it is rarely a term."""
    span = answer.span(sent)
    return len(span) > 1 and span[0].lower_ in FOCUS and span[0].pos_ == "ADV"


# nouns a textbook uses for an unspecified person by role ('a programmer may want to …', 'the
# reader', 'attention from researchers'): the sentence is about what such a person does, and
# any role noun fits the blank
_ROLES = frozenset(str.split(
    "programmer user reader student learner researcher scientist person individual "
    "someone somebody people counselor counsellor client customer developer author writer "
    "teacher observer viewer listener speaker consumer worker employee"))


def generic_person(answer: Answer, sent: Span) -> bool:
    """The whole blank is one role noun for an unspecified person, with at most its article
    ('Ex: A _____ may want to print …' → 'programmer', 'allows the _____ to check …' →
    'programmer', 'A _____ whose treatment focuses on …' → 'counselor'; s19, s19b, s14:
    rejected as trivial by every reviewer)."""
    words = [t for t in answer.span(sent) if t.pos_ != "DET" and not t.is_punct]
    if len(words) != 1:
        return False
    tok = words[0]
    return tok.pos_ == "NOUN" and not tok.ent_type_ and (
        tok.lemma_.lower() in _ROLES or tok.lower_ in _ROLES)


# what a formula or a line of code is written with: an operator, a call or an index
# ('len(s)', 'fib(n - 1)', '[a:b]'), an identifier joined by underscores ('is_admin')
_FORMULA = re.compile(r"[=+−×÷^<>±≤≥≠√∑∫]|\s-\s|\b[A-Za-z_]\w*\(|\[[^\]]*\]"
                      r"|\b[A-Za-z]+_\w+")
_OPERATORS = frozenset(str.split("= + − × ÷ ^ < > ± ≤ ≥ ≠ == != <= >="))


_JOINERS = frozenset(["-", "\u2013", "/"])


def _variable(tok: Token) -> bool:
    """A lowercase letter standing alone as a word: a variable ('m', 's'), not the article
    'a', the 'v' of a case name ('Josemans v Burgemeester') or the 'x' of 'x-rays'."""
    if len(tok.text) != 1 or not tok.text.isascii() or not tok.is_alpha or not tok.is_lower \
            or tok.lower_ == "a" or tok.ent_type_:
        return False
    doc = tok.doc
    after = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
    before = doc[tok.i - 1] if tok.i > 0 else None
    glued = (not tok.whitespace_ and after in _JOINERS) or (
        before is not None and not before.whitespace_ and before.text in _JOINERS)
    named = 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text[:1].isupper() and \
        doc[tok.i + 1].text[:1].isupper()
    return not glued and not named


def page_count(answer: Answer, sent: Span) -> bool:
    """The blank is a count of a text's pages ('The _____-page Action Plan sets out …' →
    '200', 'a report of _____ pages'; s33b: rejected by every reviewer, 'page count not worth
    learning'): how long the document is, never what it says."""
    span = answer.span(sent)
    if not all(t.like_num for t in span):
        return False
    after = list(sent.doc[span.end : min(span.end + 2, sent.end)])
    if after and after[0].text in _JOINERS:
        after = after[1:]
    return bool(after) and after[0].lemma_.lower() == "page"


def pro_form(answer: Answer, sent: Span) -> bool:
    """The blank's head is the pro-form 'one' or 'ones' ('loses _____' → 'old ones', 'to
    replace the _____' → 'old ones'; s28b: rejected as trivial): it stands for a noun the
    sentence has already named, so the blank holds a modifier and a placeholder, no fact.
    The numeral ('_____ of the largest' → 'one') is a count, not a pro-form."""
    head = answer.span(sent).root
    return head.lower_ in ("one", "ones") and head.pos_ != "NUM"


# nouns that name a piece of language, not a thing: the sentence's fact is the word it
# introduces, which stands outside the blank
_METALINGUISTIC = frozenset(str.split("term word phrase expression"))


def metalinguistic(answer: Answer, sent: Span) -> bool:
    """The blank is a word for a word that only adjectives describe ('The _____ is arithmetic
    mean' → 'technical term', 'remained largely a _____ referring to …' → 'conceptual term';
    s28b, s15: rejected as trivial): the term the sentence teaches is outside the blank. A
    noun before it names what kind ('loop expression') and stays."""
    span = answer.span(sent)
    head = span.root
    if head.lemma_.lower() not in _METALINGUISTIC or not head.is_lower:
        return False
    mods = [t for t in span if t.i != head.i and t.pos_ != "DET" and not t.is_punct]
    return all(t.pos_ == "ADJ" and t.i < head.i for t in mods)


def formula(answer: Answer, sent: Span) -> bool:
    """The blank holds a symbol of a formula or of code, or is an operand of one ('where _____
    is the mass' → 'm', 'the name of a _____' → 'string variable s', 'exerts a _____' → 'force
    −F', 'f(0) = _____'; s18, s19: rejected, a symbol no student types as the page wrote it).
    A lowercase letter alone is a variable ('a' is the article); a capital letter alone is
    often a name ('World War I', 'vitamin C') and counts only beside an operator."""
    span = answer.span(sent)
    if _FORMULA.search(span.text):
        return True
    if any(_variable(t) for t in span):
        return True
    doc = sent.doc
    before = doc[answer.start - 1].text if answer.start > sent.start else ""
    after = doc[answer.end].text if answer.end < sent.end else ""
    return before in _OPERATORS or after in _OPERATORS


def better(answer: Answer, sent: Span) -> Answer | None:
    """The term a *shell* or *fixed* blank holds: its 'of' (or 'to', 'with') object ('a simple
    case of _____' → 'dynamic equilibrium', 'in terms of _____' → 'revenue and manpower'),
    without its article; None when the blank is poor for another reason or has no object."""
    if not (shell(answer, sent) or fixed(answer, sent)):
        return None
    span = answer.span(sent)
    for prep in span.root.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "to", "with") or prep.i >= span.end:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        words = sorted(t.i for t in obj.subtree)
        start, end = words[0], words[-1] + 1
        while start < end and sent.doc[start].dep_ in ("det", "poss") and sent.doc[start].is_lower:
            start += 1
        if start >= end or end > span.end or end - start != len(words) - (start - words[0]):
            return None  # the object runs past the blank, or has a hole
        return Answer(start, end, answer.kind, "NP", obj.lemma_.lower(),
                      sent.doc[start:end].text)
    return None


def poor(answer: Answer, sent: Span) -> bool:
    """Any rule above: the blank is no one term worth filling."""
    return any(rule(answer, sent) for rule in (
        filler, parallel, across_possessive, shell, fixed, idiom, cut_complement, predicative,
        vague, rhetorical, negated, swallowed, broken, relative_time, subordinated, existential,
        repeated, example_line, everyday_noun, stock_whole, focused, generic_person, formula,
        pro_form, metalinguistic, page_count))
