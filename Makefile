# Two entry points: `make run` (install, then answer from the bundled knowledge and open
# a console conversation) and `make test` (install with dev tools, then the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install install-dev lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

run: install
	$(BIN)/mspbot tenants import examples/tenants/*.yaml
	$(BIN)/mspbot ask --tenant acme-dental "Why isn't my email fixed yet? It's been 4 hours."
	$(BIN)/mspbot chat --tenant acme-dental

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

test: install-dev lint
	$(BIN)/python -m pytest
