# Two commands do all the set-up: `make site` (validate the demo, build the site) and
# `make test` (the whole suite). Both create the virtual environment they need.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Two sets, pinned apart: what a strategy needs (make site, the workflows) and the tools
# for tests and linting on top of it (make test).
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
ZENSICAL_STAMP := $(VENV)/.installed-zensical

AXE := tools/browser/node_modules/axe-core/axe.min.js

.PHONY: site site-zensical serve test lint system-deps browser-deps lock benchmark messages clean

$(STAMP): requirements/runtime.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/runtime.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements/dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.lock
	touch $(DEV_STAMP)

# The second engine (docs/engines.md), pinned in a set of its own.
$(ZENSICAL_STAMP): $(STAMP) requirements/zensical.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/zensical.lock
	touch $(ZENSICAL_STAMP)

site: $(STAMP)
	$(BIN)/commonplan validate
	$(BIN)/mkdocs build --strict

# The same site built by Zensical, into build-site-zensical/.
site-zensical: $(ZENSICAL_STAMP)
	$(BIN)/commonplan build --engine zensical --out build-site-zensical

serve: $(STAMP)
	$(BIN)/mkdocs serve

lint: $(DEV_STAMP)
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks
	$(BIN)/mypy
	$(BIN)/zizmor --offline --persona auditor --no-progress .github/workflows
	$(BIN)/actionlint .github/workflows/*.yml

system-deps:
	bash tools/system-deps.sh

# axe-core for the browser tests, pinned in tools/browser/package-lock.json.
$(AXE): tools/browser/package-lock.json | system-deps
	cd tools/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(AXE)

browser-deps: $(AXE)

test: $(DEV_STAMP) $(ZENSICAL_STAMP) lint system-deps browser-deps
	$(BIN)/pytest

benchmark: $(DEV_STAMP) $(ZENSICAL_STAMP)
	$(BIN)/python benchmarks/validate_speed.py
	$(BIN)/python benchmarks/import_speed.py
	$(BIN)/python benchmarks/site_speed.py
	$(BIN)/python benchmarks/history_speed.py
	$(BIN)/python benchmarks/adversarial_speed.py
	$(BIN)/python benchmarks/engines.py
	$(BIN)/python benchmarks/scale.py

lock:
	bash tools/lock.sh $(PYTHON)

# The platform's words for translators: the template and every catalog, from the code.
messages: $(DEV_STAMP)
	$(BIN)/python tools/messages.py

clean:
	rm -rf $(VENV) build-site build-site-zensical .cache tools/browser/node_modules .pytest_cache .mypy_cache .ruff_cache
