"""The register's one write path. Every change to register data — web forms, the import's commit, the
reporting cycle, the admin, the loaders, and later the API and background jobs — goes through `save()`,
`delete()` and `restore()` here, and `log()` records the workflow steps around them.

Each call is one user action and makes exactly one version of the record: its fields, its many-to-many
relations and (for organisations, arenas and units) its other names together, attributed to the acting user (or
the system) and labelled with the action. Permission comes from the caller's `Access`; a stale save (someone
saved after the form was opened) raises `EditConflict` and stores nothing.

    changes.save(activity, by=request.access, action="web", based_on=history_id,
                 relations={"units": [kf], "arenas": [wha]})
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from arena.register.models import LogEntry
from arena.register.models.names import add_alias_rows, other_names, set_alias_rows
from arena.register.permissions import UNIT_OWNED, Access, owning_unit_ids

ANY = object()  # `based_on` not given: no edit-conflict check


class EditConflict(Exception):
    """Someone saved the record after the form was opened; nothing was stored."""

    def __init__(self, current):
        super().__init__("edit conflict")
        self.current = current


class RestoreError(Exception):
    """The version cannot be restored as it stands (it points to something that no longer exists)."""


# Actions, as stored in a version's change reason (short codes; `action_label` reads them to a person).
WEB, ADMIN, IMPORT, RESTORE, REFERENCE, DEMO, CYCLE = (
    "web",
    "admin",
    "import",
    "restore",
    "reference",
    "demo",
    "cycle",
)
SSO = "sso"  # roles given or ended by single sign-on (arena/accounts/sso.py)


def latest_history_id(obj) -> int | None:
    """The id of the record's newest version (the "ETag" a form or API client holds), or None."""
    if obj.pk is None:
        return None
    return obj.history.order_by("-history_date", "-history_id").values_list("history_id", flat=True).first()


class RecordLocked(PermissionDenied):
    """The record belongs to a unit whose submission for its year is approved: reopen the submission first."""

    def __init__(self, year):
        super().__init__(
            _(
                "Innspillet for %(year)s er godkjent, så enhetens oppføringer for det året er låst. "
                "Åpne innspillet igjen under Årsmelding for å endre dem (når hele rapporteringsrunden er "
                "godkjent, gjør koordinator det)."
            )
            % {"year": year}
        )


def _unit_ids(obj, relations: dict) -> set[int]:
    if "units" in relations:
        return {u.pk if isinstance(u, models.Model) else int(u) for u in relations["units"]}
    if isinstance(obj, UNIT_OWNED) and hasattr(obj, "unit_id"):
        return {obj.unit_id} if obj.unit_id else set()
    return owning_unit_ids(obj) if obj.pk else set()


def _check_permission(access: Access, obj, stored, relations: dict) -> None:
    model = type(obj)
    if stored is None:
        access.require(access.can_create(model))
        if model._meta.app_label == "reporting":  # editorial texts: whose text it is decides, not the model
            access.require(access.can_change_editorial_text(obj))
        if not isinstance(obj, UNIT_OWNED) and access.locks(obj):
            raise RecordLocked(obj.year)
        before: set[int] = set()
    else:
        if access.is_locked(stored):
            raise RecordLocked(stored.year)
        access.require(access.can_change(stored))
        before = owning_unit_ids(stored) if isinstance(stored, UNIT_OWNED) else set()
    if isinstance(obj, UNIT_OWNED):
        after = _unit_ids(obj, relations)
        access.require(access.may_assign_units(before, after))
        if access.locks(obj, before | after):
            raise RecordLocked(obj.year)
    if getattr(obj, "partner_id", None) or getattr(stored, "partner_id", None):
        access.require(access.can_hold_for_partner())


def _record(obj, access: Access, action: str, kind: str) -> None:
    obj._history_user = access.acting_user
    obj._change_reason = action[:100]
    try:
        type(obj)._record_history.create_historical_record(obj, kind)
    finally:
        del obj._history_user, obj._change_reason


