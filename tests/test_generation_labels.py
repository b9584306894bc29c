"""Context labels: a card whose sentence does not name what the page is about shows the page's
subject ('Ebbwick: The old fish market burned down in _____ …'); s14's held-out reviews
rejected such cards as missing-context ('where? the city is not named'). The pages are our
own; the label tests fail on the engine before this change (7a46242)."""

from __future__ import annotations

from agents.generation import GenerationRequest, RuleEngine, context
from agents.generation.cards import Candidate

TOWN = ("Ebbwick is a harbour town on the northern coast of the island. Ebbwick was granted a "
        "royal charter by the bishop in 1284. The old fish market burned down in 1866 and was "
        "rebuilt in grey stone. Ebbwick has about 40,000 inhabitants and two ferry harbours.")
MARKET = "The old fish market burned down in 1866 and was rebuilt in grey stone."
SEVERAL = ("Marta Ilves sailed from Tallinn in 1921. Jonas Pirk built a boatyard in Narva. "
           "The boatyard closed when the river silted up. Oskar Lind painted the harbour.")


def _cards(text: str, types: tuple[str, ...] = ("qa", "cloze", "tf")) -> list:  # type: ignore[type-arg]
    return list(RuleEngine(encoder=None).generate(
        GenerationRequest(text, "t", 12, "intermediate", types)).cards)


def _body(question: str) -> str:
    return question.removeprefix("True or false: ")


def test_a_card_whose_sentence_lacks_the_subject_carries_it_as_a_label() -> None:
    cards = [c for c in _cards(TOWN) if c.source_sentence == MARKET]
    assert cards, "the market sentence makes cards"
    assert all(_body(c.question).startswith("Ebbwick: ") for c in cards), \
        [c.question for c in cards]


def test_a_card_whose_sentence_names_the_subject_has_no_label() -> None:
    cards = [c for c in _cards(TOWN) if "Ebbwick" in c.source_sentence]
    assert cards
    assert not any(_body(c.question).startswith("Ebbwick:") for c in cards), \
        [c.question for c in cards]


def test_the_subject_is_the_pages_dominant_name_as_the_page_writes_it(nlp) -> None:  # type: ignore[no-untyped-def]
    subject = context.page_subject(list(nlp(TOWN).sents))
    assert subject is not None and subject.label == "Ebbwick"


def test_a_page_of_several_names_has_no_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    assert context.page_subject(list(nlp(SEVERAL).sents)) is None
    assert not any(":" in _body(c.question) for c in _cards(SEVERAL))


def test_no_label_when_the_answer_is_the_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    """'_____ has about 40,000 inhabitants' → 'Ebbwick': a label would show the answer."""
    subject = context.page_subject(list(nlp(TOWN).sents))
    blank = Candidate("cloze", "_____ has about 40,000 inhabitants.", "Ebbwick", TOWN)
    assert context.label(blank, subject).context == ""
    other = Candidate("cloze", "The old fish market burned down in _____.", "1866", MARKET)
    assert context.shown(context.label(other, subject)) == \
        "Ebbwick: The old fish market burned down in _____."


def test_no_label_on_a_card_about_another_name_of_the_page(nlp) -> None:  # type: ignore[no-untyped-def]
    """A card that names another place of the page is about that place, not the subject."""
    text = TOWN + " The ferry to Carrow Point leaves twice a day."
    subject = context.page_subject(list(nlp(text).sents))
    card = Candidate("qa", "How often does the ferry to Carrow Point leave?", "twice a day", "")
    assert subject is not None and context.label(card, subject).context == ""


def test_a_true_false_card_shows_the_label_before_its_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    subject = context.page_subject(list(nlp(TOWN).sents))
    statement = "The old fish market burned down in 1866."
    card = Candidate("tf", "True or false: " + statement, "True", MARKET, statement=statement)
    assert context.shown(context.label(card, subject)) == \
        "True or false: Ebbwick: The old fish market burned down in 1866."


def test_spanish_still_makes_spanish_cards_with_the_topic_before_a_pronoun() -> None:
    """The template path's '{topic}: …' is the same rendering (context.labelled)."""
    text = ("Los normandos vivían en Normandía, en el norte de Francia. Ellos fundaron un ducado "
            "en el año 911 bajo el mando de Rollón. Normandía fue un ducado poderoso.")
    result = RuleEngine(encoder=None).generate(
        GenerationRequest(text, "u", num_cards=8, language="es"))
    assert result.cards and all(c.language == "es" for c in result.cards)


def test_a_page_about_a_concept_takes_no_name_of_its_examples_for_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    """A page on erosion that names a quarry as an example is about erosion, not the quarry."""
    text = ("Erosion at Hallam Quarry shows how erosion works. Erosion removes soil and rock. "
            "Wind erosion carries fine grains far away, and water erosion cuts valleys. "
            "Erosion is slowed by plant roots. Hallam Quarry lost a metre of topsoil to erosion.")
    assert context.page_subject(list(nlp(text).sents)) is None


def test_a_card_naming_the_subject_spelled_out_or_abbreviated_has_no_label(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The Ostmark Trade Union was founded in 1902. The OTU grew quickly. The OTU signed "
            "its first wage agreement in 1911. Strikes were rare in the first decade.")
    subject = context.page_subject(list(nlp(text).sents))
    assert subject is not None and subject.label == "OTU"
    card = Candidate("cloze", "The Ostmark Trade Union was founded in _____.", "1902", "")
    assert context.label(card, subject).context == ""
    bare = Candidate("cloze", "Strikes were rare in the first _____.", "decade", "")
    assert context.label(bare, subject).context == "OTU"
