"""Sentences that state no fact: a card made from one asks about nothing the page claims.

Advice prose (a study-skills book) is full of them; read from the parse:

- ``hypothetical``: the main verb is a copula under 'could' or 'might' ('Romeo could be
  Black, Juliet could be Latina …'): an imagined example, not a claim. A capability
  ('Cells can divide …', 'The legions could march …') or a rule ('Members must be …') is a
  fact and stands, and so does a possibility with its condition ('… could be true if …');
- ``supposed``: the sentence opens on a supposition put to the reader ('Suppose a bank
  charges 8 percent on a loan of $2,000; the borrower then pays $160 …', "Let's say a
  customer buys 3 shirts at $20 each, so …"): a worked example's premise and its result,
  true only in the supposed case (session 28, business and economics pages);
- ``stance``: the sentence opens on the writer's stance ('Honestly, …', 'Frankly, …',
  'Of course, …', 'Luckily, …'): an opinion told as the writer's own;
- ``same``: 'X is the same.' / 'X is different.' with no second term ('as', 'from', 'to',
  'than') and one thing as its subject: the other side of the comparison is elsewhere on
  the page ('The three approaches are different' compares its own members);
- ``praise``: the main clause says what is worth having, not what is: its predicate or
  object is a word of praise ('Python has an interesting history', 'Knowing how to program
  is a useful skill …', 'Writing programs is … inherently useful, and rewarding', 'Vision
  and hearing have received an incredible amount of attention …'), or the writer vouches
  for it ('There are certainly many benefits to …'). A superlative picks one of a kind and
  stands ('The most useful instrument … is the indicator'), and so does praise with its
  reason ('… an interesting field of sociology because …': kept);
- ``anecdote``: the main verb's subject is the imagined person of a worked story in advice
  prose ('The student decides …', 'One reader identifies as …', 'One of the students …').
- ``pointer``: the sentence sends the reader elsewhere ('For details … see X', 'X is discussed in
  more detail in Y'): a cross-reference, not content (session 24); or it ends on 'as follows',
  its content the list after it (session 30); or it points at a picture of the page ('The
  default is circled.', '… as shown in the illustration below', session 30).
- ``vague``: the sentence ends on a bare amount of kinds or ways ('There is a wide variety of
  hydrocarbons.', 'X has been applied to a variety of different types of problems.', 'X can be
  thought of in two manners.') or its verb is the figure 'shed light on': it says only that
  something exists, varies or bears on another, never what (session 27, below).
- ``symbol``: a noun is given a one-letter symbol set off by commas ('The third exam score, x, is
  the independent variable and the final exam score, y, is the dependent one'): a worked
  example's own variables, which the card does not give (session 29, a statistics page; every
  seen rated card, dev..s29b, with such a symbol: 1 tf, rejected by all three reviewers,
  'refers to an example not given'; none kept).
- ``problem``: the sentence names a person a word problem of the page asks about ('Soriya
  plans to invest $10,500 into two different bonds …' on a page asking '… how much should
  Soriya invest in each bond?'): the problem's made-up givens (session 34, a precalculus page;
  read per page, ``problem_people``). Like a supposed case, the sentences that go on with its
  made-up things ('The first bond has …') make no card either.

No card of any type is made from such a sentence or clause (parsed.py). Measured on every
seen rated card (``bench.card_references``, s6-s18b; kept / rejected cards removed, of
1454/819 cloze and 975/549 tf): hypothetical cloze 0/5, tf 0/2; stance tf 0/1; same tf 0/1;
anecdote cloze 1/1, tf 1/3 (the kept two: one 'One of the male students wonders …'
sentence); no qa or mcq card. Left out: 'people'/'person' as the story's person ('One of
the most famous people born in Warsaw was …': 2 kept / 1 rejected); 'may' (a textbook's
'may be classified as …'). Praise (session 21; the engine run on the 19 seen decks with a
word of praise): 3 rejected tf cards removed (4 ratings), no kept one; one deck's unrated
cloze gave its place to a rated-rejected one, two decks are a card shorter.

A sentence that ``run_together`` finds (a full stop, then a lowercase verb with no subject:
'… quickly. shows a few examples of …', where the page's figure reference was dropped) makes
no card of its own; the clauses of its first part still make theirs (parsed.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from spacy.tokens import Span, Token

from agents.generation.antecedents import QUANTIFIERS
from agents.generation.reference import conditioned

_POSSIBLE = frozenset(["could", "might"])
# verbs that put a case to the reader to suppose, not a fact the page states ('Suppose a bank
# charges …', 'Imagine your thoughts as if they were …'): no card asks what is said under one
# (``_supposed`` here, parsed._unasserted for a clause); after "let's" 'say' does it too
SUPPOSING = frozenset(str.split("suppose imagine pretend assume"))
_STANCE = frozenset(str.split(
    "honestly frankly obviously luckily fortunately thankfully hopefully admittedly personally "
    "truthfully surely"))
# the imagined people of a worked story in advice prose ('The student decides …', 'One
# reader identifies as …'); 'people', 'person' speak of real ones too
_PEOPLE = frozenset(str.split("student reader classmate roommate friend learner"))
_LIKENESS = frozenset(["same", "different", "similar"])
# words of praise: a card on one asks the student to agree, not to recall ('great' is left
# out: 'a great power', 'the Great War' are facts)
_PRAISE = frozenset(str.split(
    "interesting useful rewarding fun exciting fascinating incredible amazing wonderful "
    "enjoyable"))
_OBJECTS = frozenset(["attr", "acomp", "dobj", "oprd"])
# an object is the claim only of a verb of having ('did some useful work on the digester' is
# a deed, and a fact)
_GAINS = frozenset(["have", "receive", "present", "get", "gain"])
_SECOND = frozenset(["as", "from", "to", "than", "with"])


def no_fact(sent: Span) -> str | None:
    """The class of a sentence that states no fact, or None when it may state one."""
    for rule, test in (("hypothetical", _hypothetical), ("supposed", _supposed),
                       ("stance", _stance),
                       ("anecdote", _anecdote), ("same", _same), ("praise", _praise),
                       ("pointer", _pointer), ("vague", _vague), ("symbol", _symbol)):
        if test(sent):
            return rule
    return None


def run_together(sent: Span) -> bool:
    """'… solve problems quickly. shows a few examples of …': a full stop, then a lowercase
    verb with no subject of its own, where the page's 'Figure 1.2' (or a name) was dropped:
    two sentences run together, one without its subject. 'Candida spp. are …' ends on an
    abbreviation (a short word), not a stop; 'true and false are keywords' has its subject."""
    for tok in sent[2:]:
        before = tok.nbor(-2)
        if tok.nbor(-1).text == "." and tok.is_lower and tok.pos_ in ("VERB", "AUX") \
                and (before.is_digit or (before.is_alpha and len(before) > 3)) \
                and not any(c.dep_ in _SUBJECTS for c in tok.children):
            return True
    return False


_SUBJECTS = frozenset(["nsubj", "nsubjpass", "csubj", "csubjpass", "expl"])


def _verbs(sent: Span) -> list[Token]:
    root = sent.root
    return [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]


# verbs a page uses to say where else it treats a subject ('… are discussed in more detail in
# Business Model and Plan'), and the words that send the reader there; 'below' and 'above'
# also place a picture beside the text ('as shown in the illustration below')
_TREATED = frozenset(str.split("discuss cover describe explain address examine explore treat"))
_BESIDE = frozenset(str.split("below above"))
_ELSEWHERE = _BESIDE | frozenset(str.split("later further elsewhere next detail"))
# a page's pictures, the verbs that say what one shows, and the marks drawn on a screenshot
# ('The default, a blank presentation, is circled.'): a card has no picture to look at.
# 'displayed' is left out ('The mace is displayed in a glass case': a fact, kept), and so is
# 'screen' ('… is shown on the screen' says what a program does)
_PICTURES = frozenset(str.split("figure illustration image screenshot diagram picture table "
                                "graph chart photo photograph"))
# a picture one of a row of them may be ('the fourth scale', 'the third timeline on the right')
_LAID_OUT = _PICTURES | frozenset(str.split("timeline scale panel map"))
# ('the first map of Europe' is a fact's thing, and so may 'the first table' be: not counted)
_ORDINAL_WORDS = frozenset(str.split("second third fourth fifth sixth"))
_SHOWING = frozenset(str.split("show illustrate depict picture"))
_MARKS = frozenset(str.split("circle highlight underline"))


def _pointer(sent: Span) -> bool:
    """The sentence sends the reader to another part of the text instead of stating a fact:
    'For details of individual countries see School corporal punishment.', 'Business plans
    are discussed in more detail in Business Model and Plan.' (s23/s23b: all four cards made
    from such sentences rejected by every reviewer as 'a cross-reference, not content')."""
    root = sent.root
    if _as_follows(sent) or _pictured(sent):
        return True
    if root.lemma_ == "see" and root.tag_ in ("VB", "VBP") and not any(
            c.dep_ in _SUBJECTS or c.dep_ == "aux" for c in root.children):
        # an imperative 'see …' that opens the sentence (after 'For details …' at most); a
        # fact before it ('T cells … provided by helper T cells (see below)') is parsed under it
        lead = {t.i for c in root.children if c.dep_ == "prep" and c.i < root.i
                for t in c.subtree}
        return all(t.i in lead or t.is_punct for t in sent if t.i < root.i)
    return root.lemma_ in _TREATED and any(c.dep_ == "auxpass" for c in root.children) and any(
        t.lower_ in _ELSEWHERE for t in root.subtree if t.head == root or t.head.head == root)


# verbs a page cites its own earlier or coming text with ('As noted in …', 'As discussed, …',
# 'as seen in.'), and the parts of a book such a clause names
_CITING = _TREATED | _SHOWING | frozenset(str.split("note mention see state"))
_BOOK_PARTS = frozenset(str.split(
    "discussion section chapter module unit lesson part page text book example")) | _PICTURES
# the adverbs that send such a clause back over the page ('As noted above for …', 'as stated
# previously for …', 'As we have already seen with …'): they make it a citation even where its
# preposition names no part of the book. Until s33 it shared the name _BACK with continues'
# determiners, whose later definition replaced it (seen passages: 0 sentences read differently)
_EARLIER = frozenset(str.split("earlier before previously"))  # where the page said it
_CITED_BACK = _BESIDE | _EARLIER | {"already"}


def cites_page(sent: Span, shown: Collection[int] | None = None) -> bool:
    """The sentence leans on the book rather than the topic: an 'as' clause cites the page's
    own text ('As noted in the initial discussion of … in The Law of Refraction, the …', 'As
    discussed, there are …', 'As mentioned earlier, …', '… with many at the level of snake oil
    as seen in.', its figure dropped), or it names one of the page's numbered figures or
    tables ('… overlaid with the MBH99 reconstruction in Figure 2.21 of the IPCC report').
    A card that shows the sentence (a cloze, a true/false statement) shows the student a
    pointer to a page they do not have, and a cloze of it may blank the figure's number
    (s32: every such card rejected by every reviewer, 'refers to a section of the book',
    'figure number not worth learning'); a question made from its fact does not show it.
    Said by someone ('As described by Darwin, …') or of the world ('as seen in many
    animals') the clause is content and stays. ``shown``: the ids of the tokens a card shows
    (an opening 'As noted above,' that claims.dropped leaves out is not shown)."""
    return any(_cites(tok) or _numbered_picture(tok) or _stranded(tok) or _said_before(tok)
               for tok in sent if shown is None or tok.i in shown)


def _cites(tok: Token) -> bool:
    if tok.lemma_ not in _CITING or tok.tag_ not in ("VBN", "VBD") or not any(
            c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return False
    if any(c.dep_ in ("agent", "dobj", *_SUBJECTS) and c.lower_ != "we" for c in tok.children):
        return False  # 'as described by Darwin', 'as the model showed'
    preps = [c for c in tok.children if c.dep_ == "prep"]
    if not preps:  # 'As discussed, …', 'As mentioned earlier, …'
        return True
    return any(not any(o.dep_ == "pobj" for o in p.children)  # '… as seen in.'
               or any(o.dep_ == "pobj" and o.lemma_.lower() in _BOOK_PARTS for o in p.children)
               for p in preps) or any(c.lower_ in _CITED_BACK for c in tok.children)


def _stranded(tok: Token) -> bool:
    """'…, which is depicted in.', '…, as summarized in.': the sentence ends on a preposition
    with no object under a passive or 'as' participle, the page's figure or table reference
    stripped from after it (s12b: its two cloze and tf cards rejected by every reviewer,
    "dangling 'which is depicted in.' refers to a missing figure"). A
    particle ('when sworn in', 'before caving in') or an active verb ('the world they live in')
    ends a sentence whole."""
    if tok.dep_ != "prep" or any(True for _ in tok.children) or any(
            not t.is_punct for t in tok.doc[tok.i + 1 : tok.sent.end]):
        return False
    verb = tok.head
    return verb.tag_ in ("VBN", "VBD") and any(
        (c.dep_ == "mark" and c.lower_ == "as") or c.dep_ == "auxpass" for c in verb.children)


# participles a page points back at its own text with ('the values described', 'the models
# listed'), and the adjectives that do it before the noun ('the above example')
_SAID = frozenset(str.split("describe mention list discuss outline note cite"))
_SAID_BEFORE = frozenset(str.split("above aforementioned abovementioned above-mentioned"))
# what may stand beside such a participle and leave it pointing at the page ('listed here')
_SAID_WHERE = _BESIDE | _EARLIER | {"here"}


def _said_before(tok: Token) -> bool:
    """'The yearly salaries described form a sequence', 'The last two models listed were …',
    'the mentioned types', 'the above example': a noun the page described a sentence before,
    pointed at by a bare participle of saying or by 'above' (s17c: its tf rejected by every
    reviewer, "'the last two models listed' needs the page"). With its own source or place
    ('the models listed in the catalogue', 'described by Darwin') the noun is given, and 'a
    given number' or 'illustrated manuscripts' say nothing of the page."""
    if tok.tag_ == "VBD" and tok.lemma_ in _SAID and tok.i + 1 < tok.sent.end and any(
            c.i == tok.i + 1 and c.dep_ in ("xcomp", "ccomp") and c.tag_ in ("VBP", "VBZ")
            for c in tok.children):
        return True  # 'The salaries described form …', parsed as 'described' with 'form' under
    if tok.head.pos_ not in ("NOUN", "PROPN") or tok.head == tok:
        return False
    if tok.lower_ in _SAID_BEFORE:
        return tok.i < tok.head.i and tok.dep_ in ("amod", "advmod", "compound") and bool(
            tok.whitespace_)  # 'the above-ground parts' is no pointer
    return tok.tag_ == "VBN" and tok.lemma_ in _SAID and tok.dep_ in ("acl", "amod") and all(
        c.lower_ in _SAID_WHERE for c in tok.children)


def _numbered_picture(tok: Token) -> bool:
    """'Figure 2.21', 'Table 7.1', 'Fig. 3': a picture of a page, by its number."""
    if tok.lemma_.lower().rstrip(".") not in (*_PICTURES, "fig") or not tok.text[:1].isupper():
        return False
    return tok.i + 1 < len(tok.doc) and tok.nbor(1).text[:1].isdigit()


def _as_follows(sent: Span) -> bool:
    """The sentence ends on 'as follows' ('The steps are as follows:', 'Between AD 14 and 180,
    the assignment of legions was as follows.'): what it says is the list after it, which no
    card made from the sentence alone can hold (s29c: its tf and cloze rejected by every
    reviewer, "'as follows' refers to the page"). A list kept in the sentence ('… as follows:
    apprentice, journeyman and master') states it and stands."""
    words = [t for t in sent if not t.is_punct]
    return len(words) > 2 and words[-1].lower_ in ("follows", "follow") \
        and words[-2].lower_ == "as" and words[-1].head == sent.root


def _pictured(sent: Span) -> bool:
    """The sentence points at a picture of the page: a mark on a screenshot ('The default, a
    blank presentation, is circled.'), a picture beside the text ('…, as shown in the
    illustration below.', 'The image above shows …') or the reader looking at one ('As you
    can see, …'). s19b, s30b: both such cards rejected by every reviewer ('refers to a figure
    on the page'). A mark with its means is a figure of speech and stands ('Interest rate
    risk can be highlighted by looking at bonds', s28b kept), and so is a picture with a name
    of its own ('the periodic table')."""
    if any(_placed_picture(tok) for tok in sent):
        return True
    root = sent.root
    if root.lemma_ in _MARKS and any(c.dep_ == "auxpass" for c in root.children) and all(
            _a_colour(c) for c in root.children if c.dep_ in ("agent", "advcl", "prep")):
        return True
    for tok in sent:
        if tok.lemma_ == "see" and any(c.dep_ == "nsubj" and c.lower_ == "you"
                                       for c in tok.children) and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
            return True  # 'As you can see, …'
        if tok.lemma_ not in _SHOWING or tok.pos_ != "VERB":
            continue
        if any(c.dep_ == "advmod" and c.lower_ in _BESIDE for c in tok.children):
            return True  # '… is shown below'
        shown = [o for c in tok.children if c.dep_ == "prep" for o in c.children
                 if o.dep_ == "pobj"]
        shown += [c for c in tok.children if c.dep_ == "nsubj"]
        if any(_a_picture(o) for o in shown):
            return True
    return False


def _placed_picture(noun: Token) -> bool:
    """'the image at the right', 'the third timeline on the right', 'the fourth scale': one of
    the page's pictures told by where it stands on the page or by its place in a row of them
    (s33b Geology, s12 Prime number: every such card rejected, "'fourth scale' refers to the
    figure"); 'the first line of defense', 'the insignia placed to the right' are no picture."""
    if noun.lemma_.lower() not in _LAID_OUT or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return False
    told = [c for c in noun.children if c.dep_ not in ("det", "amod", "punct")]
    return (any(c.dep_ == "amod" and c.lower_ in _ORDINAL_WORDS for c in noun.children)
            and all(_at_a_side(c) for c in told)) or any(_at_a_side(c) for c in noun.children)


def _at_a_side(prep: Token) -> bool:
    """'at the right', 'on the left': where a picture stands beside the text."""
    return prep.dep_ == "prep" and prep.lower_ in ("at", "on", "to") and any(
        o.dep_ == "pobj" and o.lower_ in ("right", "left") for o in prep.children)


def _a_colour(prep: Token) -> bool:
    """'in red', 'in bold' said of a mark: how it looks ('highlighted in a report' names
    where it was said, and 'by looking at bonds' how: a fact)."""
    return prep.lower_ in ("in", "with") and all(
        not any(c.dep_ in ("det", "nummod", "poss") for c in o.children)
        for o in prep.children)  # 'yellow' may be parsed as the preposition's amod


def _a_picture(noun: Token) -> bool:
    """'the illustration below', 'this figure', 'the image above': one of the page's pictures,
    pointed at; 'the periodic table', 'a graph' are things a card may name."""
    return noun.lemma_.lower() in _PICTURES and not any(
        c.dep_ in ("amod", "compound", "nummod") for c in noun.children) and any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "these")) or c.lower_ in _BESIDE
        for c in noun.children)


