# Two commands on a fresh machine: `make run` serves the dashboard, `make test` runs everything.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
PYTHON ?= python3

.PHONY: run test lint format validate bench screenshots chromium haproxy clean docs

$(VENV)/.run-stamp: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.dev-stamp: $(VENV)/.run-stamp requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

## run: serve the dashboard on 127.0.0.1:$(PORT) (STANDPOINT_DATA picks another data directory)
run: $(VENV)/.run-stamp
	$(VENV)/bin/streamlit run dashboard.py --server.address 127.0.0.1 --server.port $(PORT) \
	  --server.headless true --browser.gatherUsageStats false

## chromium: Debian's Chromium for the browser tests (installed when root and missing)
chromium:
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium || \
	   (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)); \
	else echo "Chromium is missing: run 'sudo apt-get install chromium' and try again" >&2; exit 1; fi

## haproxy: Debian's HAProxy, for two replicas behind it (installed when root and missing;
## without it the replica measurements and their smoke test are skipped)
haproxy:
	@if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy || \
	   (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy)); \
	else echo "HAProxy is missing (sudo apt-get install haproxy): replica runs are skipped" >&2; fi

## test: lint, then the whole suite (unit, AppTest, real browser)
test: $(VENV)/.dev-stamp chromium haproxy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

lint: $(VENV)/.dev-stamp
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-stamp
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## docs: regenerate the generated parts of the docs (problem codes, evidence examples)
docs: $(VENV)/.dev-stamp
	$(VENV)/bin/cog -r docs/format.md docs/maintainers.md

## validate: check the shipped data
validate: $(VENV)/.run-stamp
	$(PY) -m standpoint validate .

## bench: loader and matrix timings as ratios against a floor measured in the same run
bench: $(VENV)/.dev-stamp chromium haproxy
	$(PY) benchmarks/bench.py

## screenshots: refresh the README's picture from a real Chromium run of the browser tests
screenshots: $(VENV)/.dev-stamp chromium
	$(PY) -m pytest tests/browser -q
	cp test-artifacts/screenshot-matrix.png docs/screenshot-matrix.png

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
