"""The seen reviews have one list (bench.splits.SEEN_REVIEWS); what else names them is derived
from it and must equal the hand-kept values it replaced (session 26: SEEN_KEYS, keep_data's
packets and reviewers, keep_model's ORDER, FORWARD and RECENT, and each review's book)."""

from __future__ import annotations

from bench import keep_data, keep_model, splits

# the hand-kept values at 0b5c9d0, copied as they were: what is derived now must begin with them
# (a review recorded later only adds to the end)
SEEN_KEYS = ('s6-after', 's7-after', 's8-after', 's9-after', 's10-after', 's10b-after',
             's11-after', 's11b-after', 's12-after', 's12b-after', 's13-after', 's13b-after',
             's14-after', 's14b-after', 's15-after', 's15b-after', 's16-after', 's16b-after',
             's17-after', 's17b-after', 's17c-after', 's18-after', 's18b-after', 's18c-after',
             's19-after', 's19b-after', 's19c-after', 's20-after', 's20b-after', 's20c-after',
             's21-after', 's21b-after', 's22-after', 's22b-after', 's22c-after', 's23-after',
             's23b-after', 's23c-after', 's24-after', 's24b-after', 's24c-after', 's25-after',
             's25b-after', 's25c-after')
PACKETS = {'s6-after': ('r6a', 'r6b'),
           's6-before': ('r6c', 'r6d'),
           's7-after': ('r7a', 'r7b'),
           's7-before': ('r7c', 'r7d'),
           's7-both': ('r7e', 'r7f'),
           's8-both': ('r8a', 'r8b', 'r8c'),
           's9-both': ('r9a', 'r9b', 'r9c'),
           's10-both': ('r10a', 'r10b', 'r10c'),
           's10b-both': ('r10d', 'r10e', 'r10f'),
           's11-both': ('r11a', 'r11b', 'r11c'),
           's11b-both': ('r11d', 'r11e', 'r11f'),
           's12-both': ('r12a', 'r12b', 'r12c'),
           's12b-both': ('r12d', 'r12e', 'r12f'),
           's13-both': ('r13a', 'r13b', 'r13c'),
           's13b-both': ('r13d', 'r13e', 'r13f'),
           's14-both': ('r14a', 'r14b', 'r14c'),
           's14b-both': ('r14d', 'r14e', 'r14f'),
           's15-both': ('r15a', 'r15b', 'r15c'),
           's15b-both': ('r15d', 'r15e', 'r15f'),
           's16-both': ('r16a', 'r16b', 'r16c'),
           's16b-both': ('r16d', 'r16e', 'r16f'),
           's17-both': ('r17a', 'r17b', 'r17c'),
           's17b-both': ('r17d', 'r17e', 'r17f'),
           's17c-both': ('r17g', 'r17h', 'r17i'),
           's18-both': ('r18a', 'r18b', 'r18c'),
           's18b-both': ('r18d', 'r18e', 'r18f'),
           's18c-both': ('r18g', 'r18h', 'r18i'),
           's19-both': ('r19a', 'r19b', 'r19c'),
           's19b-both': ('r19d', 'r19e', 'r19f'),
           's19c-both': ('r19g', 'r19h', 'r19i'),
           's20-both': ('r20a', 'r20b', 'r20c'),
           's20b-both': ('r20d', 'r20e', 'r20f'),
           's20c-both': ('r20g', 'r20h', 'r20i'),
           's21-both': ('r21a', 'r21b', 'r21c'),
           's21b-both': ('r21d', 'r21e', 'r21f'),
           's22-both': ('r22a', 'r22b', 'r22c'),
           's22b-both': ('r22d', 'r22e', 'r22f'),
           's22c-both': ('r22g', 'r22h', 'r22i'),
           's23-both': ('r23a', 'r23b', 'r23c'),
           's23b-both': ('r23d', 'r23e', 'r23f'),
           's23c-both': ('r23g', 'r23h', 'r23i'),
           's24-both': ('r24a', 'r24b', 'r24c'),
           's24b-both': ('r24d', 'r24e', 'r24f'),
           's24c-both': ('r24g', 'r24h', 'r24i'),
           's25-both': ('r25a', 'r25b', 'r25c'),
           's25b-both': ('r25d', 'r25e', 'r25f'),
           's25c-both': ('r25g', 'r25h', 'r25i')}
