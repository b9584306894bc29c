"""True/false and cloze cards that read as ungrammatical text (session 25, the reviewers'
'echo'). A false statement that swaps a word after 'a'/'an' keeps the article agreeing ('an
increasing trend' → 'a decreasing trend', never 'an decreasing'); a stop inside square brackets
ends no sentence, and a sentence the splitter left opening on a closing bracket makes no card;
a clause cut from a long sentence keeps the measure of its 'ago' ('… appeared ago.'); a plural
subject with a singular verb ('Pottery rooms works by …': a heading run into its text) gives no
cloze or statement; a participle read as a past verb with its agent ('reels made off-air by
collectors') is no statement; a title's capitalised verb is not negated ('Girl does not meet
Boy'). All texts invented, real spaCy pipeline."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from agents.generation import claims
from agents.generation.candidates import Document
from agents.generation.garbled import garbled
from agents.generation.grammar import not_a_statement
from agents.generation.parsed import generate
from agents.generation.text import split_sentences, usable_sentences

GOOD = "The harbour of Vellan was rebuilt by the merchant guild in 1642."


def _statements(nlp: Language, text: str) -> list[tuple[str, str, list[str]]]:
    """(type, sentence as shown with the blank filled, tags) of every cloze and tf card."""
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    out = []
    for c in generate(doc, nlp, "intermediate", None, None):
        if c.type == "cloze":
            out.append(("cloze", c.question.replace("_____", c.answer), c.tags))
        elif c.type == "tf":
            out.append(("tf", c.statement, c.tags))
    return out


def test_an_opposite_after_an_article_takes_the_article_it_needs(nlp: Language) -> None:
    text = ("Over the last decade there has been an increasing reliance on trained field "
            "assistants in the Marlow surveys. The survey office in Marlow also reported a "
            "decreasing number of volunteers in the northern valleys.")
    swapped = [s for t, s, tags in _statements(nlp, text) if "tf:opposite" in tags]
    assert swapped, _statements(nlp, text)
    assert all(" an decreasing" not in s and " a increasing" not in s for s in swapped), swapped
    assert any(" a decreasing reliance" in s or " an increasing number" in s
               for s in swapped), swapped


def test_a_stop_inside_square_brackets_ends_no_sentence() -> None:
    text = ("Pick a post by an activist (such as Mira Kell [b. 2003] or Tom Vane [b. 1968]), "
            "focus on its claim, and answer it. Then write a reply.")
    assert split_sentences(text) == [text[: text.index(" Then")], "Then write a reply."]


def test_a_sentence_opening_on_a_closing_bracket_makes_no_card(nlp: Language) -> None:
    broken = ("2003]), focus on a poster, perhaps a flyer or a banner, that addresses an aspect "
              "of city planning.")
    assert not_a_statement(nlp(broken)[:]) == "cut after a bracket opened"
    assert not_a_statement(nlp(GOOD)[:]) == ""


def test_a_clause_keeps_the_measure_of_its_ago(nlp: Language) -> None:
    text = ("Wild horses were almost unknown in the northern river valleys before the first "
            "farming villages appeared, probably about 9 thousand years ago.")
    shown = _statements(nlp, text)
    assert shown
    assert not [s for _, s, _ in shown if s.endswith("appeared ago.")], shown


@pytest.mark.parametrize("broken", [
    "Pottery rooms works by regional potters who lived in Devon, and works bought by local "
    "collectors from the regional potters.",
    "Glass cabinets holds vases by northern glassmakers who settled in Leeds.",
])
def test_a_plural_subject_with_a_singular_verb_gives_no_cloze_or_statement(
        nlp: Language, broken: str) -> None:
    assert garbled(nlp(broken)[:], broken) == "number"
    shown = _statements(nlp, f"{GOOD} {broken}")
    assert not [s for _, s, _ in shown if "Vellan" not in s], shown
    assert any("Vellan" in s for _, s, _ in shown), shown


@pytest.mark.parametrize("fine", [
    "Writing programs is a creative activity for many students.",
    "Veterinary informatics is growing quickly in the larger animal hospitals.",
    "Genital herpes is a common condition in the older population.",
    "The old harbour walls were built by Roman engineers.",
])
def test_a_subject_singular_in_use_is_no_disagreement(nlp: Language, fine: str) -> None:
    assert garbled(nlp(fine)[:], fine) == ""


def test_a_participle_with_its_agent_is_no_statement(nlp: Language) -> None:
    broken = "Early colour film reels made off-air by collectors."
    assert not_a_statement(nlp(broken)[:]) == "no finite main verb"
    shown = _statements(nlp, f"{GOOD} Early colour film reels made off-air by collectors. "
                             "The harbour walls were built by Roman engineers.")
    assert not [s for _, s, _ in shown if "reels" in s], shown
    assert any("Roman engineers" in s for _, s, _ in shown), shown


@pytest.mark.parametrize("title", [
    "Girl Meets Boy and Lonely Strangers spinoff Kitchen Matters, as well as series such as "
    "Rosie Hart.",
    "Mr Smith Goes to Washington with a camera crew.",
])
def test_a_titles_verb_is_not_negated(nlp: Language, title: str) -> None:
    assert claims.negation(nlp(title)[:]) is None


def test_a_sentence_about_a_title_is_still_negated(nlp: Language) -> None:
    found = claims.negation(nlp("Harry Meets Sally became a classic romantic comedy.")[:])
    assert found is not None and found[1] == "did not become"
