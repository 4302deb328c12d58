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

# TempEval-3 Task A scoring on the TBAQ corpus beside the project; skipped without it.
eval: install
	@if [ -d "$(SHARED)/data/tempeval3-tbaq" ]; then \
		$(BIN)/timeline eval "$(SHARED)/data/tempeval3-tbaq" --format table; \
	else echo "eval: $(SHARED)/data/tempeval3-tbaq not found, skipped" >&2; fi

# Throughput and memory against plain spaCy (skipped without the corpus); then
# bad input at scale (made here): the bad-input folder, one endless sentence.
bench: install
	@if [ -f "$(SHARED)/bench/news-2452.jsonl" ]; then \
		$(BIN)/python benchmarks/bench.py "$(SHARED)/bench/news-2452.jsonl"; \
	else echo "bench: $(SHARED)/bench/news-2452.jsonl not found, skipped" >&2; fi
	$(BIN)/python benchmarks/badinput.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
