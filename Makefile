# Kunskapsbanken – vanliga kommandon. Allt körs i en egen virtuell miljö i .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installerad

.PHONY: setup serve build test test-unit test-build test-browser check bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# --dirty: after a save only the pages whose content changed are rendered again (the plugin
# tells MkDocs which generated pages are unchanged); --no-strict because MkDocs warns about
# every dirty build. `make build` stays strict.
serve: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload --dirty --no-strict

build: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

check: setup
	$(BIN)/kb kontrollera

test: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

test-unit: setup
	$(BIN)/python -m pytest tests/unit

test-build: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest tests/site

test-browser: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest tests/browser

bench: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m kunskapsbanken.bench

clean:
	rm -rf site build .pytest_cache
