"""The briefing-note workflow as plain functions: import, suggest, confirm, write, deliver, return, approve,
compile — with the activity log and notifications."""

import datetime
import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from arena.agenda import compile as compiler
from arena.agenda import importing, notes
from arena.agenda.models import BriefingNote
from arena.notifications.models import Notification
from arena.register.models import LogEntry

AGENDA = """Provisional agenda
1. Opening of the Assembly
11.2 Antimicrobial resistance  A74/9
11.3 Noncommunicable diseases (A74/10 Rev.1)
Some unnumbered remark
15 Closure of the Assembly
"""


def test_import_suggest_confirm_and_compile(agenda):
    session = agenda.session
    assert importing.import_agenda(session, text=AGENDA, by=agenda.coordinator) == 4
    items = list(session.items.order_by("position"))
    assert [(i.number, i.title) for i in items] == [
        ("1", "Opening of the Assembly"),
        ("11.2", "Antimicrobial resistance"),
        ("11.3", "Noncommunicable diseases"),
        ("15", "Closure of the Assembly"),
    ]
    assert items[1].suggested_unit == agenda.personas.kf
    assert items[2].suggested_unit == agenda.personas.ff
    # Importing again adds nothing.
    assert importing.import_agenda(session, text=AGENDA, by=agenda.coordinator) == 0

    deadline = datetime.date(2031, 5, 1)
    amr_note = notes.confirm_item(items[1], items[1].suggested_unit, deadline, by=agenda.coordinator)
    ncd_note = notes.confirm_item(items[2], items[2].suggested_unit, deadline, by=agenda.coordinator)
    requested = Notification.objects.filter(kind="agenda.note_requested")
    assert {n.recipient.username for n in requested} == {"kontakt-kf", "kontakt-ff"}

    # The FF contact may not write KF's note; the reader writes nothing.
    with pytest.raises(PermissionDenied):
        notes.save_note(amr_note, by=agenda.contact_ff, background="x", position="y", intervention="")
    with pytest.raises(PermissionDenied):
        notes.deliver(amr_note, by=agenda.reader)

    notes.save_note(
        amr_note,
        by=agenda.contact_kf,
        background="<p>Resistens øker.</p><script>alert(1)</script>",
        position="Norge støtter **handlingsplanen**.",
        intervention="- punkt en\n- punkt to",
    )
    amr_note.refresh_from_db()
    assert "<script>" not in amr_note.background
    assert "<strong>handlingsplanen</strong>" in amr_note.position
    assert amr_note.intervention == "<ul><li>punkt en</li><li>punkt to</li></ul>"
    notes.deliver(amr_note, by=agenda.contact_kf)
    notes.return_note(amr_note, "Legg til hva Norden mener.", by=agenda.coordinator)
    amr_note.refresh_from_db()
    assert amr_note.status == BriefingNote.Status.RETURNED
    notes.save_note(
        amr_note,
        by=agenda.contact_kf,
        background=amr_note.background,
        position="Norge og Norden støtter planen.",
        intervention="",
    )
    notes.deliver(amr_note, by=agenda.contact_kf)
    notes.approve(amr_note, by=agenda.coordinator)
    with pytest.raises(ValidationError, match="allerede godkjent"):
        notes.deliver(amr_note, by=agenda.contact_kf)

    notes.save_note(
        ncd_note,
        by=agenda.contact_ff,
        background="Bakgrunn NCD",
        position="Norge støtter NCD-planen.",
        intervention="Takk, leder.",
    )
    notes.deliver(ncd_note, by=agenda.contact_ff)
    notes.approve(ncd_note, by=agenda.coordinator)

    actions = list(
        LogEntry.objects.filter(object_id=amr_note.pk, action__startswith="agenda.note")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "agenda.note.saved",
        "agenda.note.delivered",
        "agenda.note.returned",
        "agenda.note.saved",
        "agenda.note.delivered",
        "agenda.note.approved",
    ]
    assert amr_note.history.count() >= 6

    data = compiler.compile_notes(session, by=agenda.coordinator)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert text.index("11.2 Antimicrobial resistance") < text.index("11.3 Noncommunicable diseases")
    body = text[text.index("Ansvarlig enhet") :]
    assert body.index("Norge og Norden støtter planen.") < body.index("Norge støtter NCD-planen.")
    assert "Innhold" in text and "Punkter uten godkjent notat" in text
    with pytest.raises(PermissionDenied):
        compiler.compile_notes(session, by=agenda.contact_kf)


def test_bad_agenda_input_stores_nothing(agenda):
    with pytest.raises(ValidationError, match="nummererte punkter"):
        importing.import_agenda(agenda.session, text="no numbers here", by=agenda.coordinator)
    with pytest.raises(ValidationError, match="Word-dokument"):
        importing.import_agenda(agenda.session, data=b"not a zip", name="agenda.docx", by=agenda.coordinator)
    assert agenda.session.items.count() == 0


def test_import_from_docx_with_automatic_numbers(agenda):
    document = docx.Document()
    document.add_paragraph("Provisional agenda", style="Title")
    document.add_paragraph("Opening", style="List Number")
    document.add_paragraph("Antimicrobial resistance", style="List Number")
    document.add_paragraph("13.1 Noncommunicable diseases")
    out = io.BytesIO()
    document.save(out)
    added = importing.import_agenda(
        agenda.session, data=out.getvalue(), name="agenda.docx", by=agenda.coordinator
    )
    assert added == 3
    assert [i.title for i in agenda.session.items.order_by("position")] == [
        "Opening",
        "Antimicrobial resistance",
        "Noncommunicable diseases",
    ]
