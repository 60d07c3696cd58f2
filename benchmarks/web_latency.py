"""Latency of the register's pages under load, on a SYNTHETIC register (see benchmarks/synthetic.py).

Builds a fresh database (SQLite file, or a PostgreSQL database `arena_bench`), fills it with synthetic data,
starts a real server process (gunicorn, 3 sync workers as `serve --production` runs it; `--threads 4` for
gthread workers), signs in one user, and measures p50/p95 latency of list, search and
detail pages for 1 and for 20 concurrent users. Requests go to 127.0.0.1 only and are bounded in number.

Beside each page it times, in the same run and the same server, the page's *floor* (benchmarks/floor.py: a bare
view running the page's main SQL query with a minimal template) and prints the ratio page / floor. After the
20-user runs it prints the peak resident memory (VmHWM) of each server worker.

    .venv/bin/python benchmarks/web_latency.py --database sqlite
    .venv/bin/python benchmarks/web_latency.py --database postgres     # needs scripts/postgres.sh
    .venv/bin/python benchmarks/web_latency.py --activities 20000 --arenas 2000   # a quicker, smaller run
    .venv/bin/python benchmarks/web_latency.py --database postgres --reuse   # keep the built register
"""

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
PAGE_KINDS = ("list", "search", "detail", "calendar", "invitations", "monitoring", "api")
# Words of the activities' texts, and organisation names (what people search for most: "WHO" names an
# organisation and everything linked to it; "EU" is two letters, below a trigram).
WORDS = [
    "beredskap",
    "helse",
    "legemiddel",
    "kreft",
    "digital",
    "vaksine",
    "klima",
    "statistikk",
    "WHO",
    "EU",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(code: str, env: dict) -> str:
    out = subprocess.run([PY, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        sys.exit(out.stderr)
    return out.stdout.strip()


def prepare(args, env) -> dict:
    if args.database == "postgres":
        port = (ROOT / "var" / "pg-port").read_text().strip()
        import psycopg

        with psycopg.connect(f"postgresql://arena:arena@127.0.0.1:{port}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db_name]).fetchone()
            if not (args.reuse and exists):
                conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}"')
                conn.execute(f"CREATE DATABASE \"{args.db_name}\" ENCODING 'UTF8' TEMPLATE template0")
        env["DATABASE_URL"] = f"postgres://arena:arena@127.0.0.1:{port}/{args.db_name}"
    subprocess.run([PY, "-m", "arena", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    built = run(
        "import django; django.setup()\nfrom arena.register.models import Activity\n"
        "print(Activity.objects.exists())",
        env,
    )
    build_seconds = 0.0
    if built != "True":
        subprocess.run(
            [PY, "-m", "arena", "load_reference", "-v0"], env=env, cwd=ROOT, check=True, capture_output=True
        )
        started = time.perf_counter()
        run(
            "import django; django.setup(); import sys; sys.path.insert(0, 'benchmarks'); import synthetic;"
            f"print(synthetic.build(units={args.units}, arenas={args.arenas}, activities={args.activities}))",
            env,
        )
        build_seconds = time.perf_counter() - started
    extras = run(
        "import django; django.setup(); import sys; sys.path.insert(0, 'benchmarks'); import synthetic;"
        "print(synthetic.build_extras())",
        env,
    )
    if args.database == "postgres":
        run("import django; django.setup()\nfrom django.db import connection\n"
            "connection.cursor().execute('VACUUM ANALYZE')", env)  # fmt: skip
    ids = run(
        "import django, json; django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.test import Client\n"
        "from arena.register.models import Activity, Arena, Unit\n"
        "user, _ = get_user_model().objects.update_or_create(username='bench', defaults={'is_superuser': True})\n"
        "c = Client(); c.force_login(user)\n"
        "print(json.dumps({'session': c.cookies['sessionid'].value,"
        " 'activities': list(Activity.objects.values_list('pk', flat=True)[:5000:7]),"
        " 'arenas': list(Arena.objects.values_list('pk', flat=True)[:5000:7]),"
        " 'units': list(Unit.objects.values_list('pk', flat=True))}))",
        env,
    )
    import json

    return {"build_seconds": build_seconds, "extras": extras, **json.loads(ids)}


def urls_for(kind: str, ids: dict, rng: random.Random) -> str:
    if kind == "list":
        return rng.choice(
            [
                f"/aktiviteter/?page={rng.randint(1, 50)}",
                "/aktiviteter/?year=2020",
                f"/deltakelser/?unit={rng.choice(ids['units'])}",
                f"/arenaer/?page={rng.randint(1, 50)}",
            ]
        )
    if kind == "search":
        return f"/sok/?q={rng.choice(WORDS)}"
    if kind == "calendar":
        return rng.choice(
            [
                f"/agenda/?year={rng.randint(2019, 2023)}&month={rng.randint(1, 12)}",
                f"/agenda/liste/?from={rng.randint(2019, 2023)}-{rng.randint(1, 12):02d}-01",
            ]
        )
    if kind == "invitations":
        return rng.choice([f"/invitasjoner/?page={rng.randint(1, 50)}", "/invitasjoner/?status=triage"])
    if kind == "monitoring":
        return f"/folge-med/?page={rng.randint(1, 50)}"
    if kind == "api":
        return rng.choice(
            [
                "/api/v1/activities/",
                "/api/v1/arenas/",
                "/api/v1/meetings/",
                "/api/v1/invitations/",
                "/api/v1/monitoring-items/",
            ]
        )
    return rng.choice(
        [f"/aktiviteter/{rng.choice(ids['activities'])}/", f"/arenaer/{rng.choice(ids['arenas'])}/"]
    )


def peak_rss_mb(master_pid: int) -> list[float]:
    """Peak resident set size (VmHWM) of each gunicorn worker, in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return peaks


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by these processes (0 for one that is gone)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def server_pids(master_pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()]


def database_pids() -> list[int]:
    """PostgreSQL's processes on this machine (its backends do the queries' work)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in ("postgres", "postmaster"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def percentiles(times: list[float]) -> tuple[float, float, float]:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return statistics.median(times) * 1000, p95 * 1000, times[-1] * 1000


def measure(base: str, session: str, urls: list[str], concurrency: int) -> list[float]:
    """A new connection per request, as from a reverse proxy without upstream keep-alive (docs/deploy.md)."""

    def fetch(url):
        request = urllib.request.Request(base + url, headers={"Cookie": f"sessionid={session}"})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            assert response.status == 200, (url, response.status)
        return time.perf_counter() - started

    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(fetch, urls))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--arenas", type=int, default=20_000)
    parser.add_argument("--activities", type=int, default=200_000)
    parser.add_argument(
        "--requests", type=int, default=40, help="requests per page kind and concurrency level"
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker: 1 (default) is gunicorn's sync worker, as `serve --production` runs it",
    )
    parser.add_argument(
        "--pages", default=",".join(PAGE_KINDS), help=f"page kinds to measure, of {','.join(PAGE_KINDS)}"
    )
    parser.add_argument("--db-name", default="arena_bench", help="PostgreSQL database (dropped and rebuilt)")
    parser.add_argument(
        "--reuse", action="store_true",
        help="keep an already built register (PostgreSQL: --db-name; SQLite: var/bench-sqlite); migrate only",
    )  # fmt: skip
    args = parser.parse_args()

    if args.reuse:
        data_dir = str(ROOT / "var" / "bench-sqlite")
        os.makedirs(data_dir, exist_ok=True)
    else:
        data_dir = tempfile.mkdtemp(prefix="arena-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "arena.settings",
        "ARENA_DATA_DIR": data_dir,
        "ARENA_SECRET_KEY": "benchmark-only-key",
        "ARENA_DEBUG": "false",
        "ARENA_HTTPS": "false",  # plain HTTP on 127.0.0.1; production's HTTPS redirect would refuse it
    }
    env.pop("DATABASE_URL", None)
    info = prepare(args, env)
    port = free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "arena.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers),
         "--threads", str(args.threads), "--timeout", "120"],
        env={**env, "DJANGO_SETTINGS_MODULE": "floor_settings", "PYTHONPATH": f"{ROOT}:{ROOT / 'benchmarks'}"},
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/logg-inn/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        rng = random.Random(7)
        cpu: dict[tuple[str, int], list[float]] = {}
        print(f"SYNTHETIC register on {args.database}: {args.units} units, {args.arenas} arenas, "
              f"{args.activities} activities, {info['extras']}; built in {info['build_seconds']:.1f} s")  # fmt: skip
        print(
            f"server: gunicorn, {args.workers} workers x {args.threads} threads, {os.cpu_count()} CPU cores"
        )
        print(f"{'page kind':<11} {'users':>5} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
              f" {'floor p50':>9} {'floor p95':>9} {'ratio p50':>9} {'ratio p95':>9}")  # fmt: skip
        for kind in args.pages.split(","):
            # Warm-up: enough requests, a few at a time, that every server process has compiled the templates
            # and loaded what it keeps in memory (name lists, drop-downs) — steady state is what is measured.
            warm = [urls_for(kind, info, rng) for _ in range(8 * args.workers)]
            measure(base, info["session"], warm, 4)
            measure(base, info["session"], ["/_floor" + u for u in warm], 4)
            for users in (1, 20):
                n = args.requests if users == 1 else args.requests * 3
                urls = [urls_for(kind, info, rng) for _ in range(n)]
                pids, db = server_pids(server.pid), database_pids()
                before = cpu_seconds(pids), cpu_seconds(db), time.process_time()
                p50, p95, top = percentiles(measure(base, info["session"], urls, users))
                cpu[(kind, users)] = [
                    (after - start) * 1000 / n
                    for after, start in zip(
                        (cpu_seconds(pids), cpu_seconds(db), time.process_time()), before, strict=True
                    )
                ]
                f50, f95, _ = percentiles(
                    measure(base, info["session"], ["/_floor" + u for u in urls], users)
                )
                print(f"{kind:<11} {users:>5} {n:>8} {p50:>8.0f} {p95:>8.0f} {top:>8.0f}"
                      f" {f50:>9.1f} {f95:>9.1f} {p50 / f50:>9.1f} {p95 / f95:>9.1f}")  # fmt: skip
        print("\nCPU per request (ms; the server's workers, PostgreSQL's processes, this client), same runs:")
        for (kind, users), (web, database, client) in cpu.items():
            print(f"{kind:<11} {users:>5} {web:>8.1f} {database:>8.1f} {client:>8.1f}")
        peaks = peak_rss_mb(server.pid)
        print("peak RSS per worker (MB, VmHWM after all runs): " + ", ".join(f"{p:.0f}" for p in peaks))
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