def _symbol(sent: Span) -> bool:
    """', x,' after a noun: the noun named by a letter for the example's working ('the final
    exam score, y,'); a letter in a formula ('V(x,y,z)') has no noun and commas around it."""
    for tok in sent[2:-1]:
        before, comma = tok.nbor(-2), tok.nbor(-1)
        if len(tok.text) == 1 and tok.is_alpha and tok.is_lower and comma.text == "," \
                and tok.nbor(1).text == "," and len(before) > 1 and before.pos_ == "NOUN":
            return True
    return False


def _hypothetical(sent: Span) -> bool:
    if conditioned(sent.root):
        return False  # 'This could be true if the firm is privatised': a stated condition
    return any(v.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ in _POSSIBLE
                                        for c in v.children) for v in _verbs(sent))


def _supposed(sent: Span) -> bool:
    """The sentence opens on a supposition verb in its base form with no subject of its own
    ('Suppose …', 'Assume that …', "Let's say …"). Read from its opening words, not its root:
    when a ';' or 'so' adds the example's result ('…; the borrower then pays $160'), the
    parser hangs the opening verb under the result's verb, and every number of the sentence
    was asked as a fact. A supposition with a subject ('Most beliefs assume …', 'As you can
    imagine, …') is someone's view or an aside, and stands."""
    words = [t for t in sent if not t.is_punct]
    verbs, us = SUPPOSING, None
    if len(words) > 2 and words[0].lower_ == "let" and words[1].lower_ in ("'s", "’s", "us"):
        # "Let's say …": the parser makes 's' the subject of 'say'; it is the reader
        words, verbs, us = words[2:], SUPPOSING | {"say"}, words[1]
    first = words[0] if words else None
    if first is None or first.tag_ != "VB" or any(c.dep_ in _SUBJECTS and c != us
                                                  for c in first.children):
        return False
    if first.lemma_.lower() == "consider" and us is None:
        # 'Consider two $1,000 bonds with a 5% coupon …', 'Consider a farmer who sells …': a
        # case made up for the reader. 'Consider how …' and 'Consider the following …' are
        # no case: the first asks to reflect, the second points at what the page goes on with
        return any(c.dep_ == "dobj" and _made_up(c) for c in first.children)
    return first.lemma_.lower() in verbs


