"""A separate Arena installation for tests that run real processes (worker, server, backup): its own data
directory and database — a SQLite file, or, when DATABASE_URL points at PostgreSQL, a fresh database on that
server — migrated with `python -m arena migrate`, driven through `python -m arena ...` subprocesses and read
with plain SQL."""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


class LiveSite:
    def __init__(self, data_dir: Path, **extra_env: str):
        self.data_dir = data_dir
        self.pg_admin_url = None
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith("postgres"):
            parts = urlsplit(url)
            self.db_name = f"{parts.path.lstrip('/') or 'arena'}_live_{uuid.uuid4().hex[:8]}"
            self.pg_admin_url = urlunsplit(parts._replace(path="/postgres"))
            self.database_url = urlunsplit(parts._replace(path="/" + self.db_name))
            self._pg(f"CREATE DATABASE \"{self.db_name}\" ENCODING 'UTF8' TEMPLATE template0")
        else:
            self.database_url = f"sqlite:///{data_dir / 'arena.sqlite3'}"
        self.env = {
            **os.environ,
            "ARENA_DATA_DIR": str(data_dir),
            "DATABASE_URL": self.database_url,
            "ARENA_DEBUG": "false",
            "ARENA_HTTPS": "false",
            "DJANGO_SETTINGS_MODULE": "arena.settings",
            **extra_env,
        }
        self.env.pop("REPORTING_FILES_DIR", None)

    def _pg(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
            conn.execute(statement)

    def drop(self) -> None:
        if self.pg_admin_url:
            self._pg(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    def arena(self, *args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
        """Run `python -m arena ARGS` in this installation."""
        return subprocess.run(
            [sys.executable, "-m", "arena", *args],
            cwd=ROOT,
            env=self.env,
            check=check,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def popen(self, *args: str, **kwargs) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "arena", *args], cwd=ROOT, env=self.env, text=True, **kwargs
        )

    def python(self, code: str) -> str:
        """Run Python with Django set up in this installation; returns what it printed."""
        return self.arena("shell", "--no-imports", "-c", code).stdout

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        if self.pg_admin_url:
            import psycopg

            with psycopg.connect(self.database_url) as conn:
                return conn.execute(query.replace("?", "%s"), params).fetchall()
        with sqlite3.connect(self.data_dir / "arena.sqlite3", timeout=20) as conn:
            return conn.execute(query, params).fetchall()
