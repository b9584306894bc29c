"""Is the sentence a cloze or a statement shows whole still a sentence? Read from its parse.

A cloze card and a true/false card show their sentence as the page's own words, so a sentence
that the page's extraction, the sentence splitter or a clause cut (clauses.py) left broken
reaches the student as it is. On the seen rated cloze cards (dev and s6-s20b) about 15 % of the
rejected carry the reviewers' tags 'echo' or 'other' for that reason. ``garbled`` names the
shapes that a sentence's parse shows and that no well-formed sentence has (what
``grammar.not_a_statement`` already refuses, no finite main verb, a question, a cut piece, is
not repeated here):

- *quote*: a quotation mark opened and never closed ('… refers to the 'granting of land in
  return for service.', '… the term " Feudalism.');
- *doubled*: a function word twice in a row ('a weaker effect and and a lower response');
- *so*: a dangling 'so' between the subject and its verb, its 'and' cut away ('The theory of
  evolution so is often regarded as …');
- *what*: 'what' as the relative pronoun of a noun ('Trade in Lisbon what came next was …'):
  two pieces of text run together;
- *fragment*: the sentence opens with its main verb as an -ing form and has no subject
  ('Building wider lanes on crowded roads.': an item of a list, not a fact);
- *number*: a plural common noun for the main clause's subject and a singular finite verb
  ('Sculpture galleries works by continental sculptors …': a heading run into its text, no
  verb at all; 'Member states comes under a duty …'). Not a noun that is singular though it
  ends in -s ('Genital herpes is', 'Pharmacy informatics is', 'the data is'), nor a gerund's
  object ('Writing programs is …');
- *open_end*: the sentence ends on a word that opens what follows ('… and the', '… because')
  or on a passive's preposition with nothing after it ('…, which is shown in.': a figure
  reference dropped), or on a bare 'is' ('the law says that the force on a mass is.': a
  formula dropped);
- *reference* (``dropped_reference``, refused for every card type by
  ``grammar.not_a_statement``): a participle's 'in', or the sentence's opening 'In', with
  punctuation right after it ('… the two basic models described in: mechanistic or organic.',
  'These percentages, shown in , reflect …', 'In, the bicycle is …'): the page's 'Figure
  2.4' or 'Table 7.1' was dropped from the middle of the sentence (session 26's reviewers,
  all three: 'broken reference left in').

Measured on every seen rated card (``bench/data/card_reviews_*.jsonl``), parsing each card's
source sentence as the engine does: see the commit message and ``tests/test_generation_
garbled_s21.py``.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from agents.generation.spans import EVERYDAY_ZIPF, zipf

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_OPEN_ENDS = frozenset({"CCONJ", "SCONJ", "DET"})
_DOUBLED = frozenset({"CCONJ", "ADP", "DET"})
# what follows a dropped figure reference: the mark the page had after 'Figure 2.4'
_REFERENCE_GAPS = frozenset({":", ",", ";"})
_CITING = "in"  # 'shown in Figure 2.4', 'listed in Table 7.1'; 'see Figure 3' leaves '(see )'

_OPENING_QUOTES = frozenset({"'", "‘"})
_CLOSING_QUOTES = frozenset({"'", "’"})


def garbled(sent: Span, text: str) -> str:
    """Why ``sent``, shown as ``text`` (its rendering, blank or not), reads as broken text;
    empty when it does not."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words:
        return ""
    if _unclosed_quote(sent, text):
        return "quote"
    if any(a.text == b.text and a.pos_ in _DOUBLED for a, b in pairwise(words)):
        return "doubled"
    if any(_dangling_so(t) for t in sent):
        return "so"
    if any(t.lower_ == "what" and t.dep_ in (*_SUBJECTS, "dobj") and t.head.dep_ == "relcl"
           for t in sent):
        return "what"
    first, root = words[0], sent.root
    if first == root and root.tag_ == "VBG" and not any(c.dep_ in _SUBJECTS
                                                        for c in root.children):
        return "fragment"
    if _number(root):
        return "number"
    if words[-1].pos_ in _OPEN_ENDS or _stranded(words[-1]) or _bare_be(words[-1], sent):
        return "open_end"
    return ""


def _unclosed_quote(sent: Span, text: str) -> bool:
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return True
    # a single quote that opens a lowercase word ("the 'granting of …"); an apostrophe that
    # begins a name ("the 'Phags-pa script") is no quotation mark
    return any(t.text in _OPENING_QUOTES and t.tag_ == "``" and t.i + 1 < sent.end
               and sent.doc[t.i + 1].is_lower
               and not any(u.text in _CLOSING_QUOTES for u in sent.doc[t.i + 1 : sent.end])
               for t in sent)


def _dangling_so(tok: Token) -> bool:
    """'The theory of evolution so is regarded …': 'so' right after the subject and right
    before its verb (the parser hangs it on either)."""
    if tok.lower_ != "so" or tok.i + 1 >= tok.sent.end or tok.i == tok.sent.start:
        return False
    after = tok.doc[tok.i + 1]
    verb = after.head if after.dep_ in ("aux", "auxpass") else after
    if verb.pos_ not in ("VERB", "AUX") or verb.i < tok.i:
        return False
    return any(c.dep_ in _SUBJECTS and c.right_edge.i in (tok.i - 1, tok.i)
               and not c.right_edge.is_punct for c in verb.children)


