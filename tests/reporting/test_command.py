"""`python -m arena report YEAR --layout unit|area --format html|docx|pdf --output FILE`."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from arena.register.models import Activity

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def test_report_writes_the_file_in_the_format_asked_for(tmp_path, capsys):
    out = tmp_path / "x.pdf"
    call_command("report", "2019", "--layout", "unit", "--format", "pdf", "--output", str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    assert "69 aktiviteter (2019, unit)" in capsys.readouterr().out


def test_the_format_follows_the_file_name_and_language_can_be_chosen(tmp_path):
    out = tmp_path / "arsmelding.html"
    call_command("report", "2020", "--layout", "area", "--output", str(out), "--language", "nn")
    html = out.read_text(encoding="utf-8")
    assert '<html lang="nn">' in html and "Samandrag" in html
    title = Activity.objects.filter(year=2020).order_by("title").first().title
    assert title.replace("'", "&#x27;") in html


def test_a_year_without_data_and_bad_arguments(tmp_path):
    out = tmp_path / "tom.docx"
    call_command("report", "1995", "--layout", "area", "--format", "docx", "--output", str(out))
    assert out.stat().st_size > 0
    with pytest.raises(CommandError):
        call_command("report", "1880", "--output", str(tmp_path / "x.html"))
    with pytest.raises(CommandError):
        call_command("report", "2019", "--output", str(tmp_path / "x.odt"))


def test_the_command_is_reachable_through_python_m_arena():
    done = subprocess.run(
        [sys.executable, "-m", "arena", "report", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0
    for option in ("--layout", "--format", "--output", "--toc-pages", "{unit,area}", "{html,docx,pdf}"):
        assert option in done.stdout
