"""A definitional question ('What is X?') whose answer leans on a definite phrase of everyday
words the card does not bind ('the highest court in the federation': which federation?) is
never delivered (keep.unbound_definition, quality.QualityScorer.score). Seen rated qa cards
of that shape, every review dev..s32b: served 1 kept / 5 rejected, explored 0 / 3 (s32b:
"What is The Judicial Council?" → "the highest court in the denomination", 'the denomination'
unresolved). The same sentence's reverse question, and a definition whose answer binds its
phrase ('the basic model of a gas turbine'), are delivered as before. Invented texts, the engine's
real spaCy pipeline."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.quality import QualityScorer
from agents.generation.text import usable_sentences


def _scored(nlp: Language, text: str) -> dict[tuple[str, str], float]:
    """(question, answer) → soundness of every qa card the engine makes of the text."""
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    cands = [c for c in generate(doc, nlp, "intermediate", None, None) if c.type == "qa"]
    return {(s.candidate.question, s.candidate.answer): s.quality["soundness"]
            for s in QualityScorer(None).score(cands, "intermediate")}


def test_a_definition_leaning_on_an_unnamed_body_is_not_delivered(nlp: Language) -> None:
    scored = _scored(nlp, "The Synod Tribunal is the highest court in the federation.")
    asked = {q: s for (q, a), s in scored.items() if a == "the highest court in the federation"}
    assert asked, scored
    assert all(s == 0.0 for s in asked.values()), asked


def test_a_definition_that_binds_its_phrase_is_delivered(nlp: Language) -> None:
    scored = _scored(nlp, "The Velmar cycle is the basic thermodynamic model of a gas turbine.")
    asked = {q: s for (q, a), s in scored.items() if a.startswith("the basic thermodynamic")}
    assert asked and all(s > 0.0 for s in asked.values()), scored


def test_what_counts_as_an_unbound_definition() -> None:
    from agents.generation.keep import unbound_definition

    def check(answer: str, role: str = "definition") -> bool:
        return unbound_definition(Candidate("qa", "What is the Orvell Board?", answer, "",
                                            tags=["qa", f"role:{role}"]))

    assert check("the main committee in the district")
    assert not check("the main committee of the Tamsin district")
    assert not check("a committee of nine elders")
    # a subject asked of the same sentence names its answer: no definition
    assert not check("the main committee in the district", role="subject")