def _stranded(last: Token) -> bool:
    """A passive's preposition with no object ('…, which is depicted in.'); a relative clause's
    own ('the world that people live in') and a particle ('sworn in') keep theirs."""
    verb = last.head
    if last.pos_ != "ADP" or last.dep_ != "prep" or any(last.children):
        return False
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return verb.dep_ == "ROOT" or (subject is not None and subject.tag_ in ("WDT", "WP"))


def dropped_reference(sent: Span) -> bool:
    """Whether a figure reference was dropped from inside ``sent`` (the module's
    *reference*; ``grammar.not_a_statement`` refuses such a sentence for every card type)."""
    return any(_dropped_reference(t) for t in sent)


def bare_partitive(sent: Span) -> bool:
    """Whether a count stands for a part of a plural its sentence names with no determiner
    ('621,200 of Kenyans are Orthodox Christians', s30b): English says 'of the', 'of its'
    ('three of the boys'), so every card of the sentence shows or asks broken text ('How many
    of Kenyans is …', '310,600 of Kenyans …': all four of its cards rejected). An amount ('£1
    of capital': a sign, a singular) and a count of a counted whole ('5 of 10 students') stay;
    ``grammar.not_a_statement`` refuses such a sentence for every card type."""
    # in figures only: a word count is English before 'several', 'few' ('one of several
    # programmes', 'one of few authorities': reviewers kept one of those cards, s24c, s27)
    return any(tok.tag_ == "CD" and tok.dep_ != "nummod" and any(ch.isdigit() for ch in tok.text)
               and not any(c.tag_ == "$" for c in tok.children)
               and any(_bare_plural(p) for p in tok.children if p.lower_ == "of")
               for tok in sent)


def _bare_plural(of: Token) -> bool:
    return any(o.dep_ == "pobj" and o.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("det", "poss", "nummod", "predet") for c in o.children) for o in of.children)


def _dropped_reference(tok: Token) -> bool:
    """'described in: mechanistic or organic', 'shown in , reflect', 'In, the bicycle': the
    'in' a page cites its figures with, followed at once by punctuation inside the sentence
    and hung on a past participle or opening the sentence. A particle ('when sworn in.') is
    no preposition; a relative clause's own preposition hangs on a finite verb ('the house he
    grew up in, a cottage'); two prepositions may share the object after a comma and a
    conjunction ('reserved to, and dealt with at, Westminster'); the sentence's end is
    ``_stranded``'s ('treated fairly and not discriminated against.' is whole). Other
    prepositions stay: 'including, but not limited to, stakeholders', 'the pharma (as it was
    referred to)'."""
    if tok.lower_ != _CITING or tok.dep_ != "prep" or tok.i + 2 >= tok.sent.end:
        return False
    after, then = tok.doc[tok.i + 1], tok.doc[tok.i + 2]
    if after.text not in _REFERENCE_GAPS or any(c.i < after.i for c in tok.children):
        return False
    if after.text == "," and then.pos_ == "CCONJ":
        return False
    return tok.head.tag_ == "VBN" or tok.i == tok.sent.start


def _bare_be(last: Token, sent: Span) -> bool:
    """'… says that the force on the body is.': a 'be' with nothing after it, in a sentence
    where no wh-word, 'as' or 'than' took its complement ('how strong the pull is', 'as poor
    as it was', 'stronger than the pull of the sun is')."""
    return last.lemma_ == "be" and not any(
        c.dep_ in ("attr", "acomp", "ccomp", "xcomp", "oprd") for c in last.children) and not any(
        t.tag_ in ("WRB", "WP", "WDT") or t.lower_ in ("as", "than", "so") for t in sent)


def _number(root: Token) -> bool:
    """The main clause's one subject is a plural common noun and its first finite verb a
    singular one (``garbled``'s *number*)."""
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1:
        return False
    subject = subjects[0]
    if subject.tag_ != "NNS" or subject.pos_ != "NOUN" or not subject.is_lower or any(
            c.dep_ in ("cc", "conj") for c in subject.children):
        return False
    if subject.lower_.endswith(("ics", "data")) or zipf(subject.lemma_.lower()) < EVERYDAY_ZIPF:
        return False  # singular in use: 'informatics is', 'the data is', 'herpes is'
    edge = subject.left_edge
    if edge.tag_ == "VBG" or (edge.i > 0 and edge.doc[edge.i - 1].tag_ == "VBG"):
        return False  # the object of a gerund subject: 'Writing programs is …'
    finite = [t for t in (root, *root.children) if (t == root or t.dep_ in ("aux", "auxpass"))
              and t.tag_ in ("VBZ", "VBP", "VBD", "MD")]
    return bool(finite) and min(finite, key=lambda t: t.i).tag_ == "VBZ"
