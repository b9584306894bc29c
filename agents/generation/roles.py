"""What the page itself calls each name: the class a multiple-choice option must share.

The small model's NER label is a weak kind: it tags cities as persons ('Shangdu' beside
'Kublai' and 'Möngke Khan') and dynasties as places ('Song' among 'Kublai', 'Emperor Bing',
'Xiangyang'), and a truck model and its maker are both ORG ('Forte' among 'Mitsubishi',
'Dodge'). Blind reviews s12 and s12b rejected every such card. The page, though, often says
what a name is:

- a class noun after it: 'the Song dynasty', 'the Amazon River' (``spans.CLASS_WORDS``): the
  name and the name without the noun are of that class; a name headed by any common noun is of
  that noun's class ('the Mazda Truck', 'the Edict of Nantes');
- a title or a people noun: 'Emperor Bing', 'his brother Kublai', 'Ögedei's son, Güyük': a
  person;
- an apposition: 'Hangzhou, the wealthiest city of China': a city;
- the slot it fills: 'the Isuzu-built Chevrolet' (a maker, '-build');
- and a list shares one class: 'Mazda, Mitsubishi and Isuzu' are all what any of them is.

``classes`` maps each name to every class the page gives it (empty: the page does not say).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Span, Token

from agents.generation.spans import CLASS_WORDS, PERSON_NOUNS, TITLES
from agents.generation.terms import norm

PERSON = "person"
_SLOT_VERBS = frozenset(["build", "make", "design", "manufacture", "produce", "own", "found",
                         "led", "lead", "sponsor", "fund", "run", "back"])
_TITLE_DEPS = frozenset(["compound", "appos", "nmod"])
_TITLES = TITLES - {"st", "saint"}  # 'St Louis', 'Saint Petersburg' are places


def _norm_class(lemma: str) -> str:
    lemma = lemma.lower()
    return PERSON if lemma in PERSON_NOUNS else lemma


def _common_head(tok: Token, common: frozenset[str]) -> bool:
    """A common noun as a name's head ('Truck' in 'the Mazda Truck', which the page also
    says in lower case: 'compact trucks'), not a part of the name ('Inner Mongolia')."""
    lemma = tok.lemma_.lower()
    return tok.is_alpha and (lemma in CLASS_WORDS or lemma in PERSON_NOUNS or lemma in common)


def mention_classes(span: Span, common: frozenset[str] = frozenset()
                    ) -> tuple[set[str], str | None]:
    """The classes one mention of a name gets from its sentence, and the name without a
    trailing class noun ('the Song dynasty' → 'Song'), if it has one."""
    out: set[str] = set()
    bare = None
    doc = span.doc
    first, last, root = span[0], span[-1], span.root
    if (first.lower_ in PERSON_NOUNS or first.lower_.rstrip(".") in _TITLES) and len(span) > 1:
        out.add(PERSON)  # 'Emperor Bing', 'King Louis XV', 'Colonel Edgar Morrow'
    if len(span) > 1 and _common_head(root, common) and root.i != first.i:
        out.add(_norm_class(root.lemma_))  # 'the Mazda Truck' is a truck
        if root.i == last.i and root.lower_ in CLASS_WORDS:
            bare = doc[span.start : last.i].text.removeprefix("the ").strip() or None
    if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN" \
            and root.head.lower_ in CLASS_WORDS and root.head.i == last.i + 1:
        out.add(_norm_class(root.head.lemma_))  # '(the) Song dynasty' with 'Song' alone
    # an apposition ("Ögedei's son, Güyük"; 'Hangzhou, the wealthiest city of China') or a
    # title before the name ('his brother Kublai'); 'the last Song emperor' is no person
    near = [root.head] if root.dep_ == "appos" else []
    near += [c for c in root.children if c.dep_ == "appos" or (
        c.dep_ in _TITLE_DEPS and c.i < root.i)]
    for other in near:
        if other.pos_ == "NOUN" and _common_head(other, frozenset()):
            out.add(_norm_class(other.lemma_))
    after = doc[last.i + 1 : last.i + 3]
    if len(after) == 2 and after[0].text == "-" and after[1].lemma_.lower() in _SLOT_VERBS:
        out.add("-" + after[1].lemma_.lower())  # 'the Isuzu-built Chevrolet': a maker
    return out, bare


def classes(mentions: Sequence[Span]) -> dict[str, set[str]]:
    """Every class the page gives each name (``mentions``: the pool's answer spans and the
    sentences' entities, each sentence its own Doc), lists sharing theirs."""
    out: dict[str, set[str]] = {}
    docs = {id(m.doc): m.doc for m in mentions}.values()
    common = frozenset(t.lemma_ for d in docs for t in d if t.pos_ == "NOUN" and t.is_lower)
    texts: dict[tuple[int, int], str] = {}  # (doc, root token) → the mention's text, for lists
    for span in mentions:
        found, bare = mention_classes(span, common)
        text = span.text.removeprefix("the ").strip()
        out.setdefault(text, set()).update(found)
        if bare:
            out.setdefault(bare, set()).update(found)
        texts[(id(span.doc), span.root.i)] = text
    groups: list[set[str]] = []
    for span in mentions:  # 'Mazda, Mitsubishi and Isuzu': one class
        key = id(span.doc)
        group = {texts[(key, span.root.i)]} | {texts[(key, c.i)] for c in span.root.conjuncts
                                                if (key, c.i) in texts}
        if len(group) > 1:
            groups.append(group)
    for group in groups:
        shared = set().union(*(out.get(t, set()) for t in group))
        for t in group:
            out[t] = out.get(t, set()) | shared
    return out


def clash(answer: set[str], option: set[str], strict: bool) -> bool:
    """The option is of another class than the answer: the page gives both classes and they
    share none, or (``strict``) the page gives one of them a class and the other none."""
    if answer and option:
        return not answer & option
    return strict and bool(answer or option)


# what a page says to make one term a kind of another: 'examples of electromagnetic waves are
# radio waves, …', 'waves such as …', 'gamma waves are electromagnetic waves', '… and other
# waves' (on normalised text: lower case, no punctuation; a list is a run of words; 'examples
# of A are B' makes no A a kind of B)
_SORTS = r"(?:examples?|types?|kinds?|forms?|sorts?|classes|instances?)"
_LIST = r"(?:\w+ ){0,12}?"
_PLAIN = r"(?:(?!(?:than|not|unlike|like|as|and|or|of|to|in)\b)\w+ ){0,2}"
_KIND_OF = (
    r"{sorts} of (?:the )?{of} (?:are|is|include|includes|including) {list}{kind}",
    r"{of} (?:such as|including|include|includes|for example|e g|especially) {list}{kind}",
    r"{kind} {list}(?:and|or) other {of}",
    r"(?<!of ){kind} (?:is|are|was|were) (?:a |an |one )?{plain}{sorts} of (?:the )?{of}",
    r"(?<!of ){kind} (?:is|are|was|were) (?:a |an |also )?{plain}{of}",
)


def _split(phrase: str) -> tuple[list[str], str]:
    """A normalised phrase's words up to its last one's stem, and the pattern of that word's
    ending, singular or plural ('gamma waves' → gamma, wave, '(?:s|es)?'; 'bodies' → bod,
    '(?:y|ies)')."""
    *first, last = phrase.split()
    if last.endswith("ies") and len(last) > 4:
        return [*first, last[:-3]], "(?:y|ies)"
    if re.search(r"(?:ss|x|z|ch|sh|us)es$", last):  # 'viruses', 'boxes'
        return [*first, last[:-2]], "(?:es)?"
    return [*first, (last[:-1] if last.endswith("s") and not last.endswith("ss")
                     and len(last) > 3 else last)], "(?:s|es)?"


def _words(phrase: str) -> str:
    """A normalised phrase as a pattern, singular or plural ('gamma waves' → 'gamma wave',
    'bodies' → 'body')."""
    words, ending = _split(phrase)
    return " ".join(map(re.escape, words)) + ending


def _stem(phrase: str) -> str:
    """The text every match of ``_words(phrase)`` holds: its words up to the last one's stem
    ('gamma wave', 'bod')."""
    return " ".join(_split(phrase)[0])


def kind_of(kind: str, of: str, sentences: Sequence[str]) -> bool:
    """The page says ``kind`` is a kind of ``of`` (``sentences`` normalised with
    ``terms.norm``): offered for the other, an option is true as well ('Electromagnetic waves'
    for what 'Gamma waves' do, when the page lists gamma waves among electromagnetic waves;
    s19c: water, sound and seismic waves for 'Mechanical waves' on a textbook page)."""
    kind, of = _bare(norm(kind)), _bare(norm(of))
    if not kind or not of or kind == of:
        return False
    # every pattern holds both phrases' stems as they are (``_stem``): a sentence without them
    # matches none, and most option pairs of a page are in no sentence together, so their five
    # patterns (a third of an mcq pick's time, compiled anew for each page's pairs) are not
    # built at all
    stems = _stem(kind), _stem(of)
    said = [s for s in sentences if all(stem in s for stem in stems)]
    if not said:
        return False
    found = _patterns(kind, of)
    return any(p.search(s) for s in said for p in found)


@lru_cache(maxsize=4096)
def _patterns(kind: str, of: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?<!\w){p}(?!\w)".format(
        sorts=_SORTS, list=_LIST, plain=_PLAIN, kind=_words(kind), of=_words(of)))
        for p in _KIND_OF)


def nested(option: str, answer: str, sentences: Sequence[str]) -> bool:
    """The page makes one of ``option`` and ``answer`` a kind of the other, or of the
    answer's class without its first word ('Basic mechanical waves' among water and seismic
    waves, which the page calls mechanical waves)."""
    words = _bare(norm(answer)).split()
    wider = [" ".join(words[i:]) for i in range(1, len(words) - 1)]
    return kind_of(option, answer, sentences) or kind_of(answer, option, sentences) or any(
        kind_of(option, w, sentences) for w in wider)


def _bare(text: str) -> str:
    return re.sub(r"^(?:the|a|an) ", "", text)
