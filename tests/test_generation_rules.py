"""The RuleEngine and QualityScorer on values: no Kafka, no mocks of our own code."""

from __future__ import annotations

import re

import pytest

from agents.exceptions import EmptyText, InputError
from agents.generation import GenerationRequest, RuleEngine
from agents.generation.language import detect, normalise_code
from agents.generation.terms import norm
from agents.generation.text import sentences

HISTORY = """The Normans were the people who in the 10th and 11th centuries gave their name to
Normandy, a region in France. They were descended from Norse raiders and pirates from Denmark,
Iceland and Norway who, under their leader Rollo, agreed to swear fealty to King Charles III of
West Francia. The Battle of Hastings was fought in 1066 between the Norman-French army of
William, the Duke of Normandy, and an English army under King Harold Godwinson. About 7,000
soldiers fought on each side. Photosynthesis is the process by which green plants turn light
into chemical energy. The castle was abandoned because the river changed its course.
William was crowned king of England on Christmas Day in 1066 at Westminster Abbey. The Domesday
Book was completed in 1086 and recorded the land and resources of England."""

SPANISH = """La fotosíntesis es el proceso por el cual las plantas verdes convierten la luz en
energía química. Este proceso ocurre en los cloroplastos de las células vegetales. Los
cloroplastos contienen clorofila, un pigmento que absorbe la luz del sol. Charles Darwin
publicó El origen de las especies en 1859. La teoría de la evolución explica la diversidad de
la vida en la Tierra. Gregor Mendel estudió la herencia con plantas de guisantes en 1865."""


@pytest.fixture(scope="module")
def engine() -> RuleEngine:
    import torch

    from agents.encoder import shared_encoder

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # two threads on a busy 2-core box run MiniLM ~10x slower
    yield RuleEngine(shared_encoder())
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def fast() -> RuleEngine:
    return RuleEngine(encoder=None)


def make(engine: RuleEngine, text: str = HISTORY, **options: object):  # type: ignore[no-untyped-def]
    return engine.generate(GenerationRequest(text, "upload-1", **options))  # type: ignore[arg-type]


def test_every_type_is_well_formed(engine: RuleEngine) -> None:
    result = make(engine, num_cards=12)
    assert len(result.cards) == 12
    assert {c.type for c in result.cards} == {"qa", "mcq", "cloze", "tf"}
    assert result.language == "en" and result.engine == "rules"
    for card in result.cards:
        assert card.question and card.answer and card.source_sentence
        assert 0 < card.quality_score <= 1
        assert set(card.quality) >= {
            "clarity", "relevance", "difficulty", "completeness", "answerability", "consistency"
        }  # fmt: skip
        assert len(card.answer.split()) <= 25  # atomic
        if card.type == "mcq":
            assert 3 <= len(card.choices) <= 4
            assert len({norm(c) for c in card.choices}) == len(card.choices)  # distinct
            assert [c for c in card.choices if norm(c) == norm(card.answer)] == [card.answer]
            wrong = [c for c in card.choices if c != card.answer]
            # no distractor is also true: none occurs in the sentence the card asks about
            assert not any(f" {norm(w)} " in f" {norm(card.source_sentence)} " for w in wrong)
        if card.type == "cloze":
            assert "_____" in card.question and "{{" not in card.question
            assert card.answer in card.source_sentence
        if card.type == "tf":
            assert card.answer in ("True", "False")
            statement = card.question.removeprefix("True or false: ")
            if card.answer == "False":
                assert norm(statement) not in norm(card.source_sentence)
        if card.type == "qa" or (card.type == "mcq" and "_____" not in card.question):
            assert card.question.endswith("?")  # a multiple-choice card may complete a blank


def test_false_statements_swap_a_fact_for_one_of_the_same_kind(fast: RuleEngine) -> None:
    cards = make(fast, num_cards=12, question_types=("tf",)).cards
    false = [c for c in cards if c.answer == "False"]
    assert false and any(c.answer == "True" for c in cards)
    for card in false:
        statement = card.question.removeprefix("True or false: ")
        source_words, statement_words = (
            set(norm(card.source_sentence).split()),
            set(norm(statement).split()),
        )
        assert statement_words != source_words


@pytest.mark.parametrize("count", [1, 5, 10, 20])
def test_requested_count_is_honoured(fast: RuleEngine, count: int) -> None:
    result = make(fast, num_cards=count)
    assert len(result.cards) == count


def test_requested_types_only_and_shortfall_is_noted(fast: RuleEngine) -> None:
    result = make(fast, num_cards=6, question_types=("cloze",))
    assert {c.type for c in result.cards} == {"cloze"}
    short = make(fast, "Rollo led the Norse raiders to Normandy in 911.", num_cards=10)
    assert 0 < len(short.cards) < 10
    assert any(n.startswith(f"only {len(short.cards)} of 10 cards") for n in short.notes)


