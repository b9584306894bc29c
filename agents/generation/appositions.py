"""Where a named place lies, from the apposition that says it.

"The Normans gave their name to Normandy, a region in France" → "In what country is
Normandy?" and "Where is Normandy?" for the answer "France". The clause around the name says
something else (the Normans gave it their name), so the clause-level question for the place
leaves the wh-word inside the apposition ('… to Normandy a region in what country?'); the
apposition alone carries the fact the answer is, and people ask it with a copula.
"""

from __future__ import annotations

from spacy.tokens import Span

from agents.generation.reference import Resolver
from agents.generation.rendering import Builder
from agents.generation.spans import Answer

# the prepositions of an apposition that place the name ('a region in France', 'a town on
# the Loire', 'a village near Rouen')
_PLACING = frozenset({"in", "on", "near"})
_MAX_NAME_WORDS = 6


def placed_in(sent: Span, answer: Answer, resolver: Resolver) -> list[str]:
    """'Where is N?' and '<prep> what place is N?' when ``answer`` is the place an apposition
    of the name N puts it in ('Normandy, a region in France'), else []."""
    if answer.kind != "place":
        return []
    target = answer.span(sent).root
    prep = target.head
    if target.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _PLACING:
        return []
    noun = prep.head
    named = noun.head
    if noun.dep_ != "appos" or noun.pos_ != "NOUN" or named.pos_ != "PROPN" or named.i > noun.i:
        return []
    doc = sent.doc
    if not all(doc[i].text == "," or doc[i].head == noun or doc[i] == noun
               for i in range(named.i + 1, noun.i)):
        return []  # ('Normandy, a region in France': only the comma and the noun's own words)
    ids = list(range(named.left_edge.i, named.i + 1))
    if any(doc[i].is_punct for i in ids) or len(ids) > _MAX_NAME_WORDS or not all(
            sent.start <= i < sent.end for i in ids):
        return []
    name = Builder(sent, resolver).render(ids, {})
    if not name:
        return []
    name = name if doc[ids[0]].pos_ == "PROPN" else name[:1].lower() + name[1:]
    be = "are" if named.tag_ in ("NNS", "NNPS") else "is"
    return [f"Where {be} {name}?", f"{prep.lower_.capitalize()} what place {be} {name}?"]
