"""The demo register's issued reports (opt-in): issued once, not again when they exist."""

import pytest

from arena.reporting import demo
from arena.reporting.models import IssuedReport

pytestmark = pytest.mark.django_db


def test_demo_reports_are_issued_once(monkeypatch, personas):
    # Years without data keep this quick; the real demo years are 2019 (by unit) and 2020 (by area).
    assert demo.DEMO_REPORTS == ((2019, "unit"), (2020, "area"))
    monkeypatch.setattr(demo, "DEMO_REPORTS", ((1995, "unit"), (1996, "area")))
    first = demo.issue_demo_reports()
    assert [(r.year, r.layout, r.status) for r in first] == [(1995, "unit", "done"), (1996, "area", "done")]
    assert demo.issue_demo_reports() == []
    assert IssuedReport.objects.count() == 2


def test_load_demo_has_the_option(monkeypatch):
    from django.core.management import get_commands, load_command_class

    parser = load_command_class(get_commands()["load_demo"], "load_demo").create_parser("arena", "load_demo")
    assert parser.parse_args(["--issue-reports"]).issue_reports is True
