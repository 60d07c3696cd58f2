"""The shared mailbox: Arena polls it over IMAP (a periodic task on the worker's schedule, or
`python -m arena poll-invitations`), registers each new message as an invitation and moves it to the processed
folder. Nothing is ever deleted from the mailbox.

Credentials come from the environment (ARENA_IMAP_HOST, _PORT, _USER, _PASSWORD, _FOLDER, _PROCESSED_FOLDER,
_SSL; settings.ARENA_IMAP). A message Arena cannot register (malformed, no Message-ID, too large …) stays in the
folder, marked with the keyword `$ArenaRefused` so the next poll passes it by, and the poll goes on with the next
one. A message already registered (same Message-ID) is moved without being stored again.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import ssl
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django_tasks import task

from arena.invitations.intake import DuplicateInvitation, receive
from arena.invitations.messages import InvitationError, max_bytes, parse_eml
from arena.invitations.models import Invitation
from arena.register.permissions import Access

logger = logging.getLogger(__name__)

REFUSED = "$ArenaRefused"
TIMEOUT = 60
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


@dataclass
class PollResult:
    seen: int = 0
    stored: list[int] = field(default_factory=list)  # invitation ids
    duplicates: int = 0
    moved: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (uid, message)


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def connect(config: dict) -> imaplib.IMAP4:
    host, port = config["host"], int(config.get("port") or (993 if config.get("ssl", True) else 143))
    if config.get("ssl", True):
        connection = imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(), timeout=TIMEOUT)
    else:
        connection = imaplib.IMAP4(host, port, timeout=TIMEOUT)
    connection.login(config["user"], config["password"])
    status, data = connection.capability()  # after sign-in a server may offer more (MOVE, UIDPLUS)
    if status == "OK" and data and data[-1]:
        connection.capabilities = tuple(data[-1].decode().upper().split())
    return connection


def _move(connection: imaplib.IMAP4, uid: bytes, folder: str) -> None:
    if "MOVE" in connection.capabilities:
        status, data = connection.uid("MOVE", uid, _quote(folder))
    else:  # COPY, then flag and expunge only this message (UIDPLUS), which is what MOVE does
        status, data = connection.uid("COPY", uid, _quote(folder))
        if status == "OK":
            connection.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted)")
            connection.uid("EXPUNGE", uid)
    if status != "OK":
        raise imaplib.IMAP4.error(f"move failed: {data!r}")


def poll(config: dict | None = None, *, by=None, limit: int = 200) -> PollResult:
    """Fetch, register and move up to `limit` new messages; returns what happened."""
    config = dict(config or settings.ARENA_IMAP)
    access = Access.of(by) if by is not None else Access.system()
    result = PollResult()
    connection = connect(config)
    try:
        processed = config.get("processed_folder") or "Behandlet"
        connection.create(_quote(processed))  # NO when it exists: fine
        connection.subscribe(_quote(processed))
        status, _data = connection.select(_quote(config.get("folder") or "INBOX"))
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot open folder {config.get('folder')!r}")
        status, data = connection.uid("SEARCH", None, "UNKEYWORD", REFUSED)
        uids = (data[0] or b"").split()[:limit] if status == "OK" else []
        gazetteer = None
        for uid in uids:
            result.seen += 1
            try:
                status, data = connection.uid("FETCH", uid, "(RFC822.SIZE)")
                size = _SIZE.search(data[0] if data and isinstance(data[0], bytes) else b"")
                if size and int(size.group(1)) > max_bytes():
                    raise InvitationError(_("E-posten er for stor."))
                status, data = connection.uid("FETCH", uid, "(BODY.PEEK[])")
                raw = next((part[1] for part in data if isinstance(part, tuple)), b"")
                message = parse_eml(raw)
                if gazetteer is None:
                    from arena.ingest.linking import Gazetteer

                    gazetteer = Gazetteer.from_register()
                invitation = receive(
                    message, by=access, source=Invitation.Source.MAILBOX, gazetteer=gazetteer
                )
                result.stored.append(invitation.pk)
            except DuplicateInvitation:
                result.duplicates += 1
            except InvitationError as error:
                logger.warning("mailbox message %s refused: %s", uid.decode(), error)
                result.refused.append((uid.decode(), str(error)))
                connection.uid("STORE", uid, "+FLAGS.SILENT", f"({REFUSED})")
                continue
            except Exception as error:  # noqa: BLE001 - one bad message must not stop the poll
                logger.exception("mailbox message %s failed", uid.decode())
                result.refused.append((uid.decode(), str(error)))
                continue
            _move(connection, uid, processed)
            result.moved += 1
        connection.close()
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            connection.logout()
    return result


@task()
def poll_mailbox_task() -> str:
    if not settings.ARENA_IMAP.get("host"):
        return "not configured"
    result = poll()
    return f"{len(result.stored)} stored, {result.duplicates} already there, {len(result.refused)} refused"
