"""Pronouns resolved to the wrong thing, and a fronted limit dropped (s34, s34b: every reviewer,
wrong answer): a true/false statement that teaches something false. A subject pronoun never
stands for the one 'like'/'unlike' compares it with; an 'it' is not a name an earlier sentence
holds only after a preposition when that sentence's verb has a singular object; a pronoun is
not the subject of a sentence that only reports what others did; a clause keeps a fronted 'in a
few N' that says in which cases its fact holds. Invented text, the real pipeline."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation import clauses, misread
from agents.generation.candidates import Document
from agents.generation.parsed import generate
from agents.generation.reference import PERSONAL, Resolver
from agents.generation.text import usable_sentences


def _replacements(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    """(pronoun, what stands in for it) for each personal pronoun of the text, in order."""
    sents = misread.parse(nlp, [s.text for s in nlp(text).sents])
    resolver, out = Resolver(), []
    for sent in sents:
        out += [(t.text, resolver.replacement(t, sent)) for t in sent
                if t.lower_ in PERSONAL and t.pos_ == "PRON"]
        resolver.push(sent)
    return out


def _cards(nlp: Language, text: str) -> list[str]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return [c.question for c in generate(doc, nlp, "intermediate", None, None)
            if c.type in ("tf", "qa", "cloze")]


COMPARED = ("Marta Velloso wrote a long guide to the old canals of the north. Like Alice in the "
            "old story, she often finds that a map says less than its maker intends. She urges "
            "a distinction between lock keepers and bridge keepers.")


def test_the_one_a_subject_is_compared_with_is_not_its_pronoun(nlp: Language) -> None:
    said = [v for p, v in _replacements(nlp, COMPARED) if p.lower() == "she"]
    assert len(said) == 2 and "Alice" not in said, said
    cards = _cards(nlp, COMPARED)
    assert not any("Alice urges" in q or "Alice often" in q for q in cards), cards


CARRIED = ("In 1902 Velmish soldiers took the bronze bell from its tower in Carvona to protect it "
           "from the raiders. It was carried through the hills on carts to a small chapel, where "
           "it stayed for ten years.")


def test_an_it_is_not_a_place_after_in_when_the_verb_had_an_object(nlp: Language) -> None:
    said = [v for p, v in _replacements(nlp, CARRIED) if p == "It"]
    assert said and "Carvona" not in said, said
    cards = _cards(nlp, CARRIED)
    assert not any("Carvona was carried" in q for q in cards), cards


REPORTED = ("Buddhists believe that over the centuries the herders of the valley, the Tarvani, "
            "forgot their old songs and began to sing new ones. There they remained until a new "
            "teacher came to the valley.")


def test_a_pronoun_is_not_the_subject_that_only_reports(nlp: Language) -> None:
    said = [v for p, v in _replacements(nlp, REPORTED) if p == "they"]
    assert said and "buddhists" not in [(v or "").lower() for v in said], said
    cards = _cards(nlp, REPORTED)
    assert not any("buddhists remained" in q.lower() for q in cards), cards


LIMITED = ("In a few species like Velmaria tenuis, the roots have a thick waxy outer layer "
           "located in the outer cortex of the stem.")


def test_a_fronted_limit_stays_with_its_clause(nlp: Language) -> None:
    sent = misread.parse(nlp, [LIMITED])[0]
    cut = [c.text for c in clauses.clauses(sent, Resolver(), nlp)]
    assert not any(c.startswith("The roots") for c in cut), cut
    cards = _cards(nlp, LIMITED)
    assert not any("roots do not have" in q and "few species" not in q for q in cards), cards
    assert any("few species" in q for q in cards), cards  # the whole sentence's cards stay
