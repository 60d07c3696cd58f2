#!/usr/bin/env bash
# Run Arena with the embedded SQLite database and the demo register on http://127.0.0.1:8000
source "$(dirname "$0")/bootstrap.sh"
export ARENA_DEBUG="${ARENA_DEBUG:-true}"
exec .venv/bin/python -m arena serve --demo "${1:-127.0.0.1:8000}"
