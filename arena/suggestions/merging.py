"""Merging a proposed entry into an existing one: every reference to the proposed arena or organisation —
activities, engagements, outlooks, sub-arenas and sub-organisations, and whatever other apps link to it
(meetings, invitations, monitoring items …) — moves to the existing entry, the proposed names are kept as the
existing entry's other names (so the import's linker and search know them), and the proposed entry is deleted.

Found generically from the model's reverse relations, so a relation another app adds later moves too. Each
versioned record that changes gets its own version through the write path (action "suggestion:<id>"), so its
history shows the move; unversioned links are updated in place. All in one transaction."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from arena.register import changes
from arena.register.models import Alias, Engagement
from arena.register.permissions import Access
from arena.suggestions import log_actions
from arena.suggestions.models import Suggestion
from arena.suggestions.service import ACTION, DecisionError, _bokmal, _decided, _pending, tell_proposer

SKIPPED = {Alias, Suggestion}  # names are carried over separately; the proposal itself is not a reference


@dataclass
class Reference:
    """Records of `model` whose `field` points at the entry."""

    model: type
    field: str
    many: bool
    objects: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)


def references(record) -> list[Reference]:
    """What refers to `record` (an Arena or Organisation), grouped by model and field; empty groups left out."""
    found = []
    for rel in record._meta.related_objects:
        model = rel.related_model
        if model in SKIPPED or not (rel.one_to_many or rel.many_to_many):
            continue
        name = rel.field.name
        objects = list(model._default_manager.filter(**{name: record}).order_by("pk"))
        if objects:
            found.append(Reference(model, name, rel.many_to_many, objects))
    return found


def _versioned(model) -> bool:
    return hasattr(model, "_record_history")


def _duplicate_engagement(engagement, target):
    """An open engagement of the same holder and role already in `target` (the merged one would repeat it)."""
    if engagement.ends_on is not None:
        return None
    return (
        Engagement.objects.filter(
            arena=target, unit_id=engagement.unit_id, partner_id=engagement.partner_id, role=engagement.role
        )
        .filter(ends_on__isnull=True)
        .exclude(pk=engagement.pk)
        .first()
    )


def _move(ref: Reference, record, target, access: Access, action: str) -> tuple[int, int]:
    """Point every object of `ref` at `target` instead of `record`; returns (moved, removed as duplicates)."""
    moved = removed = 0
    for obj in ref.objects:
        if ref.many:
            current = list(getattr(obj, ref.field).all())
            values = [v for v in current if v.pk != record.pk]
            if all(v.pk != target.pk for v in values):
                values.append(target)
            if _versioned(ref.model):
                changes.save(obj, by=access, action=action, relations={ref.field: values})
            else:
                getattr(obj, ref.field).set(values)
        else:
            if ref.model is type(record) and obj.pk == target.pk:  # the target sat under the proposal
                setattr(obj, ref.field, record.parent if record.parent_id != target.pk else None)
            else:
                setattr(obj, ref.field, target)
            if isinstance(obj, Engagement) and ref.field == "arena" and _duplicate_engagement(obj, target):
                changes.delete(obj, by=access, action=action)
                removed += 1
                continue
            if _versioned(ref.model):
                changes.save(obj, by=access, action=action)
            else:
                obj.save(update_fields=[ref.field])
        moved += 1
    return moved, removed


def merge(suggestion: Suggestion, *, into, by, comment: str = "") -> Suggestion:
    """Merge the proposed entry into `into` (an existing entry of the same kind) and remove it."""
    access = Access.of(by)
    access.require(access.can_decide_suggestions())
    action = f"{ACTION}:{suggestion.pk}"
    try:
        with transaction.atomic():
            suggestion = _pending(suggestion)
            record = suggestion.record
            if type(into) is not type(record) or into.pk == record.pk:
                raise DecisionError(_("Velg en annen oppføring av samme slag å slå sammen med."))
            moved = removed = 0
            for ref in references(record):
                m, r = _move(ref, record, into, access, action)
                moved, removed = moved + m, removed + r
            names = [record.name, record.name_en, record.abbreviation, *changes.other_names(record)]
            # decided before the entry goes: a pending proposal must point at its entry
            setattr(suggestion, f"merged_into_{suggestion.kind}", into)
            _decided(suggestion, access, Suggestion.Status.MERGED, comment)
            record.refresh_from_db()
            changes.delete(record, by=access, action=action)
            into.refresh_from_db()
            changes.save(into, by=access, action=action, add_names=[n for n in names if n])
            changes.log(
                log_actions.MERGED, into, by=access, name=suggestion.name, moved=moved, removed=removed,
                suggestion=suggestion.pk,
            )  # fmt: skip
            changes.log(
                log_actions.MERGED_AWAY, suggestion, by=access, into=str(into), moved=moved, removed=removed
            )
            with _bokmal():
                tell_proposer(
                    suggestion,
                    _("Forslaget ditt er slått sammen med %(target)s") % {"target": into},
                    _(
                        "«%(name)s» er nå et annet navn på %(target)s, og det du hadde knyttet til forslaget, er flyttet dit."
                    )
                    % {"name": suggestion.name, "target": into},
                )
    except IntegrityError as error:
        raise DecisionError(
            _("Sammenslåingen ville gitt to like oppføringer (%(detail)s); ingenting er endret.")
            % {"detail": error}
        ) from error
    return suggestion