# a word problem's question: 'how much/how many' and what a named person should do ('… how
# much should Soriya invest in each bond?'); 'How many moons does Jupiter have?' asks a fact
_HOW_MUCH = frozenset(["much", "many"])
_TO_DO = frozenset(str.split("should must will would can could"))
_PLACES = frozenset(["GPE", "LOC", "NORP"])


def problem_people(sents: Iterable[Span]) -> frozenset[str]:
    """The people of the page's word problems: a one-word name a question of the page asks
    'how much/how many' of, as the subject of what they should, must or will do ('In order to
    receive an 8.5% return …, how much should Soriya invest in each bond?', s33). Read once per
    page: the sentences naming them set the problem up ('Soriya plans to invest $10,500 into
    two different bonds …'), made-up amounts no card asks (``problem``)."""
    out: set[str] = set()
    for sent in sents:
        if not sent.text.rstrip().endswith("?") or not any(
                t.lower_ == "how" and t.i + 1 < sent.end and t.nbor().lower_ in _HOW_MUCH
                for t in sent):
            continue
        out |= {t.text for t in sent if t.pos_ == "PROPN" and t.dep_ == "nsubj"
                and t.ent_type_ not in _PLACES and not any(
                    c.dep_ == "compound" for c in t.children) and any(
                    c.dep_ == "aux" and c.lower_ in _TO_DO for c in t.head.children)}
    return frozenset(out)


