"""Hostile import files (arena/ingest/malformed.py, SYNTHETIC): inputs tried / refused / read, and the worst
time and peak memory per input kind, each file run through the importer's own limited child process
(arena/ingest/limits.py: read + propose under a wall-clock and memory limit).

    .venv/bin/python benchmarks/malformed_inputs.py [--sample] [--kind KIND] [--time-limit S]
                                                    [--memory-limit MB] [--verbose] [--json]

The register is a temporary SQLite database with the reference data and the demo register. "extra MB" is the
child's peak resident memory above what it started with (the forked server process). An input over a limit
is stopped and counted as "stopped (time)" or "stopped (memory)"; "crashed" means a reader failed in a way
that is not a DocumentError (the user still sees a bokmål message, but it is a bug to fix).
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django(workdir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/malformed.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from arena.register.demo.load import load_demo

    load_demo()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", action="store_true", help="the CI sample instead of the full set")
    parser.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    parser.add_argument("--name", action="append", help="only these file names (repeatable)")
    parser.add_argument("--time-limit", type=float, help="seconds per input (default: the importer's)")
    parser.add_argument("--memory-limit", type=int, help="MB per input (default: the importer's)")
    parser.add_argument("--verbose", action="store_true", help="one line per input")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        from arena.ingest import limits, malformed

        time_limit, memory_limit = limits.limits()
        time_limit = args.time_limit or time_limit
        memory_limit = args.memory_limit * 1024 * 1024 if args.memory_limit else memory_limit
        rows = []
        for case in malformed.cases(full=not args.sample):
            if (args.kind and case.kind not in args.kind) or (args.name and case.name not in args.name):
                continue
            made = time.perf_counter()
            data = case.data()
            made = time.perf_counter() - made
            outcome, _t, _m = limits.import_outcome(
                data, case.name, time_limit=time_limit, memory_limit=memory_limit
            )
            status = {"ok": "read", "refused": "refused"}.get(outcome.status, outcome.status)
            row = {
                "kind": case.kind,
                "name": case.name,
                "bytes": len(data),
                "status": status,
                "expected": case.expect,
                "as_expected": case.expect == "either"
                and status in ("read", "refused")
                or case.expect == "read"
                and status == "read"
                or case.expect == "refuse"
                and status == "refused"
                and case.message.lower() in outcome.message.lower(),
                "seconds": round(outcome.seconds, 2),
                "extra_mb": round(outcome.extra_memory / 1024 / 1024),
                "peak_mb": round(outcome.peak_memory / 1024 / 1024),
                "message": outcome.message[:160],
                "made_seconds": round(made, 2),
            }
            rows.append(row)
            if args.verbose and not args.json:
                print(
                    f"{row['kind']:14} {row['name']:28} {row['bytes'] / 1024 / 1024:8.1f} MB  {status:8} "
                    f"{row['seconds']:7.2f} s {row['extra_mb']:6d} MB  {'' if row['as_expected'] else 'UNEXPECTED '}"
                    f"{row['message'][:70]}",
                    flush=True,
                )
    kinds: dict[str, dict] = {}
    for row in rows:
        k = kinds.setdefault(
            row["kind"],
            {"tried": 0, "refused": 0, "read": 0, "time": 0, "memory": 0, "crash": 0, "unexpected": 0,
             "worst_seconds": 0.0, "worst_input": "", "peak_extra_mb": 0},
        )  # fmt: skip
        k["tried"] += 1
        k[row["status"]] += 1
        k["unexpected"] += 0 if row["as_expected"] else 1
        if row["seconds"] >= k["worst_seconds"]:
            k["worst_seconds"], k["worst_input"] = row["seconds"], row["name"]
        k["peak_extra_mb"] = max(k["peak_extra_mb"], row["extra_mb"])
    if args.json:
        print(json.dumps({"time_limit": time_limit, "memory_limit_mb": memory_limit // 1024 // 1024,
                          "kinds": kinds, "inputs": rows}, ensure_ascii=False, indent=1))  # fmt: skip
        return 0
    print(f"limits: {time_limit:.0f} s, {memory_limit // 1024 // 1024} MB per input")
    print(
        f"{'kind':14} {'tried':>5} {'refused':>7} {'read':>5} {'stopped (time)':>14} {'stopped (memory)':>16} "
        f"{'crashed':>7} {'unexpected':>10} {'worst s':>8} {'peak extra MB':>13}  worst input"
    )
    total = {"tried": 0, "refused": 0, "read": 0, "time": 0, "memory": 0, "crash": 0, "unexpected": 0}
    for kind, k in kinds.items():
        for key in total:
            total[key] += k[key]
        print(
            f"{kind:14} {k['tried']:5d} {k['refused']:7d} {k['read']:5d} {k['time']:14d} {k['memory']:16d} "
            f"{k['crash']:7d} {k['unexpected']:10d} {k['worst_seconds']:8.2f} {k['peak_extra_mb']:13d}  "
            f"{k['worst_input']}"
        )
    print(
        f"{'all':14} {total['tried']:5d} {total['refused']:7d} {total['read']:5d} {total['time']:14d} "
        f"{total['memory']:16d} {total['crash']:7d} {total['unexpected']:10d}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
