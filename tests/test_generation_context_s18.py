"""Missing context in statements and blanks (session 17's reviews: 'As of March 2015, it had
control …', 'March 2015 has nominal control …', 'these "Afghan Arabs"', 'Many of farmers').
Every card type renders its sentence through ``rendering.Builder`` with the page's
``reference.Resolver``; these tests render a statement as the true/false and cloze cards do.
The texts are our own; each test fails on the engine before this change (3894a10)."""

from __future__ import annotations

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.parsed import _render_sentence
from agents.generation.reference import Resolver
from agents.generation.rendering import Builder


def _last(nlp, text: str) -> str | None:  # type: ignore[no-untyped-def]
    """The page's last sentence rendered as a statement, the sentences before it as context."""
    sents = [nlp(s.text)[:] for s in nlp(text).sents]
    resolver = Resolver()
    for sent in sents[:-1]:
        resolver.push(sent)
    return _render_sentence(Builder(sents[-1], resolver), sents[-1], {})


def test_a_date_is_never_what_it_stands_for(nlp) -> None:  # type: ignore[no-untyped-def]
    """'As of May 1790, it owned …': 'it' is the company, not May 1790 (and not left as 'it'
    because a date came before it in the sentence)."""
    text = ("The Ardent Company was founded in the salt towns of the northern coast. "
            "As of May 1790, it owned forty ships and six warehouses.")
    shown = _last(nlp, text)
    assert shown is not None and "Ardent Company owned" in shown, shown
    assert "May 1790 owned" not in shown


def test_a_pronoun_for_a_bare_definite_takes_the_name_behind_it(nlp) -> None:  # type: ignore[no-untyped-def]
    """'it' stands for 'the federation', which the first sentence said is the Velmar League:
    the card names the League, not 'the federation' (which only the page places)."""
    text = ("The Velmar League is a trading federation of river towns. "
            "In 1820, the federation declared itself a republic. "
            "As of June 1840, it had control over ports used by two million people.")
    shown = _last(nlp, text)
    assert shown is not None and "Velmar League had control" in shown, shown


def test_a_possessive_past_an_amount_takes_the_page_s_name(nlp) -> None:  # type: ignore[no-untyped-def]
    """'71% of its imported oil': 'its' is the country the sentence before named, not '71%'
    (the card kept 'its' because the amount was on the card)."""
    text = "Japan depended on imported oil. In 1970, 71% of its imported oil came from the Gulf."
    assert _last(nlp, text) == "In 1970, 71% of Japan's imported oil came from the Gulf."


def test_a_possessive_past_an_amount_keeps_a_name_of_its_own_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    """Guard (passes before and after): 'Sweden' in the subject is what 'its' stands for; the
    card keeps 'its' beside it rather than reach back to the sentence before."""
    text = ("The Lutheran church spread north in the sixteenth century. Approximately two "
            "million Lutherans in modern Sweden represent some 20% of its population.")
    assert _last(nlp, text) == ("Approximately two million Lutherans in modern Sweden "
                                "represent some 20% of its population.")


def test_a_bare_definite_defined_by_a_copula_is_named(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The Velmar League is a trading federation of river towns. "
            "In 1820, the federation declared itself a republic.")
    shown = _last(nlp, text)
    assert shown is not None and "the Velmar League declared" in shown, shown


def test_a_bare_definite_of_a_defined_noun_that_is_generic_stands(nlp) -> None:  # type: ignore[no-untyped-def]
    """'The skin is an organ …; the skin protects …' names no one: nothing is put in."""
    text = ("The skin is the largest organ of the body. "
            "The skin protects the muscles from heat and cold.")
    assert _last(nlp, text) == "The skin protects the muscles from heat and cold."


def test_a_partitive_them_keeps_its_article(nlp) -> None:  # type: ignore[no-untyped-def]
    """'Many of them' → 'Many of the wheat growers', never 'Many of wheat growers'."""
    text = ("Wheat growers in the valley faced drought for a decade. "
            "Many of them sold land to the railway company.")
    shown = _last(nlp, text)
    assert shown is not None and "Many of the wheat growers sold" in shown, shown


def test_a_demonstrative_before_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    """'these "Salt Walkers"' → 'the "Salt Walkers"' (the name says who); 'this Board', the
    short form of a name, makes no card."""
    text = ('The northern settlers were known as the "Salt Walkers". The trading value of '
            'these "Salt Walkers" was modest, but thousands of traders came to the coast.')
    shown = _last(nlp, text)
    assert shown is not None and "these" not in shown.lower(), shown
    assert 'of the "Salt Walkers" was modest' in shown, shown
    text = ("The Harbour Board controls the docks of Merrow. "
            "In 1901 this Board opened a second pier.")
    assert _last(nlp, text) is None


def test_no_card_shows_a_date_as_the_subject_it_replaced() -> None:
    """The whole engine, every type: the clause 'and has nominal control …' gets the company as
    its subject, not the date, and no card keeps the 'it' a date stood before."""
    text = ("The Ardent Company ran the salt trade of the northern coast for two centuries. "
            "As of May 1790, it owned forty ships in the harbour of Tillby, and has nominal "
            "control over small islands of the Merrow Sound.")
    cards = RuleEngine(encoder=None).generate(
        GenerationRequest(text, "t", 12, "intermediate", ("qa", "mcq", "cloze", "tf"))).cards
    assert cards
    for card in cards:
        assert "1790 has" not in card.question and ", it owned" not in card.question, \
            card.question


def test_a_made_up_person_is_not_named_by_a_common_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    """'the clerk may …; Imagine that a clerk …; She has little time left': 'she' is no one a
    student can place, so 'The clerk has little time left …' makes no card."""
    text = ("Rushed work is common among new office staff. In the worst cases, the clerk may "
            "even lose the job. Imagine that a clerk has a tax report due on Friday. "
            "She has little time left to check her figures.")
    assert _last(nlp, text) is None


def test_a_definite_noun_after_its_indefinite_introduction_points_back(nlp) -> None:  # type: ignore[no-untyped-def]
    """'a grain embargo … the embargo … The embargo caused …': the later 'the embargo' is that
    one; a bare 'the embargo' in between does not make it the page's generic word."""
    from agents.generation.definites import pointing_back

    sents = [nlp(s)[:] for s in (
        "The crisis began in May 1921 when the river guilds proclaimed a grain embargo.",
        "By the end of the embargo in June 1922, the price of bread had doubled.",
        "The embargo caused riots in four market towns.")]
    assert [t.text for t in pointing_back(sents[2], sents[:2])] == ["embargo"]


def test_past_a_date_an_it_the_object_may_mean_makes_no_card(nlp) -> None:  # type: ignore[no-untyped-def]
    """'Merrow College has the largest library endowment …. As of June 2011, it had …. It
    was worth …': 'it' may be the endowment as well as the college (the card said 'Merrow
    College was worth …', of the endowment); neither sentence makes a card that names one,
    and the second 'It' does not reach back past the first."""
    text = ("Merrow College has the largest library endowment in the county. As of June 2011, "
            "it had nearly regained the loss suffered during the 1998 recession. "
            "It was worth 32 million pounds in 2011.")
    assert _last(nlp, text) is None
    assert _last(nlp, text.rsplit(" It was", 1)[0]) is None
