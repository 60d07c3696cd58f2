"""Reading a saved e-mail: RFC 5322 (.eml, and what the mailbox poll fetches) with the standard library's
`email` (policy.default), and Outlook's .msg with extract-msg. Both give a `Message`: Message-ID, subject, sender,
date, plain text, sanitised HTML (nh3), attachments, and the events of any attached .ics.

Everything that can go wrong raises `InvitationError` with a bokmål message, before anything is stored: too large
(ARENA_INVITATION_MAX_BYTES), not an e-mail, malformed MIME, no Message-ID, a .msg that is not one.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import email.utils
import hashlib
import io
import re
from dataclasses import dataclass, field

import nh3
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

MAX_ATTACHMENTS = 50
MAX_TEXT = 500_000  # characters of body text kept
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class InvitationError(ValueError):
    """The message cannot be registered; the message is for a person, in bokmål. Nothing has been stored."""


@dataclass
class Event:
    """One VEVENT of an attached calendar file."""

    summary: str = ""
    starts: datetime.date | None = None
    ends: datetime.date | None = None
    location: str = ""


@dataclass
class File:
    filename: str
    content_type: str
    content: bytes


@dataclass
class Message:
    message_id: str
    subject: str
    sender_name: str
    sender_email: str
    date: datetime.datetime
    text: str
    html: str = ""  # sanitised
    attachments: list[File] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def domain(self) -> str:
        return self.sender_email.rpartition("@")[2].casefold()


def max_bytes() -> int:
    return int(getattr(settings, "ARENA_INVITATION_MAX_BYTES", 25 * 1024 * 1024))


def _check_size(size: int) -> None:
    if size > max_bytes():
        raise InvitationError(
            _("E-posten er for stor (%(size)s MB; grensen er %(limit)s MB med vedlegg).")
            % {"size": round(size / 1048576, 1), "limit": round(max_bytes() / 1048576, 1)}
        )


def sanitise_html(html: str) -> str:
    """HTML safe to show: no scripts, styles, event handlers or remote images; links open safely."""
    return nh3.clean(
        html,
        tags={
            "a",
            "b",
            "blockquote",
            "br",
            "caption",
            "code",
            "div",
            "em",
            "h1",
            "h2",
            "h3",
            "h4",
            "hr",
            "i",
            "li",
            "ol",
            "p",
            "pre",
            "span",
            "strong",
            "table",
            "tbody",
            "td",
            "th",
            "thead",
            "tr",
            "u",
            "ul",
        },
        attributes={"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


_TAGS = re.compile(r"<[^>]+>")
_BREAKS = re.compile(r"(?i)<\s*(br|/p|/div|/li|/tr|/h\d)\s*/?>")


def html_to_text(html: str) -> str:
    """Plain text of (sanitised) HTML, for reading facts from an HTML-only mail."""
    import html as html_module

    text = _BREAKS.sub("\n", html)
    text = _TAGS.sub(" ", text)
    text = html_module.unescape(text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()


def _clean_id(value: str) -> str:
    value = " ".join((value or "").split())
    return value[:500]


def _require_id(message_id: str) -> str:
    if not message_id or "@" not in message_id:
        raise InvitationError(
            _(
                "E-posten mangler Message-ID, så Arena kan ikke sikre at den bare registreres én gang. "
                "Lagre den på nytt fra e-postprogrammet, eller registrer invitasjonen i skjemaet."
            )
        )
    return message_id


def _date(value) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)
    try:
        parsed = email.utils.parsedate_to_datetime(str(value)) if value else None
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        return timezone.now()
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=datetime.UTC)


def _day(component, name: str) -> datetime.date | None:
    value = component.get(name)
    if value is None:
        return None
    value = value.dt
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value if isinstance(value, datetime.date) else None


def read_calendar(data: bytes) -> list[Event]:
    """The events of an .ics file (broken calendars are skipped: they only help the reading)."""
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, TypeError):
        return []
    events = []
    for component in calendar.walk("VEVENT"):
        starts, ends = _day(component, "DTSTART"), _day(component, "DTEND")
        if (
            ends is not None
            and "DTEND" in component
            and not isinstance(component["DTEND"].dt, datetime.datetime)
        ):
            ends = ends - datetime.timedelta(days=1)  # an all-day DTEND is exclusive
        if starts and ends and ends < starts:
            ends = starts
        events.append(
            Event(
                str(component.get("SUMMARY", ""))[:300],
                starts,
                ends,
                str(component.get("LOCATION", ""))[:300],
            )
        )
    return events


def _is_calendar(file: File) -> bool:
    return file.content_type.split(";")[
        0
    ].strip().lower() == "text/calendar" or file.filename.lower().endswith(".ics")


def _finish(message: Message) -> Message:
    if len(message.attachments) > MAX_ATTACHMENTS:
        raise InvitationError(
            _("E-posten har for mange vedlegg (%(count)s; grensen er %(limit)s).")
            % {"count": len(message.attachments), "limit": MAX_ATTACHMENTS}
        )
    _check_size(len(message.text) + len(message.html) + sum(len(a.content) for a in message.attachments))
    for file in message.attachments:
        if _is_calendar(file):
            message.events += read_calendar(file.content)
    if not message.text and message.html:
        message.text = html_to_text(message.html)
    message.text = message.text[:MAX_TEXT]
    message.subject = " ".join(message.subject.split())[:500] or _("(uten emne)")
    return message


# RFC 5322 (.eml)


def _part_text(part) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError):  # an unknown or wrong charset: read what we can
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")
    except (AssertionError, ValueError, TypeError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("latin-1", errors="replace")


def parse_eml(data: bytes) -> Message:
    """Read an RFC 5322 message."""
    _check_size(len(data))
    if not data.strip():
        raise InvitationError(_("Filen er tom."))
    head = data[:4096]
    if head.startswith(OLE_MAGIC) or head.startswith(b"%PDF") or head.startswith(b"PK\x03\x04"):
        raise InvitationError(
            _("Filen er ikke en e-post (.eml). Lagre e-posten fra e-postprogrammet og prøv igjen.")
        )
    try:
        parsed = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as error:  # noqa: BLE001 - the parser's errors are many; all mean the same to a person
        raise InvitationError(_("E-posten kan ikke leses (ødelagt MIME-struktur).")) from error
    if not any(parsed.get(h) for h in ("From", "Subject", "Message-ID", "Date")):
        raise InvitationError(_("Filen er ikke en e-post: den har ingen avsender, emne eller Message-ID."))
    warnings = []
    if parsed.defects and any("Boundary" in type(d).__name__ for d in parsed.defects):
        raise InvitationError(
            _("E-posten kan ikke leses (ødelagt MIME-struktur: grensen mellom delene mangler).")
        )
    try:
        message_id = _clean_id(str(parsed.get("Message-ID", "") or ""))
        subject = str(parsed.get("Subject", "") or "")
        sender = parsed.get("From")
        name, address = email.utils.parseaddr(str(sender or ""))
    except Exception as error:  # noqa: BLE001 - malformed headers
        raise InvitationError(_("E-posten kan ikke leses (ødelagte felt i hodet).")) from error
    _require_id(message_id)
    text, html, attachments = "", "", []
    try:
        parts = list(parsed.walk())
    except Exception as error:  # noqa: BLE001
        raise InvitationError(_("E-posten kan ikke leses (ødelagt MIME-struktur).")) from error
    if len(parts) > 500:
        raise InvitationError(_("E-posten har for mange deler til å kunne leses."))
    for part in parts:
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        if filename or disposition == "attachment" or content_type == "text/calendar":
            payload = part.get_payload(decode=True) or b""
            _check_size(len(payload))
            attachments.append(
                File(
                    (filename or ("invitasjon.ics" if content_type == "text/calendar" else "vedlegg"))[:300],
                    content_type,
                    payload,
                )
            )
        elif content_type == "text/plain" and not text:
            text = _part_text(part)
        elif content_type == "text/html" and not html:
            html = sanitise_html(_part_text(part))
    if parsed.defects:
        warnings.append(_("E-posten har formfeil; Arena leste det som kunne leses."))
    return _finish(
        Message(
            message_id=message_id,
            subject=subject,
            sender_name=name[:300],
            sender_email=address[:300] if "@" in address else "",
            date=_date(parsed.get("Date")),
            text=text,
            html=html,
            attachments=attachments,
            warnings=warnings,
        )
    )


# Outlook (.msg)


def parse_msg(data: bytes) -> Message:
    """Read an Outlook .msg file (an OLE compound file) with extract-msg."""
    _check_size(len(data))
    if not data.startswith(OLE_MAGIC):
        raise InvitationError(
            _("Filen er ikke en Outlook-melding (.msg). Lagre e-posten fra Outlook og prøv igjen.")
        )
    import extract_msg

    try:
        msg = extract_msg.openMsg(io.BytesIO(data), strict=False)
    except Exception as error:  # noqa: BLE001 - extract-msg raises many kinds for a broken file
        raise InvitationError(
            _("Outlook-meldingen (.msg) kan ikke leses; filen er ødelagt eller ikke en e-post.")
        ) from error
    try:
        if not isinstance(msg, extract_msg.Message):
            raise InvitationError(
                _("Outlook-filen er ikke en e-post (men for eksempel en avtale eller kontakt).")
            )
        headers = msg.header
        message_id = _clean_id(str(msg.messageId or (headers.get("Message-ID", "") if headers else "") or ""))
        _require_id(message_id)
        name, address = email.utils.parseaddr(str(msg.sender or ""))
        html_body = msg.htmlBody
        if isinstance(html_body, bytes):
            html_body = html_body.decode("utf-8", errors="replace")
        attachments = []
        for attachment in msg.attachments[: MAX_ATTACHMENTS + 1]:
            content = getattr(attachment, "data", None)
            if not isinstance(content, bytes):
                continue
            _check_size(len(content))
            filename = attachment.getFilename() if hasattr(attachment, "getFilename") else "vedlegg"
            attachments.append(
                File(str(filename)[:300], str(getattr(attachment, "mimetype", "") or ""), content)
            )
        return _finish(
            Message(
                message_id=message_id,
                subject=str(msg.subject or ""),
                sender_name=name[:300],
                sender_email=address[:300] if "@" in address else "",
                date=_date(msg.date),
                text=str(msg.body or ""),
                html=sanitise_html(html_body) if html_body else "",
                attachments=attachments,
            )
        )
    except InvitationError:
        raise
    except Exception as error:  # noqa: BLE001
        raise InvitationError(
            _("Outlook-meldingen (.msg) kan ikke leses; filen er ødelagt eller ikke en e-post.")
        ) from error
    finally:
        msg.close()


def parse_file(data: bytes, filename: str = "") -> Message:
    """An .eml or a .msg, told apart by content (the name may lie)."""
    if data.startswith(OLE_MAGIC) or filename.lower().endswith(".msg"):
        return parse_msg(data)
    return parse_eml(data)


def form_message_id(subject: str, sender: str, when: datetime.datetime) -> str:
    """A stable id for an invitation registered in the form (the same entry twice is one invitation)."""
    digest = hashlib.sha256(f"{subject}\n{sender}\n{when.date().isoformat()}".encode()).hexdigest()[:24]
    return f"<skjema-{digest}@arena.invalid>"
