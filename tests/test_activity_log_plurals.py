"""Counts in the activity log read as a person writes them: "1 aktivitet", "2 aktiviteter" (labels that are
functions of the entry's data, arena.register.activity_log)."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from arena.register.activity_log import describe


def entry(action, **data):
    return SimpleNamespace(action=action, data=data)


@pytest.mark.parametrize(
    ("action", "data", "text"),
    [
        ("reporting.submission.submitted", {"activities": 1, "engagements": 0},
         "leverte innspillet (1 aktivitet, 0 deltakelser)"),
        ("reporting.submission.submitted", {"activities": 3, "engagements": 1},
         "leverte innspillet (3 aktiviteter, 1 deltakelse)"),
        ("agenda.obligation.deadlines_generated", {"count": 1}, "laget 1 frist"),
        ("agenda.meeting.agenda_imported", {"count": 2}, "importerte dagsordenen (2 punkter)"),
        ("ingest.batch.committed", {"organisations": 1, "arenas": 2, "aliases": 1, "engagements": 0,
                                    "activities": 1},
         "lagret i registeret: 1 organisasjon, 2 arenaer, 1 navn, 0 deltakelser og 1 aktivitet"),
        ("ingest.batch.undone", {"deleted": 1, "restored": 2}, "angret importen: 1 oppføring slettet, 2 satt tilbake"),
        ("reporting.submission.submitted", {}, "leverte innspillet (0 aktiviteter, 0 deltakelser)"),
    ],
)  # fmt: skip
def test_counts_have_singular_and_plural(action, data, text):
    assert describe(entry(action, **data)) == text


def test_counts_in_english():
    with translation.override("en"):
        assert describe(entry("reporting.submission.submitted", activities=1, engagements=2)) == (
            "delivered the submission (1 activity, 2 engagements)"
        )
