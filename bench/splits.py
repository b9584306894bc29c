"""The texts the card benches read, and which of them the engine may be tuned on.

Two corpora, each split once into DEV (may be read while tuning the engine) and TEST (held
out: look only at its final numbers):

- SQuAD v2.0 dev subset (``../shared/data/squad2_dev_subset.json``, CC BY-SA 4.0): split by
  *article*, so no paragraph of a test article shares a topic with what was tuned on. The
  engine's developers may look at the file's first 20 paragraphs, so every article that has
  a paragraph among them is DEV (today: "Normans", 39 paragraphs); all other articles are
  TEST (today: "Computational_complexity_theory" and "Southern_California", 52 paragraphs).
- Textbook pages (``bench/data/openstax_ap2e_pages.json``, OpenStax Anatomy and Physiology 2e,
  CC BY 4.0; source, commit and license in the file): each page carries its split, assigned
  once when the excerpts were taken (4 dev, 8 test). These have no human questions.
- A second book, held out whole (``bench/data/openstax_ush_pages.json``, OpenStax U.S. History,
  CC BY 4.0): 8 test pages of a subject nobody tuned on, read with ``book="ush"`` (the default
  book stays Anatomy and Physiology, so earlier packets rebuild the same).
- A third book, held out whole (``bench/data/openstax_phil_pages.json``, OpenStax Introduction
  to Philosophy, CC BY 4.0 commit): 8 test pages added in session 5 for its final review
  (``book="phil"``).
- A fourth book, held out whole (``bench/data/openstax_psy_pages.json``, OpenStax Psychology 2e,
  CC BY 4.0 commit): 8 test pages added in session 6 for its final review (``book="psy"``).
- A fifth book, held out whole (``bench/data/openstax_astro_pages.json``, OpenStax Astronomy 2e,
  CC BY 4.0 commit): 10 test pages added in session 9 for its final review (``book="astro"``).
- A sixth book, held out whole (``bench/data/openstax_soc_pages.json``, OpenStax Introduction
  to Sociology 3e, CC BY 4.0 commit): 10 test pages added in session 11 for its final review
  (``book="soc"``), built by ``bench/openstax_pages.py`` (source, commit, seed in the file).
- A seventh book, held out whole (``bench/data/openstax_micro_pages.json``, OpenStax
  Microbiology, CC BY 4.0 commit): 10 test pages added in session 12 for its final review
  (``book="micro"``), built by ``bench/openstax_pages.py`` (source, commit, seed in the file).
- An eighth book, held out whole (``bench/data/openstax_polisci_pages.json``, OpenStax
  Introduction to Political Science, CC BY 4.0 commit): 10 test pages added in session 13 for its
  final review (``book="polisci"``), built by ``bench/openstax_pages.py`` (source, commit, seed
  in the file).
- A ninth book, held out whole (``bench/data/openstax_worldhist_pages.json``, OpenStax World
  History Volume 2, CC BY 4.0 commit): 10 test pages added in session 14 for its final review
  (``book="worldhist"``), built by ``bench/openstax_pages.py --collection`` (the book comes in
  two volumes; source, commit, seed in the file).
- A tenth book, held out whole (``bench/data/openstax_amgov_pages.json``, OpenStax American
  Government 4e, CC BY 4.0 commit): 10 test pages added in session 15 for its final review
  (``book="amgov"``), built by ``bench/openstax_pages.py`` (source, commit, seed in the file).
- An eleventh book, held out whole (``bench/data/openstax_anth_pages.json``, OpenStax
  Introduction to Anthropology, CC BY 4.0 at its newest commit): 10 test pages added in session
  16 for its final reviews (``book="anth"``), built the same way.
- A twelfth book, held out whole (``bench/data/openstax_llph_pages.json``, OpenStax Life,
  Liberty, and the Pursuit of Happiness, CC BY 4.0 at its newest commit): 10 test pages added
  in session 17 for its final reviews (``book="llph"``), built the same way.
- A thirteenth book, held out whole (``bench/data/openstax_success_pages.json``, OpenStax
  College Success, CC BY 4.0 at its newest commit): 10 test pages added in session 17 for a
  third review of the session's last engine (``book="success"``), built the same way.
- A fourteenth book, held out whole (``bench/data/openstax_ip_pages.json``, OpenStax
  Introduction to Intellectual Property, CC BY 4.0 at its newest commit): 10 test pages added
  in session 18 for its final reviews (``book="ip"``), built the same way.
- A fifteenth book, held out whole (``bench/data/openstax_python_pages.json``, OpenStax
  Introduction to Python Programming, CC BY 4.0 at its newest commit): 10 test pages added in
  session 19 for its final reviews (``book="python"``), built the same way (a programming book:
  38 of its modules were passed over for too little prose outside code and lists).
- A sixteenth book, held out whole (``bench/data/openstax_uphys_pages.json``, OpenStax
  University Physics Volume 1, CC BY 4.0 at its last commit before the repository's licence
  became CC BY-NC-SA): 10 test pages added in session 19 for a third review of the session's
  last engine (``book="uphys"``), built the same way.
- A seventeenth book, held out whole (``bench/data/openstax_philo_pages.json``, OpenStax
  Introduction to Philosophy, CC BY 4.0 at its last commit before the repository's licence
  became CC BY-NC-SA): 10 test pages added in session 20 for its final reviews
  (``book="philo"``), built the same way.
- An eighteenth book, held out whole (``bench/data/openstax_ethics_pages.json``, OpenStax
  Business Ethics, CC BY 4.0 at its last commit before the repository's licence became
  CC BY-NC-SA): 10 test pages added in session 21 for its final reviews (``book="ethics"``),
  built the same way.
- A nineteenth book, held out whole (``bench/data/openstax_marketing_pages.json``, OpenStax
  Principles of Marketing, CC BY 4.0 at its last commit before the repository's licence became
  CC BY-NC-SA): 10 test pages added in session 22 for its final reviews
  (``book="marketing"``), built the same way.
- A twentieth book, held out whole (``bench/data/openstax_entrep_pages.json``, OpenStax
  Entrepreneurship, CC BY 4.0 at its last commit before the repository's licence became
  CC BY-NC-SA): 10 test pages added in session 23 for its final reviews (``book="entrep"``),
  built the same way.
- A twenty-first book, held out whole (``bench/data/openstax_writing_pages.json``, OpenStax
  Writing Guide with Handbook, CC BY 4.0 at its last commit before the repository's licence
  became CC BY-NC-SA): 10 test pages added in session 24 for its final reviews
  (``book="writing"``), built the same way.
- A twenty-second book, held out whole (``bench/data/openstax_econ_pages.json``, OpenStax
  Principles of Economics 3e, CC BY 4.0 at its newest commit; the bundle's Principles of
  Economics 3e collection only): 10 test pages added in session 25 for its final reviews
  (``book="econ"``), built the same way.
- A twenty-third book, held out whole (``bench/data/openstax_busi_pages.json``, OpenStax
  Introduction to Business 2e, CC BY 4.0 at its last commit before the repository's licence
  became CC BY-NC-SA): 10 test pages added in session 26 for its final reviews
  (``book="busi"``), built the same way.
- A twenty-fourth book, held out whole (``bench/data/openstax_chem2_pages.json``, OpenStax
  Chemistry 2e, CC BY 4.0 at its last commit before the repository's licence became CC
  BY-NC-SA; the bundle's Chemistry 2e collection only): 10 test pages added in session 27 for
  its final reviews (``book="chem2"``), built the same way.
- A twenty-fifth book, held out whole (``bench/data/openstax_finance_pages.json``, OpenStax
  Principles of Finance, CC BY 4.0 at its last commit before the repository's licence became CC
  BY-NC-SA): 10 test pages added in session 28 for its final reviews (``book="finance"``), built
  the same way.
- A twenty-sixth book, held out whole (``bench/data/openstax_stats_pages.json``, OpenStax
  Introductory Statistics 2e, CC BY 4.0 at its last commit before the repository's licence became
  CC BY-NC-SA; the bundle's Introductory Statistics 2e collection only): 10 test pages added in
  session 29 for its final reviews (``book="stats"``), built the same way.
- A twenty-seventh book, held out whole (``bench/data/openstax_software_pages.json``, OpenStax
  Workplace Software and Skills, CC BY 4.0 at its last commit before the repository's licence
  became CC BY-NC-SA): 10 test pages added in session 30 for its final reviews
  (``book="software"``), built the same way.
- A twenty-eighth book, held out whole (``bench/data/openstax_contmath_pages.json``, OpenStax
  Contemporary Mathematics, CC BY 4.0 at its last commit before the repository's licence became
  CC BY-NC-SA): 10 test pages added in session 31 for its final reviews (``book="contmath"``),
  built the same way (a mathematics book: pages are its prose paragraphs, MathML ones skipped).
- A twenty-ninth book, held out whole (``bench/data/openstax_cphys_pages.json``, OpenStax
  College Physics 2e, CC BY 4.0 at its last commit before the repository's licence became
  CC BY-NC-SA): 10 test pages added in session 32 for its final reviews (``book="cphys"``),
  built the same way from the bundle's College Physics 2e collection (a second physics book
  after University Physics: the prose books of new subjects were not to be had).
- A thirtieth book, held out whole (``bench/data/openstax_precalc_pages.json``, OpenStax
  Precalculus 2e, CC BY 4.0 at its last commit before the repository's licence became
  CC BY-NC-SA): 10 test pages added in session 33 for its final reviews (``book="precalc"``),
  built the same way from the College Algebra bundle's Precalculus 2e collection (a second
  mathematics book after Contemporary Mathematics: pages are its prose paragraphs, MathML ones
  skipped; the prose books of new subjects were not to be had).
- A thirty-first book, held out whole (``bench/data/openstax_worldhist1_pages.json``, OpenStax
  World History Volume 1, to 1500, CC BY 4.0 at the same commit as Volume 2's ``worldhist``,
  the last before the repository's licence became CC BY-NC-SA): 10 test pages added in session
  34 for its final reviews (``book="worldhist1"``), built the same way from the repository's
  Volume 1 collection (a third history book after U.S. History and World History Volume 2, no
  module shared with Volume 2's pages: the prose books of new subjects were not to be had).
- More SQuAD, held out whole (``bench/data/squad_heldout.json``, CC BY-SA 4.0): the answerable
  questions of the 14 other articles of the official SQuAD v2.0 dev set's first half (none of
  them in the shared subset), added in session 6 when the subset's TEST paragraphs had been used
  up by earlier reviews; read with ``squad(split, SQUAD_HELDOUT)``, every paragraph is TEST.
- More SQuAD, held out whole (``bench/data/squad_heldout2.json``, CC BY-SA 4.0): the 31 articles
  of the official SQuAD v1.1 dev set that are in neither file above (v2.0's dev set was made from
  v1.1's; 1,372 paragraphs, 7,335 questions; source, commit and changes in the file), added in
  session 20 when ``squad_heldout.json`` had been used up; ``squad(split, SQUAD_HELDOUT2)`` or
  ``--squad heldout2``, every paragraph is TEST. A passage's key names its article, so the SQuAD
  files share no article (``squad`` refuses a held-out file that does: two paragraphs with one
  key would let an ``--exclude`` or a review's key name the wrong one).
"""

