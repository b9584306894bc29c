"""Question cards a strict teacher keeps: they stand alone, ask something worth recalling, and
answer-aware mode always asks a question (issue 9; the dev3 review's missing-context and
trivial defects). Each test fails on the engine before this change."""

from __future__ import annotations

import re

import pytest

from agents.generation import GenerationRequest, RuleEngine, standalone
from agents.generation.answer_aware import cards_for_answers
from agents.generation.nlp import DEFAULT_PIPELINES, pipeline
from agents.generation.spans import locate

NOTES = ("At Fécamp, under two Italian abbots, the system of denoting notes by letters was "
         "developed and taught in the 11th century. Today the system is the most common form "
         "of pitch representation in English-speaking countries.")


@pytest.fixture(scope="module")
def engine() -> RuleEngine:
    return RuleEngine(encoder=None)


def _cards(engine: RuleEngine, text: str) -> list:  # type: ignore[type-arg]
    request = GenerationRequest(text, "t", 12, "intermediate", ("qa", "mcq", "cloze"))
    return list(engine.generate(request).cards)


def test_a_bare_shell_noun_carries_its_antecedent_or_no_card(engine: RuleEngine) -> None:
    """'When is the system the most common form …?' cannot be answered without the page."""
    made = _cards(engine, NOTES)
    assert made
    for card in made:
        assert not re.search(r"\bthe system\b(?! of denoting)", card.question), card.question
    assert any("the system of denoting notes by letters" in c.question for c in made
               if c.source_sentence.startswith("Today"))


def test_no_card_asks_for_a_deictic_answer(engine: RuleEngine) -> None:
    """The old engine asked 'When is the system …?' → 'today'."""
    for card in _cards(engine, NOTES):
        assert card.answer.lower() not in ("today", "now", "one", "it", "they"), card.question


def test_he_is_never_resolved_to_a_place() -> None:
    text = ("Robert Guiscard drove the Byzantines out of southern Italy. After allying himself "
            "with Croatia and the Catholic cities of Dalmatia, in 1081 he led an army of 30,000 "
            "men in 300 ships.")
    (card,) = cards_for_answers(text, ["1081"])
    assert "Robert Guiscard" in card.question, card.question
    assert "Dalmatia led" not in card.question


def test_answer_aware_asks_a_question_where_the_clause_has_no_subject() -> None:
    """An answer inside a participial phrase used to fall back to a fill-in-the-blank."""
    text = ("Soon after the Normans began to enter Italy, they entered the Byzantine Empire and "
            "then Armenia, fighting against the Pechenegs, the Bulgars, and especially the "
            "Seljuk Turks.")
    (card,) = cards_for_answers(text, ["Seljuk Turks"])
    assert card.question.endswith("?") and "_____" not in card.question, card.question


def test_shorter_phrasing_is_preferred_when_both_are_well_formed() -> None:
    text = ("In 1066, during a long campaign in the north, Duke William II of Normandy conquered "
            "England after a great battle near the town of Hastings on the southern coast.")
    (card,) = cards_for_answers(text, ["England"])
    assert card.question.startswith("What did Duke William II of Normandy conquer"), card.question
    assert len(card.question.split()) <= 20


@pytest.mark.parametrize(
    ("text", "answer", "question"),
    [
        ("Edward returned from Normandy in 1041 at the invitation of his half-brother "
         "Harthacnut.", "Harthacnut", "Who was Edward's half-brother?"),
        ("In 1107, the Normans under the command of Bohemond, Robert's son, landed in Valona.",
         "Bohemond", "Who was Robert's son?"),
    ],
)
def test_a_name_is_asked_by_the_title_the_sentence_gives_it(text: str, answer: str,
                                                              question: str) -> None:
    (card,) = cards_for_answers(text, [answer])
    assert card.question == question


def test_a_participle_takes_the_main_clause_subject_and_tense() -> None:
    """'…, killing King Harold II at the Battle of Hastings' used to be a blank."""
    text = ("In 1066, Duke William II of Normandy conquered England killing King Harold II at "
            "the Battle of Hastings.")
    (card,) = cards_for_answers(text, ["Battle of Hastings"])
    # (a battle is asked as one, not 'Where …?': session 33)
    assert card.question == "At what battle did Duke William II of Normandy kill King Harold II?"


def test_a_modifier_answer_puts_its_noun_after_the_wh_word() -> None:
    text = "Isaac surrendered and was confined with silver chains."
    (card,) = cards_for_answers(text, ["silver"])
    # ('type', as SQuAD's askers write it: answer_aware.as_people_ask, session 21)
    assert card.question == "What type of chains was Isaac confined with?", card.question


def test_no_preposition_is_left_without_its_object() -> None:
    """'Where did the Norman abbot Robert de Grantmesnil flee under?' (a misparse of 'Under
    the abbot …, several monks fled to southern Italy')."""
    text = ("Under the Norman abbot Robert de Grantmesnil, several monks of Saint-Evroul fled "
            "to southern Italy, where they were patronised by Robert Guiscard.")
    (card,) = cards_for_answers(text, ["southern Italy"])
    assert not re.search(r"\b(under|to|of|with)\?$", card.question), card.question


