# eventcoder developer loop. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo serve screenshots chromium test lint bench fuzz install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Code the bundled sample articles and show the events; store them, show stats and a timeline.
demo: $(STAMP)
	$(BIN)/eventcoder code samples/ --format table
	$(BIN)/eventcoder code samples/ --format jsonl --output out/samples.jsonl
	@echo "All records, one PLOVER event per line: out/samples.jsonl"
	$(BIN)/eventcoder ingest samples/ --db out/demo.duckdb
	$(BIN)/eventcoder stats --db out/demo.duckdb
	$(BIN)/eventcoder timeline --db out/demo.duckdb --dyad USA-RUS --by week
	@echo "The store: out/demo.duckdb (try: eventcoder query --db out/demo.duckdb --actor RUS)"

## The web UI and JSON API over the sample corpus (ingested into out/demo.duckdb if missing).
serve: $(STAMP) out/demo.duckdb
	$(BIN)/eventcoder serve --db out/demo.duckdb

out/demo.duckdb: $(wildcard samples/*) | $(STAMP)
	$(BIN)/eventcoder ingest samples/ --db out/demo.duckdb

## The README's screenshots of the web UI (docs/screenshots/*.png), taken in chromium.
screenshots: $(STAMP) chromium
	$(BIN)/python tools/screenshots.py

## Debian's chromium for the browser tests (Playwright drives it; no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "chromium is missing and cannot be installed without root: apt-get install chromium" >&2; exit 1; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium; }

## The whole suite (with the browser tests in chromium), then lint.
test: $(STAMP) chromium
	$(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory lint

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

## The hardening fuzz targets (tests/hardening) with a hundred times the budget of `make test`.
fuzz: $(STAMP)
	EVENTCODER_FUZZ_LONG=1 $(BIN)/python -m pytest tests/hardening -q -k fuzz -p no:cacheprovider

## Throughput: sentences/s and articles/s for --jobs 1 and 2, against spaCy alone;
## then the store: ingest articles/s, and query latency on 1M generated events;
## then the web API: p95 of GET /api/events on the same 1M events; then the web under
## load: 200 concurrent clients for 30 s on the sample store and the 1M store; then
## scale: local and Dask engines with 1 and 2 workers, per-worker memory, and a streamed
## Dask run over 100,000 generated articles with its RSS sampled (long: about half an
## hour on 2 cores; `python bench/scale_bench.py --articles N` for less).
bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/store_bench.py
	$(BIN)/python bench/web_bench.py
	$(BIN)/python bench/web_load.py
	$(BIN)/python bench/scale_bench.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
