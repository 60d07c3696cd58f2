"""Exports of a long list stream without holding it in memory: time, size and peak memory per format for the
activity list of a SYNTHETIC register (benchmarks/synthetic.py; 200,000 activities by default).

    .venv/bin/python benchmarks/export_streaming.py [--activities N] [--database-url URL]

Each format runs in its own process, so its peak RSS is its own; the baseline is the same process after
loading Django and before exporting.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import resource as rusage, sys, time
import django; django.setup()
from arena.api import exports
from arena.api.resources import RESOURCES
from arena.register.models import Activity
fmt = sys.argv[1]
spec = RESOURCES["activities"]
queryset = spec.queryset()
Activity.objects.exists()
base = rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
size = 0
if fmt == "xlsx":
    import tempfile
    with tempfile.TemporaryFile() as f:
        exports.write_xlsx(spec, queryset, f)
        size = f.tell()
else:
    chunks = exports.csv_chunks if fmt == "csv" else exports.json_chunks
    for chunk in chunks(spec, queryset):
        size += len(chunk.encode())
elapsed = time.perf_counter() - start
peak = rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss
print(f"{fmt:5} {elapsed:7.1f} s {size / 1e6:8.1f} MB   peak RSS {peak / 1024:6.0f} MB "
      f"(baseline {base / 1024:.0f} MB, +{(peak - base) / 1024:.0f} MB)")
"""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--activities", type=int, default=200_000)
    parser.add_argument(
        "--database-url", default=None, help="default: a new SQLite file in a temporary directory"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "arena.settings",
            "ARENA_DATA_DIR": tmp,
            "DATABASE_URL": args.database_url or f"sqlite:///{tmp}/arena.sqlite3",
            "PYTHONPATH": f"{ROOT}:{ROOT / 'benchmarks'}",
        }
        python = sys.executable

        def run(code, *argv):
            subprocess.run([python, "-c", code, *argv], env=env, cwd=ROOT, check=True)

        run("import django; django.setup(); from django.core.management import call_command; "
            "call_command('migrate', verbosity=0)")  # fmt: skip
        run("import django; django.setup(); import synthetic; "
            f"print('SYNTHETIC register:', synthetic.build(activities={args.activities}))")  # fmt: skip
        print(f"activity list export, {args.activities:,} rows ({env['DATABASE_URL'].split(':')[0]})")
        for fmt in ("csv", "json", "xlsx"):
            run(CHILD, fmt)


if __name__ == "__main__":
    main()
