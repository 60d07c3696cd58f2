"""Dumping and restoring the database for a backup: SQLite through its online backup API, PostgreSQL with
pg_dump/pg_restore. Restoring is all or nothing: SQLite copies the pages in one transaction, PostgreSQL runs
the whole restore in one transaction (psql --single-transaction), so a failure leaves the database as it was."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections


class DatabaseError(Exception):
    """A dump or restore step failed; the message says which (bokmål)."""


def vendor() -> str:
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise DatabaseError(f"Sikkerhetskopi støtter SQLite og PostgreSQL, ikke {engine}.")


def dump_name(kind: str) -> str:
    return {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[kind]


# SQLite


def _sqlite_path() -> str:
    return str(settings.DATABASES["default"]["NAME"])


def dump_sqlite(target: Path) -> None:
    """A consistent copy of the live database while it is in use (WAL mode makes copying the file unsafe)."""
    source = sqlite3.connect(_sqlite_path(), timeout=30)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        copy.close()
        source.close()


def check_sqlite(path: Path) -> None:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            connection.execute("SELECT count(*) FROM django_migrations").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"Databasen i sikkerhetskopien er ikke lesbar ({error}).") from error
    if result != "ok":
        raise DatabaseError(f"Databasen i sikkerhetskopien er skadet ({result}).")


def restore_sqlite(path: Path) -> None:
    """Replace the live database's contents with the copy's, in one transaction."""
    connections.close_all()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    live = sqlite3.connect(_sqlite_path(), timeout=30)
    try:
        source.backup(live)  # all pages in one step: one write transaction on the live database
    except sqlite3.Error as error:
        raise DatabaseError(f"Databasen kunne ikke gjenopprettes ({error}); den er uendret.") from error
    finally:
        live.close()
        source.close()


# PostgreSQL


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGDATABASE": str(db["NAME"]), "PGCONNECT_TIMEOUT": "10"}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _run(command: list[str], what: str, **kwargs) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, **kwargs)
    except FileNotFoundError as error:
        raise DatabaseError(
            f"Fant ikke {command[0]}; installer PostgreSQL-klientverktøyene (postgresql-client)."
        ) from error
    if result.returncode != 0:
        raise DatabaseError(f"{what} mislyktes: {result.stderr.strip()[-2000:]}")
    return result


def dump_postgresql(target: Path) -> None:
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], "pg_dump")


def check_postgresql(path: Path) -> str:
    """The dump's table of contents (pg_restore --list); fails on a file that is not a readable dump."""
    try:
        return _run(["pg_restore", "--list", str(path)], "Lesing av databasedumpen").stdout
    except DatabaseError as error:
        raise DatabaseError(f"Databasen i sikkerhetskopien er ikke lesbar: {error}") from error


# Emptied first, inside the same transaction as the restore: everything of Arena's in the public schema
# (tables take their sequences and indexes with them). Extensions stay; the dump's are created if missing.
_EMPTY_SCHEMA = """
SET lock_timeout = '60s';
SET client_min_messages = warning;
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT viewname FROM pg_views WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP VIEW IF EXISTS public.%I CASCADE', r.viewname);
  END LOOP;
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.tablename);
  END LOOP;
  FOR r IN SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.sequence_name);
  END LOOP;
END $$;
"""
_EXTENSION = re.compile(r"^\d+; \d+ \d+ (?:EXTENSION - |COMMENT - EXTENSION )(\S+)")


def restore_postgresql(path: Path, workdir: Path) -> None:
    toc = check_postgresql(path)
    extensions, entries = [], []
    for line in toc.splitlines():
        match = _EXTENSION.match(line)
        if match:  # extensions belong to the server's administrator; created below if missing
            if line.split(" ", 3)[3].startswith("EXTENSION"):
                extensions.append(match.group(1))
            continue
        entries.append(line)
    listing = workdir / "restore.list"
    listing.write_text("\n".join(entries) + "\n", encoding="utf-8")
    script = workdir / "restore.sql"
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            f"--use-list={listing}",
            f"--file={script}",
            str(path),
        ],
        "pg_restore",
    )
    prelude = workdir / "prelude.sql"
    prelude.write_text(
        _EMPTY_SCHEMA
        + "".join(f'CREATE EXTENSION IF NOT EXISTS "{name}" WITH SCHEMA public;\n' for name in extensions),
        encoding="utf-8",
    )
    connections.close_all()
    try:
        _run(
            [
                "psql",
                "--no-psqlrc",
                "--quiet",
                "--single-transaction",
                "--set=ON_ERROR_STOP=1",
                f"--file={prelude}",
                f"--file={script}",
            ],
            "Gjenoppretting av databasen",
        )
    except DatabaseError as error:
        raise DatabaseError(f"{error} (databasen er uendret)") from error
