"""Rendering a question from token ids: pronouns resolved, asides dropped, case and spacing fixed.

The builder is handed the token ids of the question's words in their new order and the
replacements (the wh-phrase, a moved auxiliary, a verb's lemma after do-support). A personal
pronoun is replaced by its antecedent and "this process" by the phrase it points back to
(reference.py); when neither resolves, nothing is rendered (None) and no card is made.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from agents.generation.mentions import of_owner
from agents.generation.reference import (
    DEMONSTRATIVE,
    PERSONAL,
    UNRESOLVABLE,
    Resolver,
    bare_shell,
    expletive,
    generic_relative,
    ours,
)
from agents.generation.spans import zipf

_ARTICLES = frozenset({"the", "a", "an", "such", "some", "all", "both", "many", "most"})
_NAME_LABELS = frozenset({"PERSON", "PER", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT",
                          "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE", "MISC"})


def keeps_case(tok: Token, names: frozenset[str] = frozenset()) -> bool:
    """``tok``, a sentence's first word moved mid-text, keeps its capital: a name. ``names``
    are the words the page writes capitalised inside a sentence (spans.names_used): a name the
    tagger read as a common word ('Tyneside flats', ADJ), or its plural. An article is a name's
    only before a capitalised word on a page that writes 'The' mid-sentence ('The Hague'): a
    title's 'The' elsewhere on the page kept 'When was The last General Conference held …?'
    (s32: every reviewer, stray capital)."""
    if tok.pos_ == "DET":
        after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return tok.lower_ in names and after is not None and after.text[:1].isupper()
    low = tok.lower_
    return low in names or (low.endswith("s") and low[:-1] in names) or tok.pos_ == "PROPN" \
        or tok.ent_type_ in _NAME_LABELS or tok.text == "I" \
        or (tok.text.isupper() and len(tok.text) > 1) or _unknown_name(tok)


def titled_word(tok: Token) -> bool:
    """A pronoun written with a capital inside its sentence is a word of a title ('"Fear Her"
    (2006)', 'Walk the Line and Her Story'), not someone to name: 'In both "Fear the Doctor"
    and …' renamed an episode (s30c: every reviewer, wrong answer)."""
    return tok.text[:1].isupper() and tok.i != tok.sent.start and tok.text != "I" and \
        tok.doc[tok.i - 1].text not in ".!?:;\"“'‘("


def _needs_article(found: str) -> bool:
    """'Most of these schools' → 'Most of the Ergänzungsschulen', not 'Most of Ergänzungsschulen'
    (s28, s30b: every reviewer, ungrammatical): after a quantity's 'of' (its callers' test) a
    group reads 'of the …'; a phrase with its own article or owner, or a list of names ('Apple
    and Google'), stands."""
    words = found.split()
    return bool(words) and words[0].lower() not in _ARTICLES and \
        "'" not in words[0] and "’" not in words[0] and " and " not in found and \
        "," not in found


# a capitalised word this rare is a name the tagger missed ('Telenet' 1.7, tagged NN), not a
# word capitalised by opening its sentence ('Hypnosis' 3.3, 'Erythrocytes' 2.2)
_NAME_ZIPF = 2.0


def _unknown_name(tok: Token) -> bool:
    """A capitalised word the page never writes in lower case that is rare, or that the page
    also capitalises inside a sentence: a name the tagger took for a common noun."""
    if not (tok.text[:1].isupper() and tok.text[1:].islower() and tok.is_alpha):
        return False
    same = [t for t in tok.doc if t.lower_ == tok.lower_ and t.i != tok.i]
    if any(t.text[:1].islower() for t in same):
        return False
    return zipf(tok.lower_) < _NAME_ZIPF or any(not t.is_sent_start for t in same)


class Builder:
    """Assembles a question from token ids, replacements and inserted words."""

    def __init__(self, sent: Span, resolver: Resolver | None, names: bool = True) -> None:
        self.sent = sent
        # False: "the academy" stays as written (a clause to re-parse, whose cards are
        # rendered again and named then; its answers must come from the source's own words)
        self.names = names
        self.doc = sent.doc
        self.resolver = resolver or Resolver()
        # asides in brackets ("Normans (Norman: Nourmands; French: Normands)") never show
        self.bracketed: set[int] = set()
        depth = 0
        for tok in sent:
            if tok.text == "(":
                depth += 1
            if depth:
                self.bracketed.add(tok.i)
            if tok.text == ")" and depth:
                depth -= 1

    def _beside(self, pronoun: Token, ids: list[int]) -> bool:
        """'the Rhine and its downstream extension', 'Luther and his wife': a possessive whose
        noun is joined by 'and' to a noun of its number before it on the card stands for that
        noun, said just before; the resolver looked further and wrote "the Rhine and frozen
        subsoil's downstream extension" (s29: every reviewer, garbled and wrong)."""
        noun = pronoun.head
        if pronoun.dep_ != "poss" or noun.dep_ != "conj" or pronoun.lower_ == "her":
            return False
        first = noun.head
        if first.pos_ not in ("NOUN", "PROPN") or first.i not in ids or first.i > pronoun.i:
            return False
        _, number, _ = PERSONAL[pronoun.lower_]
        plural = first.tag_ in ("NNS", "NNPS")
        if pronoun.lower_ == "his":
            return first.pos_ == "PROPN" and not plural
        return plural == (number == "plur")

    def render(self, ids: list[int], replace: dict[int, str]) -> str | None:
        pieces: list[tuple[str, int]] = []
        for i in ids:
            tok = self.doc[i]
            if i in self.bracketed and i not in replace:
                continue
            if i in replace:
                if replace[i]:
                    pieces.append((replace[i], i))
                continue
            low = tok.lower_
            if tok.pos_ == "PRON" and low in UNRESOLVABLE:
                if generic_relative(tok):
                    pieces.append((tok.text, i))  # 'the food we eat': nobody in particular
                    continue
                shared = ours(tok)
                if shared is None or any(replace.get(j) is not None for j in shared[1]):
                    return None
                pieces.append((shared[0], i))  # 'our Sun' → 'the Sun'
                for j in shared[1]:
                    replace[j] = ""
                continue
            if low == "here" and tok.dep_ == "advmod" and not self.resolver.lenient:
                return None  # "The Monument … is also situated here": where, the page says
            if low in DEMONSTRATIVE and tok.tag_ == "DT" and tok.dep_ != "det":
                if self.resolver.keeps_pointers:
                    pieces.append((tok.text, i))
                    continue
                return None  # "because of this", "What did that attack …?": no referent
            if tok.pos_ == "PRON" and low in PERSONAL and tok.dep_ != "expl":
                if expletive(tok) or titled_word(tok) or self._beside(tok, ids):
                    # "it is believed / was found that …": no referent; "Fear Her": a title's
                    # word; "the Rhine and its extension": the antecedent is on the card
                    pieces.append((tok.text, i))
                    continue
                local = self.resolver.local(tok, self.sent)
                if local is not None and local.i in ids and ids.index(local.i) < ids.index(i):
                    pieces.append((tok.text, i))  # its antecedent is on the card already
                    continue
                found = self.resolver.replacement(tok, self.sent)
                if found is None:
                    return None
                bare = found.removesuffix("'s").removesuffix("'")
                if bare in " ".join(text for text, _ in pieces):
                    pieces.append((tok.text, i))  # "the river changed its course": clear
                    continue
                if of_owner(tok) is not None and tok.lower_ == "them" and _needs_article(found):
                    # 'Many of them' → 'Many of the wheat growers', not 'Many of wheat growers'
                    found = "the " + found
                pieces.append((found, i))
                continue
            if low in DEMONSTRATIVE and tok.dep_ == "det" and tok.head.pos_ == "PROPN" and \
                    not self.resolver.lenient:
                # 'these "Afghan Arabs"': a name of two words or more says who ('the Afghan
                # Arabs'); 'this Board' is the short form only the page names (s17c: every
                # reviewer tagged the unresolved 'these' missing-context)
                words = [t for t in self.doc[tok.i + 1 : tok.head.i + 1] if not t.is_punct]
                if len(words) < 2 or not all(t.pos_ == "PROPN" for t in words):
                    return None
                pieces.append(("the", i))
                continue
            if low in DEMONSTRATIVE and tok.dep_ == "det" and tok.head.pos_ == "NOUN":
                found = self.resolver.demonstrative(tok.head)
                if found is None and self.resolver.keeps_pointers:
                    pieces.append((tok.text, i))
                    continue
                if found is None:
                    return None
                if of_owner(tok.head) is not None and (
                        tok.lower_ in ("these", "those") or found[:1].islower()) and \
                        _needs_article(found):
                    # 'all of these smart technologies' → 'all of the smart technologies', not
                    # 'all of smart technologies' (s16: all three reviewers, ungrammatical)
                    found = "the " + found
                # "this process" → "photosynthesis": the head noun goes too
                pieces.append((found, i))
                replace[tok.head.i] = ""
                skip_between = [j for j in ids if i < j < tok.head.i]
                for j in skip_between:
                    replace[j] = ""
                continue
            if tok.lower_ == "the" and tok.dep_ == "det" and tok.head.i in ids:
                stands = self.resolver.anaphor(tok, self.sent)
                if stands is None:
                    return None  # "The clinical section is …": which one, the page says
                if stands and self.names:
                    pieces.append((stands, i))  # "the academy" → "the Academy of …"
                    for j in ids:
                        if i < j <= tok.head.i:
                            replace[j] = ""
                    continue
            if bare_shell(tok) and tok.head.i in ids:
                found = self.resolver.definite(tok.head)
                if found is None and self.resolver.keeps_pointers:
                    pieces.append((tok.text, i))
                    continue
                if found is None:
                    return None  # "When is the system …?": which system, the page says
                pieces.append((found, i))
                for j in ids:
                    if i < j <= tok.head.i:
                        replace[j] = ""
                continue
            pieces.append((tok.text, i))
        # the sentence's first word is capitalised only because it came first
        start = self.sent.start
        first = self.doc[start]
        named = keeps_case(first, self.resolver.names)
        pieces = [(t.lower() if i == start and t == first.text and not named else t, i)
                  for t, i in pieces]
        out = ""
        for n, (text, i) in enumerate(pieces):
            if n:
                prev_i = pieces[n - 1][1]
                glue = " "
                if prev_i is not None and i is not None and prev_i < i and all(
                        replace.get(j) == "" for j in range(prev_i + 1, i)):
                    # the text's own spacing, also after a phrase replaced by one piece: a
                    # cloze blank keeps its closing quote ('these "_____"', not '"_____ "')
                    glue = self.doc[i - 1].whitespace_
                if re.match(r"^[,.;:!?%)]|^'s\b|^n't\b", text):
                    glue = ""
                out += glue
            out += text
        out = re.sub(r"\s+", " ", out)
        out = re.sub(r"(\(\s*\)|,\s*,)", ",", out)
        out = re.sub(r"\s+,", ",", out).strip(" ,;:")
        return out
