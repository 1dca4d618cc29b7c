# dost — the two commands: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
DOCS ?= samples
GOLD ?= samples/gold

.PHONY: install run test test-fast e2e lint eval-parse query-budgets bench bench-quick soak clean

$(VENV)/.python:
	@PYTHON_BIN=$$(PYTHON="$(PYTHON)" scripts/find-python) || exit 1; \
	echo "Using $$PYTHON_BIN ($$($$PYTHON_BIN --version))"; \
	$$PYTHON_BIN -m venv $(VENV) && $(BIN)/pip install -q --upgrade pip && touch $@

$(VENV)/.installed: $(VENV)/.python pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is required to install the front-end packages (Debian: apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed  ## venv, Python and front-end packages, system packages
	@scripts/system-deps

run: install  ## migrate, load the demo, serve on http://127.0.0.1:8000
	$(BIN)/dost migrate --noinput
	$(BIN)/dost seed_demo
	@echo ""
	@echo "dost: http://$(HOST):$(PORT)/  (demo; Ctrl+C to stop)"
	$(BIN)/dost serve $(HOST):$(PORT)

test: install  ## the whole suite (DATABASE_URL selects PostgreSQL)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests

$(VENV)/.audit-installed: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install -q -e '.[test,audit]'
	@touch $@

audit: $(VENV)/.audit-installed  ## bandit over src/ and pip-audit over the venv (needs PyPI's JSON API; docs/SECURITY.md)
	@status=0; \
	echo "bandit -r src -c pyproject.toml"; \
	$(BIN)/bandit -r src -c pyproject.toml -q 2> >(grep -v 'nosec encountered' >&2) || status=1; \
	echo "pip-audit (installed packages)"; scripts/audit-deps $(BIN) || status=1; \
	exit $$status

eval-parse: install  ## docparse accuracy over a gold set: make eval-parse DOCS=dir GOLD=dir
	$(PY) -m dost.docparse.evaluate --docs $(DOCS) --gold $(GOLD)

query-budgets: install  ## regenerate tests/query_budgets.json from the current pages
	DOST_WRITE_QUERY_BUDGETS=1 $(BIN)/pytest tests/test_query_budgets.py -q

$(VENV)/.bench-installed: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install -q -e '.[bench]'
	@touch $@

bench: install $(VENV)/.bench-installed  ## national data on PostgreSQL: HTTP load, report, dataset, docparse -> bench/results/latest.json
	$(PY) bench/run.py

bench-quick: install $(VENV)/.bench-installed  ## the same on the province data set and SQLite, for developers (< 5 min)
	$(PY) bench/run.py --quick

DURATION ?= 600
USERS ?= 50
soak: install $(VENV)/.bench-installed  ## USERS users reading and writing for DURATION s on gunicorn + PostgreSQL; writes checked
	$(PY) bench/soak.py --duration $(DURATION) --users $(USERS)

clean:
	rm -rf $(VENV) node_modules
