"""One backup file for an installation: a gzip-compressed tar holding

    arena-backup.json     what is in it (format, version, database kind, applied migrations, SHA-256 of every file)
    database.sqlite3      the database (SQLite online backup) — or database.pgdump (pg_dump, custom format)
    files/reports/...     the issued report files (every directory in FILE_DIRS)
    secret-key            the installation's secret key file, when the key is not given in the environment

`backup()` takes the database first, then the files (issued files are never changed, only added, so every
file the database refers to is there), and writes the archive under a temporary name that is renamed into
place only when complete. `restore()` reads and checks everything before it touches anything — a file that is
not an Arena backup, is damaged, comes from another kind of database or from a newer Arena is refused with a
message — then swaps in the files, restores the database in one transaction (files swapped back if that
fails), puts the secret key in place and migrates. On any failure the installation is as it was.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from arena.backup import databases

FORMAT, VERSION = "arena-backup", 1
MANIFEST = "arena-backup.json"
SECRET_KEY_MEMBER = "secret-key"


class BackupError(Exception):
    """The backup or restore cannot go ahead; the message says why, in bokmål. Nothing was changed."""


def file_dirs() -> dict[str, Path]:
    """The directories of files Arena keeps outside the database, by the name they have in the archive."""
    from arena.reporting.models import report_storage

    return {"reports": Path(report_storage().location)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _entry(member: str, path: Path) -> dict:
    return {"path": member, "size": path.stat().st_size, "sha256": _sha256(path)}


def _applied_migrations() -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [list(row) for row in cursor.fetchall()]


def backup(target: Path | str) -> dict:
    """Write a backup of this installation to `target` (overwritten only when the new one is complete)."""
    target = Path(target).resolve()
    if target.is_dir():
        raise BackupError(
            f"{target} er en mappe; oppgi et filnavn, f.eks. arena-{datetime.date.today()}.tar.gz."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    kind = databases.vendor()
    with tempfile.TemporaryDirectory(prefix="arena-backup-") as work:
        dump = Path(work) / databases.dump_name(kind)
        migrations = _applied_migrations()
        if kind == "sqlite":
            databases.dump_sqlite(dump)
        else:
            databases.dump_postgresql(dump)
        files: list[tuple[dict, Path]] = []
        for name, directory in file_dirs().items():
            if directory.is_dir():
                for path in sorted(p for p in directory.rglob("*") if p.is_file() and not p.is_symlink()):
                    member = f"files/{name}/{path.relative_to(directory).as_posix()}"
                    files.append((_entry(member, path), path))
        key_file = Path(settings.SECRET_KEY_FILE)
        secret = _entry(SECRET_KEY_MEMBER, key_file) if key_file.is_file() else None
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": kind, **_entry(databases.dump_name(kind), dump)},
            "migrations": migrations,
            "files": [entry for entry, _path in files],
            "secret_key": secret,
        }
        partial = target.with_name(f".{target.name}.partial")
        try:
            with tarfile.open(partial, "w:gz") as tar:
                data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(datetime.datetime.now().timestamp()), 0o600
                tar.addfile(info, io.BytesIO(data))
                tar.add(dump, arcname=manifest["database"]["path"])
                for entry, path in files:
                    tar.add(path, arcname=entry["path"])
                if secret:
                    tar.add(key_file, arcname=SECRET_KEY_MEMBER)
            os.chmod(partial, 0o600)  # it holds the secret key and personal data
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return {"file": str(target), "database": kind, "files": len(files), "secret_key": bool(secret)}


# Restore


NOT_A_BACKUP = (
    "{name} er ikke en sikkerhetskopi fra Arena, eller filen er skadet ({detail}). Ingenting er endret."
)


def _member_names(manifest: dict) -> dict[str, dict]:
    """Every file the manifest lists, by archive name — checked to be plain relative paths we expect."""
    wanted: dict[str, dict] = {}
    entries = [manifest["database"], *manifest["files"]] + (
        [manifest["secret_key"]] if manifest["secret_key"] else []
    )
    allowed_dirs = set(file_dirs())
    for entry in entries:
        name = entry["path"]
        parts = PurePosixPath(name).parts
        ok = (
            not name.startswith("/")
            and ".." not in parts
            and (
                name in {manifest["database"]["path"], SECRET_KEY_MEMBER}
                or (len(parts) >= 3 and parts[0] == "files" and parts[1] in allowed_dirs)
            )
        )
        if not ok or not isinstance(entry.get("sha256"), str) or not isinstance(entry.get("size"), int):
            raise ValueError(f"ugyldig oppføring {name!r}")
        wanted[name] = entry
    return wanted


def read_archive(source: Path, staging: Path) -> dict:
    """Unpack `source` into `staging` and check it completely; returns the manifest. Raises BackupError."""
    try:
        with tarfile.open(source, "r:gz") as tar:
            try:
                manifest_file = tar.extractfile(tar.getmember(MANIFEST))
            except KeyError:
                raise BackupError(
                    NOT_A_BACKUP.format(name=source.name, detail="innholdslisten mangler")
                ) from None
            manifest = json.loads(manifest_file.read().decode("utf-8"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise BackupError(NOT_A_BACKUP.format(name=source.name, detail="ukjent innholdsliste"))
            if manifest.get("version") != VERSION:
                raise BackupError(
                    f"{source.name} er i versjon {manifest.get('version')} av formatet; denne Arena leser "
                    f"versjon {VERSION}. Ingenting er endret."
                )
            wanted = _member_names(manifest)
            members = []
            for member in tar.getmembers():
                if member.name == MANIFEST:
                    continue
                if member.name not in wanted or not member.isfile():
                    raise BackupError(
                        NOT_A_BACKUP.format(name=source.name, detail=f"uventet innhold {member.name!r}")
                    )
                members.append(member)
            tar.extractall(staging, members=members, filter="data")
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(NOT_A_BACKUP.format(name=source.name, detail=error)) from error
    for name, entry in wanted.items():
        path = staging / name
        if not path.is_file() or path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            raise BackupError(
                NOT_A_BACKUP.format(
                    name=source.name, detail=f"{name} mangler eller stemmer ikke med kontrollsummen"
                )
            )
    return manifest


def check_compatible(manifest: dict) -> None:
    kind, theirs = databases.vendor(), manifest["database"]["vendor"]
    if theirs != kind:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"Sikkerhetskopien er av en {names.get(theirs, theirs)}-database, men denne installasjonen bruker "
            f"{names[kind]}. Gjenopprett i en installasjon av samme slag. Ingenting er endret."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest["migrations"] if (app, name) not in known]
    if unknown:
        raise BackupError(
            "Sikkerhetskopien er laget av en nyere versjon av Arena (ukjente migreringer: "
            f"{', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''}). Oppgrader Arena først. Ingenting er endret."
        )


def _swap_in(staging: Path) -> list[tuple[Path, Path | None]]:
    """Move each restored file directory into place and the current one aside (renames in the directory's own
    parent, so each is atomic). Returns (live, aside) pairs to undo or tidy; undoes itself on failure."""
    swapped: list[tuple[Path, Path | None]] = []
    try:
        for name, live in file_dirs().items():
            restored = staging / "files" / name
            restored.mkdir(parents=True, exist_ok=True)
            live.parent.mkdir(parents=True, exist_ok=True)
            incoming = live.parent / f".{live.name}.restoring"
            if incoming.exists():
                shutil.rmtree(incoming)
            shutil.move(restored, incoming)  # a copy if the directory is on another file system
            aside = live.parent / f".{live.name}.before-restore" if live.exists() else None
            if aside is not None and aside.exists():
                shutil.rmtree(aside)
            swapped.append((live, aside))
            if aside is not None:
                live.rename(aside)
            incoming.rename(live)
    except OSError:
        _swap_back(swapped)
        raise
    return swapped


def _swap_back(swapped: list[tuple[Path, Path | None]]) -> None:
    for live, aside in reversed(swapped):
        incoming = live.parent / f".{live.name}.restoring"
        if incoming.exists():  # failed before it was put in place: the live directory is untouched or aside
            shutil.rmtree(incoming)
        elif live.exists():
            shutil.rmtree(live)
        if aside is not None and aside.exists():
            aside.rename(live)


def _put_secret_key(staging: Path, manifest: dict) -> None:
    if not manifest["secret_key"]:
        return
    target = Path(settings.SECRET_KEY_FILE)
    temporary = target.with_name(f".{target.name}.restoring")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write((staging / SECRET_KEY_MEMBER).read_bytes())
    os.replace(temporary, target)


def restore(source: Path | str, *, migrate: bool = True) -> dict:
    """Replace this installation's database, files and secret key with the backup's. Stop the server first."""
    from django.core.management import call_command

    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Fant ikke filen {source}. Ingenting er endret.")
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir))  # same file system: renames are atomic
    try:
        manifest = read_archive(source, staging)
        check_compatible(manifest)
        dump = staging / manifest["database"]["path"]
        try:
            if manifest["database"]["vendor"] == "sqlite":
                databases.check_sqlite(dump)
            else:
                databases.check_postgresql(dump)
        except databases.DatabaseError as error:
            raise BackupError(f"{error} Ingenting er endret.") from error
        swapped = _swap_in(staging)
        try:
            if manifest["database"]["vendor"] == "sqlite":
                databases.restore_sqlite(dump)
            else:
                databases.restore_postgresql(dump, staging)
        except Exception as error:
            _swap_back(swapped)
            if isinstance(error, databases.DatabaseError):
                raise BackupError(str(error)) from error
            raise
        _put_secret_key(staging, manifest)
        for _live, aside in swapped:
            if aside is not None:
                shutil.rmtree(aside, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    cache.clear()  # stamps such as the search name list's version belong to the old data
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
    return {
        "file": str(source),
        "created_at": manifest.get("created_at"),
        "database": manifest["database"]["vendor"],
        "files": len(manifest["files"]),
        "secret_key": bool(manifest["secret_key"]),
    }