from __future__ import annotations

import functools
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SQUAD = Path(__file__).resolve().parents[1].parent / "shared/data/squad2_dev_subset.json"
TEXTBOOK = Path(__file__).resolve().parent / "data/openstax_ap2e_pages.json"
BOOKS = {"ap2e": TEXTBOOK, "ush": TEXTBOOK.with_name("openstax_ush_pages.json"),
         "phil": TEXTBOOK.with_name("openstax_phil_pages.json"),
         "psy": TEXTBOOK.with_name("openstax_psy_pages.json"),
         "astro": TEXTBOOK.with_name("openstax_astro_pages.json"),
         "soc": TEXTBOOK.with_name("openstax_soc_pages.json"),
         "micro": TEXTBOOK.with_name("openstax_micro_pages.json"),
         "polisci": TEXTBOOK.with_name("openstax_polisci_pages.json"),
         "worldhist": TEXTBOOK.with_name("openstax_worldhist_pages.json"),
         "amgov": TEXTBOOK.with_name("openstax_amgov_pages.json"),
         "anth": TEXTBOOK.with_name("openstax_anth_pages.json"),
         "llph": TEXTBOOK.with_name("openstax_llph_pages.json"),
         "success": TEXTBOOK.with_name("openstax_success_pages.json"),
         "ip": TEXTBOOK.with_name("openstax_ip_pages.json"),
         "python": TEXTBOOK.with_name("openstax_python_pages.json"),
         "uphys": TEXTBOOK.with_name("openstax_uphys_pages.json"),
         "philo": TEXTBOOK.with_name("openstax_philo_pages.json"),
         "ethics": TEXTBOOK.with_name("openstax_ethics_pages.json"),
         "marketing": TEXTBOOK.with_name("openstax_marketing_pages.json"),
         "entrep": TEXTBOOK.with_name("openstax_entrep_pages.json"),
         "writing": TEXTBOOK.with_name("openstax_writing_pages.json"),
         "econ": TEXTBOOK.with_name("openstax_econ_pages.json"),
         "busi": TEXTBOOK.with_name("openstax_busi_pages.json"),
         "chem2": TEXTBOOK.with_name("openstax_chem2_pages.json"),
         "finance": TEXTBOOK.with_name("openstax_finance_pages.json"),
         "stats": TEXTBOOK.with_name("openstax_stats_pages.json"),
         "software": TEXTBOOK.with_name("openstax_software_pages.json"),
         "contmath": TEXTBOOK.with_name("openstax_contmath_pages.json"),
         "cphys": TEXTBOOK.with_name("openstax_cphys_pages.json"),
         "precalc": TEXTBOOK.with_name("openstax_precalc_pages.json"),
         "worldhist1": TEXTBOOK.with_name("openstax_worldhist1_pages.json")}
