#!/usr/bin/env bash
# Every check: lint, Django's system checks, migrations in step with models, and the whole test suite.
# The database is SQLite unless DATABASE_URL says otherwise.
source "$(dirname "$0")/bootstrap.sh"
bash scripts/system-deps.sh
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== manage.py check"
.venv/bin/python manage.py check --fail-level WARNING
echo "== makemigrations --check"
.venv/bin/python manage.py makemigrations --check --dry-run
echo "== pytest (${DATABASE_URL:-sqlite})"
.venv/bin/python -m pytest -q "$@"
