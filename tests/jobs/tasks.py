"""Tasks used only by the worker tests."""

import time

from django_tasks import task


@task()
def sleep_for(seconds: float) -> str:
    time.sleep(seconds)
    return "slept"


@task()
def count_call() -> int:
    from arena.jobs.models import ScheduleRun

    return ScheduleRun.objects.count()
