"""Answer-aware over-generation and ranking: the shortened sentences, the other wh-phrases,
the weights file's version check, and the ranker's choice on a passage written for this test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agents.generation import ranking
from agents.generation.answer_aware import candidates_for, cards_for_answers, rephrasings
from agents.generation.compression import compressions
from agents.generation.grammar import ill_formed
from agents.generation.phrasing import in_window
from agents.generation.reference import Resolver
from agents.generation.spans import locate

PASSAGE = (
    "The harbour town of Kelmscott grew slowly for two centuries. "
    "In 1887, after years of argument in the town council, the Kelmscott Bridge Company, "
    "which had been founded by local merchants, completed the iron bridge over the river Tamsey "
    "with money raised from a public subscription."
)


def _short(nlp, sentence: str, answer: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    doc = nlp(sentence)
    at = sentence.index(answer)
    span = doc.char_span(at, at + len(answer))
    return {what: short.text for short, what in compressions(doc[:], span.start, span.end)}


def test_a_sentence_loses_its_asides_and_adjuncts_but_never_the_answer(nlp) -> None:  # type: ignore[no-untyped-def]
    made = _short(nlp, PASSAGE.split(". ", 1)[1], "1887")
    texts = set(made.values())
    # the relative clause goes with both of its commas
    assert ("In 1887, after years of argument in the town council, the Kelmscott Bridge Company "
            "completed the iron bridge over the river Tamsey with money raised from a public "
            "subscription.") in texts
    # everything optional at once leaves the fact the answer belongs to
    together = max(made, key=lambda k: k.count("+"))
    assert made[together] == ("In 1887 the Kelmscott Bridge Company completed the iron bridge over "
                              "the river Tamsey.")
    assert all("1887" in t for t in texts)


def test_a_coordinated_clause_goes_with_its_conjunction(nlp) -> None:  # type: ignore[no-untyped-def]
    made = _short(nlp, "William invaded England in 1066, and he was crowned at Westminster.",
                  "England")
    assert made["conj"] == "William invaded England in 1066."


def test_a_name_in_apposition_to_a_common_noun_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    # dropping 'Chopiniana' left 'a ballet', asked 'Who orchestrated the ballet?': which one?
    made = _short(nlp, "In 1909, Michel Fokine created a ballet, Chopiniana, orchestrated by "
                       "Alexander Glazunov.", "Alexander Glazunov")
    assert made and all("Chopiniana" in short for short in made.values())
    # a description in apposition to a name still goes
    made = _short(nlp, "William, the Duke of Normandy, invaded England in 1066.", "1066")
    assert "William invaded England in 1066." in made.values()


def test_a_shortened_sentence_keeps_the_parse_and_the_entities(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "Marie Curie, who was born in Warsaw, won the Nobel Prize in 1911."
    doc = nlp(sentence)
    at = sentence.index("1911")
    span = doc.char_span(at, at + 4)
    short = dict((w, s) for s, w in compressions(doc[:], span.start, span.end))["relcl"]
    assert short.text == "Marie Curie won the Nobel Prize in 1911."
    assert short.root.lemma_ == "win"
    assert [e.text for e in short.ents] == [e.text for e in doc.ents if "Warsaw" not in e.text]


_YEAR_ASKED = ("When did ", "What year did ", "In what year did ")


def test_a_year_is_asked_in_the_words_people_use_for_one(nlp) -> None:  # type: ignore[no-untyped-def]
    made = candidates_for(PASSAGE, ["1887"], nlp)[0]
    asked = {c.question for c in made.candidates}
    assert any(q.startswith("When did ") for q in asked)
    # session 21: 'When', as people ask a year (answer_aware.as_people_ask), not 'What year'
    # or 'In what year' beside it
    assert not any("what year" in q.lower() for q in asked), asked


def test_the_other_wh_phrases_keep_every_other_word() -> None:
    assert rephrasings("When did the fleet sail?", "December") == [
        "In what month did the fleet sail?"]
    assert rephrasings("When did the fleet sail?", "3 December 1190") == []  # 'When' (s21)
    assert rephrasings("When did the fleet sail?", "the spring") == []  # not a year or a day
    assert rephrasings("Which river bounded the duchy?", "Seine") == [
        "What river bounded the duchy?"]
    assert rephrasings("From which port did the fleet sail?", "Messina") == [
        "From what port did the fleet sail?"]
    assert rephrasings("Which was the first?", "Rouen") == []  # 'which' heads no noun
    # 'what type of' replaces 'what kind of' (answer_aware.as_people_ask, session 21)
    assert rephrasings("What type of arches does it have?", "rounded") == []
    assert rephrasings("The Normans settled in the east of what place?", "Ireland") == [
        "The Normans settled in the east of what country?"]
    assert rephrasings("The Normans settled in the east of what place?", "Leinster") == []


def test_every_form_is_a_candidate(nlp) -> None:  # type: ignore[no-untyped-def]
    made = candidates_for(PASSAGE, ["1887"], nlp)[0]
    assert {c.source for c in made.candidates} == {"sentence", "short"}
    assert all(c.form == "adjunct" and c.question.startswith(_YEAR_ASKED)
               for c in made.candidates)
    assert len({c.question for c in made.candidates}) == len(made.candidates)
    # the object of the participle 'raised from' is asked with its preposition stranded
    # (participles.adjunct_question, session 18); the echoes come only with ``echoes``
    made = candidates_for(PASSAGE, ["a public subscription"], nlp)[0]
    assert [(c.form, c.question) for c in made.candidates] == [
        ("adjunct", "What was money raised from?")]
    made = candidates_for(PASSAGE, ["a public subscription"], nlp, echoes=True)[0]
    assert {"window", "blank"} <= {c.form for c in made.candidates}
    assert any(c.source == "clause" for c in made.candidates)
    # no wh-question for 'argument' (inside 'after years of argument'): the echoes, last resort
    made = candidates_for(PASSAGE, ["argument"], nlp)[0]
    assert {c.form for c in made.candidates} == {"window", "blank"}


def test_the_ranker_prefers_the_short_fronted_question_to_the_echo(nlp) -> None:  # type: ignore[no-untyped-def]
    made = candidates_for(PASSAGE, ["1887"], nlp)[0]
    model = ranking.Ranker.load()
    chosen = model.best(made.candidates, made.kind, made.sentence)
    assert chosen is not None and chosen.question.startswith(_YEAR_ASKED)
    longest = max(made.candidates, key=lambda c: len(c.question))
    assert len(chosen.question.split()) < len(longest.question.split())
    # the echo the sentence gives for the same answer, as the last resort would make it
    doc = nlp(PASSAGE)
    sent = list(doc.sents)[1]
    found = locate(sent, "1887")
    assert found is not None
    window = in_window(sent, found, Resolver(lenient=True))
    assert window is not None and window not in {c.question for c in made.candidates}
    echo = ranking.Candidate(window, "window", "sentence",
                             problems=ill_formed([window], nlp)[0])
    assert model.score(chosen, made.kind, made.sentence) > \
        model.score(echo, made.kind, made.sentence)
    card = cards_for_answers(PASSAGE, ["1887"])[0]
    assert card.question == chosen.question and card.answer == "1887"


def test_a_weights_file_for_other_features_is_refused(tmp_path: Path) -> None:
    shipped = json.loads(ranking.WEIGHTS.read_text(encoding="utf-8"))
    assert shipped["feature_set"] == ranking.FEATURE_SET
    old = tmp_path / "old.json"
    old.write_text(json.dumps({**shipped, "feature_set": "rank/0"}), encoding="utf-8")
    with pytest.raises(ranking.RankingModelError, match="rank/0"):
        ranking.Ranker.load(old)
    short = tmp_path / "short.json"
    short.write_text(json.dumps({**shipped, "features": shipped["features"][:-1],
                                 "weights": shipped["weights"][:-1]}), encoding="utf-8")
    with pytest.raises(ranking.RankingModelError, match="feature list"):
        ranking.Ranker.load(short)


def test_a_pronoun_the_page_never_names_is_kept_rather_than_no_question() -> None:
    # a paragraph that opens on 'he': no name to put in its place, and the answer's card was
    # the blank 'At the age of 21 he settled in _____.'
    text = "At the age of 21 he settled in Paris. There he gave lessons to the rich."
    card = cards_for_answers(text, ["Paris"])[0]
    assert card.question.startswith("Where did he settle") and card.question.endswith("?")
    # a pronoun the page does name is still replaced
    named = cards_for_answers("Chopin was a composer. At the age of 21 he settled in Paris.",
                              ["Paris"])[0]
    assert "Chopin" in named.question and " he " not in named.question


def test_a_fronted_sentence_adverb_goes_but_a_negation_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    # 'Meanwhile the Normans occupied …' was asked with its 'Meanwhile': people drop it
    made = _short(nlp, "Meanwhile, the Normans occupied Petrela in 1081.", "1081")
    assert "The Normans occupied Petrela in 1081." in {t[:1].upper() + t[1:]
                                                        for t in made.values()}
    made = _short(nlp, "Fortunately the Normans never occupied Petrela in 1081.", "1081")
    assert all("never" in t for t in made.values())


def test_one_adjunct_can_stay_while_the_others_go(nlp) -> None:  # type: ignore[no-untyped-def]
    # besides each drop alone and all of them, every drop but one: the version that keeps
    # only the adjunct which pins the fact
    sentence = ("William, the Duke of Normandy, invaded England in 1066 with a large fleet "
                "after a long dispute.")
    doc = nlp(sentence)
    span = doc.char_span(sentence.index("1066"), sentence.index("1066") + 4)
    made = [short.text for short, _ in compressions(doc[:], span.start, span.end)]
    assert "William, the Duke of Normandy, invaded England in 1066." in made
    assert "William invaded England in 1066 with a large fleet." in made
    assert "William invaded England in 1066 after a long dispute." in made


def test_a_time_hung_on_a_noun_moves_to_the_front_as_the_clause_adjunct(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parse hangs 'in the 14th century' on 'trade'; it dates the clause all the same, so
    # the phrase is fronted with its wh-phrase rather than asked in place ('… in the what
    # date century?', the old in-situ fallback)
    text = "The river town was the centre of a thriving trade in wool in the 14th century."
    made = candidates_for(text, ["14th"], nlp)[0]
    asked = {c.question for c in made.candidates}
    assert "When was the river town the centre of a thriving trade in wool?" in asked
    assert "In what century was the river town the centre of a thriving trade in wool?" in asked
    assert not any(c.form in ("in-situ", "window", "blank") for c in made.candidates)
    # and out of the subject: the wars' century dates their destroying the abbey
    made = candidates_for("The long wars of religion in the 16th century destroyed much of "
                          "the old abbey.", ["16th century"], nlp)[0]
    assert "In what century did the long wars of religion destroy much of the old abbey?" in {
        c.question for c in made.candidates}
    # a year that modifies a noun goes alone, its noun stays ('the 1909 ballet')
    made = candidates_for("The 1909 ballet was staged by a small company in Lyon.", ["1909"],
                          nlp)[0]
    assert "When was the ballet staged by a small company in Lyon?" in {
        c.question for c in made.candidates}


def test_a_time_inside_a_clause_of_its_own_stays_with_that_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    # 1820 dates the building, not the carrying: no 'When did the bridge carry the road?'
    made = candidates_for("The bridge built in 1820 carried the main road.", ["1820"], nlp)[0]
    assert not any(c.question.startswith(("When did", "In what year did", "What year did"))
                   for c in made.candidates)


def test_a_century_is_also_asked_in_the_words_people_use_for_one() -> None:
    assert rephrasings("When did the abbey fall?", "the 11th century") == [
        "In what century did the abbey fall?", "What century did the abbey fall?"]
    assert rephrasings("When did the abbey fall?", "10th and 11th centuries") == [
        "In what century did the abbey fall?", "What century did the abbey fall?"]
    assert rephrasings("When did the abbey fall?", "11") == []
