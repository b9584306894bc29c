"""antecedents.py owns the name a capitalised noun ends (``name_of``) and imports nothing of
reference.py: the import circle antecedents → reference → kinds → antecedents (and scope's way
into it) is gone (session 26)."""

from __future__ import annotations

import subprocess
import sys

from spacy.language import Language

from agents.generation import antecedents


def test_antecedents_loads_without_the_resolver() -> None:
    code = ("import sys, agents.generation.antecedents; "
            "print(sorted(m for m in sys.modules if m.startswith('agents.generation.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert "agents.generation.reference" not in loaded
    assert "agents.generation.kinds" not in loaded


def test_the_whole_name_a_head_noun_ends(nlp: Language) -> None:
    doc = nlp("Tourists walked through the Academy of the Lantern of the Morning Star at dusk.")
    head = next(t for t in doc if t.text == "Academy")
    assert antecedents.name_of(head) == "the Academy of the Lantern of the Morning Star"
