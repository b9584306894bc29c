"""Citation residue in copied text is no part of a sentence (session 10's review: a true/false
card ending '… the mass of the system.:19-1.'). The text is our own; fails on 345e370."""

from __future__ import annotations

from agents.generation.text import sentences


def test_page_numbers_and_bracketed_references_are_stripped() -> None:
    text = ("A rocket gains speed as it burns fuel.:112-3 The exhaust leaves the nozzle at "
            "high speed.[7][8] Engineers call this thrust,[citation needed] and measure it "
            "in newtons.:45, 47 Larger nozzles give more thrust.")
    found = [s.text for s in sentences(text)]
    assert found == ["A rocket gains speed as it burns fuel.",
                     "The exhaust leaves the nozzle at high speed.",
                     "Engineers call this thrust, and measure it in newtons.",
                     "Larger nozzles give more thrust."], found
    # a time, a verse and a ratio keep their colons
    text = "The ferry leaves at 10:30 every day. John 3:16 is often quoted. A 3:2 ratio holds."
    assert [s.text for s in sentences(text)] == [
        "The ferry leaves at 10:30 every day.", "John 3:16 is often quoted.",
        "A 3:2 ratio holds."]


def test_a_wiki_update_marker_and_a_sentence_citing_a_web_address_leave_nothing() -> None:
    # session 13's review: a qa card "When did September 2011[update suffer about 30% loss?"
    # and four cards from a citation "… Foundation, accessed January 25, 2022, https://…";
    # fails on 545bec5
    text = ("As of September 2011[update], the fund had regained most of its value. See "
            "Global Challenges Foundation, accessed January 25, 2022, "
            "https://globalchallenges.org/global-governance/. Treaties bind the states that "
            "sign them. More is at www.example.org today.")
    assert [s.text for s in sentences(text)] == [
        "As of September 2011, the fund had regained most of its value.",
        "Treaties bind the states that sign them."]
