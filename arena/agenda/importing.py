"""Importing a session's agenda from the provisional agenda: pasted text or a Word file (.docx). Each numbered
line ("11.2 Antimicrobial resistance", "3. Opening of the session", "Punkt 5: …") becomes an agenda item, in
order; a Word list's automatic numbers are counted. Items already on the agenda (same number and title) are
skipped, so importing again adds nothing. Everything is stored in one transaction, or nothing: a file that
cannot be read, or a text without numbered lines, raises ValidationError with a bokmål message.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from arena.agenda import log_actions
from arena.agenda.meetings import add_item
from arena.agenda.models import Meeting
from arena.register import changes
from arena.register.permissions import Access

MAX_BYTES = 5 * 1024 * 1024
MAX_ITEMS = 300
_NUMBERED = re.compile(
    r"^\s*(?:(?:punkt|item|pkt\.?)\s+)?(?P<number>\d{1,3}(?:\.\d{1,3}){0,3})[.):]?\s+(?P<title>\S.*?)\s*$",
    re.IGNORECASE,
)
# A trailing document symbol ("A74/9", "EB148/12", "EUR/RC71/5") is not part of the title.
_SYMBOL = re.compile(
    r"\s+(?:\((?:[A-Z]{1,3}\d{2,3}|EUR/RC\d+)/[^)]*\)"
    r"|(?:[A-Z]{1,3}\d{2,3}|EUR/RC\d+)/\S+(?:[,;]?\s+(?:Rev|Add|Corr)\.?\s*\d+)*)\s*$"
)


@dataclass
class Line:
    number: str
    title: str


def parse_text(text: str) -> list[Line]:
    """The numbered lines of a pasted agenda."""
    lines = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        match = _NUMBERED.match(raw.replace("\t", " "))
        if not match:
            continue
        title = _SYMBOL.sub("", " ".join(match["title"].split())).strip(" .–-")
        if title and not title.replace(".", "").isdigit():
            lines.append(Line(match["number"], title))
    return lines


def _docx_lines(data: bytes) -> list[str]:
    import docx

    from arena.ingest.errors import DocumentError
    from arena.ingest.readers import _docx_paragraphs, check_package

    message = _(
        "Filen kunne ikke leses som et Word-dokument (.docx). Lagre den som .docx eller lim inn teksten."
    )
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Filen er for stor (høyst 5 MB)."))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(message)
    try:
        data = check_package(data)
        document = docx.Document(io.BytesIO(data))
        paragraphs = list(_docx_paragraphs(document))
    except DocumentError as error:
        raise ValidationError(str(error)) from error
    except Exception as error:  # any failure inside python-docx or lxml on a broken package
        raise ValidationError(message) from error
    lines, counter = [], 0
    for paragraph in paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = ((paragraph.style.name if paragraph.style is not None else "") or "").lower()
        numbered_list = (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None) or (
            "list number" in style or "nummerert" in style
        )
        if numbered_list and not _NUMBERED.match(text):
            counter += 1
            text = f"{counter}. {text}"
        lines.append(text)
    return lines


def parse_file(data: bytes, name: str) -> list[Line]:
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "docx":
        return parse_text("\n".join(_docx_lines(data)))
    if suffix in ("txt", "md", ""):
        if len(data) > MAX_BYTES:
            raise ValidationError(_("Filen er for stor (høyst 5 MB)."))
        try:
            return parse_text(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            return parse_text(data.decode("cp1252", errors="replace"))
    raise ValidationError(_("Filtypen støttes ikke. Bruk .docx eller .txt, eller lim inn teksten."))


@transaction.atomic
def import_agenda(meeting: Meeting, *, by, text: str = "", data: bytes | None = None, name: str = "") -> int:
    """Add the agenda's numbered lines as items (with suggested owners). Returns how many were added."""
    access = Access.of(by)
    access.require(access.can_manage_agenda())
    lines = parse_file(data, name) if data is not None else parse_text(text)
    if not lines:
        raise ValidationError(
            _(
                "Fant ingen nummererte punkter. Hvert punkt må stå på egen linje og begynne med nummeret, som «11.2 Tittel»."
            )
        )
    if len(lines) > MAX_ITEMS:
        raise ValidationError(_("Dagsordenen har for mange punkter (høyst %(max)d).") % {"max": MAX_ITEMS})
    existing = {(i.number, i.title.casefold()) for i in meeting.items.all()}
    added = 0
    for line in lines:
        if (line.number, line.title[:500].casefold()) in existing:
            continue
        add_item(meeting, line.title, number=line.number, by=access)
        existing.add((line.number, line.title[:500].casefold()))
        added += 1
    changes.log(log_actions.AGENDA_IMPORTED, meeting, by=access, count=added)
    return added