def test_the_answers_own_of_phrase_never_stays_behind(engine: RuleEngine) -> None:
    """'What did the Normans adopt of the rest of France?' (answer 'growing feudal
    doctrines'): the dev3 review's commonest echo."""
    text = ("The Normans thereafter adopted the growing feudal doctrines of the rest of France. "
            "They worked them into a functional hierarchical system in Normandy.")
    for card in _cards(engine, text):
        assert not re.search(r"\b(adopt|become|lead|describe|have) of\b", card.question), \
            card.question


def test_a_question_names_something_the_student_can_place() -> None:
    """'Who merged with the natives?' and 'What fundamentally altered the military landscape?'
    (dev3 review, missing-context) name nothing the student can place."""
    nlp = pipeline("en", DEFAULT_PIPELINES)
    assert nlp is not None
    text = ("Eventually the Normans merged with the natives. The Normans built castles. The "
            "encastellation of the land fundamentally altered the military landscape.")
    topics = standalone.topic_words(list(nlp(text).sents))
    assert not standalone.anchored("Who merged with the natives?", topics)
    assert not standalone.anchored("What fundamentally altered the military landscape?", topics)
    assert standalone.anchored("When did the Normans merge with the natives?", topics)
    assert standalone.anchored("What is the process by which green plants turn light into "
                               "chemical energy?", frozenset())


@pytest.mark.parametrize(("sentence", "answer", "trivial"), [
    ("A lack of supplies forced Bohemond to retreat.", "lack", True),
    ("Today the system is the most common form.", "Today", True),
    ("Energy is stored primarily as fats.", "fats", False),
    ("The vassals swore fealty to the king.", "fealty", False),
])
def test_an_everyday_noun_or_a_deictic_word_is_no_answer(sentence: str, answer: str,
                                                          trivial: bool) -> None:
    nlp = pipeline("en", DEFAULT_PIPELINES)
    assert nlp is not None
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    assert standalone.trivial(found, sent) is trivial


def test_a_name_after_in_is_asked_with_where() -> None:
    text = "Emma stayed in Normandy after the conquest of the isle by Cnut the Great."
    (card,) = cards_for_answers(text, ["Normandy"])
    assert card.question.startswith("Where did Emma stay"), card.question


def test_a_share_keeps_what_it_is_a_share_of() -> None:
    text = "About 70 percent of the Earth's surface is covered by water."
    (card,) = cards_for_answers(text, ["About 70 percent"])
    assert card.question == "What percentage of the Earth's surface is covered by water?"


def test_who_asks_never_answer_with_the_pages_own_topic(engine: RuleEngine) -> None:
    """'Who adopted the growing feudal doctrines of the rest of France?' → 'Normans' on a page
    about the Normans (dev3 review: trivial)."""
    text = ("The Normans came from Normandy. The Normans adopted the growing feudal doctrines "
            "of the rest of France. The Normans worked them into a hierarchical system. The "
            "Normans built castles in England after 1066.")
    for card in _cards(engine, text):
        if card.type in ("qa", "mcq") and card.question.startswith("Who "):
            assert card.answer.lower().removeprefix("the ") != "normans", card.question


def test_a_wh_subject_takes_the_singular() -> None:
    """'Who have about 5.4 million erythrocytes …?' (dev textbook page)."""
    text = ("Males have about 5.4 million erythrocytes per microliter of blood. Leukocytes "
            "typically leave the blood vessels.")
    questions = [c.question for c in cards_for_answers(text, ["Males", "Leukocytes"])]
    # 'typically' goes as SQuAD's askers leave it out (compression._adverbs, session 25)
    assert questions == ["Who has about 5.4 million erythrocytes per microliter of blood?",
                         "What leaves the blood vessels?"]


def test_nothing_moves_out_of_a_clausal_subject() -> None:
    """'What can eating lead to serious medical issues …?' (dev3 review: echo)."""
    text = "Eating too much or too little food can lead to serious medical issues."
    (card,) = cards_for_answers(text, ["too much or too little food"])
    assert not card.question.startswith("What can eating lead to"), card.question


def test_an_epithet_is_no_definition() -> None:
    """'Who was William?' → 'the Lion' cut 'William the Lion' in two."""
    from agents.generation.defining import definitions

    nlp = pipeline("en", DEFAULT_PIPELINES)
    assert nlp is not None
    sent = nlp("In 1174 William the Lion, King of Scots, invaded England.")[:]
    assert all(answer != "the Lion" for _, answer, _ in definitions(sent))


def test_one_of_a_kind_of_people_is_asked_with_who() -> None:
    """'What was one of the first Norman mercenaries to serve as a Byzantine general?' →
    'Hervé' (dev card)."""
    text = ("One of the first Norman mercenaries to serve as a Byzantine general was Hervé in "
            "the 1050s.")
    (card,) = cards_for_answers(text, ["Hervé"])
    assert card.question.startswith("Who was one of the first Norman mercenaries"), card.question
