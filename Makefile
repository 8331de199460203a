# Two commands: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE_DB := build/example.db

.PHONY: run test install bench check-java clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,service]'
	touch $(STAMP)

install: $(STAMP)

## make run: install, ingest the example corpus, trace and compare its copies.
run: $(STAMP)
	@mkdir -p build
	rm -f $(EXAMPLE_DB) $(EXAMPLE_DB).usearch
	$(BIN)/unspin add examples/corpus/originals --db $(EXAMPLE_DB)
	$(BIN)/unspin ls --db $(EXAMPLE_DB)
	$(BIN)/unspin trace examples/corpus/copies/bridge-spun.txt --db $(EXAMPLE_DB)
	$(BIN)/unspin trace examples/corpus/copies/salmon-rewrite.html --db $(EXAMPLE_DB)
	$(BIN)/unspin compare examples/corpus/originals/harbour-bridge.txt examples/corpus/copies/bridge-spun.txt --format json > build/compare-bridge.json
	@echo "wrote build/compare-bridge.json"

## make test: install and run the whole suite (slow scale tests excluded).
test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/bench_align.py
	$(BIN)/python bench/bench_index.py

clean:
	rm -rf $(VENV) build .pytest_cache
