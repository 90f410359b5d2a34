# Entry points of the project. Each sets up .venv/ first when it is missing or stale.
# `make help` lists them.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# JUPYTER_PLATFORM_DIRS: use the new platform paths now (jupyter_core warns otherwise).
# PYDEVD_DISABLE_FILE_VALIDATION: no debugger warning on stderr at kernel start.
export JUPYTER_PLATFORM_DIRS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.DEFAULT_GOAL := help
.PHONY: help test e2e check-browser report lab notebooks messages bench lock clean

help: ## List the commands
	@grep -E '^[a-z0-9]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# --compile-bytecode: every kernel, worker and command imports pandas, matplotlib and Jupyter; compiled once here,
# they are not compiled again by each process (nor at all, where PYTHONDONTWRITEBYTECODE is set).
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed, found " + sys.version.split()[0] + " at " + sys.executable)'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

# -n auto --dist loadscope: test modules and notebooks run on every core, each notebook whole on one worker, each
# executed once (tests/notebook_runs.py counts). --no-loadscope-reorder: the modules marked heavy go first, as that
# plugin orders them, rather than the modules with the most tests.
test: $(STAMP) ## Run the whole suite: pytest on lib/ and data/, nbval on every notebook (not the browser tests)
	$(BIN)/python -m pytest -n auto --dist loadscope --no-loadscope-reorder --nbval -m "not e2e" tests notebooks

# The report: plantargets.report decides what to do from a digest of its inputs (each notebook, lib/, data/,
# requirements.lock), so an input changed is seen whatever its date, and a file that is not one
# (.ipynb_checkpoints/) is not. Each notebook is executed only when its own inputs changed (build/cache/).
report: $(STAMP) ## Write build/report/: each notebook executed (or taken from build/cache/), a page each, the figures, an index
	$(BIN)/python -m plantargets.report

# JupyterLab's defaults for this project: no news and no update check (no prompt over the notebook, no request to
# the network). make lab and make e2e install them into the environment.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
$(LAB_OVERRIDES): lib/jupyterlab-overrides.json $(STAMP)
	mkdir -p $(dir $@)
	cp $< $@

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used), and need a font
# with every Vietnamese letter; fontconfig's fc-list finds it (1ea1 1ec7 1edf: the letters ạ, ệ, ở).
CHROMIUM := /usr/bin/chromium
BROWSER_PACKAGES := chromium fonts-dejavu-core fontconfig
VIETNAMESE_FONT := :charset=1ea1 1ec7 1edf

check-browser:
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) not found: the browser tests drive Debian's Chromium. Install it with: apt-get install -y $(BROWSER_PACKAGES)" >&2; exit 1; }
	@fc-list -q '$(VIETNAMESE_FONT)' 2>/dev/null || { echo "no font with every Vietnamese letter (fc-list '$(VIETNAMESE_FONT)' finds none). Install it with: apt-get install -y $(BROWSER_PACKAGES)" >&2; exit 1; }
	@command -v npm >/dev/null || { echo "npm not found: make e2e installs axe-core with it. Install it with: apt-get install -y npm" >&2; exit 1; }

# axe-core, the accessibility rules every page of the report is held to (WCAG 2 A and AA), from the npm registry at
# the version and checksum of tests/e2e/package-lock.json.
AXE := tests/e2e/node_modules/axe-core/axe.min.js
$(AXE): tests/e2e/package.json tests/e2e/package-lock.json
	npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
	touch $@

e2e: check-browser $(STAMP) $(LAB_OVERRIDES) $(AXE) report ## Browser tests: run each notebook in JupyterLab, follow the report's links, axe on every page; screenshots in build/screenshots/
	PLANTARGETS_CHROMIUM=$(CHROMIUM) PLANTARGETS_AXE=$(AXE) $(BIN)/python -m pytest -m e2e tests/e2e

# Jupyter refuses to run as root without --allow-root; root is the usual user in containers.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

# LAB_DIR: the folder to serve; LAB_ARGS: more options (the browser tests give a folder of copies, a port and a token).
LAB_DIR := notebooks
lab: $(STAMP) $(LAB_OVERRIDES) ## Start JupyterLab on 127.0.0.1 (with its token), opened on notebooks/
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --notebook-dir=$(LAB_DIR) $(LAB_ROOT) $(LAB_ARGS)

notebooks: $(STAMP) ## Save into notebooks/ the outputs of their execution (from build/cache/ when nothing changed)
	$(BIN)/python -m plantargets.report --in-place

# The message catalogues (lib/plantargets/locale/): the template extracted from lib/ and data/datapackage.json with
# babel.cfg, both catalogues updated from it (a new message gets its English text; its Vietnamese is to be written).
messages: $(STAMP) ## Extract the messages a reader sees into lib/plantargets/locale/ and update the vi and en catalogues
	$(BIN)/python -m plantargets.i18n

bench: $(STAMP) ## Measure make test against its irreducible work, make report cold/warm/one changed, load_targets, scale; write build/bench.json
	$(BIN)/python -m plantargets.bench

lock: $(STAMP) ## Re-resolve requirements.lock from pyproject.toml (needs the registry)
	$(BIN)/uv pip compile --quiet --python-version 3.11 --all-extras --generate-hashes pyproject.toml -o requirements.lock

clean: ## Remove .venv/, build/ and the browser tests' node_modules/
	rm -rf $(VENV) build tests/e2e/node_modules
