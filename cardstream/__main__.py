"""``python -m cardstream``: the CLI, run as the stack runs its worker and retrainer.

A package's ``__main__`` is the one main module multiprocessing's spawn does not import again
in each child it starts (multiprocessing.spawn._fixup_main_from_name): the worker's OCR
processes then import what the pool runs (agents.ocr), not the whole CLI as well.
"""

import sys

from cardstream.cli import main

if __name__ == "__main__":
    sys.exit(main())
