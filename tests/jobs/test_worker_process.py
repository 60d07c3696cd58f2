"""A real worker process killed in the middle of generating a report, then started again: the version ends
failed with a message (never stuck "running") and its partial files are gone. (Trying again is tested in
test_worker.py.)"""

import signal
import time

import pytest

from tests.live import LiveSite

REPORT_TASKS = "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = 'arena.reporting.issuing.generate_report_task'"
SETUP = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from arena.reporting import cycle
from arena.reporting.issuing import issue_report
user = get_user_model().objects.create_superuser("koordinator", password="Hemmelig-passord-42")
cycle.approve_cycle(cycle.open_cycle(1995, timezone.localdate(), by=user, units=[]), by=user)
print(issue_report(1995, "unit", by=user).pk)
"""


def _wait(site, pk, until, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = site.sql(
            "SELECT status, progress, step, error FROM reporting_issuedreport WHERE id = ?", (pk,)
        )[0]
        if until(row):
            return row
        time.sleep(0.02)
    raise AssertionError(f"version {pk} still {row} after {timeout} s")


@pytest.fixture
def site(tmp_path):
    site = LiveSite(tmp_path, ARENA_WORKER_HEARTBEAT="0.5")
    site.arena("migrate", "-v0")
    yield site
    site.drop()


def test_a_killed_worker_leaves_the_version_failed_not_running(site):
    pk = int(site.python(SETUP).strip())
    assert site.sql(REPORT_TASKS) == [("READY",)]

    worker = site.popen("worker", "--interval", "0.1")
    try:
        # Kill it (no chance to clean up) once it is rendering.
        _wait(site, pk, lambda row: row[0] == "running" and row[1] >= 15)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        worker.kill()
    assert site.sql("SELECT status FROM reporting_issuedreport WHERE id = ?", (pk,))[0][0] == "running"

    worker = site.popen("worker", "--interval", "0.1")
    try:
        status, _progress, step, error = _wait(site, pk, lambda row: row[0] != "running", timeout=120)
        assert status == "failed" and step == ""
        assert "Bakgrunnsarbeideren stoppet" in error
        assert site.sql(REPORT_TASKS) == [("FAILED",)]
        reports = site.data_dir / "reports"
        assert not reports.exists() or not [p for p in reports.rglob("*") if p.is_file()]

    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(30) == 0
    # A worker stopped with SIGTERM removes its heartbeat; the dead worker's was pruned.
    assert site.sql("SELECT count(*) FROM jobs_workerheartbeat") == [(0,)]
