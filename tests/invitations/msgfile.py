"""Writes Outlook .msg files for the tests (test support, not production: Arena only reads .msg).

An Outlook .msg is a Compound File (MS-CFB) holding MAPI properties as laid out in MS-OXMSG:

- ``__properties_version1.0``: a header, then one 16-byte entry per property (tag, flags, and the value for
  fixed-size types or the size for variable-size ones);
- ``__substg1.0_TTTTYYYY``: one stream per variable-size property (TTTT the property id, YYYY the type:
  001F UTF-16LE string, 0102 binary);
- ``__recip_version1.0_#XXXXXXXX`` and ``__attach_version1.0_#XXXXXXXX``: a storage per recipient and per
  attachment, each with its own property stream (8-byte header) and substreams;
- ``__nameid_version1.0``: the named-property mapping (empty here: no named properties are used).

The compound file itself is written by extract-msg's ``OleWriter`` (a maintained CFB writer, shipped with the
reader Arena already depends on); this module lays out the MAPI properties. `from_email` turns an
`email.message.EmailMessage` (the corpus's .eml) into the same message as .msg, with its headers as
PR_TRANSPORT_MESSAGE_HEADERS and its Message-ID as PR_INTERNET_MESSAGE_ID — either of which can be left out to
test what Arena does with a .msg that lacks them.
"""

from __future__ import annotations

import datetime
import io
import struct
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

PT_LONG = 0x0003
PT_BOOLEAN = 0x000B
PT_SYSTIME = 0x0040
PT_UNICODE = 0x001F
PT_BINARY = 0x0102

PR_MESSAGE_CLASS = 0x001A
PR_SUBJECT = 0x0037
PR_CLIENT_SUBMIT_TIME = 0x0039
PR_SENT_REPRESENTING_NAME = 0x0042
PR_SENT_REPRESENTING_ADDRTYPE = 0x0064
PR_SENT_REPRESENTING_EMAIL = 0x0065
PR_TRANSPORT_MESSAGE_HEADERS = 0x007D
PR_SENDER_NAME = 0x0C1A
PR_SENDER_ADDRTYPE = 0x0C1E
PR_SENDER_EMAIL = 0x0C1F
PR_RECIPIENT_TYPE = 0x0C15
PR_DISPLAY_TO = 0x0E04
PR_MESSAGE_DELIVERY_TIME = 0x0E06
PR_MESSAGE_FLAGS = 0x0E07
PR_ATTACH_NUM = 0x0E21
PR_BODY = 0x1000
PR_HTML = 0x1013
PR_INTERNET_MESSAGE_ID = 0x1035
PR_ROWID = 0x3000
PR_DISPLAY_NAME = 0x3001
PR_ADDRTYPE = 0x3002
PR_EMAIL_ADDRESS = 0x3003
PR_ATTACH_DATA_BIN = 0x3701
PR_ATTACH_EXTENSION = 0x3703
PR_ATTACH_FILENAME = 0x3704
PR_ATTACH_METHOD = 0x3705
PR_ATTACH_LONG_FILENAME = 0x3707
PR_RENDERING_POSITION = 0x370B
PR_ATTACH_MIME_TAG = 0x370E
PR_SMTP_ADDRESS = 0x39FE
PR_INTERNET_CPID = 0x3FDE
PR_STORE_SUPPORT_MASK = 0x340D
PR_SENDER_SMTP_ADDRESS = 0x5D01

MSGFLAG_READ = 0x1
STORE_UNICODE_OK = 0x40000
ATTACH_BY_VALUE = 1
MAPI_TO = 1
READABLE_WRITABLE = 0x6
# {00020D0B-0000-0000-C000-000000000046}: the class of an Outlook message file
MSG_CLSID = bytes.fromhex("0B0D020000000000C000000000000046")


def filetime(moment: datetime.datetime) -> int:
    """100-nanosecond intervals since 1601-01-01 UTC."""
    epoch = datetime.datetime(1601, 1, 1, tzinfo=datetime.UTC)
    return int((moment.astimezone(datetime.UTC) - epoch).total_seconds() * 10_000_000)


@dataclass
class Properties:
    """The properties of one object (the message, a recipient, an attachment)."""

    fixed: list[tuple[int, int, bytes]] = field(default_factory=list)  # (id, type, 8-byte value)
    variable: list[tuple[int, int, bytes]] = field(default_factory=list)  # (id, type, stream content)

    def long(self, prop: int, value: int) -> None:
        self.fixed.append((prop, PT_LONG, struct.pack("<i", value) + bytes(4)))

    def time(self, prop: int, moment: datetime.datetime) -> None:
        self.fixed.append((prop, PT_SYSTIME, struct.pack("<Q", filetime(moment))))

    def text(self, prop: int, value: str | None) -> None:
        if value:
            self.variable.append((prop, PT_UNICODE, value.encode("utf-16-le")))

    def binary(self, prop: int, value: bytes | None) -> None:
        if value is not None:
            self.variable.append((prop, PT_BINARY, value))

    def stream(self, header: bytes) -> bytes:
        """`__properties_version1.0`: the header, then the entries in the order of their tags."""
        entries = []
        for prop, kind, value in self.fixed:
            entries.append((prop, kind, value))
        for prop, kind, content in self.variable:
            # a string's size counts its terminating null (MS-OXMSG 2.4.2.2), a binary's is its length
            size = len(content) + (2 if kind == PT_UNICODE else 0)
            entries.append((prop, kind, struct.pack("<II", size, 0)))
        body = b"".join(
            struct.pack("<II", (prop << 16) | kind, READABLE_WRITABLE) + value
            for prop, kind, value in sorted(entries)
        )
        return header + body

    def write(self, writer, path: list[str], header: bytes) -> None:
        writer.addEntry([*path, "__properties_version1.0"], self.stream(header))
        for prop, kind, content in self.variable:
            writer.addEntry([*path, f"__substg1.0_{prop:04X}{kind:04X}"], content)


