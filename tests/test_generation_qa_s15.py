"""Question cards session 14's reviews rejected as vague (issue 9): an answer led by a word
that grades or picks some of a kind without saying which ('Smaller settlements', 'Simple
experiments', 'certain advantages') names nothing a student could recall. Each such case
fails on the engine before this change (7a46242); the specific answers beside them must
still be asked."""

from __future__ import annotations

import pytest

from agents.generation import GenerationRequest, RuleEngine, definites, narrow
from agents.generation.asking import ask
from agents.generation.spans import locate

VAGUE = "a common noun that says nothing alone"


@pytest.mark.parametrize("sentence, answer, verdict", [
    ("Simple measurements revealed that the bridge was sinking slowly.",
     "Simple measurements", VAGUE),
    ("Smaller farms supplied most of the grain to the northern towns.", "Smaller farms", VAGUE),
    ("The settlers were granted certain privileges by the new governor.",
     "certain privileges", VAGUE),
    ("The monks of the abbey came from diverse backgrounds.",
     "diverse backgrounds", VAGUE),
    # an answer whose first word says which ones stays
    # (nine words and more: a shorter 'What …?' subject question is too thin, narrow.py)
    ("Careful measurements revealed that the old stone bridge was sinking slowly.",
     "Careful measurements", ""),
    ("Tenant farms supplied most of the grain to the northern towns.", "Tenant farms", ""),
])
def test_an_answer_led_by_a_vague_word_is_not_trusted(nlp, sentence: str,  # type: ignore[no-untyped-def]
                                                      answer: str, verdict: str) -> None:
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None and found.kind == "thing", found
    asked = ask(sent, found)
    assert asked is not None, sentence
    assert narrow.untrusted(asked, found, sent) == verdict, asked


@pytest.mark.parametrize("text, answer, leans", [
    # the question keeps 'the network' the sentence before introduced
    ("In 1985 the foundation built a research network linking five universities. The network "
     "was run by Merit Computing under a contract with the foundation.", "Merit Computing", True),
    # the answer is the bare 'duchy' the page introduced
    ("The king founded a new duchy on the coast in 1410. The duchy was absorbed into the Crown "
     "of Aragon in 1450.", "duchy", True),
    # no earlier sentence spoke of a network: 'the network' is the sentence's own
    ("The foundation supported five universities in 1985. The network was run by Merit "
     "Computing under a contract with the foundation.", "Merit Computing", False),
])
def test_a_question_or_answer_that_leans_on_the_page_is_not_made(  # type: ignore[no-untyped-def]
        nlp, text: str, answer: str, leans: bool) -> None:
    sents = list(nlp(text).sents)
    sent = sents[-1]
    found = locate(sent, answer)
    assert found is not None
    asked = ask(sent, found)
    assert asked is not None and narrow.untrusted(asked, found, sent) == "", asked
    back = definites.pointing_back(sent, sents[:-1])
    assert narrow.leans_on_page(asked, found, back) is leans, asked


# sentences whose cards stand alone, so that the deck above is not left so bare (fewer than
# parsed._FEW cards) that its cards may lean on the page: 'the foundation' of its first
# sentence is a bare everyday subject no sentence names (scope.py's ``bare``, which questions
# are held to since session 30), so without these the deck falls back to the leaning cards
STANDALONE = (" The Bergen Music Festival was founded in 1880 by the violinist Ole Haugen. It "
              "hosted touring choirs from Vienna and Leipzig.")


def test_a_qa_deck_asks_nothing_of_a_thing_only_the_page_names() -> None:
    """Before this change: 'By whom was the network run under a contract with the
    foundation?' (s14b: "'the network' unresolved", all three reviewers)."""
    text = ("In 1985 the foundation built a research network linking five universities. The "
            "network was run by Merit Computing under a contract with the foundation. The "
            "king founded a new duchy on the coast in 1410. The duchy was absorbed into the "
            "Crown of Aragon in 1450." + STANDALONE)
    cards = RuleEngine(encoder=None).generate(
        GenerationRequest(text, "t", 6, "intermediate", ("qa",))).cards
    made = {c.question: c.answer for c in cards}
    assert not any("the network" in q or a == "duchy" for q, a in made.items()), made
