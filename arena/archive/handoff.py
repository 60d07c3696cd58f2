"""Handing an issued document off to the archive: verify its files, write the package, record the hand-off.

A package is a directory `<output>/<document's file stem>-<date>/` with the document's files, `arkivmelding.xml`
and `sha256sums.txt` (the files' checksums in `sha256sum` format). It is written beside its final name and
renamed into place only when complete, inside the transaction that records the hand-off (an `ArchiveHandoff`
row and an activity-log entry on the document), so a failure leaves neither a half package nor a record.
An existing directory is never overwritten. A document already handed off is refused unless `again` is set
(for a transfer that was lost on the way).
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arena.archive import arkivmelding
from arena.archive.kinds import kind_of
from arena.archive.models import ArchiveHandoff
from arena.register.changes import log
from arena.register.permissions import Access

HANDOFF = "archive.handoff"
XML_NAME = "arkivmelding.xml"
SUMS_NAME = "sha256sums.txt"


def _copy_verified(archive_file, target: Path) -> dict:
    """Copy a stored file into the package, checking it against the checksum recorded at issue."""
    digest = hashlib.sha256()
    size = 0
    with archive_file.field.open("rb") as source, target.open("wb") as out:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
            out.write(block)
    sha256 = digest.hexdigest()
    if archive_file.sha256 and sha256 != archive_file.sha256:
        raise ValidationError(
            _("Filen %(name)s er endret siden den ble utgitt (sjekksummen stemmer ikke); den arkiveres ikke.")
            % {"name": archive_file.name}
        )
    return {"size": size, "sha256": sha256}


def _check_pdfa(path: Path) -> None:
    from arena.reporting.pdfa import check_pdfa

    problems = check_pdfa(path.read_bytes())
    if problems:
        raise ValidationError(
            _("%(name)s er ikke en gyldig PDF/A-fil: %(problems)s")
            % {"name": path.name, "problems": "; ".join(problems[:5])}
        )


def hand_off(document, output: Path, *, by, again: bool = False) -> ArchiveHandoff:
    """Package `document` (an issued document of a registered kind) under `output` and record the hand-off."""
    access = Access.of(by)
    access.require(access.can_archive())
    kind = kind_of(document)
    earlier = ArchiveHandoff.of(document).first()
    if earlier is not None and not again:
        raise ValidationError(
            _(
                "%(document)s ble overlevert til arkivet %(when)s. Send den på nytt bare hvis overleveringen "
                "gikk tapt (--again)."
            )
            % {
                "document": document,
                "when": date_format(timezone.localtime(earlier.handed_off_at), "j. F Y H:i"),
            }
        )
    record = kind.record(document)
    stem = Path(record.files[0].name).stem
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    final = output / f"{stem}-{timezone.localdate():%Y%m%d}"
    if final.exists():
        raise ValidationError(_("Mappen %(path)s finnes allerede; velg en annen utmappe.") % {"path": final})

    message_id = uuid.uuid4()
    partial = output / f".{final.name}.{message_id.hex[:8]}.partial"
    partial.mkdir()
    try:
        facts = {f.name: _copy_verified(f, partial / f.name) for f in record.files}
        for archive_file in record.files:
            if archive_file.format.startswith("PDF/A"):
                _check_pdfa(partial / archive_file.name)
        xml = arkivmelding.build(record, message_id=message_id, files=facts)
        (partial / XML_NAME).write_bytes(xml)
        sums = {**{name: f["sha256"] for name, f in facts.items()}, XML_NAME: hashlib.sha256(xml).hexdigest()}
        (partial / SUMS_NAME).write_text("".join(f"{h}  {n}\n" for n, h in sums.items()), encoding="utf-8")
        with transaction.atomic():
            handoff = ArchiveHandoff.objects.create(
                kind=kind.key,
                content_type=ContentType.objects.get_for_model(type(document)),
                object_id=document.pk,
                message_id=message_id,
                package=str(final),
                checksums=sums,
                handed_off_by=access.acting_user,
                by_system=access.is_system,
            )
            log(
                HANDOFF,
                document,
                by=access,
                package=final.name,
                message_id=str(message_id),
                kind=kind.key,
                again=earlier is not None,
            )
            partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return handoff
