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

# On the data beside the project, each part skipped without it: TempEval-3 Task A and
# event anchoring (TLINKs) on TBAQ; events on the event gold; PLOVER types on its records.
eval: install
	@if [ -d "$(SHARED)/data/tempeval3-tbaq" ]; then \
		$(BIN)/timeline eval "$(SHARED)/data/tempeval3-tbaq" --format table; \
	else echo "eval: $(SHARED)/data/tempeval3-tbaq not found, skipped" >&2; fi
	@if [ -f "$(SHARED)/data/events-dev.json" ] && [ -f "$(SHARED)/bench/news-2452.jsonl" ]; then \
		$(BIN)/timeline eval --events "$(SHARED)/data/events-dev.json" \
			"$(SHARED)/bench/news-2452.jsonl" --format table; \
	else echo "eval: $(SHARED)/data/events-dev.json or its texts not found, skipped" >&2; fi
	@if [ -f "$(SHARED)/data/plover-gsr-dev.json" ]; then \
		$(BIN)/timeline eval --plover "$(SHARED)/data/plover-gsr-dev.json" --format table; \
	else echo "eval: $(SHARED)/data/plover-gsr-dev.json not found, skipped" >&2; fi

# Throughput and memory against plain spaCy; skipped without the corpus.
bench: install
	@if [ -f "$(SHARED)/bench/news-2452.jsonl" ]; then \
		$(BIN)/python benchmarks/bench.py "$(SHARED)/bench/news-2452.jsonl"; \
	else echo "bench: $(SHARED)/bench/news-2452.jsonl not found, skipped" >&2; fi

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
