"""Session 22's recurring defects, fixed at their cause. All texts invented.

- a formula's subscript on a line of its own ("(O\\n3) is …", as a page copied without its
  markup leaves it) was read as a numbered list item, and the sentence lost its subject;
- a page range glued to the word it followed ("City:57–60 where") stayed in the card;
- a capitalised adverb that opens a brand name ("Truly Organic") was hung on the verb, and the
  cards asked about the name without it;
- a clause the parser made a conjunct of the root with no comma or conjunction before it
  ("… into believing their soups were vegan") cut the sentence into two broken clauses;
- "this model" after "still another model" became "the another model";
- a participle fragment after a colon ("…: the Gap Model, first proposed in 1985") was asked
  "When did … propose?" with the clause before the colon inside the question.
"""

from __future__ import annotations

from agents.generation.asking import ask
from agents.generation.clauses import clause_ids
from agents.generation.reference import Resolver
from agents.generation.spans import Answer
from agents.generation.text import sentences


def test_a_subscript_on_its_own_line_stays_in_its_formula() -> None:
    text = ("Dinitrogen (N\n2) is the main gas of the air and is carried to the Tamsey plant "
            "in tanks.\nThe plant splits N\n2 into atoms, and the heavy water (D\n2O) cools "
            "the reactor.")
    found = [s.text for s in sentences(text)]
    assert found == [
        "Dinitrogen (N2) is the main gas of the air and is carried to the Tamsey plant in tanks.",
        "The plant splits N2 into atoms, and the heavy water (D2O) cools the reactor.",
    ], found
    assert all(s.kind == "prose" for s in sentences(text))


def test_a_page_range_glued_to_a_word_is_dropped() -> None:
    text = "In May 1902, she moved to Port Alder:112–115 where she opened a small bakery."
    (found,) = [s.text for s in sentences(text)]
    assert found == "In May 1902, she moved to Port Alder where she opened a small bakery."
    # a time and a ratio keep their colon
    text = "The ferry left at 10:30 every morning, and the mix was 1:2 by weight."
    assert [s.text for s in sentences(text)] == [text]


def test_an_adverb_the_recogniser_reads_as_a_name_stays_in_the_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Truly Organic Foods, a bakery based in Harrow, Kent, came under attack by the Food "
              "Standards Office in 2016 for selling mislabelled bread.")
    made = [" ".join(doc[i].text for i in ids) for ids, _ in clause_ids(next(doc.sents))]
    assert made and all(m.startswith("Truly Organic Foods ") for m in made), made
    # a focus adverb before a name is no part of it
    doc = nlp("Only Tamsey, a brewery in Harrow, was fined by the county in 2011.")
    assert doc[0].dep_ == "advmod"


def test_a_conjunct_without_comma_or_conjunction_makes_no_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Simply Kelp, a grocer based in Port Alder, Maine, came under attack by the state "
              "regulator in 2016 for misleading shoppers into believing their soups were "
              "entirely vegan.")
    made = [" ".join(doc[i].text for i in ids) for ids, _ in clause_ids(next(doc.sents))]
    assert not any(m.endswith("believing") for m in made), made


def test_another_is_no_antecedent_for_this(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Let us look at still another model that helps sailors read the tides. "
              "The strength of this model is that it shows that tides follow the moon.")
    first, second = list(doc.sents)
    resolver = Resolver(previous=[first])
    noun = next(t for t in second if t.lower_ == "model")
    found = resolver.demonstrative(noun)
    assert found is None or "another" not in found, found


def test_a_participle_fragment_after_a_colon_is_not_asked_with_did(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("While we’re still on the subject of tides, let’s take a look at still another "
              "model that aids sailors in better understanding tides: the Harrow Model of Tides "
              "(sometimes also known as the Moon Model or the Three-Tide Model), first proposed "
              "in 1931.")
    sent = next(doc.sents)
    year = next(t for t in sent if t.text == "1931")
    asked = ask(sent, Answer(year.i, year.i + 1, "date", "DATE", "", "1931"))
    assert asked is None or "take a look" not in asked.question, asked
