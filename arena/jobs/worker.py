"""The background worker behind `python -m arena worker`: django_tasks_db's database worker plus what a
production installation needs from it.

- A heartbeat: a thread refreshes the process's WorkerHeartbeat row every ARENA_WORKER_HEARTBEAT seconds.
- Recovery: a task marked running by a worker whose heartbeat has stopped (the process was killed, the machine
  restarted) is marked failed with a message for the user, and `task_finished` is sent so the owner of the work
  (e.g. an issued report) records the failure. Any live worker does this on every heartbeat, so nothing stays
  "running" once a worker is up again.
- A time limit: a task running longer than ARENA_TASK_TIME_LIMIT seconds is interrupted (SIGALRM in the
  worker's main thread) with TaskTimeLimitExceeded, and fails like any other error.
- The schedule: periodic jobs from ARENA_PERIODIC_TASKS are enqueued once per period across all workers.
"""

import datetime
import logging
import os
import signal
import socket
import threading

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from arena.jobs.models import ScheduleRun, WorkerHeartbeat

logger = logging.getLogger(__name__)

# A worker is taken for dead when its heartbeat is this many intervals old.
STALE_AFTER_BEATS = 4


class TaskTimeLimitExceeded(Exception):
    """Raised inside a task that ran past the time limit."""


class WorkerLost(Exception):
    """Recorded on a task whose worker process stopped while running it."""


def heartbeat_interval() -> float:
    return float(getattr(settings, "ARENA_WORKER_HEARTBEAT", 5))


def time_limit() -> float:
    return float(getattr(settings, "ARENA_TASK_TIME_LIMIT", 900))


def live_worker_ids(now: datetime.datetime | None = None) -> set[str]:
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=heartbeat_interval() * STALE_AFTER_BEATS)
    return set(WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))


def recover_lost_tasks(now: datetime.datetime | None = None) -> list[DBTaskResult]:
    """Mark failed every running task whose worker is no longer alive; returns them."""
    live = live_worker_ids(now)
    lost = [t for t in DBTaskResult.objects.running() if not (t.worker_ids and t.worker_ids[-1] in live)]
    # Heartbeats of dead workers go first: what follows tells others (a report marked failed) and may be cut
    # short by a stop; a task whose worker has no heartbeat row is still recovered by the next pass.
    WorkerHeartbeat.objects.exclude(worker_id__in=live).delete()
    recovered = []
    for task_result in lost:
        error = WorkerLost(
            _(
                "Bakgrunnsarbeideren stoppet mens arbeidet pågikk (omstart eller krasj). "
                "Arbeidet ble avbrutt og kan startes på nytt."
            )
        )
        # Conditional, so a task its worker finished meanwhile is left as it is.
        if not DBTaskResult.objects.filter(pk=task_result.pk, status=task_result.status).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}: {error}\n",
            return_value=None,
        ):
            continue
        task_result.refresh_from_db()
        recovered.append(task_result)
        logger.warning(
            "task %s (%s) lost with its worker; marked failed", task_result.id, task_result.task_path
        )
        try:
            task_finished.send(sender=DatabaseBackend, task_result=task_result.task_result)
        except Exception:  # a receiver's failure must not stop recovery of the others
            logger.exception("recording the loss of task %s failed", task_result.id)
    return recovered


def enqueue_due_periodic_tasks(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue each periodic task whose period has passed since it was last enqueued (by any worker)."""
    now = now or timezone.now()
    enqueued = []
    for name, (path, every_seconds) in getattr(settings, "ARENA_PERIODIC_TASKS", {}).items():
        cutoff = now - datetime.timedelta(seconds=every_seconds)
        try:
            _run, created = ScheduleRun.objects.get_or_create(name=name, defaults={"last_enqueued_at": now})
        except IntegrityError:  # another worker created it at the same moment
            continue
        due = created or ScheduleRun.objects.filter(name=name, last_enqueued_at__lte=cutoff).update(
            last_enqueued_at=now
        )
        if due:
            import_string(path).enqueue()
            enqueued.append(name)
    return enqueued


class ArenaWorker(Worker):
    """django_tasks_db's worker with a heartbeat, recovery of lost tasks, a time limit and the schedule."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._stop = threading.Event()

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"host": socket.gethostname()[:255], "pid": os.getpid(), "seen_at": timezone.now()},
        )

    def housekeeping(self) -> None:
        self.beat()
        recover_lost_tasks()
        enqueue_due_periodic_tasks()

    def _heartbeat_loop(self) -> None:
        while not self._stop.wait(heartbeat_interval()):
            try:
                close_old_connections()
                self.housekeeping()
            except Exception:  # keep beating through a passing database error
                logger.exception("worker housekeeping failed")
        connection.close()

    def run(self) -> None:
        thread = threading.Thread(target=self._heartbeat_loop, name="arena-worker-heartbeat", daemon=True)
        try:
            # Inside the try: a stop (SIGTERM exits at once when no task runs) during this first beat and
            # recovery still removes the heartbeat it wrote.
            self.housekeeping()  # before the first claim, so this worker counts as alive
            thread.start()
            super().run()
        finally:
            self._stop.set()
            if thread.is_alive():
                # Wait for a beat in progress, or it could write the row again after the delete below.
                thread.join(timeout=max(30.0, heartbeat_interval() * 2))
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        limit = time_limit()

        def interrupt(signum, frame):
            raise TaskTimeLimitExceeded(
                _("Arbeidet tok lengre tid enn grensen på %(seconds)s sekunder og ble stoppet.")
                % {"seconds": f"{limit:g}"}
            )

        previous = signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            super().run_task(db_task_result)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
