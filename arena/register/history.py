"""Change history of register records: what changed, who changed it, restoring a version, and refusing a save
that would overwrite someone else's newer change (optimistic concurrency on the history id)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction


class EditConflict(Exception):
    """Someone saved the record after the form was opened; nothing was stored."""

    def __init__(self, current):
        super().__init__("edit conflict")
        self.current = current


@dataclass
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass
class Version:
    history_id: int
    when: datetime
    who: str
    kind: str  # "+" created, "~" changed, "-" deleted
    changes: list[Change] = field(default_factory=list)


def _display(model, field_name: str, value) -> str:
    """A stored value as a person reads it: choice labels, related objects' names, many-to-many lists."""
    if value is None or value == "" or value == []:
        return "–"
    f = model._meta.get_field(field_name)
    if f.many_to_many:  # a list of through-row dicts, e.g. {"activity": 1, "unit": 3}
        target = f.related_model
        ids = [row[target._meta.model_name] for row in value]
        return ", ".join(sorted(str(o) for o in target.objects.filter(pk__in=ids))) or "–"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if f.is_relation:
        obj = f.related_model.objects.filter(pk=value).first()
        return str(obj) if obj else f"#{value}"
    return str(value)


def versions(obj) -> list[Version]:
    """The record's history, newest first, each with its field-by-field changes against the previous version."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    result = []
    for index, record in enumerate(records):
        version = Version(
            history_id=record.history_id,
            when=record.history_date,
            who=(record.history_user.get_full_name() or record.history_user.get_username())
            if record.history_user
            else "",
            kind=record.history_type,
        )
        previous = records[index + 1] if index + 1 < len(records) else None
        if previous is not None:
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                version.changes.append(
                    Change(
                        field=change.field,
                        label=str(model._meta.get_field(change.field).verbose_name),
                        old=_display(model, change.field, change.old),
                        new=_display(model, change.field, change.new),
                    )
                )
        result.append(version)
    return result


def latest_history_id(obj) -> int | None:
    return obj.history.order_by("-history_date", "-history_id").values_list("history_id", flat=True).first()


def save_as_one_version(obj, save, user=None) -> None:
    """Run `save()` — which writes `obj` and may change its many-to-many relations — and record the result as
    one version attributed to `user`, instead of one version per relation changed."""
    created = obj.pk is None
    obj.skip_history_when_saving = True
    try:
        save()
    finally:
        del obj.skip_history_when_saving
    if user is not None and user.is_authenticated:
        obj._history_user = user
    type(obj)._record_history.create_historical_record(obj, "+" if created else "~")


def save_unless_changed_since(obj, based_on: int | None, save, user=None) -> None:
    """Save `obj` (via `save()`) as one version in one transaction — unless the record got a newer version than
    `based_on` since the form was opened: then raise EditConflict with the stored record, and store nothing."""
    model = type(obj)
    with transaction.atomic():
        if obj.pk is not None:
            current = model.objects.select_for_update().get(pk=obj.pk)
            if latest_history_id(current) != based_on:
                raise EditConflict(current)
        save_as_one_version(obj, save, user)


class RestoreError(Exception):
    """The version cannot be restored as it stands (it points to something that no longer exists)."""


def restore(obj, history_id: int, user=None, based_on: int | None = None):
    """Put the record back as it was in version `history_id` (fields and many-to-many), as a new version.

    Refused with EditConflict if the record changed after `based_on` (the version the user was looking at), and
    with RestoreError if the version refers to a record that has since been deleted. Links to deleted records in
    many-to-many fields are left out."""
    model = type(obj)
    record = obj.history.get(history_id=history_id)
    restored = record.instance
    restored.pk = obj.pk
    for f in model._meta.concrete_fields:
        value = getattr(restored, f.attname)
        if f.is_relation and value is not None and not f.related_model.objects.filter(pk=value).exists():
            raise RestoreError(f.verbose_name)

    def save():
        restored.save()
        for m2m in getattr(record, "_history_m2m_fields", []):
            target = m2m.related_model
            ids = [getattr(row, f"{target._meta.model_name}_id") for row in getattr(record, m2m.name).all()]
            getattr(restored, m2m.name).set(target.objects.filter(pk__in=ids))

    current = based_on if based_on is not None else latest_history_id(obj)
    save_unless_changed_since(restored, current, save, user=user)
    return model.objects.get(pk=obj.pk)
