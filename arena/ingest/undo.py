"""Undoing a committed import as a whole, through the register's history.

Every record a batch's commits wrote carries versions labelled `import:<batch id>` (see review.commit). Undo
reads them: a record the batch created is deleted (`changes.delete`), a record it changed is restored to its
version before the batch's first change (`changes.restore`), each as one attributed version, and the undo is
logged on the batch. It is refused, with nothing changed, if any of those records was changed or deleted
after the import wrote it (its newest version is no longer the batch's), so an undo never throws away later
work. The source document (not a versioned record) is put back from what the batch remembered.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from arena.ingest.models import ImportBatch, Proposal
from arena.register import changes
from arena.register.models import Activity, Arena, Engagement, Organisation
from arena.register.permissions import Access

UNDONE = "ingest.batch.undone"  # activity-log action (label in arena.ingest.apps)
UNDO = "undo-import"
# Deletion order: what points at a record goes before it (activities and engagements → arenas → organisations).
MODELS = (Activity, Engagement, Arena, Organisation)


class UndoRefused(Exception):
    """The batch cannot be undone as a whole; the message says why, in bokmål."""


@dataclass
class Touched:
    model: type
    pk: int
    created: bool  # the batch's first version of it is its creation
    before: int | None  # history id of the version before the batch's first, for a changed record
    last: int  # history id of the batch's newest version of it


def touched(batch: ImportBatch) -> list[Touched]:
    """The records the batch's commits wrote, in deletion order (newest first within a model)."""
    action = f"{changes.IMPORT}:{batch.pk}"
    result = []
    for model in MODELS:
        versions = model.history.filter(history_change_reason=action).order_by("history_id")
        first: dict[int, object] = {}
        last: dict[int, int] = {}
        for version in versions.only("history_id", "id", "history_type"):
            first.setdefault(version.id, version)
            last[version.id] = version.history_id
        for pk in sorted(first, key=lambda k: -first[k].history_id):
            created = first[pk].history_type == "+"
            before = None
            if not created:
                before = (
                    model.history.filter(id=pk, history_id__lt=first[pk].history_id)
                    .order_by("-history_id")
                    .values_list("history_id", flat=True)
                    .first()
                )
            result.append(Touched(model, pk, created, before, last[pk]))
    return result


def _check(records: list[Touched]) -> dict[tuple, object]:
    """The current rows; UndoRefused if one is gone or was changed after the import."""
    rows = {}
    for record in records:
        obj = record.model.objects.filter(pk=record.pk).first()
        name = record.model._meta.verbose_name
        if obj is None:
            raise UndoRefused(
                f"Importen kan ikke angres: {name} nr. {record.pk} er slettet etter at importen ble lagret."
            )
        if changes.latest_history_id(obj) != record.last:
            raise UndoRefused(
                f"Importen kan ikke angres: {name} «{obj}» er endret etter at importen ble lagret. "
                "Rett opp eller angre den endringen først."
            )
        if not record.created and record.before is None:
            raise UndoRefused(f"Importen kan ikke angres: {name} «{obj}» har ingen versjon fra før importen.")
        rows[(record.model, record.pk)] = obj
    return rows


def undo(batch: ImportBatch, by) -> dict[str, int]:
    """Undo everything the batch's commits wrote, in one transaction; returns counts (deleted, restored)."""
    access = Access.of(by)
    access.require(access.can_import())
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.committed_at is None or batch.status == ImportBatch.Status.UNDONE:
            raise UndoRefused("Importen har ikke noe lagret i registeret som kan angres.")
        records = touched(batch)
        rows = _check(records)
        counts = {"deleted": 0, "restored": 0}
        action = f"{UNDO}:{batch.pk}"
        for record in records:
            obj = rows[(record.model, record.pk)]
            if record.created:
                changes.delete(obj, by=access, action=action)
                counts["deleted"] += 1
            else:
                changes.restore(obj, record.before, by=access, based_on=record.last)
                counts["restored"] += 1
        source = batch.source
        if source is not None:
            if batch.source_created:
                batch.source = None
                batch.save(update_fields=["source"])
                source.delete()
            elif batch.source_sha256_set:
                source.sha256 = ""
                source.save(update_fields=["sha256"])
        batch.proposals.filter(status=Proposal.Status.COMMITTED).update(result_model="", result_pk=None)
        batch.status = ImportBatch.Status.UNDONE
        batch.undone_by = access.acting_user
        batch.undone_at = timezone.now()
        batch.save(update_fields=["status", "undone_by", "undone_at"])
        changes.log(UNDONE, batch, by=access, **counts)
    return counts
