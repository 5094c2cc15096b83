# Two commands set everything up on a fresh machine (see README.md):
#   make run    create .venv, install, open the app on a sample article
#   make test   create .venv, install, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SAMPLE ?= resources/samples/mosul-offensive.txt

.PHONY: install run test bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

run: install
	$(PY) -m reader $(SAMPLE)

test: install
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: install
	$(PY) -m reader.bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
