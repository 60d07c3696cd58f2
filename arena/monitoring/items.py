"""Writing the monitoring log: items saved through the one write path, and quick entry — a pasted e-mail or
document turned into a proposed item with its countries, source and topics linked through the register."""

from __future__ import annotations

import datetime
import email
import email.policy
import email.utils
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from arena.monitoring.linking import gazetteer, link
from arena.monitoring.models import MonitoringItem, SourceKind, Topic
from arena.register import changes
from arena.register.models import Arena, Country, Organisation
from arena.register.permissions import Access

MAX_PASTE = 100_000  # characters of pasted text read for a proposal
URL = re.compile(r"https?://[^\s<>\"')\]]+")
HEADER = re.compile(r"^(subject|emne|date|dato|from|fra|sendt|sent|to|til|cc)\s*:\s*(.*)$", re.IGNORECASE)


def save_item(item: MonitoringItem, *, by, countries=None, topics=None, action: str = changes.WEB, **kwargs):
    """Save an item (new or changed) with its countries and topics as one version; the author of a new item is
    the actor unless given."""
    access = Access.of(by)
    access.require(access.can_edit_monitoring())
    if item.pk is None and item.author_id is None:
        item.author = access.acting_user
    relations = {}
    if countries is not None:
        relations["countries"] = countries
    if topics is not None:
        relations["topics"] = topics
    return changes.save(item, by=access, action=action, relations=relations, validate=True, **kwargs)


@dataclass
class Proposal:
    """A proposed item from pasted text: what the form is filled with."""

    title: str = ""
    date: datetime.date | None = None
    link: str = ""
    summary: str = ""
    source_kind: str = SourceKind.EMBASSY
    source_text: str = ""  # the sender ("Fra:"), when no organisation or arena of the register is named
    countries: list[Country] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    arenas: list[Arena] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)


def _parse_date(value: str) -> datetime.date | None:
    value = value.strip()
    try:
        parsed = email.utils.parsedate_to_datetime(value)
        if parsed is not None:
            return parsed.date()
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value.split()[0] if value else "", pattern).date()
        except (ValueError, IndexError):
            continue
    return None


def _split_headers(text: str) -> tuple[dict[str, str], str]:
    """Mail-like header lines at the top (Subject/Emne, Date/Dato, From/Fra …) and the body after them."""
    headers: dict[str, str] = {}
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            if headers:
                index += 1
                break
            index += 1
            continue
        match = HEADER.match(line)
        if not match:
            break
        key = match.group(1).lower()
        key = {"emne": "subject", "dato": "date", "sendt": "date", "sent": "date", "fra": "from"}.get(
            key, key
        )
        headers.setdefault(key, match.group(2).strip())
        index += 1
    return headers, "\n".join(lines[index:]).strip()


def _sender(value: str) -> str:
    """The sender's name from a From line ("Kari Nordmann <kari@…>" → "Kari Nordmann"; plain text as it is)."""
    if "<" in value or "@" in value:
        name, address = email.utils.parseaddr(value)
        return (name or address)[:300]
    return value.strip()[:300]


def propose_from_text(text: str, *, today: datetime.date | None = None) -> Proposal:
    """Read a pasted e-mail or document text into a proposal: the subject (or first line) as title, a date
    from the headers (or today), the first link, the body as summary, and the countries, organisations, arenas
    and topics it names. Raises ValidationError with a bokmål message for empty or oversized text."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(_("Lim inn teksten fra e-posten eller dokumentet."))
    if len(text) > MAX_PASTE:
        raise ValidationError(
            _("Teksten er for lang (over %(max)s tegn). Lim inn den delen som gjelder.") % {"max": MAX_PASTE}
        )
    if text.lower().startswith(("received:", "return-path:", "mime-version:")):
        message = email.message_from_string(text, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        headers = {"subject": str(message.get("subject", "")), "date": str(message.get("date", ""))}
        rest = body.get_content().strip() if body is not None else ""
    else:
        headers, rest = _split_headers(text)
    body = rest or text
    title = headers.get("subject") or body.splitlines()[0].strip()
    proposal = Proposal(
        source_text=_sender(headers.get("from", "")),
        title=title[:300],
        date=_parse_date(headers.get("date", "")) or today or datetime.date.today(),
        summary=body if body != title else "",
    )
    if found := URL.search(text):
        proposal.link = found.group(0).rstrip(".,;")
    links = link(f"{title}\n{body}", gazetteer())
    proposal.countries = _in_order(Country, links.countries)
    proposal.organisations = _in_order(Organisation, links.organisations)
    proposal.arenas = _in_order(Arena, links.arenas)
    proposal.topics = _in_order(Topic, links.topics, key="key")
    return proposal


def _in_order(model, values: list, key: str = "pk") -> list:
    rows = {getattr(row, key): row for row in model.objects.filter(**{f"{key}__in": values})}
    return [rows[v] for v in values if v in rows]