@dataclass
class Attachment:
    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass
class OutlookMessage:
    subject: str
    sender_name: str
    sender_email: str
    sent: datetime.datetime
    recipients: list[tuple[str, str]] = field(default_factory=list)  # (name, address)
    body: str = ""
    html: str = ""
    message_id: str = ""  # PR_INTERNET_MESSAGE_ID; empty: left out
    headers: str = ""  # PR_TRANSPORT_MESSAGE_HEADERS; empty: left out
    attachments: list[Attachment] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        from extract_msg.ole_writer import OleWriter

        writer = OleWriter(rootClsid=MSG_CLSID)
        props = Properties()
        props.text(PR_MESSAGE_CLASS, "IPM.Note")
        props.text(PR_SUBJECT, self.subject)
        props.time(PR_CLIENT_SUBMIT_TIME, self.sent)
        props.time(PR_MESSAGE_DELIVERY_TIME, self.sent)
        props.long(PR_MESSAGE_FLAGS, MSGFLAG_READ)  # received and read: not a draft
        props.long(PR_STORE_SUPPORT_MASK, STORE_UNICODE_OK)
        for name_prop, type_prop, address_prop in (
            (PR_SENDER_NAME, PR_SENDER_ADDRTYPE, PR_SENDER_EMAIL),
            (PR_SENT_REPRESENTING_NAME, PR_SENT_REPRESENTING_ADDRTYPE, PR_SENT_REPRESENTING_EMAIL),
        ):
            props.text(name_prop, self.sender_name or self.sender_email)
            props.text(type_prop, "SMTP")
            props.text(address_prop, self.sender_email)
        props.text(PR_SENDER_SMTP_ADDRESS, self.sender_email)
        props.text(PR_DISPLAY_TO, "; ".join(name or address for name, address in self.recipients))
        props.text(PR_BODY, self.body)
        if self.html:
            props.binary(PR_HTML, self.html.encode("utf-8"))
            props.long(PR_INTERNET_CPID, 65001)
        props.text(PR_INTERNET_MESSAGE_ID, self.message_id)
        props.text(PR_TRANSPORT_MESSAGE_HEADERS, self.headers)
        count_r, count_a = len(self.recipients), len(self.attachments)
        props.write(
            writer, [], bytes(8) + struct.pack("<IIII", count_r, count_a, count_r, count_a) + bytes(8)
        )
        for number, (name, address) in enumerate(self.recipients):
            recipient = Properties()
            recipient.long(PR_RECIPIENT_TYPE, MAPI_TO)
            recipient.long(PR_ROWID, number)
            recipient.text(PR_DISPLAY_NAME, name or address)
            recipient.text(PR_ADDRTYPE, "SMTP")
            recipient.text(PR_EMAIL_ADDRESS, address)
            recipient.text(PR_SMTP_ADDRESS, address)
            recipient.write(writer, [f"__recip_version1.0_#{number:08X}"], bytes(8))
        for number, file in enumerate(self.attachments):
            attachment = Properties()
            attachment.long(PR_ATTACH_METHOD, ATTACH_BY_VALUE)
            attachment.long(PR_ATTACH_NUM, number)
            attachment.long(PR_RENDERING_POSITION, -1)
            attachment.binary(PR_ATTACH_DATA_BIN, file.content)
            attachment.text(PR_ATTACH_LONG_FILENAME, file.filename)
            attachment.text(PR_ATTACH_FILENAME, file.filename[:12])
            attachment.text(PR_ATTACH_EXTENSION, "." + file.filename.rpartition(".")[2])
            attachment.text(PR_ATTACH_MIME_TAG, file.mime_type)
            attachment.write(writer, [f"__attach_version1.0_#{number:08X}"], bytes(8))
        writer.addEntry(["__nameid_version1.0"], storage=True)
        for stream in ("00020102", "00030102", "00040102"):  # GUIDs, entries, names: none
            writer.addEntry(["__nameid_version1.0", f"__substg1.0_{stream}"], b"")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()


def from_email(
    message: EmailMessage, *, internet_message_id: bool = True, transport_headers: bool = True
) -> bytes:
    """The .eml `message` as an Outlook .msg (bodies, sender, recipients, attachments, Message-ID)."""
    name, address = parseaddr(str(message["From"]))
    head, _sep, _body = bytes(message).partition(b"\n\n")
    headers = head.decode("ascii", errors="replace").replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n"
    if not transport_headers:
        headers = ""
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    attachments = [
        Attachment(part.get_filename() or "vedlegg", part.get_payload(decode=True), part.get_content_type())
        for part in message.iter_attachments()
    ]
    return OutlookMessage(
        subject=str(message["Subject"]),
        sender_name=name,
        sender_email=address,
        sent=parsedate_to_datetime(str(message["Date"])),
        recipients=getaddresses([str(v) for v in message.get_all("To", [])]),
        body=text_part.get_content() if text_part is not None else "",
        html=html_part.get_content() if html_part is not None else "",
        message_id=str(message["Message-ID"]) if internet_message_id else "",
        headers=headers,
        attachments=attachments,
    ).to_bytes()


def without_message_id(message: EmailMessage) -> bytes:
    """A .msg with neither PR_INTERNET_MESSAGE_ID nor a Message-ID in its transport headers."""
    copy = EmailMessage()
    for key in ("From", "To", "Subject", "Date"):
        copy[key] = message[key]
    copy.set_content(message.get_body(preferencelist=("plain",)).get_content())
    return from_email(copy, internet_message_id=False)
