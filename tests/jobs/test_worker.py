"""The worker's own rules, run in the test process on the database backend: lost tasks are recovered and
their versions marked failed, a failed version is retried by the worker, the time limit stops a task, and
periodic tasks are enqueued once per period."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from arena.jobs.models import ScheduleRun, WorkerHeartbeat
from arena.jobs.worker import ArenaWorker, enqueue_due_periodic_tasks, recover_lost_tasks
from arena.reporting.issuing import issue_report, retry_issue
from arena.reporting.models import IssuedReport
from tests.jobs.tasks import sleep_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_tasks(settings, tmp_path, monkeypatch):
    # The worker closes "old" connections between tasks; inside a test's transaction that would close the
    # test's own connection (PostgreSQL), so here it keeps it.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ARENA_WORKER_HEARTBEAT = 60  # the heartbeat thread stays idle during a test
    settings.ARENA_PERIODIC_TASKS = {}
    settings.REPORTING_FILES_DIR = str(tmp_path / "reports")


def _worker(**kwargs) -> ArenaWorker:
    options = dict(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    return ArenaWorker(**{**options, **kwargs})


@pytest.fixture
def coordinator():
    return get_user_model().objects.create_superuser("koordinator", password="Hemmelig-passord-42")


def _beat(worker_id: str, seconds_ago: float) -> None:
    WorkerHeartbeat.objects.create(
        worker_id=worker_id, host="h", pid=1, seen_at=timezone.now() - datetime.timedelta(seconds=seconds_ago)
    )


def test_a_task_of_a_dead_worker_is_failed_and_its_version_too_a_live_one_is_left(
    coordinator, django_capture_on_commit_callbacks, approved_cycle
):
    approved_cycle(1995)
    with django_capture_on_commit_callbacks(execute=True):
        lost = issue_report(1995, "unit", by=coordinator)
        kept = issue_report(1995, "area", by=coordinator)
    lost_task, kept_task = DBTaskResult.objects.order_by("enqueued_at")
    lost_task.claim("gone")
    kept_task.claim("alive")
    IssuedReport.objects.filter(pk__in=[lost.pk, kept.pk]).update(status="running", progress=35)
    _beat("gone", 3600)
    _beat("alive", 1)

    assert [t.pk for t in recover_lost_tasks()] == [lost_task.pk]

    lost.refresh_from_db()
    kept.refresh_from_db()
    assert lost.status == "failed" and "Bakgrunnsarbeideren stoppet" in lost.error
    assert kept.status == "running"
    kept_task.refresh_from_db()
    assert kept_task.status == "RUNNING"
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["alive"]
    # Nothing more to recover the second time.
    assert recover_lost_tasks() == []


def test_a_failed_version_is_generated_again_by_the_worker(coordinator, django_capture_on_commit_callbacks):
    issued = IssuedReport.objects.create(
        year=1995, layout="unit", version=1, status="failed", error="Feil", requested_by=coordinator
    )
    with django_capture_on_commit_callbacks(execute=True):
        retry_issue(issued.pk, by=coordinator)
    issued.refresh_from_db()
    assert (issued.status, issued.error) == ("queued", "")
    with pytest.raises(Exception, match="feilet"):
        retry_issue(issued.pk, by=coordinator)  # only a failed version is retried

    _worker().run()

    issued.refresh_from_db()
    assert (issued.status, issued.progress) == ("done", 100) and issued.pdf_file
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert not WorkerHeartbeat.objects.exists()  # a worker that stops removes its heartbeat


def test_the_time_limit_stops_a_task(settings):
    settings.ARENA_TASK_TIME_LIMIT = 0.3
    slow = sleep_for.enqueue(30)
    quick = sleep_for.enqueue(0)
    started = timezone.now()
    _worker().run()
    assert (timezone.now() - started).total_seconds() < 10
    slow_row, quick_row = DBTaskResult.objects.get(pk=slow.id), DBTaskResult.objects.get(pk=quick.id)
    assert slow_row.status == "FAILED" and slow_row.exception_class_path.endswith("TaskTimeLimitExceeded")
    assert "grensen på 0.3 sekunder" in slow_row.traceback
    assert quick_row.status == "SUCCESSFUL" and quick_row.return_value == "slept"


def test_periodic_tasks_are_enqueued_once_per_period(settings):
    settings.ARENA_PERIODIC_TASKS = {"count": ("tests.jobs.tasks.count_call", 3600)}
    now = timezone.now()
    assert enqueue_due_periodic_tasks(now) == ["count"]
    assert enqueue_due_periodic_tasks(now + datetime.timedelta(minutes=59)) == []
    assert enqueue_due_periodic_tasks(now + datetime.timedelta(minutes=61)) == ["count"]
    assert DBTaskResult.objects.filter(task_path="tests.jobs.tasks.count_call").count() == 2
    assert ScheduleRun.objects.get().last_enqueued_at == now + datetime.timedelta(minutes=61)
