"""Cloze cards reviewers of s17, s17b and s17c rejected, with the real pipeline and invented
text: a quoted blank rendered with a stray space before its closing quote, a blank across a
quotation mark, a time said only against another time ('last week', 'first years'), a blank
that opens with its subordinating conjunction, a clause that ends on its conjunction. The
sentence's other blanks stay."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation import blanks
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.spans import Answer
from agents.generation.text import usable_sentences


def _blanks(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return [(c.question, c.answer) for c in made if c.type == "cloze"]


def test_a_quoted_blank_keeps_the_text_spacing(nlp: Language) -> None:
    """s17c 'these "_____ "' (stray space in quote): the closing quote follows the blank as it
    follows the name in the text, straight or curly."""
    made = _blanks(nlp, 'Local farmers grew a hardy barley known as "Varna Gold" on the '
                        'terraces above the river.')
    assert ('Local farmers grew a hardy barley known as "_____" on the terraces above the '
            'river.', "Varna Gold") in made, made
    made = _blanks(nlp, "The traders of Lenz sold a salted fish called \u201cgrey herring\u201d "
                        "in the winter markets of Varna.")
    assert ("The traders of Lenz sold a salted fish called \u201c_____\u201d in the winter "
            "markets of Varna.", "grey herring") in made, made


def test_a_blank_does_not_run_across_a_quotation_mark(nlp: Language) -> None:
    """s17b 'the _____ ” has …' → 'word “deviance' (cut-boundary): half a quotation is no
    phrase; the sentence's other blanks stay."""
    made = _blanks(nlp, 'The sailors of Lenz called the cold northern current "Grey Mother" in '
                        'their songs.')
    assert not any('"' in answer for _, answer in made), made
    assert any(answer == "Lenz" for _, answer in made), made


def test_a_time_said_only_against_another_time_is_no_blank(nlp: Language) -> None:
    """s17c 'in the _____ of February 1974' → 'last week', s17b 'during the _____ of the Dutch
    Revolt' → 'first years' (trivial, weak blank): any such word fits."""
    made = [a for _, a in _blanks(nlp, "The city treasurer reported that in the last week of "
                                       "the Lenz fair, a third of the stalls had no grain.")]
    assert "last week" not in made and "city treasurer" in made, made
    made = [a for _, a in _blanks(nlp, "Some mercenaries fought in the hills alongside the "
                                       "Varnish against Tarsk during the first years of the "
                                       "Lenz rebellion.")]
    assert "first years" not in made and "Tarsk" in made, made


def test_a_named_or_counted_time_stays_a_blank(nlp: Language) -> None:
    """'relative_time' leaves a time the sentence names ('the inter-war years') and takes one
    it places only against another ('previous years')."""
    doc = nlp("The guild hall of Lenz was rebuilt twice in the inter-war years.")
    years = next(t for t in doc if t.text == "years")
    start = min(t.i for t in years.subtree if t.dep_ != "det")
    answer = Answer(start, years.i + 1, "phrase", "NP", "year", doc[start : years.i + 1].text)
    assert answer.text == "inter-war years"
    assert not blanks.relative_time(answer, doc[:])
    previous = nlp("The guild hall of Lenz was rebuilt twice in previous years.")
    answer = Answer(9, 11, "phrase", "NP", "year", previous[9:11].text)
    assert answer.text == "previous years" and blanks.relative_time(answer, previous[:])


def test_a_blank_opening_on_its_conjunction_is_poor(nlp: Language) -> None:
    """s17c 'sitting in the Scottish Parliament _____' → 'as elected MSPs' (cut-boundary): the
    parser can hang 'as' on the noun as its marker; a blank that starts there is cut at the
    wrong boundary."""
    doc = nlp("Although traders usually leave the harbour by noon, the ferries of Lenz sail "
              "until dusk.")
    sent = doc[:]
    first = doc[0]
    assert first.dep_ == "mark", [(t.text, t.dep_) for t in doc]
    answer = Answer(0, 2, "phrase", "NP", "trader", doc[0:2].text)
    assert blanks.poor(answer, sent)
    rest = Answer(1, 2, "phrase", "NP", "trader", doc[1:2].text)
    assert not blanks.subordinated(rest, sent)


def test_a_clause_does_not_end_on_its_conjunction(nlp: Language) -> None:
    """s17c 'In GR, _____ is not viewed as a force, but rather.' (cut-boundary): the clause of
    a long sentence kept 'but rather' without the clause it opens."""
    made = _blanks(nlp, "In the Lenz school of medicine, fever is not viewed as a disease, but "
                        "rather, patients suffering from long fevers in the wet valleys are "
                        "treated for an imbalance of the four humours described by the Varna "
                        "physicians.")
    assert not any("rather" in q for q, _ in made), made
    assert ("In the Lenz school of medicine, _____ is not viewed as a disease.",
            "fever") in made, made
