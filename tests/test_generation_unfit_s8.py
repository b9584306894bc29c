"""Cards session 8's held-out reviewers deleted (nearly) every time are not delivered
(defects.unfit): each rejected case is a card the engine at the start of session 9 delivered
on a seen passage (/work/coordination/s8_rated.json), and each class was kept by none or few
of the reviewed cards of every session (bench/data/card_reviews_*.jsonl); beside them, cards
of the same shape the reviewers kept."""

from __future__ import annotations

import pytest

from agents.generation.cards import Candidate
from agents.generation.defects import unfit


def _cloze(question: str, answer: str, kind: str = "thing") -> Candidate:
    return Candidate("cloze", question, answer, question.replace("_____", answer), kind=kind)


def _mcq(question: str, answer: str, options: list[str], kind: str = "thing") -> Candidate:
    return Candidate("mcq", question, answer, question.replace("_____", answer),
                     choices=options, kind=kind)


def _tf(statement: str) -> Candidate:
    return Candidate("tf", f"True or false: {statement}", "True", statement, statement=statement)


def _resolved(question: str, answer: str, source: str) -> Candidate:
    return Candidate("cloze", question, answer, source)


REJECTED = [
    # a blank in a sentence whose pronoun the engine resolved
    _resolved("Bolt initially used ARPANET technology but changed the _____ to X.25 and the "
              "terminal interface to X.29.", "host interface", "It initially used ARPANET "
              "technology but changed the host interface to X.25 and the terminal interface to "
              "X.29."),
    _resolved("Joseph Stalin also sought to bring Communist revolution to _____ and to "
              "developing nations elsewhere in the world.", "Asia", "He also sought to bring "
              "Communist revolution to Asia and to developing nations elsewhere in the world."),
    # a quotation cut short or emptied
    _cloze('_____ states that maps "contributed to empire by promoting ".', "Bassett", "person"),
    _tf('Bassett states that maps "contributed to empire by promoting ".'),
    _tf('On November 22, Japan issued a statement " ".'),
    Candidate("qa", 'What was American foreign policy denounced as " " by Smedley Butler?',
              "racket", 'American foreign policy was denounced as a "racket" by Smedley Butler.'),
    # a part larger than its whole
    Candidate("tf", 'True or false: Of the 64 MSPs, 73 are elected to represent first past the '
              'post constituencies.', "False", "Of the 129 MSPs, 73 are elected to represent "
              "first past the post constituencies.", statement="Of the 64 MSPs, 73 are elected "
              "to represent first past the post constituencies.", swapped="64"),
    # a blank that opens a clause
    _cloze("Political power grew from conquering land, _____ flourished through sea and trade "
           "routes.", "however cultural and economic aspects"),
    _cloze("European expansion caused the world to be divided by _____ are portrayed through "
           "the world systems theory.", "how developed and developing nation"),
    _cloze("With many different treatment options available, approximately _____ receive "
           "mental health treatment per year.", "how many people"),
    # half a hyphenated word
    _cloze("The outcome was one of the most significant developments in a century of "
           "_____-French conflict.", "Anglo", "group"),
    # an overlong stem
    _mcq("In general, however, of British America’s population of _____, roughly one-third "
         "remained loyal to Great Britain, while another third committed themselves to the "
         "cause of independence.", "2.5 million",
         ["2.5 million", "1.2 million", "3.8 million", "5.0 million"], "number"),
    _cloze("The total number of seats in the _____ are allocated to parties proportionally to "
           "the number of votes received in the second vote of the ballot using the d'Hondt "
           "method.", "Parliament", "org"),
    # a stem that leans on the page
    _mcq("_____ of its imported oil came from the Middle East in 1970.", "71%",
         ["36%", "51%", "61%", "71%"], "percent"),
]

KEPT = [
    Candidate("tf", 'True or false: Of the 129 MSPs, 56 are elected to represent first past the '
              'post constituencies.', "False", "Of the 129 MSPs, 73 are elected to represent "
              "first past the post constituencies.", statement="Of the 129 MSPs, 56 are elected "
              "to represent first past the post constituencies.", swapped="56"),
    _resolved("Joseph Stalin wished to retain hold of _____ and establish Communist, pro-Soviet "
              "governments there.", "Eastern Europe", "Joseph Stalin wished to retain hold of "
              "Eastern Europe and establish Communist, pro-Soviet governments there."),
    _resolved("The skin and its accessory structures make up the _____.", "integumentary system",
              "The skin and its accessory structures make up the integumentary system."),
    _cloze('Bassett states that maps "contributed to empire by promoting, assisting, and '
           'legitimizing the extension of French and British power into _____ ".',
           "West Africa", "place"),
    _tf('Bassett states that maps "contributed to empire by promoting, assisting, and '
        'legitimizing the extension of French and British power into West Africa".'),
    _cloze('The Russian leader Lenin suggested that "imperialism was the highest form of '
           'capitalism and was distinguished from _____ by monopoly capitalism".', "colonialism"),
    _cloze("Although lacking _____ to the Middle East, Japan was the country most dependent on "
           "Arab oil.", "historical connections"),
    _mcq("In the spring of 1753, Paul Marin de la Malgue was given command of a _____-man force "
         "of Troupes de la Marine and Indians.", "2,000", ["2,000", "1,000", "3,000", "4,000"],
         "number"),
    _mcq("Historians disagree on what percentage of colonists were Loyalists; estimates range "
         "from 20 percent to _____.", "over 30 percent",
         ["over 30 percent", "over 45 percent", "over 15 percent", "over 60 percent"],
         "percent"),
    _cloze("Tropicality can be paralleled with Edward Said’s Orientalism as the _____ as the "
           "“other”.", "west’s construction of the east"),
    Candidate("qa", "Who crossed the Rubicon with his army in 49 BC?", "Julius Caesar",
              "Julius Caesar crossed the Rubicon with his army in 49 BC.", kind="person"),
]