def test_difficulty_changes_what_is_asked(engine: RuleEngine) -> None:
    beginner = make(engine, num_cards=8, difficulty="beginner")
    advanced = make(engine, num_cards=8, difficulty="advanced")
    assert {c.question for c in beginner.cards} != {c.question for c in advanced.cards}
    assert all(c.difficulty == "advanced" for c in advanced.cards)
    level = {"beginner": 0.0, "intermediate": 1.0, "advanced": 2.0}

    def mean_fit(cards: list, target: str) -> float:  # type: ignore[type-arg]
        return sum(c.quality["difficulty"] for c in cards) / len(cards)

    # 0.55: with years asked 'When …?' the two 'When was William crowned …?' cards (1066,
    # Christmas Day) are near duplicates and one goes; the eight cards then fit at 0.59
    assert mean_fit(beginner.cards, "beginner") > 0.55 and level
    # the causal sentence gives no "What is the reason that …?" echo (session 7's review
    # deleted every one); its facts are asked from the parse like any other
    assert not any(c.question.startswith("What is the reason") for c in advanced.cards)
    # (a "definitions are a beginner's question" check here held only through the reason
    # echo, "What is the reason that the castle was abandoned?", which also starts "What is")


def test_spanish_text_gives_spanish_cards(engine: RuleEngine) -> None:
    result = make(engine, SPANISH, num_cards=8)
    assert result.language == "es"
    questions = [c.question for c in result.cards if c.type in ("qa", "mcq")]
    assert questions and all(q.startswith("¿") and q.endswith("?") for q in questions)
    assert any(c.question.startswith("¿Verdadero o falso?") for c in result.cards if c.type == "tf")
    assert all(c.language == "es" for c in result.cards)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Der Hund ist nicht im Haus und die Katze wird auch nicht mit dem Kind spielen.", "de"),
        ("Le chat est dans la maison et il ne sort pas avec les enfants pour le jeu.", "fr"),
        ("O gato não está em casa e os meninos são da escola que fica no centro.", "pt"),
        ("Il gatto è nella casa e non esce con il cane per la strada della città.", "it"),
    ],
)
def test_other_languages_do_not_crash(fast: RuleEngine, text: str, code: str) -> None:
    assert detect(text) == code
    result = make(fast, f"{text} {text.replace('.', ' 1999.')}", num_cards=3)
    assert result.language == code and result.cards


def test_language_codes_are_normalised() -> None:
    assert normalise_code("eng+spa") == "en"
    assert normalise_code("spa") == "es"
    assert normalise_code("ES") == "es"
    assert normalise_code(None) is None


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", EmptyText),
        ("   \n\t ", EmptyText),
        ("Photosynthesis", EmptyText),
        ("a b c", EmptyText),
        ("\x00\x01\x02\x89PNG\x1a\x00\x00\x7f" * 200, InputError),
        ("��������" * 50 + " some text", InputError),
        ("%$#@ 123 456 ^&* 789 {} [] ;; 42" * 50, InputError),
    ],
)
def test_unusable_text_is_a_clear_error(fast: RuleEngine, text: str, error: type) -> None:
    with pytest.raises(error) as info:
        make(fast, text)
    assert "\n" not in str(info.value) and str(info.value)


