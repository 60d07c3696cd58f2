"""The approved briefing notes of a session compiled into one Word document for the ministry: a cover, the
contents (a Word TOC field that Word fills, and a written list so every reader shows it), then one chapter per
agenda item in agenda order with its background, Norway's position and the proposed intervention."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from arena.agenda import log_actions
from arena.agenda.models import BriefingNote, Meeting
from arena.agenda.richtext import blocks
from arena.register import changes
from arena.register.permissions import Access

SECTIONS = (
    ("background", gettext_lazy("Bakgrunn")),
    ("position", gettext_lazy("Norsk posisjon")),
    ("intervention", gettext_lazy("Forslag til innlegg")),
)


def approved_notes(meeting: Meeting) -> list[BriefingNote]:
    return list(
        BriefingNote.objects.filter(item__meeting=meeting, status=BriefingNote.Status.APPROVED)
        .select_related("item", "unit")
        .order_by("item__position", "item__pk")
    )


def _toc_field(paragraph) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-1" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instruction)
    run._r.append(separate)
    run._r.append(end)


def _write_text(document, value: str) -> None:
    for block in blocks(value):
        style = {"bullet": "List Bullet", "number": "List Number"}.get(block.kind)
        paragraph = document.add_paragraph(style=style)
        for run in block.runs:
            if run.text == "\n":
                paragraph.add_run().add_break()
                continue
            added = paragraph.add_run(run.text)
            added.bold, added.italic = run.bold or None, run.italic or None


def _meeting_when(meeting: Meeting) -> str:
    start, end = meeting.local_start.date(), meeting.local_end.date()
    if start == end:
        return date_format(start, "DATE_FORMAT")
    return f"{date_format(start, 'DATE_FORMAT')}–{date_format(end, 'DATE_FORMAT')}"


def render_notes(meeting: Meeting, notes: list[BriefingNote] | None = None) -> bytes:
    """The DOCX as bytes (bokmål, whatever the reader's interface language)."""
    notes = approved_notes(meeting) if notes is None else notes
    with translation.override(settings.LANGUAGE_CODE):
        document = Document()
        core = document.core_properties
        core.title = _("Håndnotater: %(meeting)s") % {"meeting": meeting.name}
        core.author = settings.ORGANISATION_NAME
        core.language = "nb-NO"

        document.add_paragraph(meeting.name, style="Title")
        document.add_paragraph(_("Håndnotater til Norges instruks"), style="Subtitle")
        facts = [
            meeting.arena.name,
            _meeting_when(meeting),
            meeting.place or (_("Digitalt møte") if meeting.online_url else ""),
            _("Utarbeidet av %(organisation)s, %(date)s")
            % {
                "organisation": settings.ORGANISATION_NAME,
                "date": date_format(timezone.localdate(), "DATE_FORMAT"),
            },
            _("%(count)d godkjente notater") % {"count": len(notes)},
        ]
        for fact in facts:
            if fact:
                document.add_paragraph(fact)
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

        document.add_heading(_("Innhold"), level=1)
        _toc_field(document.add_paragraph())
        for note in notes:
            document.add_paragraph(f"{note.item}  ({note.unit.short_name})")
        missing = list(
            meeting.items.exclude(note__status=BriefingNote.Status.APPROVED).order_by("position", "pk")
        )
        if missing:
            document.add_paragraph(_("Punkter uten godkjent notat:"))
            for item in missing:
                document.add_paragraph(str(item), style="List Bullet")

        for note in notes:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            document.add_heading(str(note.item), level=1)
            document.add_paragraph(_("Ansvarlig enhet: %(unit)s") % {"unit": note.unit.name})
            for field, label in SECTIONS:
                value = getattr(note, field)
                if not value.strip():
                    continue
                document.add_heading(str(label), level=2)
                _write_text(document, value)
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def compile_notes(meeting: Meeting, *, by) -> bytes:
    """The document, with the compilation recorded in the activity log."""
    access = Access.of(by)
    access.require(access.can_manage_agenda())
    notes = approved_notes(meeting)
    data = render_notes(meeting, notes)
    changes.log(log_actions.NOTES_COMPILED, meeting, by=access, count=len(notes))
    return data


def file_name(meeting: Meeting) -> str:
    from django.utils.text import slugify

    return f"handnotater-{slugify(meeting.name) or meeting.pk}.docx"
