#!/usr/bin/env bash
# Make a local PostgreSQL 15 available for tests: install from Debian if missing, start the cluster, create the
# role `arena` (password `arena`, allowed to create test databases). Writes the port to var/pg-port.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# Clusters take their encoding from the locale: make it UTF-8 even where LANG is unset (containers).
export LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive

if ! command -v pg_lsclusters >/dev/null || [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
    as_root apt-get update -qq
    as_root apt-get install -y -qq postgresql-15 postgresql-contrib >/dev/null
fi
if ! pg_lsclusters -h | awk '$1 == "15"' | grep -q .; then
    as_root pg_createcluster --locale C.UTF-8 15 main >/dev/null
fi
cluster=$(pg_lsclusters -h | awk '$1 == "15" {print $2; exit}')
port=$(pg_lsclusters -h | awk '$1 == "15" {print $3; exit}')
if ! pg_lsclusters -h | awk '$1 == "15" && $4 == "online"' | grep -q .; then
    as_root pg_ctlcluster 15 "$cluster" start
fi
ready=no
for _ in $(seq 1 30); do
    if as_root su postgres -c "pg_isready -q -p $port"; then ready=yes; break; fi
    sleep 1
done
[ "$ready" = yes ] || { echo "PostgreSQL did not become ready on port $port within 30 s" >&2; exit 1; }
as_root su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='arena'\"" | grep -q 1 \
    || as_root su postgres -c "psql -q -p $port -c \"CREATE ROLE arena LOGIN SUPERUSER PASSWORD 'arena'\""
as_root su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname='arena'\"" | grep -q 1 \
    || as_root su postgres -c "createdb -p $port -O arena -E UTF8 -T template0 arena"
mkdir -p var && echo "$port" > var/pg-port
echo "PostgreSQL 15 ($cluster) on port $port"