def test_one_megabyte_is_refused_quickly(fast: RuleEngine) -> None:
    text = (HISTORY + "\n") * (1_048_576 // len(HISTORY) + 1)
    with pytest.raises(InputError, match="limit"):
        make(fast, text[:1_048_576])


def test_long_text_under_the_limit_is_cut_down_and_noted(fast: RuleEngine) -> None:
    lines = [
        f"The town of Varn{i} was founded in {1000 + i % 900} by the merchant Oskar Lind{i}, "
        f"who traded {10 + i % 90} tons of salt with the harbour of Kelby{i % 50}."
        for i in range(2500)
    ]
    text = "\n".join(lines)  # ~300 kB of distinct sentences
    assert 250_000 < len(text) < 400_000
    result = make(fast, text, num_cards=10)
    assert len(result.cards) == 10
    assert any(n.startswith("long text") for n in result.notes)


def test_bad_options_are_input_errors(fast: RuleEngine) -> None:
    with pytest.raises(InputError):
        make(fast, difficulty="expert")
    with pytest.raises(InputError):
        make(fast, question_types=("essay",))


def test_code_and_maths_are_kept_verbatim(fast: RuleEngine) -> None:
    text = (
        "In Python the built-in `len(items)` returns the number of elements of a list.\n"
        "The function `sorted(xs, reverse=True)` returns a new list in descending order.\n"
        "The area of a circle is A = pi * r**2 for a radius r.\n"
        "The derivative of x^2 + 3*x is 2*x + 3, a linear function.\n"
        "def area(r):\n"
        "    return 3.14159 * r ** 2\n"
    )
    cards = make(fast, text, num_cards=10, subject="programming").cards
    joined = " ".join(f"{c.question} {c.answer}" for c in cards)
    for fragment in ("`len(items)`", "`sorted(xs, reverse=True)`", "x^2 + 3*x", "2*x + 3"):
        if fragment in joined:
            break
    else:
        pytest.fail(f"no code or maths kept verbatim in {joined}")
    code_cards = [c for c in cards if "code" in c.tags]
    assert code_cards and all(
        c.question.replace("_____", c.answer).removeprefix("Complete the code: ")
        in text for c in code_cards
    )  # fmt: skip
    assert all("`" not in c.answer or re.fullmatch(r"`[^`]+`", c.answer) for c in cards)


def test_card_ids_are_stable_and_distinct(fast: RuleEngine) -> None:
    first = make(fast, num_cards=10)
    again = make(fast, num_cards=10)
    assert [c.card_id for c in first.cards] == [c.card_id for c in again.cards]
    assert len({c.card_id for c in first.cards}) == 10
    other = fast.generate(GenerationRequest(HISTORY, "upload-2", 10))
    assert not {c.card_id for c in first.cards} & {c.card_id for c in other.cards}


def test_no_near_duplicates(engine: RuleEngine) -> None:
    cards = make(engine, num_cards=15).cards
    facts = [(norm(c.answer), c.source_sentence) for c in cards if c.type != "tf"]
    assert len(set(facts)) == len(facts)
    assert len({norm(c.question) for c in cards}) == len(cards)


def test_ocr_text_is_split_into_sentences() -> None:
    ocr = (
        "CHAPTER 2\nThe Norman Conquest\n"
        "The Normans were the people who gave their name to Nor-\nmandy, a region in France. "
        "They were de-\nscended from Norse raiders, e.g. from Denmark.\n"
        "• Rollo agreed to swear fealty to the king\n"
        "- The Battle of Hastings was fought in 1066\n"
    )
    found = sentences(ocr)
    texts = [s.text for s in found]
    assert (
        "The Normans were the people who gave their name to Normandy, a region in France." in texts
    )
    assert "They were descended from Norse raiders, e.g. from Denmark." in texts
    assert "Rollo agreed to swear fealty to the king" in texts
    assert all("CHAPTER" not in t for t in texts)
    assert found[0].heading == "The Norman Conquest"


class FixedRater:
    """A learned rater stand-in: prefers long answers, as a rater trained on users might."""

    name = "test-rater"
    version = "1"

    def predict(self, sources: list[str], cards: list) -> list[float]:  # type: ignore[type-arg]
        return [min(1.0, len(c.answer.split()) / 4) for c in cards]


def test_a_rater_re_ranks_the_candidates(engine: RuleEngine) -> None:
    # 1 of the text's 3 questions over the keep model's bar (quality.KEEP_BAR; the rest are
    # the deck's last resort, taken after every card over it): room to choose
    plain = make(engine, num_cards=1, question_types=("qa",))
    rated = engine.generate(
        GenerationRequest(HISTORY, "upload-1", 1, question_types=("qa",)), rater=FixedRater()
    )
    assert all("learned" in c.quality and "heuristic" in c.quality for c in rated.cards)
    mean = lambda cards: sum(len(c.answer.split()) for c in cards) / len(cards)  # noqa: E731
    assert mean(rated.cards) > mean(plain.cards)  # the pool had longer answers to choose


class RecordingRater(FixedRater):
    def __init__(self) -> None:
        self.seen: list = []  # type: ignore[type-arg]

    def predict(self, sources: list[str], cards: list) -> list[float]:  # type: ignore[type-arg]
        self.seen += cards
        return super().predict(sources, cards)


def test_the_rater_sees_cards_as_they_are_delivered(engine: RuleEngine) -> None:
    """Language and heuristic scores, as in the training data: the scorer's features use both."""
    rater = RecordingRater()
    engine.generate(GenerationRequest(SPANISH, "upload-es", 4), rater=rater)
    assert rater.seen and {c.language for c in rater.seen} == {"es"}
    assert all("clarity" in c.quality and "consistency" in c.quality for c in rater.seen)


def test_pool_offers_short_and_long_answers(fast: RuleEngine) -> None:
    from agents.generation.prepare import prepare

    request = GenerationRequest(HISTORY, "u", 10)
    doc, _, _ = prepare(request, None)
    pool = fast.candidates(doc, "intermediate")
    lengths = {len(c.answer.split()) for c in pool if c.type == "qa"}
    assert min(lengths) == 1 and max(lengths) >= 4
    assert len(pool) >= 3 * request.num_cards  # over-generation
