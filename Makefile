# TownDesk — the commands in README.md.
#
#   make run            set up, migrate data/towndesk.db, start the GUI
#   make run DEMO=1     set up, build data/demo.db once (2000 cases), start the GUI on it
#   make test           set up (with test extras and the PostgreSQL server), lint, whole suite
#
# Other targets: system-deps, venv, lint, pytest (suite only, no lint), format, clean, distclean.
# Extra pytest arguments: make pytest PYTEST_ARGS='-k calendar -x'

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
# The set-up steps must run in order even under `make -j`.
.NOTPARALLEL:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Stamp inside the venv: deleting .venv also forgets that it was installed.
INSTALL_STAMP := $(VENV)/.towndesk-installed

LINT_PATHS := app ui tests scripts $(wildcard main.py)
PYTEST_ARGS ?=

DEMO ?=
DEMO_DB := data/demo.db
DEMO_URL := sqlite:///$(DEMO_DB)

.PHONY: help system-deps system-deps-runtime venv install run lint pytest test reliability bench format screenshots documents translations clean distclean

help:
	@echo "make run          set up and start TownDesk on data/towndesk.db"
	@echo "make run DEMO=1   set up and start TownDesk on a demo database (data/demo.db)"
	@echo "make test         set up, lint and run the whole test suite (SQLite and PostgreSQL)"
	@echo "make lint | pytest | format | system-deps | venv | clean | distclean"

# --- set-up -----------------------------------------------------------------------------------

system-deps:
	@bash scripts/install-system-deps.sh

system-deps-runtime:
	@bash scripts/install-system-deps.sh --runtime

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { \
	    echo "Could not create $(VENV) with '$(PYTHON) -m venv'." >&2; \
	    echo "On Debian install python3-venv (make system-deps does, as root)." >&2; \
	    rm -rf $(VENV); exit 1; }

$(INSTALL_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $@

venv install: $(INSTALL_STAMP)

# --- running ----------------------------------------------------------------------------------

ifneq ($(filter 1 yes true,$(DEMO)),)
run: system-deps-runtime $(INSTALL_STAMP)
	@mkdir -p data
	@if [ ! -e $(DEMO_DB) ]; then \
	    echo "Building the demo database $(DEMO_DB) (once)..."; \
	    $(BIN)/towndesk --db $(DEMO_URL) demo --cases 2000 --seed 1 \
	        || { rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB)-journal; exit 1; }; \
	fi
	$(BIN)/towndesk --db $(DEMO_URL)
else
run: system-deps-runtime $(INSTALL_STAMP)
	@mkdir -p data
	$(BIN)/towndesk db upgrade
	$(BIN)/towndesk
endif

# --- checks -----------------------------------------------------------------------------------

lint: $(INSTALL_STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy app ui

# The suite alone; pytest's exit status (including 5, "no tests collected") is make's.
pytest: $(INSTALL_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test: system-deps $(INSTALL_STAMP) lint pytest

# Issue 8's proof, full length (~10 min): 50 SIGKILLs while registering, two counters for 60 s on
# SQLite and on PostgreSQL (a throwaway server, tests/pg_server.py), 10,000 hypothesis registrations
# and 3,000 import rows, tampering. Prints the summary table the README quotes; exit 1 on any
# failure. `make test` runs the short version (tests/reliability, marker `reliability`).
reliability: system-deps $(INSTALL_STAMP)
	$(BIN)/python scripts/reliability.py

# Issue 9's benchmark: TownDesk against the raw libraries underneath (sqlite3, reportlab, openpyxl,
# a bare PySide6 window) on a generated 1,000,000-case database (built once into build/bench/),
# plus peak memory and the GUI-thread watchdog. Prints the table; BENCH_ARGS='--quick' (5,000
# cases, ~2 min) or '--write-doc' (docs/performance.md). Not part of `make test`.
BENCH_ARGS ?=
bench: $(INSTALL_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/bench.py $(BENCH_ARGS)

format: $(INSTALL_STAMP)
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

# Offscreen screenshots of the windows into docs/screenshots/: open them and look.
screenshots: system-deps-runtime $(INSTALL_STAMP)
	for script in scripts/screenshots.py scripts/screenshot_*.py; do \
	    QT_QPA_PLATFORM=offscreen $(BIN)/python $$script || exit 1; done

# Every printed document rendered to docs/documents/ (PDF, PNG per page, README gallery): look at them.
# `towndesk print-samples --out DIR` writes the same from a demo database, for checking printers.
documents: system-deps $(INSTALL_STAMP)
	$(BIN)/python scripts/render_documents.py

# After changing a user-visible string in ui/: extract into the .ts, translate the new entries
# (Qt Linguist or by hand), run again to compile the .qm; tests/ui/test_translations.py checks both.
translations: $(INSTALL_STAMP)
	$(BIN)/python scripts/update_translations.py

# --- cleaning ---------------------------------------------------------------------------------

# Caches and build output only; data/ (user databases, demo.db) is never touched.
clean:
	rm -rf build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis $(INSTALL_STAMP)
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf

# Also the virtual environment.
distclean: clean
	rm -rf $(VENV)
