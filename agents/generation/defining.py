"""Definitional questions from appositions: "Tarquin the Proud, the last king of Rome, …"."""

from __future__ import annotations

from spacy.tokens import Span

from agents.generation.reference import Resolver
from agents.generation.rendering import Builder, keeps_case


def definitions(sent: Span, resolver: Resolver | None = None) -> list[tuple[str, str, str]]:
    """(question, answer, kind) pairs from appositions and copulas:
    'Tarquin the Proud, the last king of Rome, …' → ('Who was Tarquin the Proud?', 'the last
    king of Rome') and ('Who was the last king of Rome?', 'Tarquin the Proud')."""
    doc = sent.doc
    past = any(t.tag_ == "VBD" for t in sent)
    out: list[tuple[str, str, str]] = []
    builder = Builder(sent, resolver)
    for tok in sent:
        if tok.dep_ == "appos" and tok.head.pos_ in ("PROPN", "NOUN"):
            head = tok.head
            # multi-word names: "Tarquin the Proud" continues after the head
            end = head.i + 1
            while end < tok.left_edge.i and doc[end].text != "," and doc[end].head.i in range(
                head.left_edge.i, end
            ):
                end += 1
            name_ids = list(range(head.left_edge.i, end))
            desc_ids = [t.i for t in tok.subtree if not (t.is_punct and t.i in (
                tok.left_edge.i, tok.right_edge.i))]
            if not desc_ids or len(desc_ids) > 14 or len(name_ids) > 6:
                continue
            name = builder.render(name_ids, {})
            desc = builder.render(desc_ids, {})
            if not name or not desc or doc[name_ids[0]].pos_ == "PRON":
                continue
            is_person = head.ent_type_ in ("PERSON", "PER") or tok.lemma_.lower() in {
                "king", "queen", "emperor", "leader", "general", "president", "scientist"}
            plural = head.tag_ in ("NNS", "NNPS")
            be = ("were" if plural else "was") if past else ("are" if plural else "is")
            wh = "Who" if is_person else "What"
            name_q = name if keeps_case(doc[name_ids[0]]) else name[:1].lower() + name[1:]
            out.append((f"{wh} {be} {name_q}?", desc, "definition"))
            if doc[desc_ids[0]].lower_ == "the":
                out.append((f"{wh} {be} {desc}?", name, "person" if is_person else "name"))
    return out

