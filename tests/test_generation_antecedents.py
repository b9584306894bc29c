"""A bare "the N" that points back to a name the page gave in full is written as that name on
every card type (antecedents.py, with the real pipeline); with no name, or two, it is not."""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language

from agents.generation import antecedents, scope
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

GUILD = (
    "The Marston Society of Engravers was founded in Hull in 1822 by nine printers. "
    "Its first exhibition showed 300 copper plates from Flanders and Holland. "
    "The Society opened a school for apprentices in Leeds in 1851. "
    "The school trained about forty engravers every year until 1914."
)
COURT = (
    "The Supreme Court of Veloria was created by the constitution of 1871. "
    "Its judges are chosen by the senate for terms of twelve years. "
    "The Supreme Court sits in the old cloth hall of Ardmoor. "
    "In 1932 the government tried to enlarge the court from seven judges to eleven."
)


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return generate(doc, nlp, "intermediate", None, None)


def _shown(card: Candidate) -> str:
    return card.statement if card.type == "tf" and card.statement else card.question


def _det(nlp: Language, text: str, word: str):  # type: ignore[no-untyped-def]
    """The last 'the' of ``word`` after the first sentence, its sentence and the ones before."""
    sents = list(nlp(text).sents)
    at, det = [(n, t) for n, s in enumerate(sents[1:], 1) for t in s
               if t.lower_ == "the" and t.head.lower_ == word][-1]
    return det, sents[at], sents[:at]


def test_a_bare_definite_is_named_by_the_one_name_the_page_gave(nlp: Language) -> None:
    """'the Society' → 'the Marston Society of Engravers', 'the academy's' → 'Corwen
    Academy's'; the short and the long form of one name are one antecedent; two names, no
    name, or a 'the N' that says which one itself are left to the refusal rules."""
    det, sent, before = _det(nlp, GUILD, "society")
    assert antecedents.named(det, sent, before) == "the Marston Society of Engravers"
    det, sent, before = _det(nlp, COURT, "court")
    assert antecedents.named(det, sent, before) == "the Supreme Court"
    text = ("Corwen Academy was founded in 1790 near Bala. "
            "The academy's library held 4,000 books by 1800.")
    det, sent, before = _det(nlp, text, "academy")
    assert antecedents.named(det, sent, before) == "Corwen Academy"
    two = ("Corwen Academy and Dinas Academy were founded in 1790 near Bala. "
           "The academy's library held 4,000 books by 1800.")
    det, sent, before = _det(nlp, two, "academy")
    assert antecedents.named(det, sent, before) is None
    none = "A school was founded in 1790 near Bala. The school's library held 4,000 books."
    det, sent, before = _det(nlp, none, "school")
    assert antecedents.named(det, sent, before) is None
    own = ("Corwen Academy was founded in 1790 near Bala. "
           "The academy library held 4,000 books by 1800.")
    det, sent, before = _det(nlp, own, "library")
    assert antecedents.named(det, sent, before) is None


def test_every_card_of_a_short_form_sentence_names_the_society(nlp: Language) -> None:
    """'The Society opened a school …' is made into cards (main refused every true/false and
    cloze card of it as leaning on the page), each naming the Marston Society of Engravers; no
    card shows the bare short form, and none gives its answer away in the name."""
    cards = _cards(nlp, GUILD)
    opened = [c for c in cards if "apprentices" in c.source]
    assert {c.type for c in opened} >= {"tf", "cloze"}, [(c.type, _shown(c)) for c in opened]
    for card in opened:
        shown = _shown(card)
        assert "Marston Society of Engravers" in shown or not re.search(
            r"\bthe society\b", shown, re.IGNORECASE), shown
        if card.type != "tf":
            assert card.answer.lower() not in shown.replace("_____", "").lower(), shown
    assert any("Marston Society of Engravers" in _shown(c) for c in opened), opened