SQUAD_HELDOUT = TEXTBOOK.with_name("squad_heldout.json")
SQUAD_HELDOUT2 = TEXTBOOK.with_name("squad_heldout2.json")
SQUADS = {"subset": SQUAD, "heldout": SQUAD_HELDOUT, "heldout2": SQUAD_HELDOUT2}
DEV_PARAGRAPHS = 20  # the engine's developers may look at these; their articles are DEV
SPLITS = ("dev", "test")
REVIEWS = TEXTBOOK.with_name("reviews")
# the held-out reviews whose passages are SEEN: read, and tuned on, since (their ratings train
# the keep model); the seen-passage benches (card_defects, qa_defects, keep_data) read these
# The one list to edit when a session's reviews are recorded (bench/data/reviews/README.md):
# every seen review in the order it was made. What else names the seen reviews is derived from
# it: SEEN_KEYS here, keep_data.SEEN (each review's rated packet and reviewers), keep_model's
# ORDER, FORWARD and RECENT, and each review's book (``review_book``, from its key file).
SEEN_REVIEWS = ("s6", "s7", "s8", "s9", "s10", "s10b", "s11", "s11b", "s12", "s12b",
                "s13", "s13b", "s14", "s14b", "s15", "s15b", "s16", "s16b",
                "s17", "s17b", "s17c", "s18", "s18b", "s18c", "s19", "s19b", "s19c",
                "s20", "s20b", "s20c", "s21", "s21b", "s22", "s22b", "s22c",
                "s23", "s23b", "s23c", "s24", "s24b", "s24c", "s25", "s25b", "s25c",
                "s26", "s26b", "s26c", "s27", "s27b", "s27c", "s28", "s28b", "s28c",
                "s29", "s29b", "s29c", "s30", "s30b", "s30c", "s31", "s31b", "s31c",
                "s32", "s32b", "s32c", "s33", "s33b", "s33c", "s34", "s34b", "s34c")
