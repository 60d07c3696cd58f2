"""`python -m arena archive-export (--document ID | --year YEAR) --output DIR`, and the registry of kinds."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from arena.archive import kinds
from arena.archive.handoff import XML_NAME, hand_off
from arena.archive.models import ArchiveHandoff
from arena.reporting.models import IssuedReport

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("archive_export", *args, stdout=out)
    return out.getvalue()


def test_with_year_the_latest_issued_report_of_that_year_is_packaged(issue, tmp_path, arkivmelding_schema):
    issue(1995, "unit")
    newest = issue(1995, "area")
    issue(1996, "unit")
    IssuedReport.objects.create(year=1995, layout="unit", version=3)  # queued, not issued: never chosen
    out = run("--year", "1995", "--output", str(tmp_path), "--as", "koordinator")
    handoff = ArchiveHandoff.objects.get()
    assert handoff.document == newest and handoff.package in out
    arkivmelding_schema.validate(f"{handoff.package}/{XML_NAME}")


def test_with_document_that_version_is_packaged_as_the_system(issue, tmp_path):
    issued = issue()
    run("--document", str(issued.pk), "--output", str(tmp_path))
    handoff = ArchiveHandoff.objects.get()
    assert handoff.document == issued and handoff.by_system and handoff.handed_off_by is None


def test_bad_requests_get_a_clear_message_and_write_nothing(issue, tmp_path):
    out = tmp_path / "ut"
    queued = IssuedReport.objects.create(year=1997, layout="unit", version=1)
    with pytest.raises(CommandError, match="Fant ingen utgitt årsmelding med id"):
        run("--document", str(queued.pk), "--output", str(out))
    with pytest.raises(CommandError, match="Det er ikke utgitt noen årsmelding for 1998"):
        run("--year", "1998", "--output", str(out))
    with pytest.raises(CommandError, match="tilgang"):
        run("--document", str(issue().pk), "--output", str(out), "--as", "leser")
    with pytest.raises(CommandError):
        run("--output", str(out))  # neither --document nor --year
    assert not ArchiveHandoff.objects.exists() and not out.exists()


class _Stored:
    """A stored file as the kinds hand it over (opened through its storage)."""

    def __init__(self, path):
        self.path = path

    def open(self, mode="rb"):
        return open(self.path, mode)


def test_another_kind_of_document_is_archived_the_same_way(
    personas, tmp_path, monkeypatch, arkivmelding_schema
):
    """A later kind (here a stand-in for a situation report) only registers itself; packaging is shared."""
    from arena.register.models import SourceDocument

    pdf = tmp_path / "situasjonsrapport.pdf"
    pdf.write_bytes(b"not checked: this kind declares no PDF/A file")
    document = SourceDocument.objects.create(title="Situasjonsrapport uke 12", year=2020)

    class SituationReport(kinds.ArchivableKind):
        key = "situasjonsrapport"
        model = SourceDocument

        def record(self, doc):
            now = timezone.now()
            return kinds.ArchiveRecord(
                kind=self.key,
                document=doc,
                case_key=f"situasjon-{doc.year}",
                case_title="Situasjonsrapporter 2020",
                title=doc.title,
                description="",
                document_type="Situasjonsrapport",
                version=1,
                created_at=now - datetime.timedelta(hours=1),
                created_by="systemet",
                issued_at=now,
                creator_unit=kinds.coordinating_unit_name(),
                class_id="situasjon",
                class_title="Situasjonsrapporter",
                files=(kinds.ArchiveFile(pdf.name, _Stored(pdf), "PDF", "Arkivformat", ""),),
            )

    monkeypatch.setitem(kinds.KINDS, "situasjonsrapport", SituationReport())
    handoff = hand_off(document, tmp_path / "ut", by=personas.users["coordinator"])
    assert handoff.kind == "situasjonsrapport" and handoff.document == document
    arkivmelding_schema.validate(f"{handoff.package}/{XML_NAME}")


def test_an_unregistered_kind_is_refused(personas, tmp_path):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="kan ikke overleveres"):
        hand_off(personas.kf, tmp_path, by=personas.users["coordinator"])