def problem(sent: Span, people: Collection[str]) -> bool:
    """The sentence names a person of the page's word problem (``problem_people``): a
    character's plan and amounts, true only in the problem (s33: its tf and two cloze
    rejected by every reviewer, 'word-problem setup, not worth learning')."""
    return bool(people) and any(t.text in people for t in sent)


def _made_up(noun: Token) -> bool:
    """A noun brought in as a new case: 'a firm', 'two bonds' (not 'the 2 largest banks')."""
    return noun.pos_ == "NOUN" and noun.is_alpha and not any(
        c.dep_ == "det" and c.lower_ not in ("a", "an") for c in noun.children) and any(
        (c.dep_ == "det" and c.lower_ in ("a", "an")) or c.dep_ == "nummod"
        for c in noun.children)


def continues(sent: Span, case: Span) -> bool:
    """``sent`` goes on with the case a supposed sentence (``case``, ``_supposed``) set up: it
    speaks of 'the firm' that 'Suppose a bank lends $2,000 to a small firm …' made up, or of
    the 'you' it put in the case ('Imagine that you deposit $1,000 …. After one year, you will
    have $1,050.'). Its numbers are the worked example's result ('The firm then pays the bank
    $160 …'), true only in the supposed case."""
    made_up = {t.lemma_.lower() for t in case if _made_up(t)}
    you = any(t.lower_ == "you" for t in case)
    return any((t.pos_ == "NOUN" and t.lemma_.lower() in made_up and _pointed(t))
               or (you and t.lower_ == "you" and t.dep_ in _SUBJECTS) for t in sent)