@pytest.mark.parametrize("card", REJECTED, ids=lambda c: c.answer)
def test_a_card_session_8s_reviewers_deleted_is_unfit(card: Candidate) -> None:
    assert unfit(card) is not None


@pytest.mark.parametrize("card", KEPT, ids=lambda c: c.answer)
def test_a_card_of_the_same_shape_they_kept_is_not(card: Candidate) -> None:
    assert unfit(card) is None


def test_an_everyday_noun_is_not_replaced_by_a_name_that_only_contains_it() -> None:
    """'throughout the world' became 'throughout World War II' (reference.anaphor read "World
    War II" as a world, as "Lake Tarn" is a lake): the blank and the statement then misquote
    the page (s8: four cards, none kept). Our own sentences; a lake is still named."""
    from agents.generation import GenerationRequest, RuleEngine

    def shown(text: str) -> list[str]:
        cards = RuleEngine(encoder=None).generate(
            GenerationRequest(text, "t", 10, "intermediate", ("cloze", "tf"))).cards
        return [c.question.replace("_____", c.answer) for c in cards]

    war = shown("World War I left the kingdoms of the Baltic poor and exhausted. Sweden "
                "wanted to rebuild its trade by founding merchant colonies throughout the world. "
                "Norway sent ships to harbours elsewhere in the world.")
    assert war and not any("throughout World War I" in s or "elsewhere in World War I" in s
                           for s in war), war
    lake = shown("Lake Morrow lies north of the town of Ebbwick in the Greyfell hills. The lake "
                 "has a small island with a ruined chapel built by monks in 1412.")
    assert any("Lake Morrow has a small island" in s for s in lake), lake


def test_a_fraction_is_offered_other_fractions(nlp) -> None:  # type: ignore[no-untyped-def]
    """'roughly one-third' was offered 'roughly three-third' and 'roughly four-third' (s8, a
    seen page): a fraction's options are other common fractions. Our own sentences."""
    import re

    from agents.generation import choices
    from agents.generation.spans import answers
    from agents.generation.text import usable_sentences

    text = ("In 1776, British America had a population of about 2.5 million people. Roughly "
            "one-third of the colonists remained loyal to Great Britain. The Loyalists were "
            "strongest in New York and in the southern colonies.")
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(text)])]
    found = [answers(s) for s in sents]
    pool = choices.Pool.build(sents, found)
    fractions = [(sent, a) for sent, ans in zip(sents, found, strict=True) for a in ans
                 if "one-third" in a.text]
    assert fractions, [[a.text for a in ans] for ans in found]
    for sent, a in fractions:
        options = choices.pick(a, sent, pool, "intermediate", None)
        assert len(options) >= choices.MIN_DISTRACTORS, options
        assert all(re.fullmatch(r"(?i)(roughly )?(one-(half|third|quarter)|two-thirds|"
                                r"three-quarters)", o) for o in options), options


def test_a_short_deck_of_some_types_says_which_other_types_would_fill_it() -> None:
    """Asked for questions only, a page that offers few that stand alone gets those, and a
    note of how many more its blanks and statements would make (the mixed deck fills its
    count with them itself). Our own sentences."""
    from agents.generation import GenerationRequest, RuleEngine

    text = ("The Treaty of Ghent was signed in December 1814 by British and American envoys. "
            "The Rideau Canal was completed in 1832 to link Ottawa with Kingston. The Welland "
            "Canal bypasses Niagara Falls between Lake Ontario and Lake Erie.")
    result = RuleEngine(encoder=None).generate(
        GenerationRequest(text, "t", 10, "intermediate", ("qa",)))
    assert len(result.cards) < 10 and all(c.type == "qa" for c in result.cards)
    assert any(n.startswith(f"only {len(result.cards)} of 10") for n in result.notes)
    more = [n for n in result.notes if "more could be made as" in n]
    assert more and "cloze" in more[0] and "ask for those types" in more[0], result.notes
    mixed = RuleEngine(encoder=None).generate(GenerationRequest(text, "t", 10, "intermediate"))
    assert not any("more could be made" in n for n in mixed.notes)
