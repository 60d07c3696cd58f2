"""Routing figures for the invitation corpus (tests/invitations/data, SYNTHETIC invitations written for Arena, as
.eml and as Outlook .msg) against the demo register: the share routed to the unit the register implies, how many
went to triage instead, and how many to a wrong unit.

    .venv/bin/python benchmarks/invitation_routing.py [--verbose]

Runs on a fresh SQLite database in a temporary directory (migrate + load-demo, ~1 min), so it leaves your own
database alone.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARENA_DATA_DIR"] = tmp
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from arena.register.demo.load import load_demo

        load_demo()
        from arena.invitations.evaluation import evaluate

        figures = evaluate(ROOT / "tests" / "invitations" / "data")
        for outcome in figures.outcomes:
            print(
                f"{outcome.verdict:7} {outcome.file:45} expected {outcome.expected:7} got {outcome.got:7} "
                f"confidence {outcome.confidence:.2f}"
            )
            if args.verbose:
                for reason in outcome.reasons:
                    print(f"          {reason}")
        print(figures.summary())


if __name__ == "__main__":
    main()
