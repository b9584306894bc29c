"""A clause cut from a long sentence, or a statement stripped of its opening words, keeps whole
names, the content a colon introduced and its opening phrase (session 10's review deleted 'the
capital of the Polish until 1796', '… inscribed with the words.', 'To visible and infrared
radiation, …'). The sentences are our own; each test fails on the engine at 345e370."""

from __future__ import annotations

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.clauses import clauses
from agents.generation.reference import Resolver


def _clauses(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.text for c in clauses(nlp(text)[:], Resolver(), nlp)]


def test_a_clause_never_cuts_a_hyphenated_name(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _clauses(nlp, "Vilnius remained a major city of the Polish–Lithuanian Commonwealth "
                          "until 1795, when it was annexed by the Russian Empire to become the "
                          "capital of the new Vilna Governorate.")
    assert not any("Polish until" in c or c.rstrip(".").endswith("Polish") for c in found), found


def test_a_clause_keeps_what_a_colon_introduced(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _clauses(nlp, "In the centre of the chamber is the ceremonial sword, which is made "
                          "from steel and inlaid with silver mined from Welsh rivers and "
                          "engraved with the words: Courage, Honour, Service and Truth.")
    assert not any(c.endswith("the words.") for c in found), found


def test_a_statement_keeps_an_opening_phrase_that_a_comma_does_not_end() -> None:
    text = ("In addition to copper and tin, bronze workers in ancient Anatolia also used arsenic "
            "from local mines. Anatolian smiths traded their bronze tools with Mesopotamia and "
            "Egypt for grain and gold.")
    cards = RuleEngine(encoder=None).generate(
        GenerationRequest(text, "t", 12, "intermediate", ("cloze", "tf"))).cards
    shown = [c.question.removeprefix("True or false: ") for c in cards]
    assert shown
    assert not any(s.startswith("To copper") for s in shown), shown
