# Annuaire mobilité — every set-up step is here, so that two commands suffice:
#   make run    installs, loads the catalogue and serves on http://127.0.0.1:8000
#   make test   installs and runs the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install run test lint check format bench bench-http loadtest migration clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 requis"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint constraints.txt --editable '.[dev]'
	@touch $(STAMP)

# The database is brought to the code's revision first; a catalogue with errors is reported
# and not loaded: the site serves the last good one.
run: install
	$(BIN)/directory migrate
	-$(BIN)/directory sync
	$(BIN)/directory serve --host $(HOST) --port $(PORT)

# pytest exits with 5 when it collects no test: that is not a failure of the code.
test: install
	$(BIN)/pytest; status=$$?; if [ $$status -eq 5 ]; then echo "Aucun test collecté."; exit 0; fi; exit $$status

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(BIN)/directory check

# Search speed on synthetic catalogues; the figures go into docs/performance.md.
# Speed is proven by these scripts, whose figures are written in docs/performance.md.
bench: install
	$(BIN)/python scripts/bench_search.py
	$(BIN)/python scripts/bench_match.py
	$(BIN)/python scripts/bench_pages.py
	$(BIN)/python scripts/bench_programme.py

# Results pages served over HTTP (wrk, from Debian) against Datasette on the same 10,000
# entries, installed from PyPI into a throwaway environment for the run (about 8 minutes).
bench-http: install
	@command -v wrk >/dev/null || { echo "wrk manque : apt-get install wrk"; exit 1; }
	$(BIN)/python scripts/bench_http.py

loadtest: install
	scripts/load_test.sh

# A new schema revision from the models' changes: make migration MESSAGE="add programme tables"
migration: install
	$(BIN)/python scripts/new_migration.py "$(MESSAGE)"

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
