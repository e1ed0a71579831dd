# eventcoder developer loop. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench fuzz install clean

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

## The whole suite, then lint.
test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory lint

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

## The hardening fuzz targets (tests/hardening) with a hundred times the budget of `make test`.
fuzz: $(STAMP)
	EVENTCODER_FUZZ_LONG=1 $(BIN)/python -m pytest tests/hardening -q -k fuzz -p no:cacheprovider

## Throughput: sentences/s and articles/s for --jobs 1 and 2, against spaCy alone;
## then the store: ingest articles/s, and query latency on 1M generated events.
bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/store_bench.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