def save(
    obj,
    *,
    by,
    action: str = WEB,
    based_on: Any = ANY,
    relations: dict[str, Iterable] | None = None,
    add_relations: dict[str, Iterable] | None = None,
    names: Iterable[str] | None = None,
    add_names: Iterable[str] = (),
    validate: bool = False,
):
    """Save `obj` with its relations and names as one version, in one transaction.

    - `by`: the actor's `Access` (or a user); refused with PermissionDenied unless it may create/change the
      record and assign its units.
    - `relations`: many-to-many fields set to exactly these; `add_relations`: added to what is there.
    - `names`: the entity's other names, exactly; `add_names`: added if new.
    - `based_on`: the version the editor saw; a newer stored version raises EditConflict.
    - `validate`: run `full_clean()` first (forms have already validated).
    """
    access = Access.of(by)
    relations, add_relations = dict(relations or {}), dict(add_relations or {})
    model = type(obj)
    with transaction.atomic():
        stored = None
        if obj.pk is not None:
            # by pk: a default ordering across a nullable relation would make FOR UPDATE an outer join
            stored = model.objects.select_for_update().filter(pk=obj.pk).order_by("pk").first()
        if stored is not None and based_on is not ANY and latest_history_id(stored) != based_on:
            raise EditConflict(stored)
        _check_permission(access, obj, stored, relations)
        if validate:
            obj.full_clean()
        created = stored is None
        obj.skip_history_when_saving = True
        try:
            obj.save()
            for name, values in relations.items():
                getattr(obj, name).set(list(values))
            for name, values in add_relations.items():
                getattr(obj, name).add(*[v for v in values if v is not None])
            if names is not None:
                set_alias_rows(obj, names)
            if add_names:
                add_alias_rows(obj, add_names)
        finally:
            del obj.skip_history_when_saving
        _record(obj, access, action, "+" if created else "~")
    return obj


def delete(obj, *, by, action: str = WEB) -> None:
    """Delete a record; its last version ("-") is attributed to the actor."""
    access = Access.of(by)
    access.require(access.can_delete(obj))
    obj._history_user = access.acting_user
    obj._change_reason = action[:100]
    with transaction.atomic():
        obj.delete()


def restore(obj, history_id: int, *, by, based_on: Any = ANY):
    """Put the record back as it was in version `history_id` — fields, many-to-many relations and other names
    — as one new version, and log the restore.

    Refused with EditConflict if the record changed after `based_on` (the version the user was looking at), and
    with RestoreError if the version refers to a record that has since been deleted. Links to deleted records in
    many-to-many fields are left out."""
    access = Access.of(by)
    access.require(access.can_restore(obj))
    model = type(obj)
    record = obj.history.get(history_id=history_id)
    restored = record.instance
    restored.pk = obj.pk
    for f in model._meta.concrete_fields:
        value = getattr(restored, f.attname)
        if f.is_relation and value is not None and not f.related_model.objects.filter(pk=value).exists():
            raise RestoreError(f.verbose_name)
    relations = {}
    for m2m in getattr(record, "_history_m2m_fields", []):
        target = m2m.related_model
        ids = [getattr(row, f"{target._meta.model_name}_id") for row in getattr(record, m2m.name).all()]
        relations[m2m.name] = target.objects.filter(pk__in=ids)
    names = getattr(record, "other_names", None)
    with transaction.atomic():
        save(
            restored,
            by=access,
            action=f"{RESTORE}:{history_id}",
            based_on=latest_history_id(obj) if based_on is ANY else based_on,
            relations=relations,
            names=names,
        )
        log("register.restored", restored, by=access, version=history_id)
    return model.objects.get(pk=obj.pk)


def record_version(obj, *, by, action: str, created: bool = False) -> None:
    """Record the current state of `obj` as one version — for code that saved it itself under
    `skip_history_when_saving` (the admin, whose forms save in several steps)."""
    _record(obj, Access.of(by), action, "+" if created else "~")


def log(action: str, target, *, by, **data) -> LogEntry:
    """Record one workflow step on `target` (e.g. "reporting.submission.submitted"), attributed to `by`."""
    access = Access.of(by)
    return LogEntry.objects.create(
        actor=access.acting_user,
        by_system=access.is_system,
        action=action,
        content_type=ContentType.objects.get_for_model(target._meta.model),
        object_id=target.pk,
        target_repr=str(target)[:300],
        data=data,
    )


def log_entries(target, limit: int = 100):
    """The workflow steps recorded on `target`, newest first."""
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(target._meta.model), object_id=target.pk
        )
        .select_related("actor")
        .order_by("-when", "-pk")[:limit]
    )


__all__ = [
    "ANY",
    "EditConflict",
    "RestoreError",
    "delete",
    "latest_history_id",
    "log",
    "log_entries",
    "other_names",
    "record_version",
    "restore",
    "save",
]
