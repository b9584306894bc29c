"""The quality score against cards a strict reviewer judged: every defect class of the blind
review (issue 9) scores clearly below the cards worth keeping.

The cards are the review's own examples (the template engine's echo questions, wrong-kind
distractors, cut answers, absurd false statements) and cards this engine makes from texts
written for the tests, each judged by hand as keep / delete and why. The soundness factor
(0.45 per defect, quality.py) was set on these: with it the worst good card scores above the
best defective one.
"""

from __future__ import annotations

import statistics

import pytest

from agents.generation.cards import Candidate
from agents.generation.defects import defects
from agents.generation.quality import QualityScorer

ROME = ("In 49 BC Julius Caesar crossed the Rubicon with his army, starting a civil war "
        "against the Senate.")
CONSULS = "After the last king was expelled in 509 BC, Rome was governed by two consuls."
PHOTO = ("Photosynthesis is the process by which green plants use sunlight to make glucose "
         "from carbon dioxide and water.")
WATER = "Water that soaks into the soil becomes groundwater, which can stay underground."
TARQUIN = "The Romans expelled their last king, Tarquin the Proud, in 509 BC."

GOOD = [
    Candidate("qa", "When did Julius Caesar cross the Rubicon?", "49 BC", ROME, kind="year"),
    Candidate("qa", "What did Julius Caesar cross in 49 BC?", "the Rubicon", ROME, kind="place"),
    Candidate("qa", "How many consuls governed Rome after the last king was expelled?", "two",
              CONSULS, kind="number"),
    Candidate("mcq", "How many consuls governed Rome after 509 BC?", "two", CONSULS,
              choices=["one", "two", "three", "four"], kind="number"),
    Candidate("mcq", "When did Julius Caesar cross the Rubicon?", "49 BC", ROME,
              choices=["49 BC", "59 BC", "44 BC", "31 BC"], kind="year"),
    Candidate("cloze", "In 49 BC _____ crossed the Rubicon with his army.", "Julius Caesar",
              ROME, kind="person"),
    Candidate("qa", "What is the process by which green plants use sunlight to make glucose?",
              "Photosynthesis", PHOTO, kind="thing"),
    Candidate("tf", "True or false: In 59 BC Julius Caesar crossed the Rubicon with his army.",
              "False", ROME, statement="In 59 BC Julius Caesar crossed the Rubicon with his army.",
              swapped="59 BC", kind="year"),
    Candidate("tf", "True or false: The Romans expelled their last king, Tarquin the Proud, in "
              "509 BC.", "True", TARQUIN,
              statement="The Romans expelled their last king, Tarquin the Proud, in 509 BC."),
]
DEFECTIVE = {
    "echo": Candidate("qa", "Photosynthesis is what by which green plants use sunlight to make "
                      "glucose?", "the process", PHOTO),
    "echo (mid-sentence)": Candidate("qa", "Water that soaks into what, which can stay "
                                     "underground?", "the soil", WATER),
    "wrong-kind distractors": Candidate(
        "mcq", "How many consuls governed Rome after 509 BC?", "two consuls", CONSULS,
        choices=["two consuls", "long political struggle known", "result", "right"]),
    "fragment distractors": Candidate(
        "mcq", "What is photosynthesis?", "process", PHOTO,
        choices=["process", "thylakoid membranes", "light-dependent reactions happen",
                 "stroma"]),
    "trivial": Candidate("cloze", "Photosynthesis is the _____ by which green plants use "
                         "sunlight.", "process", PHOTO),
    "unresolved pronoun": Candidate("qa", "When did he cross the Rubicon?", "49 BC", ROME,
                                    kind="year"),
    "overlong": Candidate("qa", "What is the process by which green plants use sunlight to make "
                          "glucose from carbon dioxide and water in the leaves of every plant "
                          "that grows on land or in the sea?", "Photosynthesis", PHOTO),
    "cut answer": Candidate("cloze", "In 49 _____ crossed the Rubicon with his army.",
                            "BC Julius Caesar", ROME),
    "cut answer (name)": Candidate("qa", "Whom did the Romans expel in 509 BC?", "Tarquin",
                                   TARQUIN, kind="person"),
    "absurd false": Candidate("tf", "True or false: The Romans expelled their last Senate king, "
                              "Tarquin the Proud, in 509 BC.", "False", TARQUIN,
                              statement="The Romans expelled their last Senate king, Tarquin "
                              "the Proud, in 509 BC.", swapped="Senate king"),
    "absurd false (kind)": Candidate("tf", "True or false: The Romans expelled their last king, "
                                     "Tarquin the Proud, in Julius Caesar.", "False", TARQUIN,
                                     statement="The Romans expelled their last king, Tarquin "
                                     "the Proud, in Julius Caesar.", swapped="Julius Caesar"),
}


@pytest.fixture(scope="module")
def scores() -> tuple[list[float], dict[str, float]]:
    return _scores(QualityScorer(encoder=None, keep_model="default"))


def _scores(scorer: QualityScorer) -> tuple[list[float], dict[str, float]]:
    cards = GOOD + list(DEFECTIVE.values())
    scored = scorer.score(cards, "intermediate")
    good = [s.rank for s in scored[: len(GOOD)]]
    bad = {name: s.rank for name, s in zip(DEFECTIVE, scored[len(GOOD):], strict=True)}
    return good, bad


