"""`python -m arena backup FILE` / `restore FILE` on a real installation (tests/live.py: SQLite, or PostgreSQL
when DATABASE_URL says so): a round trip gives back the same rows in every table, the same issued files and the
same secret key; a file that is not an Arena backup, is damaged or comes from a newer Arena is refused with a
message and the installation is left exactly as it was."""

import gzip
import hashlib
import io
import json
import os
import tarfile

import pytest

from tests.live import LiveSite


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    live = LiveSite(tmp_path_factory.mktemp("backup-site"))
    live.arena("migrate", "-v0", timeout=300)
    live.arena("load-demo", timeout=300)
    reports = live.data_dir / "reports"
    (reports / "2020" / "1").mkdir(parents=True)
    (reports / "2020" / "1" / "årsmelding 2020.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    (reports / "2020" / "1" / "arsmelding.docx").write_bytes(os.urandom(5000))
    (reports / "2019.html").write_text("<p>Årsmelding 2019</p>", encoding="utf-8")
    yield live
    live.drop()


def tables(site) -> list[str]:
    if site.pg_admin_url:
        query = (
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    return sorted(name for (name,) in site.sql(query))


def rows(site) -> dict[str, list[str]]:
    return {table: sorted(map(repr, site.sql(f'SELECT * FROM "{table}"'))) for table in tables(site)}


def files(site) -> dict[str, str]:
    """Every file in the reports directory and the secret key, with a checksum of its contents."""
    found = {}
    for path in sorted(site.data_dir.rglob("*")):
        relative = path.relative_to(site.data_dir).as_posix()
        if path.is_file() and (relative.startswith("reports/") or relative == "secret-key"):
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_round_trip_gives_the_same_rows_files_and_key(site, tmp_path):
    before_rows, before_files = rows(site), files(site)
    assert sum(len(r) for r in before_rows.values()) > 5000 and "secret-key" in before_files
    assert len([f for f in before_files if f.startswith("reports/")]) == 3
    archive = tmp_path / "arena.tar.gz"
    done = site.arena("backup", str(archive))
    assert "Sikkerhetskopi skrevet" in done.stdout and "3 filer" in done.stdout
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    # Life goes on: changes, deletions, a new user, a new file, a file gone, a new key.
    site.python(
        "from arena.register.models import Organisation, Outlook\n"
        "for pk in list(Organisation.objects.values_list('pk', flat=True)[:5]):\n"
        "    Organisation.objects.filter(pk=pk).update(name=f'Endret {pk}')\n"
        "Outlook.objects.all().delete();"
        "from django.contrib.auth.models import User; User.objects.create_user('etterpå')"
    )
    (site.data_dir / "reports" / "2019.html").unlink()
    (site.data_dir / "reports" / "2021.pdf").write_bytes(b"ny")
    (site.data_dir / "secret-key").write_text("en-annen-nokkel-0123456789")
    assert rows(site) != before_rows and files(site) != before_files

    done = site.arena("restore", str(archive))
    assert "Gjenopprettet" in done.stdout
    assert rows(site) == before_rows
    assert files(site) == before_files
    leftovers = [p.name for p in site.data_dir.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    # The restored installation works: a page's worth of queries and a write through the write path.
    out = site.python(
        "from arena.register import changes; from arena.register.models import Organisation;"
        "from arena.register.permissions import Access;"
        "o = Organisation(name='Etter gjenoppretting', kind=Organisation.Kind.NGO);"
        "changes.save(o, by=Access.system()); print(Organisation.objects.count())"
    )
    assert int(out.strip()) == len(before_rows["register_organisation"]) + 1


def _rewrite(archive, target, change):
    """Copy a backup, letting `change(name, data)` return new bytes for a member (None drops it)."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            if data is None:
                continue
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
        extra = change("<extra>", b"")
        if extra:
            name, data = extra
            info = tarfile.TarInfo(name)
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))


def test_what_is_not_a_good_backup_is_refused_and_changes_nothing(site, tmp_path):
    good = tmp_path / "good.tar.gz"
    site.arena("backup", str(good))
    site.python("from arena.register.models import Unit; Unit.objects.update(description='etter kopien')")
    before_rows, before_files = rows(site), files(site)

    def manifest_with(**changes):
        def change(name, data):
            if name != "arena-backup.json":
                return data if name != "<extra>" else None
            manifest = json.loads(data)
            for key, value in changes.items():
                manifest[key] = value(manifest) if callable(value) else value
            return json.dumps(manifest).encode()

        return change

    cases = {}
    cases["random.tar.gz"] = os.urandom(4000)
    cases["truncated.tar.gz"] = good.read_bytes()[: good.stat().st_size // 2]
    cases["plain.tar.gz"] = gzip.compress(b"ikke en tar-fil" * 100)
    _rewrite(
        good, tmp_path / "no-manifest.tar.gz", lambda n, d: None if n == "arena-backup.json" else (d or None)
    )
    _rewrite(
        good,
        tmp_path / "tampered.tar.gz",
        lambda n, d: b"endret" if n.endswith("2019.html") else (d if n != "<extra>" else None),
    )
    _rewrite(good, tmp_path / "foreign.tar.gz", manifest_with(format="noe-annet"))
    _rewrite(
        good,
        tmp_path / "newer.tar.gz",
        manifest_with(migrations=lambda m: [*m["migrations"], ["register", "9999_from_the_future"]]),
    )
    _rewrite(
        good,
        tmp_path / "escape.tar.gz",
        lambda n, d: ("../../utenfor.txt", b"x") if n == "<extra>" else d,
    )
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    expected = {
        "random.tar.gz": "er ikke en sikkerhetskopi fra Arena",
        "truncated.tar.gz": "er ikke en sikkerhetskopi fra Arena",
        "plain.tar.gz": "er ikke en sikkerhetskopi fra Arena",
        "no-manifest.tar.gz": "innholdslisten mangler",
        "tampered.tar.gz": "stemmer ikke med kontrollsummen",
        "foreign.tar.gz": "ukjent innholdsliste",
        "newer.tar.gz": "nyere versjon av Arena",
        "escape.tar.gz": "uventet innhold",
        "missing.tar.gz": "Fant ikke filen",
    }
    for name, message in expected.items():
        result = site.arena("restore", str(tmp_path / name), check=False)
        assert result.returncode != 0, name
        assert message in result.stderr and "Ingenting er endret" in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr, name
    assert not (tmp_path.parent / "utenfor.txt").exists()
    assert rows(site) == before_rows
    assert files(site) == before_files
    assert [p.name for p in site.data_dir.iterdir() if p.name.startswith(".")] == []
