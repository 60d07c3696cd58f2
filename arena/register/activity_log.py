"""Reading the activity log (arena.register.models.LogEntry) as a person does: each app names its actions here
once (in its AppConfig.ready), and a page shows a record's steps with `entries(obj)`."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from arena.register.changes import log_entries

_LABELS: dict[str, object] = {}


def name_actions(labels: dict[str, object]) -> None:
    """Register display labels for actions: lazy bokmål strings that may use `%(key)s` of the entry's data, or
    functions of the data (for counts, whose noun has a singular and a plural: see `count`)."""
    _LABELS.update(labels)


def count(data: dict, key: str) -> int:
    """A count from a log entry's data, for `ngettext` in a label function (0 when missing or not a number)."""
    try:
        return int(data.get(key) or 0)
    except (TypeError, ValueError):
        return 0


@dataclass
class Step:
    when: datetime
    who: str
    text: str
    action: str
    data: dict


def describe(entry) -> str:
    label = _LABELS.get(entry.action)
    if label is None:
        return entry.action
    if callable(label):
        return str(label(entry.data or {}))
    try:
        return str(label) % entry.data
    except (KeyError, TypeError, ValueError):
        return str(label).split("%(", 1)[0].rstrip(" :(")


def who(entry) -> str:
    if entry.actor is not None:
        return entry.actor.get_full_name() or entry.actor.get_username()
    return _("systemet") if entry.by_system else _("ukjent")


def entries(obj, limit: int = 100) -> list[Step]:
    """The record's workflow steps, newest first, ready for a template (web/includes/activity_log.html)."""
    return [
        Step(when=e.when, who=who(e), text=describe(e), action=e.action, data=e.data)
        for e in log_entries(obj, limit)
    ]
