# Boligsocial. The two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_PYTHON := $(abspath $(PY))

.PHONY: install run test suite mutation lint bench vendor messages clean

# Virtualenv + locked dependencies. uv itself is pinned in uv.lock and bootstrapped with pip.
$(VENV)/.installed: pyproject.toml uv.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@test -x $(UV) || $(PY) -m pip install --quiet --disable-pip-version-check "uv==0.13.9"
	$(UV) sync --locked --quiet
	@touch $@

install: $(VENV)/.installed
	@mkdir -p var
	DEBUG=true $(PY) manage.py migrate --no-input -v 0
	DEBUG=true $(PY) manage.py createcachetable
	DEBUG=true $(PY) manage.py seed_demo --if-empty

# The server and, beside it, the background worker that runs large imports (decision 0018);
# Ctrl+C stops both.
run: install
	@DEBUG=true $(PY) manage.py demo_logins
	@echo "Boligsocial kører på http://$(HOST):$(PORT)/  (stop med Ctrl+C)"
	@DEBUG=true DEMO_MODE=true $(PY) manage.py db_worker -v 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=true DEMO_MODE=true $(PY) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The suite runs on both cores (pytest-xdist, decision 0017): tests are handed out one by one,
# except those marked `xdist_group`, which stay on one worker (the access matrix's world is
# built once). pytest's exit 5 (no test collected) fails the target with a message. The 25
# slowest steps over 5 s are listed at the end (the budget is 10 minutes, decision 0037).
TEST_WORKERS ?= 2
PYTEST_ARGS ?=
test: lint
	$(PY) manage.py makemigrations --check --dry-run
	@$(MAKE) --no-print-directory suite

suite:
	@$(PY) -m pytest -p no:cacheprovider -n $(TEST_WORKERS) --dist loadgroup \
	  --durations=25 --durations-min=5 $(PYTEST_ARGS); \
	  status=$$?; \
	  if [ $$status -eq 5 ]; then echo "make test: pytest collected no test (exit 5)" >&2; exit 1; fi; \
	  exit $$status

# Mutation testing of the pure rule modules (mutmut; minutes per module, not part of `make test`).
# `make mutation GROUPS=statutory` runs one group (see scripts/mutation.py).
GROUPS ?=
mutation: $(VENV)/.installed
	$(PY) scripts/mutation.py $(GROUPS)

bench: $(VENV)/.installed
	$(PY) -m bench

vendor:
	scripts/vendor.sh

# Refresh the Danish catalogue from the source (then translate the new entries).
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l da -l en --no-obsolete --no-location \
	  --ignore=.venv --ignore=var --ignore=tests/e2e/assets
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