def test_good_cards_have_no_defects() -> None:
    assert {c.question: defects(c) for c in GOOD} == {c.question: [] for c in GOOD}


@pytest.mark.parametrize("name", list(DEFECTIVE))
def test_each_defect_class_is_seen(name: str) -> None:
    assert defects(DEFECTIVE[name]), name


@pytest.mark.parametrize("name", list(DEFECTIVE))
def test_every_defective_card_scores_clearly_below_the_good_ones(
    scores: tuple[list[float], dict[str, float]], name: str
) -> None:
    """On the keep model's scale (P(keep)) the types differ in their priors (the DEV
    reviewers kept 59 % of cloze and 15 % of multiple choice), so a defective card is judged
    against the good cards of its own type, and against the median good card."""
    good, bad = scores
    kind = DEFECTIVE[name].type
    same_type = [g for g, c in zip(good, GOOD, strict=True) if c.type == kind]
    assert bad[name] < min(same_type), (name, bad[name], same_type)
    assert bad[name] < statistics.median(good) / 1.5, (name, bad[name], good)


@pytest.mark.parametrize("name", list(DEFECTIVE))
def test_without_the_keep_model_every_defective_card_scores_below_every_good_one(
    name: str,
) -> None:
    scorer = QualityScorer(encoder=None, keep_model=None)
    good, bad = _scores(scorer)
    assert bad[name] < min(good) - 0.15, (name, bad[name], min(good))
    assert bad[name] < scorer.threshold + 0.15


NORMANS = (
    "The Normans were the people who gave their name to Normandy. Initially the Normans "
    "maintained a distinct culture and ethnicity. The Normans adopted the Gallo-Romance "
    "language of the Frankish land they settled. Norman names such as Furlong predominate "
    "in the east of Ireland."
)


def test_a_blank_of_the_documents_topic_is_trivial() -> None:
    """'Initially the _____ maintained a distinct culture' → 'Normans', on a page about the
    Normans: the student fills it in before reading (DEV reviewers: trivial); a blank of a
    term the page names once is not."""
    from agents.generation.terms import document_vocabulary

    sentence = "Initially the Normans maintained a distinct culture and ethnicity."
    topic = Candidate("cloze", "Initially the _____ maintained a distinct culture and "
                      "ethnicity.", "Normans", sentence, kind="group")
    term = Candidate("cloze", "The Normans adopted the _____ of the Frankish land.",
                     "Gallo-Romance language",
                     "The Normans adopted the Gallo-Romance language of the Frankish land.",
                     kind="thing")
    _, words = document_vocabulary(NORMANS.split(". "))
    scorer = QualityScorer(encoder=None, keep_model="default")
    scored = scorer.score([topic, term], "intermediate", doc_words=words)
    assert scored[0].quality["soundness"] < 1.0 and scored[1].quality["soundness"] == 1.0
    assert scored[0].rank < scored[1].rank / 1.5, (scored[0].rank, scored[1].rank)


def test_a_blank_of_one_everyday_noun_is_trivial() -> None:
    """'… and the choir achieved _____ in Normandy' → 'fame', '… reward many with _____' →
    'lands' (DEV reviewers: trivial, vague); a rare term blanked is a fair card."""
    source = "At Saint Evroul, a tradition of singing had developed and the choir achieved fame."
    fame = Candidate("cloze", "At Saint Evroul, a tradition of singing had developed and the "
                     "choir achieved _____.", "fame", source, kind="thing")
    bone = ("A baby's body has 270 bones at birth, some of which are made entirely of a "
            "special material called cartilage.")
    cartilage = Candidate("cloze", bone.replace("cartilage", "_____"), "cartilage", bone,
                          kind="thing")
    assert "trivial" in defects(fame) and defects(cartilage) == []


def test_a_blank_that_ends_on_there_needs_the_page() -> None:
    """'Other Norman names such as _____ predominate there.': where? (DEV: missing-context)"""
    source = "Other Norman names such as Furlong predominate there."
    card = Candidate("cloze", "Other Norman names such as _____ predominate there.", "Furlong",
                     source, kind="name")
    assert "missing_context" in defects(card)
    fine = Candidate("tf", "True or false: There were two consuls.", "True",
                     "There were two consuls.", statement="There were two consuls.")
    assert "missing_context" not in defects(fine)


def test_a_statement_about_many_who_needs_the_page() -> None:
    """'True or false: Many had lands on both sides of the channel.' — many of whom? (the
    sentence before said: the nobility of England); 'Many Normans had lands' stands alone."""
    bare = "Many had lands on both sides of the channel."
    card = Candidate("tf", f"True or false: {bare}", "True", bare, statement=bare)
    named = "Many Normans had lands on both sides of the channel."
    fine = Candidate("tf", f"True or false: {named}", "True", named, statement=named)
    assert "missing_context" in defects(card) and "missing_context" not in defects(fine)


def test_a_hyphenated_name_speaks_of_the_topic_too() -> None:
    """On a paragraph about the Anglo-Norman language, 'Normans' is still its topic."""
    from collections import Counter

    from agents.generation.quality import names_topic, topic_stems

    words = Counter({"anglo-norman": 2, "normans": 1, "language": 2, "latin": 2, "chaucer": 1})
    topic = topic_stems(words)
    assert names_topic("the Normans", topic) and not names_topic("Geoffrey Chaucer", topic)
