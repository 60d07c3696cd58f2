"""Values each server process keeps in memory, renewed when the tables they come from change.

A `Stamp` names some models. Whenever a row of them is saved or deleted (model signals), the stamp's version
changes in the shared cache (settings.CACHES, one per machine) — at once, and again when the transaction
commits, so a process that read the tables before the commit does not keep what it read. `memo(stamp)` keeps
a function's result per process and arguments while the version stays the same.

Inside a transaction the function is computed and not kept: what it reads there may be rolled back.
Rows written without model signals (bulk inserts, raw SQL) are seen after the next change or a restart.
"""

import threading
import uuid
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.db import connection, transaction


class Stamp:
    def __init__(self, name: str, models: list[str]):
        from django.db.models.signals import post_delete, post_save

        self.key = f"arena:stamp:{name}"
        for label in models:  # "app_label.ModelName": model signals resolve the name once the app is loaded
            post_save.connect(self.changed, sender=label, dispatch_uid=f"{self.key}:saved:{label}")
            post_delete.connect(self.changed, sender=label, dispatch_uid=f"{self.key}:deleted:{label}")

    def version(self) -> str:
        return cache.get_or_set(self.key, uuid.uuid4().hex, timeout=None)

    def changed(self, **kwargs) -> None:
        def bump():
            cache.set(self.key, uuid.uuid4().hex, timeout=None)

        bump()
        transaction.on_commit(bump)


def memo(stamp: Stamp, key: Callable | None = None) -> Callable:
    """Keep `function(*args)` per process until `stamp` changes, under `key(*args)` (default: the arguments,
    which must then be hashable). Keys should be few (a language, a list's name): each is kept."""

    def decorator(function):
        kept: dict = {}
        lock = threading.Lock()

        @wraps(function)
        def wrapper(*args):
            if connection.in_atomic_block:
                return function(*args)
            version = stamp.version()
            name = key(*args) if key else args
            hit = kept.get(name)
            if hit is None or hit[0] != version:
                with lock:
                    hit = kept.get(name)
                    if hit is None or hit[0] != version:
                        hit = kept[name] = (version, function(*args))
            return hit[1]

        wrapper.forget = kept.clear
        return wrapper

    return decorator


# The stamps, defined here so that every process (server, worker, command line) connects them at start-up
# (RegisterConfig.ready imports this module): a change made anywhere renews what the server processes keep.
ALIAS_NAMES = Stamp("alias-names", ["register.Alias"])  # search's list of every name (register/search.py)
REFERENCE_LISTS = Stamp(  # the filter forms' drop-downs (web/filters.py)
    "filter-choices",
    [
        "register.Unit",
        "register.Country",
        "register.Area",
        "register.Framework",
        "register.Organisation",
        "monitoring.Topic",  # the monitoring list's topics (monitoring/filters.py)
    ],
)
ORGANISATIONS = Stamp("organisations", ["register.Organisation"])  # search's organisation tree (structure.py)
