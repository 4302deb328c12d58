# Everything runs from .venv, created on first use; a fresh clone needs only python3 (3.11+).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: install dev run test lint typecheck check eval bench clean

$(BIN)/timeline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(BIN)/timeline
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/timeline

dev: $(VENV)/.dev

run: install
	$(BIN)/timeline extract seeds/

test: dev
	$(BIN)/python -m pytest

lint: dev
	$(BIN)/ruff check timeline tests benchmarks
	$(BIN)/ruff format --check timeline tests benchmarks

typecheck: dev
	$(BIN)/mypy

check: test lint typecheck

# TempEval-3 Task A scoring beside the project, each corpus on its own (a rule is kept
# only if it holds on all): TimeBank, AQUAINT, and the WikiWars histories, whose DCT is
# only the day the pages were saved, with it and without it. Corpora not found are skipped.
TBAQ := $(SHARED)/data/tempeval3-tbaq
WIKIWARS := $(SHARED)/data/wikiwars-train
eval: install
	@for corpus in "$(TBAQ)/TimeBank" "$(TBAQ)/AQUAINT" "$(WIKIWARS)"; do \
		if [ -d "$$corpus" ]; then \
			echo "== $$corpus"; $(BIN)/timeline eval "$$corpus" --format table || exit 1; \
		else echo "eval: $$corpus not found, skipped" >&2; fi; \
	done
	@if [ -d "$(WIKIWARS)" ]; then \
		echo "== $(WIKIWARS), without its DCT"; \
		$(BIN)/python benchmarks/eval_unanchored.py "$(WIKIWARS)"; \
	fi

# Throughput and memory against plain spaCy; skipped without the corpus.
bench: install
	@if [ -f "$(SHARED)/bench/news-2452.jsonl" ]; then \
		$(BIN)/python benchmarks/bench.py "$(SHARED)/bench/news-2452.jsonl"; \
	else echo "bench: $(SHARED)/bench/news-2452.jsonl not found, skipped" >&2; fi

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
