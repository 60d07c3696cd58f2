"""The command line: `python -m arena …`."""

import subprocess
import sys
from pathlib import Path

import pytest

from arena.__main__ import main
from arena.register.models import Activity, Organisation, Unit
from arena.register.reference.organisations import ORGANISATIONS

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_the_commands(capsys):
    main(["--help"])
    out = capsys.readouterr().out
    for command in ("serve", "load-reference", "load-demo"):
        assert command in out


@pytest.mark.django_db
def test_load_reference_then_demo_and_again(capsys):
    main(["load-reference"])
    assert f"organisations: {len(ORGANISATIONS)} created" in capsys.readouterr().out
    assert Organisation.objects.filter(key="who").exists()
    assert not Unit.objects.exists()
    main(["load-demo"])
    first = capsys.readouterr().out
    assert f"activities: {Activity.objects.count()}" in first
    main(["load-demo"])
    assert capsys.readouterr().out == first


def test_module_runs_as_a_program_and_rejects_unknown_commands():
    ok = subprocess.run([sys.executable, "-m", "arena", "help"], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0 and "load-demo" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "arena", "no-such-command"], cwd=ROOT, capture_output=True, text=True
    )
    assert bad.returncode != 0
    assert "Unknown command" in bad.stderr