SEEN_KEYS = tuple(f"{review}-after" for review in SEEN_REVIEWS)


def excluded(keys: Iterable[Path]) -> frozenset[str]:
    """The passages the review keys ``keys`` name (a packet builder's ``--exclude``)."""
    return frozenset(k for path in keys
                     for k in json.loads(path.read_text(encoding="utf-8"))["passages"])


def reviewed(also: Iterable[Path] = ()) -> frozenset[str]:
    """Every passage a recorded review packet has shown reviewers, and those of the keys
    ``also``: the passages of every key under REVIEWS, deck keys and the answer-aware reviews'
    subfolders (``qg35/qg35.key.json``) alike (an A/B's list of seen passages is no key). A new
    packet never draws them again: a reviewer who saw a passage before would know its human
    question."""
    keys = (json.loads(path.read_text(encoding="utf-8")) for path in REVIEWS.glob("**/*.json"))
    return excluded(also) | frozenset(k for key in keys if isinstance(key, dict)
                                      for k in key.get("passages", []))
# a review whose key names no book (DEV's, which are Anatomy and Physiology pages): the
# placeholder the packets of a SQuAD-only review also carry
NO_BOOK = "ap2e"


@functools.cache
def review_book(review: str) -> str:
    """The OpenStax book whose pages a seen review rated, as its key file records it
    (``NO_BOOK`` for a review with no seen key: DEV's)."""
    path = REVIEWS / f"{review}-after.key.json"
    if review not in SEEN_REVIEWS or not path.exists():
        return NO_BOOK
    return str(json.loads(path.read_text(encoding="utf-8")).get("book") or NO_BOOK)


