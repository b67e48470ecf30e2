# Every verb of the project. CI (.ci/run) calls these same targets.
# Each target sets itself up from nothing: `make test` on a fresh clone works.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
SPEC   := openapi/campaigns.yaml
GEN_PKG := voiso_campaigns_client
# The generator's post hooks call ruff: use the pinned one from the venv.
export PATH := $(CURDIR)/$(BIN):$(PATH)
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true

.PHONY: help setup generate check-generated lint lint-spec typecheck format test demo bench \
        cassettes check-cassettes docs wheel release-check api-diff publish release release-rehearsal \
        matrix clean

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python >= 3.11 is required (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade 'pip>=25.1'  # --group (PEP 735) needs 25.1
	$(PY) -m pip install --quiet -e . --group dev
	touch $(STAMP)

setup: $(STAMP)  ## Create .venv with the package (editable) and its pinned dev tools (group dev).

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# scripts/generate.py runs the pinned openapi-python-client (with --fail-on-warning,
# showing its output on failure) and ships the spec beside it as openapi.json.
GENERATE = $(PY) scripts/generate.py --spec $(SPEC)

generate: setup  ## Regenerate generated/ (and its openapi.json) from the spec.
	$(GENERATE) --output generated/$(GEN_PKG)

check-generated: setup  ## Fail, naming the files, if generated/ differs from what the spec produces.
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GENERATE) --output "$$tmp/$(GEN_PKG)" >/dev/null && \
	if diff -r -q -x __pycache__ "$$tmp/$(GEN_PKG)" generated/$(GEN_PKG); then \
	  echo "generated/ matches $(SPEC)"; \
	else \
	  echo "generated/ is out of date with $(SPEC): run 'make generate' and commit the result"; exit 1; \
	fi

lint-spec: node_modules/.package-lock.json  ## Lint the OpenAPI document with the pinned Redocly CLI.
	npx --no-install redocly lint $(SPEC) --config redocly.yaml

typecheck: setup  ## mypy --strict: wrapper/, the generated package, and the tests.
	$(BIN)/mypy
	$(BIN)/mypy --strict generated/$(GEN_PKG)
	$(BIN)/mypy --strict tests

lint: setup lint-spec typecheck  ## ruff (not on generated/), mypy (package, generated, tests), Redocly.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup  ## Apply ruff's fixes and formatting (make lint checks them).
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: setup  ## Run the whole test suite (offline).
	$(BIN)/pytest

demo: setup  ## List campaigns from the built-in fake Voiso API.
	$(BIN)/voiso-campaigns demo

matrix: setup  ## The suite on every CPython the package claims (3.11-3.13), and at the dependency floors (nox). NOX_ARGS=-s ... for some sessions.
	$(BIN)/nox --error-on-missing-interpreters $(NOX_ARGS)

bench: setup  ## Run the benchmarks (under 3 minutes) and print the table; see BENCHMARKS.md.
	$(PY) -m benchmarks.bench

cassettes: setup  ## Re-record tests/cassettes/ against a freshly started fake (after a spec change).
	rm -f tests/cassettes/*.yaml
	$(PY) -m tests.cassette_scenarios

check-cassettes: setup  ## Fail, naming the files, if re-recording would change tests/cassettes/.
	$(PY) -m tests.cassette_scenarios --check

wheel: setup  ## Build dist/voiso_campaigns-<version>-py3-none-any.whl (and the sdist).
	rm -rf dist
	$(PY) -m build --outdir dist .

release-check: wheel  ## Build, twine check, check-wheel-contents, then install the wheel in a fresh venv and smoke-test it.
	$(BIN)/twine check --strict dist/*
	$(BIN)/check-wheel-contents dist/*.whl
	$(PY) scripts/release_check.py dist

api-diff: setup  ## Changes since the last release (Python API and OpenAPI); fails without the bump they need. ARGS=--changelog for Markdown.
	$(PY) scripts/api_diff.py $(ARGS)

publish: wheel  ## Upload the released version (its tag checked out) to VOISO_INDEX_URL with twine (TWINE_* credentials); never overwrites.
	$(PY) scripts/publish.py dist

release: setup  ## Refuse unless clean and every check passes; then tag vX.Y.Z and record it in releases.toml.
	$(PY) scripts/release.py

release-rehearsal: setup  ## On a throwaway clone: bump, record a release, and run make test there.
	$(PY) scripts/release_rehearsal.py

DOC_MODULES := voiso_campaigns voiso_campaigns.errors voiso_campaigns.testing $(GEN_PKG)

docs: setup  ## Build the HTML API reference (pdoc) into docs/_build (ignored by git).
	rm -rf docs/_build
	$(BIN)/pdoc --docformat google -o docs/_build $(DOC_MODULES)
	@echo "open docs/_build/index.html"

clean:  ## Remove the venv, builds and caches.
	rm -rf $(VENV) .nox node_modules dist build docs/_build .pytest_cache .mypy_cache .ruff_cache .hypothesis
