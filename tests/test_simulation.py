"""The simulated users' hidden preference and the naive candidate maker."""

from __future__ import annotations

from collections import Counter

from retrainer.simulation import SimulatedUsers, candidate_cards, preference
from schemas.events import Card

SOURCE = "The Normans were led by Rollo, who swore fealty to Charles III in 911 near Paris."


def card(question: str, answer: str, card_type: str = "qa") -> Card:
    return Card(card_id=f"{question}|{answer}", type=card_type, question=question, answer=answer)


def test_the_hidden_preference():
    assert preference(card("Who led the Normans?", "Rollo"), SOURCE) == (5, "short named key term")
    assert preference(card("In which year did it happen?", "911"), SOURCE)[0] == 5
    assert preference(card("Who swore what?", "fealty"), SOURCE)[0] == 4
    assert preference(card("Who swore to whom?", "Rollo swore fealty to Charles"), SOURCE)[0] == 3
    assert preference(card("Who was the leader?", "Napoleon"), SOURCE)[0] == 3  # not in source
    long = card("What happened?", "Rollo swore fealty to Charles III in 911")
    assert preference(long, SOURCE) == (1, "long answer")
    easy = card("Did Rollo swear fealty? Who was Rollo?", "Rollo")
    assert preference(easy, SOURCE) == (1, "trivially easy: answer already in the question")
    assert preference(card("Rollo led the Normans.", "True", "tf"), SOURCE)[0] == 2
    assert preference(card("Which word?", "the"), SOURCE)[0] == 2


def test_noise_is_seeded_and_bounded():
    users = SimulatedUsers(seed=7, noise=0.5)
    good = card("Who led the Normans?", "Rollo")
    ratings = [users.rate(good, SOURCE, user) for user in range(200)]
    assert ratings == [users.rate(good, SOURCE, user) for user in range(200)]
    assert set(ratings) == {4, 5}  # one star down at most, never above 5
    assert 0.15 < Counter(ratings)[4] / 200 < 0.35  # half of the noise moves it down
    assert SimulatedUsers(seed=7, noise=0.0).rate(good, SOURCE) == 5


def test_candidates_mix_good_and_bad_cards():
    text = (
        "The Normans were the people who in the 10th and 11th centuries gave their name to "
        "Normandy, a region in France. They were descended from Norse raiders and pirates from "
        "Denmark, Iceland and Norway who, under their leader Rollo, agreed to swear fealty."
    )
    cards = candidate_cards(text, "upload-1")
    assert len({c.card_id for c in cards}) == len(cards) >= 8
    scores = Counter(preference(c, c.source_sentence or "")[0] for c in cards)
    assert scores[5] >= 1 and scores[1] >= 2
    assert all(0 <= c.quality_score <= 1 and c.source_sentence for c in cards)
    assert candidate_cards(text, "upload-1") == cards  # deterministic


def test_the_names_and_numbers_taste():
    users = SimulatedUsers(noise=0.0, taste="names-and-numbers")
    assert users.preference(card("Who led the Normans?", "Rollo"), SOURCE)[0] == 5
    assert users.preference(card("In which year did it happen?", "911"), SOURCE)[0] == 5
    assert users.preference(card("To whom?", "Charles III"), SOURCE)[0] == 5
    assert users.preference(card("Who swore what?", "fealty"), SOURCE) == (3, "common-noun term")
    assert users.preference(card("What happened?", "Rollo swore fealty to Charles"), SOURCE)[0] == 2
    assert users.preference(card("Who was the leader?", "Napoleon"), SOURCE)[0] == 3
    # the rules both tastes share
    easy = card("Did Rollo swear fealty? Who was Rollo?", "Rollo")
    assert users.preference(easy, SOURCE)[0] == 1
    assert users.preference(card("Rollo led the Normans.", "True", "tf"), SOURCE)[0] == 2
    assert users.rate(card("Who swore what?", "fealty"), SOURCE) == 3
