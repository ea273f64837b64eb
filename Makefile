# Two entry points: `make run` (install, then answer from the bundled knowledge and open
# a console conversation) and `make test` (install with dev tools, then the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install install-dev lint validators
VALIDATE := tools/validate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# An editable install leaves the checkout without bytecode, and where PYTHONDONTWRITEBYTECODE
# is set every command then compiles ~100 modules from source (~0.13 s); a wheel install
# compiles them, and so does this.
install: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m compileall -q bot adapters

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q bot adapters

run: install
	$(BIN)/mspbot tenants import examples/tenants/*.yaml
	$(BIN)/mspbot ask --tenant acme-dental "Why isn't my email fixed yet? It's been 4 hours."
	$(BIN)/mspbot chat --tenant acme-dental

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

# The official Block Kit / Adaptive Card / Teams manifest validators (npm packages, pinned
# by the lock file) that tests/validators/ runs; without npm those tests skip (fail in CI).
validators: $(VALIDATE)/node_modules/.package-lock.json

$(VALIDATE)/node_modules/.package-lock.json: $(VALIDATE)/package.json $(VALIDATE)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix $(VALIDATE) --no-audit --no-fund; \
	else echo "npm not found: the tests in tests/validators/ will be skipped"; fi

# ruff and mypy run beside the suite (their output is shown after it); the suite runs on
# every core (pytest-xdist). Fails if either fails; pytest's own exit code otherwise.
test: install-dev validators
	@log=$$(mktemp); ( $(BIN)/ruff check . && $(BIN)/mypy ) >$$log 2>&1 & lint=$$!; \
	$(BIN)/python -m pytest -n auto --dist loadgroup; tests=$$?; \
	wait $$lint; linted=$$?; echo "--- ruff and mypy"; cat $$log; rm -f $$log; \
	if [ $$linted -ne 0 ]; then exit 1; fi; exit $$tests