@dataclass(frozen=True)
class Passage:
    """One text to make cards from, with the questions people wrote for it (SQuAD only)."""

    # stable across runs: "squad:<article>:<n>", or a page's "key" ("openstax:<book>:<module>":
    # books made in git number their modules from m00001, so two books share module ids), or
    # "openstax:<module>" for the seven books built before pages carried a key (their CNX
    # module ids are unique across books, and earlier reviews' keys name them so)
    key: str
    corpus: str  # "squad" or "textbook"
    split: str  # "dev" or "test"
    title: str
    text: str
    questions: tuple[tuple[str, str], ...] = ()  # (human question, its first gold answer)


def _check(split: str) -> None:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use one of {SPLITS}")


@functools.cache
def _articles(path: Path) -> frozenset[str]:
    return frozenset(p["title"] for p in json.loads(path.read_text(encoding="utf-8"))["paragraphs"])


def _check_keys(path: Path) -> None:
    """Refuse a held-out SQuAD file that shares an article with another of ``SQUADS``: keys
    are "squad:<article>:<n>", so the two files would give different paragraphs one key."""
    for name, other in SQUADS.items():
        shared = _articles(path) & _articles(other) if other != path else frozenset()
        if shared:
            raise ValueError(f"{path.name} shares {len(shared)} articles with the {name} SQuAD "
                             f"file ({', '.join(sorted(shared)[:3])}): their passage keys "
                             f"would collide")


def squad(split: str, path: Path = SQUAD) -> list[Passage]:
    """The SQuAD paragraphs of one split, in file order."""
    _check(split)
    if path != SQUAD:
        _check_keys(path)
    paragraphs = json.loads(path.read_text(encoding="utf-8"))["paragraphs"]
    # only the shared subset has a DEV part; the held-out file is TEST throughout
    dev_articles = {p["title"] for p in paragraphs[:DEV_PARAGRAPHS]} if path == SQUAD else set()
    out: list[Passage] = []
    seen: dict[str, int] = {}
    for p in paragraphs:
        n = seen[p["title"]] = seen.get(p["title"], -1) + 1
        if ("dev" if p["title"] in dev_articles else "test") != split:
            continue
        questions = tuple((q["question"], q["answers"][0]) for q in p["questions"] if q["answers"])
        out.append(Passage(f"squad:{p['title']}:{n}", "squad", split, p["title"], p["context"],
                           questions))
    return out


