# Everything runs from .venv, created on first use; a fresh clone needs only python3 (3.11+).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: install dev run test browser lint typecheck check eval bench vendor clean

$(BIN)/timeline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@# the gazetteer's place index, built once here rather than by the first run's workers
	-$(BIN)/python -m timeline.gazetteer_index cache >/dev/null
	touch $@

$(VENV)/.dev: $(BIN)/timeline
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/timeline

dev: $(VENV)/.dev

run: install
	$(BIN)/timeline extract seeds/

test: dev browser
	$(BIN)/python -m pytest

# The browser tests (tests/test_browser.py) need Debian's chromium and chromium-driver:
# installed here when missing and we may (root, apt-get); else those tests skip, saying why.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "browser tests: installing chromium and chromium-driver (Debian)" >&2; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium chromium-driver; } >/dev/null 2>&1 \
		|| echo "browser tests: could not install chromium; they will be skipped" >&2; \
	else echo "browser tests: no chromium/chromedriver and no apt-get as root; they will be skipped" >&2; fi

lint: dev
	$(BIN)/ruff check timeline tests benchmarks
	$(BIN)/ruff format --check timeline tests benchmarks

typecheck: dev
	$(BIN)/mypy

check: test lint typecheck

# On the data beside the project, each part skipped without it. TempEval-3 Task A on
# each corpus on its own (a rule is kept only if it holds on all): TBAQ whole (with the
# event anchoring against its TLINKs), TimeBank, AQUAINT, and the WikiWars histories,
# whose DCT is only the day the pages were saved, with it and without it; then events
# on the event gold, PLOVER types on its records, and SemEval-2015 Task 4 entity
# timelines on its trial data.
TBAQ := $(SHARED)/data/tempeval3-tbaq
WIKIWARS := $(SHARED)/data/wikiwars-train
eval: install
	@for corpus in "$(TBAQ)" "$(TBAQ)/TimeBank" "$(TBAQ)/AQUAINT" "$(WIKIWARS)"; do \
		if [ -d "$$corpus" ]; then \
			echo "== $$corpus"; $(BIN)/timeline eval "$$corpus" --format table || exit 1; \
		else echo "eval: $$corpus not found, skipped" >&2; fi; \
	done
	@if [ -d "$(WIKIWARS)" ]; then \
		echo "== $(WIKIWARS), without its DCT"; \
		$(BIN)/python benchmarks/eval_unanchored.py "$(WIKIWARS)"; \
	fi
	@if [ -f "$(SHARED)/data/events-dev.json" ] && [ -f "$(SHARED)/bench/news-2452.jsonl" ]; then \
		echo "== event gold"; $(BIN)/timeline eval --events "$(SHARED)/data/events-dev.json" \
			"$(SHARED)/bench/news-2452.jsonl" --format table; \
	else echo "eval: $(SHARED)/data/events-dev.json or its texts not found, skipped" >&2; fi
	@if [ -f "$(SHARED)/data/plover-gsr-dev.json" ]; then \
		echo "== PLOVER"; $(BIN)/timeline eval --plover "$(SHARED)/data/plover-gsr-dev.json" --format table; \
	else echo "eval: $(SHARED)/data/plover-gsr-dev.json not found, skipped" >&2; fi
	@if [ -d "$(SHARED)/data/semeval2015-timeline-trial/timelines" ]; then \
		$(BIN)/timeline eval --timelines "$(SHARED)/data/semeval2015-timeline-trial/timelines" \
			"$(SHARED)/data/semeval2015-timeline-trial/timeml" --format table; \
	else echo "eval: $(SHARED)/data/semeval2015-timeline-trial not found, skipped" >&2; fi

# Throughput and memory against plain spaCy, --jobs 1 and 2 against a Dask cluster of 1
# and 2 workers, and how merging across documents scales (skipped without the corpus);
# then bad input at scale (made here): the bad-input folder, one endless sentence.
bench: install
	@if [ -f "$(SHARED)/bench/news-2452.jsonl" ]; then \
		$(BIN)/python benchmarks/bench.py "$(SHARED)/bench/news-2452.jsonl" \
		&& $(BIN)/python benchmarks/merging.py "$(SHARED)/bench/news-2452.jsonl"; \
	else echo "bench: $(SHARED)/bench/news-2452.jsonl not found, skipped" >&2; fi
	$(BIN)/python benchmarks/badinput.py

# The vendored JavaScript, from the npm registry: vis-timeline's standalone build for the
# html page (shipped in the package), TimelineJS 3 for the browser test of the timelinejs
# export (tests only). Source maps are left behind: nothing is fetched when a page opens.
VIS_TIMELINE := 8.5.4
TIMELINEJS := 3.9.11
PAGE := timeline/exporters/page
TLJS := tests/vendor/timelinejs
vendor:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	(cd "$$tmp" && npm pack --silent vis-timeline@$(VIS_TIMELINE) @knight-lab/timelinejs@$(TIMELINEJS) >/dev/null \
		&& mkdir vis tljs && tar xzf vis-timeline-$(VIS_TIMELINE).tgz -C vis \
		&& tar xzf knight-lab-timelinejs-$(TIMELINEJS).tgz -C tljs); \
	sed '/^\/\/# sourceMappingURL=/d' "$$tmp/vis/package/standalone/umd/vis-timeline-graph2d.min.js" \
		> $(PAGE)/vis-timeline-graph2d.min.js; \
	cat "$$tmp/vis/package/LICENSE.md" "$$tmp/vis/package/LICENSE.MIT.txt" > $(PAGE)/vis-timeline-LICENSE.txt; \
	mkdir -p $(TLJS)/js $(TLJS)/css/icons; \
	sed '/^\/\/# sourceMappingURL=/d' "$$tmp/tljs/package/dist/js/timeline.js" > $(TLJS)/js/timeline.js; \
	sed '/sourceMappingURL=/d' "$$tmp/tljs/package/dist/css/timeline.css" > $(TLJS)/css/timeline.css; \
	cp "$$tmp/tljs/package/dist/css/icons/tl-icons.ttf" "$$tmp/tljs/package/dist/css/icons/tl-icons.woff2" \
		$(TLJS)/css/icons/; \
	cp "$$tmp/tljs/package/LICENSE" $(TLJS)/LICENSE; \
	cp "$$tmp/tljs/package/dist/js/timeline.js.LICENSE.txt" $(TLJS)/js/; \
	echo "vendored vis-timeline $(VIS_TIMELINE) and @knight-lab/timelinejs $(TIMELINEJS)"

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