def test_a_definite_with_a_long_and_a_short_name_before_it_is_named(nlp: Language) -> None:
    """'… tried to enlarge the court …' after 'the Supreme Court of Veloria' and 'the Supreme
    Court' (one court, written twice): the cards say 'the Supreme Court'; main made none of the
    sentence's cards that show 'the court'."""
    cards = _cards(nlp, COURT)
    enlarged = [c for c in cards if "enlarge" in c.source]
    assert any("the Supreme Court" in _shown(c) for c in enlarged), [
        (c.type, _shown(c)) for c in enlarged]
    assert not any(re.search(r"\bthe court\b", _shown(c)) for c in enlarged)


def test_an_answer_that_is_the_short_form_is_not_asked(nlp: Language) -> None:
    """'What contained provisions …?' → 'proclamation': the question may say the name, but an
    answer that is the bare short form of it ('The proclamation also contained …' after 'the
    Royal Proclamation of 1612') is no answer a student can recall; the statement names it,
    whole ('the Royal Proclamation', not the entity's cut 'the Royal Proclamation of')."""
    text = ("After the truce, King Ladislas IV issued the Royal Proclamation of 1612 on October "
            "7, which outlined the division of the conquered lands. The proclamation also "
            "contained provisions that prevented civic participation by the Lutheran Prussians.")
    cards = _cards(nlp, text)
    later = [c for c in cards if "provisions" in c.source]
    assert not any(c.answer.lower() in ("proclamation", "the proclamation") for c in later), [
        (c.type, c.question, c.answer) for c in later]
    shown = [_shown(c) for c in later]
    assert any(s.startswith("The Royal Proclamation also") for s in shown), shown
    assert not any("Proclamation of also" in s for s in shown), shown


def test_a_bare_quantifier_subject_is_refused_on_every_card_type(nlp: Language) -> None:
    """'Many sailed to Riga …': many of whom, only the page says; no question, multiple-choice
    stem, cloze or statement of the sentence is made. 'Several' and 'Others' as well; 'Some
    argue …' is people in general and stays."""
    text = ("The Tallinn Harbour Guild of Merchants was founded in 1412 by twelve shipowners. "
            "Its members imported salt, herring and wine from Lübeck. "
            "Many sailed to Riga every spring with cargoes of flax and timber. "
            "The old harbour of Tallinn froze over in 1709.")
    cards = _cards(nlp, text)
    assert cards
    assert not any("Riga" in c.source for c in cards), [(c.type, _shown(c)) for c in cards
                                                        if "Riga" in c.source]

    def cues(text: str) -> list[str]:
        return [c.text for c in scope.scopes(nlp(text)[:], []) if c.rule == "quantifier"]

    assert cues("Several drowned in the great storm of 1702.") == ["Several"]
    assert cues("Others settled in Narva and Pärnu.") == ["Others"]
    assert cues("Some argue that the levy was too high.") == []
    assert scope.unscoped("How many ships sailed to Riga?", [scope.Scope("quantifier", "Many")]
                          )[0] is not None
    assert scope.unscoped("Where did many sail every spring?",
                          [scope.Scope("quantifier", "Many")])[0] is None


def test_a_name_whose_head_is_an_everyday_noun_names_no_thing_of_its_first_word(
        nlp: Language) -> None:
    """'the harbour' is no short form of 'the Harbour Monastery of Velnes': a monastery, an
    everyday noun as spans.EVERYDAY_ZIPF reads it ('monastery' 3.7, under the 4.0 this rule
    once had of its own), not a harbour; nor 'the basin' of 'the Kelso Basin Estuary'."""
    for text, word in (
            ("The Harbour Monastery of Velnes was built in 1204 by monks from Dorn. Its library "
             "held 300 books. In 1600 the harbour was closed by the duke.", "harbour"),
            ("The Kelso Basin Estuary was mapped in 1830 by surveyors from Dorn. Its mud flats "
             "feed thousands of birds. In 1900 the basin was dredged.", "basin")):
        det, sent, previous = _det(nlp, text, word)
        assert antecedents.named(det, sent, previous) is None
