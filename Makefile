# The two commands: `make demo` runs the product on SQLite with demo data; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test venv lint screenshots report-pngs clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . 2>/dev/null || $(BIN)/python -m pip install --quiet --no-deps -e .
	scripts/system-libs
	touch $@

demo: export TRUSTLEDGER_DEMO = 1
# Links in mail (nudge digests, the other side's links) point at the demo's own server.
demo: export TRUSTLEDGER_BASE_URL ?= http://$(HOST):$(PORT)
demo: venv
	$(BIN)/trustledger migrate --no-input -v 0
	$(BIN)/trustledger demo
	@echo "Open http://$(HOST):$(PORT)/ and log in as admin / trust-the-ledger (Ctrl-C stops)."
	@# A background worker keeps the whole-organization figures current; it stops with the server.
	$(BIN)/trustledger worker & WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/trustledger recompute --full --enqueue && \
	$(BIN)/trustledger serve --host $(HOST) --port $(PORT)

test: venv
	scripts/run-tests

# Refresh docs/screenshots/ from the browser tests (test runs write to test-results/ instead).
screenshots: venv
	TRUSTLEDGER_DEBUG=1 TRUSTLEDGER_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -m browser tests/browser

# Render the review pack's and the unit report's PDF pages to PNG (pdftoppm) to look at them.
report-pngs: venv
	TRUSTLEDGER_DEBUG=1 TRUSTLEDGER_REPORT_PNGS=$${TRUSTLEDGER_REPORT_PNGS:-test-results/reports} \
	$(BIN)/python -m pytest tests/web/test_report_pngs.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