FORWARD = (('s9',), ('s10', 's10b'), ('s11', 's11b'), ('s12', 's12b'), ('s13', 's13b'),
           ('s14', 's14b'), ('s15', 's15b'), ('s16', 's16b'), ('s17', 's17b', 's17c'),
           ('s18', 's18b', 's18c'), ('s19', 's19b', 's19c'), ('s20', 's20b', 's20c'),
           ('s21', 's21b'), ('s22', 's22b', 's22c'), ('s23', 's23b', 's23c'),
           ('s24', 's24b', 's24c'), ('s25', 's25b', 's25c'))
RECENT = ('s19', 's19b', 's19c', 's20', 's20b', 's20c', 's21', 's21b', 's22', 's22b', 's22c',
          's23', 's23b', 's23c', 's24', 's24b', 's24c', 's25', 's25b', 's25c')
BOOKS = {'s6': 'psy',
         's7': 'psy',
         's8': 'ush',
         's9': 'astro',
         's10': 'astro',
         's10b': 'ush',
         's11': 'soc',
         's11b': 'soc',
         's12': 'micro',
         's12b': 'micro',
         's13': 'polisci',
         's13b': 'polisci',
         's14': 'worldhist',
         's14b': 'worldhist',
         's15': 'amgov',
         's15b': 'amgov',
         's16': 'anth',
         's16b': 'anth',
         's17': 'llph',
         's17b': 'llph',
         's17c': 'success',
         's18': 'success',
         's18b': 'ip',
         's18c': 'ip',
         's19': 'python',
         's19b': 'python',
         's19c': 'uphys',
         's20': 'uphys',
         's20b': 'philo',
         's20c': 'philo',
         's21': 'ethics',
         's21b': 'ethics',
         's22': 'marketing',
         's22b': 'marketing',
         's23': 'entrep',
         's23b': 'entrep',
         's24': 'writing',
         's24b': 'writing',
         's25': 'econ',
         's25b': 'econ'}


def test_the_seen_keys_are_the_seen_reviews_after_keys() -> None:
    assert splits.SEEN_KEYS[:len(SEEN_KEYS)] == SEEN_KEYS


def test_the_rated_packets_and_their_reviewers_are_derived_unchanged() -> None:
    assert {packet: keep_data.SEEN[packet] for packet in PACKETS} == PACKETS
    # the order the training files are read in
    assert list(keep_data.SEEN)[:len(PACKETS)] == list(PACKETS)


def test_keep_model_reads_the_reviews_in_the_same_order() -> None:
    order = tuple(k.removesuffix("-after") for k in SEEN_KEYS)
    assert keep_model.ORDER[:len(order)] == order
    assert keep_model.FORWARD[:len(FORWARD)] == FORWARD
    assert keep_model.RECENT[:len(RECENT)] == RECENT


def test_a_reviews_book_is_the_one_its_key_names() -> None:
    for review in (k.removesuffix("-after") for k in SEEN_KEYS):
        assert splits.review_book(review) == BOOKS.get(review, "ap2e"), review
    assert splits.review_book("dev2") == "ap2e"
    row = {"passage": "openstax:m46000", "review": "s10b-both"}
    assert keep_model.topic(row) == "openstax:ush"


def test_a_new_review_needs_only_its_name_in_the_one_list() -> None:
    assert keep_model.ORDER is splits.SEEN_REVIEWS
    assert splits.SEEN_KEYS[-1] == f"{splits.SEEN_REVIEWS[-1]}-after"
    # the reviewers a later session's third review will have, named as every review's since s8
    assert keep_data._reviewers("s26c") == ("r26g", "r26h", "r26i")
    session = splits.SEEN_REVIEWS[-1].rstrip("bc")
    assert keep_model.FORWARD[-1] == tuple(r for r in splits.SEEN_REVIEWS
                                           if r.rstrip("bc") == session)
