# Ingång: `make run` serves the demo, `make test` runs the whole suite.
# Tools bootstrap themselves: uv from PyPI into the pyenv Python named by
# .python-version, then a .venv in the repo from uv.lock. No tool may
# download an interpreter or a browser.

PYTHON ?= python3
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_NO_PROGRESS := 1
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench bench-national setup demo-code lint types migrations-check pytest messages clean audit

$(VENV)/.synced: pyproject.toml uv.lock
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv==$(UV_VERSION)"
	$(PYTHON) -m uv sync --frozen --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"
	@touch $@

setup: $(VENV)/.synced
	@mkdir -p var

run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(HOST):$(PORT)

demo-code: setup
	@$(MANAGE) demo_totp $(USER)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: setup
	$(VENV)/bin/mypy .

migrations-check: setup
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: setup
	@scripts/ensure-chromium
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint types migrations-check pytest

# Security checks, run by CI after the tests: bandit (no medium or high
# findings), pip-audit of the locked dependencies (exceptions: docs/operations.md)
# and Django's deploy checks on the production settings with a generated secret.
PIP_AUDIT_FLAGS ?=
audit: setup
	$(VENV)/bin/bandit -q -c pyproject.toml -r ingang config bench deploy --severity-level medium
	$(PYTHON) -m uv export --frozen --all-groups --format requirements-txt --quiet -o var/requirements-audit.txt
	$(VENV)/bin/pip-audit --disable-pip --require-hashes --progress-spinner off -r var/requirements-audit.txt $(PIP_AUDIT_FLAGS)
	DJANGO_SETTINGS_MODULE=config.settings.production \
	DATABASE_URL=postgres://ingang@db.invalid/ingang ALLOWED_HOSTS=ingang.example.se \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	AUDIT_CHAIN_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(40))')" \
	$(MANAGE) check --deploy --fail-level WARNING

bench: setup
	$(PY) -m bench.run

# National-size benchmarks on PostgreSQL (long: the generator writes millions of rows;
# SCALE=1 and EVENTS=10000000 are the full national size). The database ingang_national is dropped and
# created afresh; the access-log benchmark builds its own.
PGHOST_URL ?= postgres://postgres@127.0.0.1:5432
NATIONAL_URL := $(PGHOST_URL)/ingang_national
SCALE ?= 0.1
EVENTS ?= 1000000
bench-national: setup
	psql "$(PGHOST_URL)/postgres" -qc "DROP DATABASE IF EXISTS ingang_national" -c "CREATE DATABASE ingang_national"
	DATABASE_URL=$(NATIONAL_URL) $(PY) -m bench.national --scale $(SCALE)
	DATABASE_URL=$(NATIONAL_URL) $(PY) -m bench.followup
	DATABASE_URL=$(PGHOST_URL)/ingang $(PY) -m bench.accesslog --scale $(EVENTS)

messages: setup
	$(MANAGE) makemessages -l sv --no-location --ignore=.venv --ignore=bench --ignore=var
	$(MANAGE) compilemessages -l sv --ignore=.venv

clean:
	rm -rf $(VENV) var