# determiners that point back at a noun already brought in: 'the bond', 'each of these bonds'
_BACK_DETS = frozenset(["the", "this", "these", "those"])


def _pointed(noun: Token) -> bool:
    """'the bond', 'these bonds', or the bond of 'the longer-term bond price' (a compound of a
    noun pointed back at), 'the five-year bond' of 'Consider two bonds …. One matures in five
    years …'."""
    return any(c.dep_ == "det" and c.lower_ in _BACK_DETS for c in noun.children) or (
        noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in _BACK_DETS for c in noun.head.children))


def _stance(sent: Span) -> bool:
    first = sent[0]
    if first.lower_ == "of" and len(sent) > 2 and sent[1].lower_ == "course":
        return True
    return first.lower_ in _STANCE and first.pos_ == "ADV" and first.head == sent.root


def _anecdote(sent: Span) -> bool:
    for subj in (c for c in sent.root.children if c.dep_ == "nsubj"):
        if subj.lower_ == "one" and any(
                p.lower_ == "of" and any(o.lemma_.lower() in _PEOPLE for o in p.children)
                for p in subj.children):
            return True  # 'One of the students wonders …'
        if subj.tag_ == "NN" and subj.lower_ in _PEOPLE and any(
                c.dep_ in ("det", "nummod") and c.lower_ in ("the", "a", "an", "one")
                for c in subj.children):
            return True  # 'The student decides …', 'One reader identifies as …'
    return False


