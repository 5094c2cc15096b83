# Two commands set everything up on a fresh machine (see README.md):
#   make run    create .venv, install, open the app on a sample article
#   make test   create .venv, install, run the lint checks and the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SAMPLE ?= resources/samples/mosul-offensive.txt

.PHONY: install run lint test bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

run: install
	$(PY) -m reader $(SAMPLE)

# Style, types and import contracts (configured in pyproject.toml).
lint: install
	$(VENV)/bin/ruff check reader tests
	$(VENV)/bin/ruff format --check reader tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: install
	$(PY) -m reader.bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
