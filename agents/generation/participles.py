"""Who did what to a thing named with a participle: the agent of a noun's passive modifier.

"the salon genre of the nocturne, invented by the Irish composer John Field" → "Who invented
the nocturne?"; "at a party hosted by Marie d'Agoult" → "Who hosted the party?". The clause
around the noun says something else (Chopin took the genre), so the sentence-level question
for the agent has to echo that clause with the answer in situ ('Chopin took the new salon
genre of the nocturne, invented by the Irish composer who?'); the participle alone carries the
fact that the answer is, and people ask it in the active voice.
"""

from __future__ import annotations

from spacy.tokens import Span

from agents.generation.asking import simple_past
from agents.generation.reference import Resolver
from agents.generation.rendering import Builder
from agents.generation.spans import Answer

# the words of the noun's own phrase that stay with it in the question ('the new salon genre
# of the nocturne'); a relative clause or another participle is a second fact
_NOUN_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"})
_MAX_NOUN_WORDS = 8


def agent_question(sent: Span, answer: Answer, resolver: Resolver) -> str | None:
    """'Who/What <past verb> <the noun>?' when ``answer`` is the by-agent of a past participle
    that modifies a noun, else None."""
    head = answer.span(sent).root
    if head.dep_ in ("appos", "compound", "flat") and head.head.dep_ == "pobj":
        head = head.head  # "by the Irish composer John Field": the answer is the name
    agent = head.head
    if head.dep_ != "pobj" or agent.dep_ != "agent" or agent.lower_ != "by":
        return None
    verb = agent.head
    verbs = [verb]
    if verb.dep_ == "conj" and verb.head.dep_ == "acl" and verb.head.tag_ in ("VBN", "VBD"):
        # "a game developed and published by Nintendo": the agent of both, unless the first
        # has its own ("choreographed by Fokine and orchestrated by Glazunov")
        first = verb.head
        if not any(c.dep_ == "agent" for c in first.children):
            verbs = [first, verb]
        verb = first
    if verb.dep_ != "acl" or verbs[-1].tag_ != "VBN" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for v in verbs for c in v.children):
        return None
    forms = [simple_past(v) for v in verbs]
    noun = verb.head
    if None in forms or noun.i in range(answer.start, answer.end):
        return None
    past = " and ".join(f for f in forms if f)
    name = next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                 and c.i == c.right_edge.i and c.i < verb.i), None)
    if name is not None and not any(t.is_punct for t in name.subtree):
        # "a ballet, Chopiniana, orchestrated by …": the ballet's name says which
        phrase = Builder(sent, resolver).render(sorted(t.i for t in name.subtree), {})
        wh = "Who" if answer.kind in ("person", "group") else "What"
        return f"{wh} {past} {phrase}?" if phrase else None
    ids = [*sorted(t.i for c in noun.children if c.dep_ in _NOUN_DEPS and c.i < noun.i
                   for t in c.subtree), noun.i]
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               and c.i == noun.i + 1), None)
    if of is not None and len(list(of.subtree)) <= 4:
        ids += sorted(t.i for t in of.subtree)
    if len(ids) > _MAX_NOUN_WORDS or any(sent.doc[i].is_punct and sent.doc[i].text != "-"
                                         for i in ids):
        return None
    replace = {}
    first = sent.doc[ids[0]]
    if first.dep_ == "det" and first.lower_ in ("a", "an"):
        replace[first.i] = "the"  # "a party hosted by …": the party the page means
    phrase = Builder(sent, resolver).render(ids, replace)
    if not phrase:
        return None
    wh = "Who" if answer.kind in ("person", "group") else "What"
    return f"{wh} {past} {phrase}?"