def _same(sent: Span) -> bool:
    root = sent.root
    if root.lemma_ != "be" or root.lower_ in ("are", "were") or any(
            c.dep_ == "nsubj" and (c.tag_ in ("NNS", "NNPS") or any(
                k.dep_ == "conj" for k in c.children)) for c in root.children):
        return False  # 'The three approaches are different': alike or not among themselves
    for c in root.children:
        if c.dep_ not in ("acomp", "attr"):
            continue
        words = [t for t in c.subtree]
        if any(t.lower_ in _LIKENESS for t in words) and len(words) <= 3 and not any(
                t.lower_ in _SECOND for t in c.subtree) and not any(
                t.lower_ in _SECOND for t in root.children):
            return True
    return False


# an amount of kinds or ways with nothing after it: which kinds, the page says elsewhere (or not)
_AMOUNTS = frozenset(str.split(
    "variety number range array multitude multiplicity host diversity plethora"))
_WAYS = frozenset(str.split("way manner sense"))
_MANY = frozenset(str.split("two three four several many different various"))
_KIND_WORDS = frozenset(str.split("different various types kinds sorts of"))


def _vague(sent: Span) -> bool:
    """Seen rated cards whose sentence this finds (every review to s27b): 0 kept, 18 rejected
    (12 tf, 6 cloze; s6, s11b, s12b, s14, s17c, s25b, s27b). A named amount ('a variety of
    fruits, such as …', or one the sentence names before it: 'software such as word processing
    … to accomplish a variety of tasks', 3 kept s26b) stands."""
    words = [t for t in sent if not t.is_punct]
    if not words or sent[-1].text not in (".", "!"):
        return False
    if any(t.lower_ == "such" and t.head.lower_ == "as" for t in sent):
        return False  # the examples are the content
    if any(t.lemma_ == "shed" and any(c.dep_ == "dobj" and c.lemma_ == "light"
                                      for c in t.children) for t in words):
        return True  # 'The properties of X shed some light on the nature of Y.'
    last = words[-1]
    if last.pos_ != "NOUN" or any(c.dep_ not in ("amod", "det", "nummod", "compound")
                                  for c in last.children):
        return False
    if last.lemma_ in _WAYS and last.dep_ == "pobj" and any(
            c.lower_ in _MANY for c in last.children):
        return True  # '… can be thought of in two manners.'
    # walk back from the last noun over 'of', 'different', 'types of' to 'a variety'
    i = len(words) - 2
    while i >= 0 and words[i].lower_ in _KIND_WORDS:
        i -= 1
    return i >= 1 and words[i].lemma_ in _AMOUNTS and words[i + 1].lower_ == "of" \
        and words[i - 1].lower_ in ("a", "an", "wide", "great", "large", "broad", "vast") \
        and not any(t.pos_ in ("NUM",) for t in words[i:])


