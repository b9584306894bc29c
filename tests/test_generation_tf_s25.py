"""True/false makers, session 25's blind reviews: a false statement that reads absurd is not
made. Invented text, the real spaCy pipeline."""
from agents.generation import claims

# the English pipeline is conftest.py's session-wide ``nlp`` fixture


def _sent(nlp, text):
    return next(iter(nlp(text).sents))


def test_opposite_leaves_a_contrast_whose_other_side_is_another_form(nlp):
    # 'between highly-trained and lower-trained crews' → '… highly-trained and
    # higher-trained crews' names one side twice (s25: absurd to all three reviewers)
    sent = _sent(nlp, "In the old fleet, the accident rate reflected the skill gap between "
                      "highly-trained crews and lower-trained crews.")
    assert claims.opposite(sent) is None


def test_opposite_still_swaps_a_plain_comparison(nlp):
    sent = _sent(nlp, "The northern valley received lower rainfall than the coast.")
    made = claims.opposite(sent)
    assert made is not None and made[1] in ("higher", "southern")
