# The README's two commands, `make demo` and `make test`, set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | sha1sum | cut -c1-12)
# Tesseract is fastest single-threaded, one process per core
export OMP_THREAD_LIMIT := 1
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup system demo test lint typecheck unit integration bench chaos clean

setup: system $(STAMP)

system:
	@bash deploy/install-system.sh

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  { echo "cardstream needs Python 3.11 (the CPU torch 2.13.0 wheel is cp311)"; exit 1; }
	# exactly torch 2.13.0 first: a looser spec would pull GBs of CUDA packages
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -c requirements.lock -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $@

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

test: setup lint typecheck
	$(BIN)/pytest -q -p no:cacheprovider

unit: setup
	$(BIN)/pytest -q -m "not integration"

integration: setup
	$(BIN)/pytest -q -m integration

demo: setup
	$(BIN)/cardstream demo

bench: setup
	$(BIN)/python bench/ocr_throughput.py
	$(BIN)/python bench/ocr_accuracy.py
	$(BIN)/python bench/generation_quality.py
	$(BIN)/python bench/feedback_throughput.py
	$(BIN)/python -m bench.question_generation
	$(BIN)/python -m bench.generation_speed
	$(BIN)/python -m bench.latency
	# a blind review packet of held-out text; the numbers come from `score` once rated
	$(BIN)/python -m bench.card_review build --split test --out .run/review/test \
	  --key .run/review/keys/test.key.json

# the reliability campaign (tests/chaos): many minutes, not part of `make test`
chaos: setup
	flock /tmp/cardstream-bench.lock $(BIN)/python -m tests.chaos.campaign

clean:
	rm -rf .run .mypy_cache .ruff_cache .pytest_cache