def textbook(split: str, path: Path = TEXTBOOK, book: str | None = None) -> list[Passage]:
    """The textbook pages of one split, in file order (``book`` names one of ``BOOKS``)."""
    _check(split)
    if book is not None:
        path = BOOKS[book]
    pages = json.loads(path.read_text(encoding="utf-8"))["pages"]
    return [
        Passage(p.get("key", f"openstax:{p['module']}"), "textbook", split, p["title"], p["text"])
        for p in pages
        if p["split"] == split
    ]


def cards_asked(seed: int, key: str, low: int = 6, high: int = 10) -> int:
    """How many cards a review (bench/card_review.py) asks of the passage ``key``: drawn from
    the review's seed, so the same passage is asked the same number again."""
    return random.Random(f"{seed}:cards:{key}").randint(low, high)


def seen() -> list[tuple[Passage, int]]:
    """(passage, the cards its review asked for) for every passage of the SEEN_KEYS reviews,
    in key order: the held-out SQuAD paragraphs and the Psychology 2e, U.S. History,
    Astronomy 2e, Sociology 3e, Microbiology, Political Science, World History, American
    Government, Introduction to Anthropology, Life, Liberty, and the Pursuit of
    Happiness, College Success, Introduction to Intellectual Property and Introduction to
    Python Programming, University Physics, Introduction to Philosophy, Business Ethics,
    Principles of Marketing, Entrepreneurship, Writing Guide with Handbook, Principles of
    Economics 3e, Introduction to Business 2e, Chemistry 2e, Principles of Finance,
    Introductory Statistics 2e, Workplace Software and Skills, Contemporary Mathematics, College
    Physics 2e and Precalculus 2e pages read since (World History Volume 1, added in session 34,
    is listed before any review of it, so a held-out key shared with it is refused and its
    review's passages resolve once the review is seen)."""
    pages = [p for book in ("psy", "ush", "astro", "soc", "micro", "polisci", "worldhist",
                            "amgov", "anth", "llph",
                            "success", "ip", "python", "uphys", "philo", "ethics",
                            "marketing", "entrep", "writing", "econ", "busi", "chem2",
                            "finance", "stats", "software", "contmath", "cphys",
                            "precalc", "worldhist1")
             for p in textbook("test", book=book)]
    held: dict[str, Passage] = {}
    for p in squad("test", SQUAD_HELDOUT) + squad("test", SQUAD_HELDOUT2) + pages:
        if held.setdefault(p.key, p) is not p:
            raise ValueError(f"two held-out passages have the key {p.key}")
    out: list[tuple[Passage, int]] = []
    for name in SEEN_KEYS:
        key = json.loads((REVIEWS / f"{name}.key.json").read_text(encoding="utf-8"))
        low, high = key.get("cards_per_text", (6, 10))
        missing = [p for p in key["passages"] if p not in held]
        if missing:
            raise ValueError(f"{name}: no text for {missing[:3]}")
        out += [(held[p], cards_asked(key["seed"], p, low, high)) for p in key["passages"]]
    return out


def seen_passages() -> dict[str, Passage]:
    """Every passage the engine may be tuned on, by key: DEV's (the shared subset's DEV
    articles, the Anatomy and Physiology DEV pages) and every passage of a SEEN_REVIEWS review.
    What a packet of chosen passages (``card_review build --passages``) may hold; any other
    passage is held out."""
    out = {p.key: p for p in squad("dev") + textbook("dev")}
    out |= {p.key: p for p, _ in seen()}
    return out


def squad_source(title: str) -> str | None:
    """Which of ``SQUADS`` holds the article ``title`` (they share none, ``_check_keys``)."""
    return next((name for name, path in SQUADS.items() if title in _articles(path)), None)
