"""The command line: `python -m arena …`."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from arena.__main__ import main
from arena.register.models import Activity, Alias, Engagement, Organisation, Unit, UnitRole
from arena.register.reference.register import read_register

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_the_commands(capsys):
    main(["--help"])
    out = capsys.readouterr().out
    for command in ("serve", "load-reference", "load-demo"):
        assert command in out


@pytest.mark.django_db
def test_load_reference_then_demo_and_again(capsys):
    # The management commands behind `python -m arena load-reference|load-demo` (main() itself closes the
    # database connection when it finishes, which a test transaction cannot survive).
    call_command("load_reference")
    assert f"organisations: {len(read_register()[0])} created" in capsys.readouterr().out
    assert Organisation.objects.filter(key="who").exists()
    assert not Unit.objects.exists()
    call_command("load_demo")
    first = capsys.readouterr().out
    assert f"activities: {Activity.objects.count()}" in first
    rows = {m: m.objects.count() for m in (Alias, UnitRole, Engagement, Activity)}
    call_command("load_demo")
    assert capsys.readouterr().out == first
    assert rows == {m: m.objects.count() for m in rows}


def test_module_runs_as_a_program_and_rejects_unknown_commands():
    ok = subprocess.run([sys.executable, "-m", "arena", "help"], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0 and "load-demo" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "arena", "no-such-command"], cwd=ROOT, capture_output=True, text=True
    )
    assert bad.returncode != 0
    assert "Unknown command" in bad.stderr
