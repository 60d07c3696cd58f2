"""Reading a record's change history: its versions, newest first, with who, when, which action and the
field-by-field (relations and other names included) changes against the version before. Writing history is
the write path's (arena.register.changes)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from arena.register import changes


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
    action: str = ""
    changes: list[Change] = field(default_factory=list)


def action_label(reason: str | None) -> str:
    """A version's action code (see arena.register.changes) as a person reads it."""
    code, _sep, detail = (reason or "").partition(":")
    labels = {
        changes.WEB: _("endret i Arena"),
        changes.ADMIN: _("endret i administrasjonen"),
        changes.IMPORT: _("import nr. %(detail)s"),
        changes.RESTORE: _("gjenopprettet versjon %(detail)s"),
        changes.REFERENCE: _("referansedata"),
        changes.DEMO: _("demodata"),
        changes.CYCLE: _("rapporteringsrunden"),
        changes.SSO: _("enkel pålogging"),
    }
    if code == "suggestion":  # arena.suggestions: proposed, then decided (accepted, merged, rejected)
        labels[code] = _("forslag nr. %(detail)s avgjort") if detail else _("foreslått")
    label = labels.get(code)
    if label is None:
        return reason or ""
    return label % {"detail": detail} if "%(detail)s" in label else label


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


def _names(record) -> list[str] | None:
    return getattr(record, "other_names", None)


def versions(obj) -> list[Version]:
    """The record's history, newest first, each with its changes against the previous version."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    result = []
    for index, record in enumerate(records):
        user = record.history_user
        version = Version(
            history_id=record.history_id,
            when=record.history_date,
            who=(user.get_full_name() or user.get_username()) if user else _("systemet"),
            kind=record.history_type,
            action=action_label(record.history_change_reason),
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
            old_names, new_names = _names(previous), _names(record)
            if (
                record.history_type != "-"
                and old_names is not None
                and (old_names or []) != (new_names or [])
            ):
                version.changes.append(
                    Change(
                        field="other_names",
                        label=_("andre navn"),
                        old=", ".join(old_names) or "–",
                        new=", ".join(new_names or []) or "–",
                    )
                )
        result.append(version)
    return result
