"""A sentence whose main verb the parser read as a noun, parsed again with the verb read.

The small English pipeline reads a present-tense verb after a singular noun as a plural noun
of the same phrase ('A skeptic questions the possibility of knowledge', 'Translation of the
mRNA template converts …', 'The fact-value distinction distinguishes between …'), or a past
verb set off after a comma as a modifier of its subject ('Some important researchers, such
as Florence Nightingale, subscribed to …'), or a plural verb as a singular noun ('The
particles of the medium oscillate around …'). The sentence then has no finite main verb (or
two subjects) and makes no card at all (grammar.not_a_statement), though it is often a
textbook's definition. Of the 1580 sentences of the seen textbook pages (session 24) 32 had
no finite main verb and 16 two subjects; 14 of the 48 are read again here.

Parsed again with an adverb before the verb ('A skeptic often questions …'), the parser reads
the verb; the adverb, a leaf of the verb, is then taken out of the parse, so the text, every
token and the cards made from it are the page's own words. Only a reading whose verb is the
main verb, after its own subject, and that makes the sentence a statement replaces the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from agents.generation import grammar

if TYPE_CHECKING:
    from spacy.language import Language

_CUE = "often"  # a verb's adverb: no noun phrase takes it in this place
_REFUSED = frozenset(["no finite main verb", "two subjects for one verb"])
_BEFORE_NOUN_VERB = frozenset(["NN", "NNP", "JJ", "-RRB-"])  # 'skeptic questions', '(EIAs) use'
_BEFORE_PLURAL_VERB = frozenset(["NN", "NNS", "NNPS", "-RRB-"])  # 'the medium oscillate'
# the subject a present verb agrees with: 'questions' a singular one ('skeptic', tagged JJ as
# often as NN), 'oscillate' a plural one
_AGREES = {"VBZ": frozenset(["NN", "NNP", "JJ"]), "VBP": frozenset(["NNS", "NNPS"])}
# a subject's head the parse read as a noun: tagged one ('Percentiles divide'), or tagged the
# verb it is but hung as the subject ('Deciles divide ranked data')
_NOUN_READ = frozenset(["NN", "VBP"])
_SUSPECTS = 3  # a parse costs a few milliseconds: the likeliest words only


def _compound_subject(sent: Span) -> Token | None:
    """A plural verb read as the head noun of its own subject, the subject its compound, while a
    later participle or noun is taken for the main verb: 'Percentiles divide ordered data into
    hundredths' parsed 'Percentiles divide' (subject) + 'ordered' (verb), 'grana consist of a
    stack … that resemble pancakes' as 'grana consist' + 'pancakes' (session 29: cloze answers
    'Percentiles divide', 'grana consist', negations 'Percentiles divide did not order',
    'resemble does not pancake'). The sentence then reads as a statement, so it is tried only
    where the subject is a bare lowercase singular noun (or a plural verb) right after its one
    compound, which ends in -s or is itself a lowercase proper noun (the tagger's guess for a
    word it does not know, 'grana'), and the root has no auxiliary; the second parse must
    confirm it."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
    if subj is None or subj.tag_ not in _NOUN_READ or not subj.is_lower or not subj.is_alpha \
            or subj.i == sent.start or subj.lower_.endswith("s"):
        return None
    before = subj.nbor(-1)
    left = list(subj.lefts)
    if left != [before] or before.dep_ != "compound" or any(True for _ in before.children) \
            or not _plural_looking(before):
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return None
    return subj


def _plural_looking(tok: Token) -> bool:
    """Plural by its tag or its -s, or a lowercase 'proper noun' (an unknown word, 'grana')."""
    return tok.is_alpha and (tok.tag_ in ("NNS", "NNPS")
                             or (tok.lower_.endswith("s") and tok.tag_ in ("NNP", "NN"))
                             or (tok.is_lower and tok.tag_ == "NNP"))


def _suspects(sent: Span) -> list[Token]:
    """The words that may be the main verb the parse read as something else."""
    out = []
    for tok in sent[1:]:
        before = tok.nbor(-1)
        if tok.tag_ == "NNS" and tok.is_lower and tok.lower_.endswith("s") \
                and before.tag_ in _BEFORE_NOUN_VERB:
            out.append(tok)  # 'skeptic questions' read as one noun phrase
        elif tok.tag_ == "NN" and tok.is_lower and tok.is_alpha \
                and before.tag_ in _BEFORE_PLURAL_VERB:
            out.append(tok)  # 'The particles of the medium oscillate around …'
        elif tok.tag_ in ("VBD", "VBN") and tok.dep_ == "acl" and tok.head == sent.root \
                and before.text == ",":
            out.append(tok)  # ', subscribed to …' read as a modifier of the subject
    return out[:_SUSPECTS]


def _without(doc: Doc, k: int) -> Doc:
    """``doc`` with its token ``k`` (a leaf) taken out of the text and the parse."""
    keep = [t for t in doc if t.i != k]
    return Doc(doc.vocab, words=[t.text for t in keep],
               spaces=[bool(t.whitespace_) for t in keep],
               tags=[t.tag_ for t in keep], pos=[t.pos_ for t in keep],
               morphs=[str(t.morph) for t in keep], lemmas=[t.lemma_ for t in keep],
               heads=[t.head.i - (t.head.i > k) for t in keep], deps=[t.dep_ for t in keep],
               ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in keep])


def verb_read(sent: Span, nlp: Language) -> Span | None:
    """The sentence parsed with its main verb read, or None when the first parse had one (or
    no second reading makes it a statement)."""
    compound = _compound_subject(sent)
    if compound is not None:
        suspects = [compound]
    elif grammar.not_a_statement(sent) in _REFUSED:
        suspects = _suspects(sent)
    else:
        return None
    doc = sent.doc
    for verb in suspects:
        cued = nlp(doc[sent.start: verb.i].text_with_ws + f"{_CUE} " + doc[verb.i: sent.end].text)
        k = verb.i - sent.start  # where the cue is in the new parse
        if len(cued) != len(sent) + 1 or cued[k].text != _CUE:
            continue  # the cue changed how the words around it split
        cue, read = cued[k], cued[k + 1]
        if cue.ent_type_ or any(True for _ in cue.children) or cue.head != read:
            continue  # the cue is not the verb's leaf: taking it out would break the parse
        if read.dep_ != "ROOT" or read.tag_ not in ("VBZ", "VBP", "VBD"):
            continue
        subject = next((c for c in read.children if c.dep_ == "nsubj" and c.i < read.i), None)
        if verb is compound and (subject is None or subject.i != verb.i - sent.start - 1
                                 or read.tag_ != "VBP" or not _plural_looking(subject)):
            continue  # the compound must be read as the plural subject of the verb
        if subject is None or (read.tag_ in _AGREES and subject.tag_ not in _AGREES[read.tag_]
                               and verb is not compound
                               and not (read.tag_ == "VBP" and any(
                                   c.dep_ == "conj" for c in subject.children))):
            continue  # no subject of its own, or one the verb does not agree with
        again = _without(cued, k)[:]
        if not grammar.not_a_statement(again):
            return again
    return None


def parse(nlp: Language, texts: list[str]) -> list[Span]:
    """Each text parsed as one span, a misread main verb read again (``verb_read``)."""
    out = []
    for d in nlp.pipe(texts, batch_size=64):
        sent = d[:]
        out.append(verb_read(sent, nlp) or sent)
    return out
