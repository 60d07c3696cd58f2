"""Arrival: a message is read (arena.invitations.reading), routed (routing), and — unless it is a dry run —
stored once with its attachments and sent to the unit's contacts or to the coordinator's triage list, all in one
transaction. The three routes in (mailbox, upload, form) and the command line all come through `receive()`.
"""

from __future__ import annotations

import datetime
import re
from email.utils import formataddr

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arena.ingest.linking import Gazetteer
from arena.invitations import log_actions, workflow
from arena.invitations.messages import InvitationError, Message
from arena.invitations.models import Attachment, Invitation
from arena.invitations.reading import Reading, read_message
from arena.invitations.routing import Route, route
from arena.register import changes
from arena.register.permissions import Access


class DuplicateInvitation(InvitationError):
    """The message is already registered (same Message-ID)."""

    def __init__(self, existing: Invitation):
        super().__init__(
            _("Denne e-posten er allerede registrert: «%(subject)s», mottatt %(date)s.")
            % {
                "subject": existing.subject,
                "date": date_format(timezone.localtime(existing.received_at), "DATE_FORMAT"),
            }
        )
        self.existing = existing


def analyse(message: Message, gazetteer: Gazetteer | None = None) -> tuple[Reading, Route]:
    """What Arena reads from the message and where it would send it (nothing stored)."""
    reading = read_message(message, gazetteer)
    on = timezone.localdate()
    if reading.starts and reading.starts > on:
        on = reading.starts
    proposal = route(
        reading.arena,
        arena_score=reading.arena_score,
        text=f"{message.subject}\n{message.text[:3000]}",
        on=on,
    )
    return reading, proposal


def as_json(message: Message, reading: Reading, proposal: Route) -> dict:
    """The command line's answer (keys as in the issue)."""

    def day(value: datetime.date | None):
        return value.isoformat() if value else None

    return {
        "subject": message.subject,
        "sender": formataddr((message.sender_name, message.sender_email))
        if message.sender_email
        else message.sender_name,
        "organisation": reading.organisation.name if reading.organisation else None,
        "arena": {"name": reading.arena.name, "key": reading.arena.key} if reading.arena else None,
        "kind": reading.kind,
        "starts": day(reading.starts),
        "ends": day(reading.ends),
        "location": reading.location or None,
        "deadline": day(reading.deadline),
        "unit": (
            {"abbreviation": proposal.unit.abbreviation, "name": proposal.unit.name}
            if proposal.unit
            else None
        ),
        "contacts": [p.user.username if p.user_id else p.email or str(p) for p in proposal.contacts],
        "confidence": proposal.confidence,
        "reasons": reading.reasons + proposal.reasons,
    }


_PREFIX = re.compile(r"^(?:\s*(?:re|sv|fw|fwd|vs|wg|tr|aw)\s*:\s*)+", re.IGNORECASE)


def bare_subject(subject: str) -> str:
    """The subject without reply and forward prefixes ("VS: Fwd: …"), casefolded."""
    return " ".join(_PREFIX.sub("", subject or "").split()).casefold()


def similar(message: Message, reading: Reading) -> Invitation | None:
    """An invitation already registered that this message looks like a copy of (forwarded by a colleague: a new
    Message-ID): the same subject without prefixes, and the same arena and start when both are known."""
    subject = bare_subject(message.subject)
    if len(subject) < 12 or (reading.arena is None and reading.starts is None):
        return None  # "Invitation", "Save the date": too little to call it a copy
    candidates = Invitation.objects.filter(received_at__gte=message.date - datetime.timedelta(days=120))
    if reading.arena is not None:
        candidates = candidates.filter(arena=reading.arena)
    if reading.starts is not None:
        candidates = candidates.filter(starts_on=reading.starts)
    for candidate in candidates.order_by("-received_at")[:200]:
        if bare_subject(candidate.subject) == subject:
            return candidate
    return None


def check_new(message_id: str) -> None:
    existing = Invitation.objects.filter(message_id=message_id).first()
    if existing is not None:
        raise DuplicateInvitation(existing)


def receive(
    message: Message,
    *,
    by,
    source: str = Invitation.Source.UPLOAD,
    gazetteer: Gazetteer | None = None,
) -> Invitation:
    """Store the message once (InvitationError if it is there already), with its attachments, then route it:
    straight to the unit's contacts when Arena is sure, else to the coordinator's triage list."""
    access = Access.of(by)
    access.require(access.can_receive_invitations())
    check_new(message.message_id)
    if message.sender_email:
        try:
            validate_email(message.sender_email)
        except ValidationError:  # an address Django would refuse is kept as the name only
            message.sender_name = (message.sender_name or message.sender_email)[:300]
            message.sender_email = ""
    reading, proposal = analyse(message, gazetteer)
    copy_of = similar(message, reading)
    reasons = reading.reasons + proposal.reasons
    if copy_of is not None:
        reasons.append(
            _(
                "Ligner på en invitasjon som allerede er registrert (nr. %(id)s, «%(subject)s»); koordinator vurderer."
            )
            % {"id": copy_of.pk, "subject": copy_of.subject}
        )
    try:
        with transaction.atomic():
            invitation = Invitation(
                message_id=message.message_id,
                source=source,
                subject=message.subject,
                sender_name=message.sender_name,
                sender_email=message.sender_email,
                received_at=message.date,
                body_text=message.text,
                body_html=message.html,
                organisation=reading.organisation,
                arena=reading.arena,
                kind=reading.kind,
                starts_on=reading.starts,
                ends_on=reading.ends,
                location=reading.location,
                deadline=reading.deadline,
                proposed_unit=proposal.unit,
                confidence=proposal.confidence,
                reasons=reasons,
                status=Invitation.Status.TRIAGE,
            )
            try:
                invitation.full_clean(exclude=["message_id"])
            except ValidationError as error:
                raise InvitationError(" ".join(error.messages)) from error
            changes.save(invitation, by=access, action=f"invitation:{source}")
            for file in message.attachments:
                changes.save(
                    Attachment(
                        invitation=invitation,
                        filename=file.filename or "vedlegg",
                        content_type=file.content_type[:200],
                        size=len(file.content),
                        content=file.content,
                    ),
                    by=access,
                    action=f"invitation:{source}",
                )
            changes.log(
                log_actions.RECEIVED, invitation, by=access, source=str(Invitation.Source(source).label)
            )
            system = Access.system()  # routing is Arena's proposal, whoever brought the message in
            if proposal.confident and copy_of is None:
                workflow.send_to_unit(invitation, proposal.unit, by=system, contacts=proposal.contacts)
            else:
                workflow.to_triage(invitation, by=system)
    except IntegrityError as error:
        existing = Invitation.objects.filter(message_id=message.message_id).first()
        if existing is not None:
            raise DuplicateInvitation(existing) from error
        raise
    return invitation
