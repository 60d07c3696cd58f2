"""`python -m arena worker`: run background tasks (report issuing, e-mail, reminders) until stopped."""

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from arena.jobs.worker import ArenaWorker


class Command(BaseCommand):
    help = "Run Arena's background worker (all queues) until stopped with SIGTERM or Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls when idle")
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--worker-id", default=None)

    def handle(self, *, interval, batch, max_tasks, worker_id, verbosity, **options):
        import logging

        if verbosity > 0:
            for name in ("django_tasks", "django_tasks_db", "arena.jobs"):
                logging.getLogger(name).setLevel(logging.INFO)
        worker = ArenaWorker(
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=max_tasks,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