def vague_existence(sent: Span) -> bool:
    """'There are many risks facing an entrepreneur …', 'There is a multiplicity of other ways
    to …', 'There are a variety of bodies designed to …': the main clause says only that an
    unnamed amount of something exists, and the sentence names nothing (no name, number or
    entity), so as a true/false statement it is a truism a student cannot get wrong, and its
    falsification ('There are not many …') one nobody would believe. Seen rated tf cards
    (s6-s27c) whose sentence this finds and no other rule refuses: 0 kept, 8 rejected ('vague',
    'platitude', 'nothing to learn'; s13b, s22b, s22c, s23b, s24, s25b, s27c); with a name or
    number in the sentence it stands ('There were two kinds of X.25 networks', 'In … the Yuan
    dynasty there were many famous painters': 4 kept, 3 rejected). No card of any type is made
    from it (parsed._for_sentence): its blank is guessed from the rest ('There are several ways
    to mitigate the _____ of teaching'); seen rated cloze cards from such a sentence, s6-s32c:
    1 kept, 5 rejected (s6, s13b, s28b, s32c), no question or multiple-choice card."""
    root = sent.root
    if root.lemma_ != "be" or any(t.pos_ in ("PROPN", "NUM") for t in sent) or sent.ents:
        return False
    there = next((c for c in root.children if c.dep_ == "expl" and c.lower_ == "there"), None)
    if there is None:
        return False
    for pivot in root.children:
        if pivot.dep_ not in ("attr", "nsubj") or pivot.i < there.i:
            continue
        if pivot.lemma_ in _AMOUNTS or any(c.dep_ in ("amod", "det") and c.lower_ in QUANTIFIERS
                                           for c in pivot.children):
            return True
    return False


def _praise(sent: Span) -> bool:
    root = sent.root
    if any(c.dep_ == "advmod" and c.lower_ == "certainly" for c in root.children):
        return True  # 'There are certainly many benefits to intelligence testing.'
    if any(c.dep_ == "advcl" and any(m.lower_ == "because" for m in c.children)
           for c in root.children):
        return False  # '… is a particularly interesting field because …': the reason is a fact
    heads = [c for c in root.children if c.dep_ in _OBJECTS and (
        c.dep_ != "dobj" or root.lemma_ in _GAINS)]
    heads += [k for h in heads for k in h.children if k.dep_ == "conj"]
    for head in heads:
        words = [head, *(c for c in head.children if c.dep_ in ("amod", "conj"))]
        for word in words:
            if word.lower_ in _PRAISE and not any(
                    c.lower_ in ("most", "least") for c in word.children):
                return True
    return False
