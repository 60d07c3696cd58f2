"""Sending notifications: `notify()` makes one in-app notification per recipient and, after the transaction
commits, enqueues one e-mail task per recipient who has an address and has not turned the kind off.

Recipients are register people (Person: in the app if they have a user account, e-mail to their address) or
user accounts. Later modules call `notify()` with their own kinds (arena.notifications.kinds.register)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from arena.notifications.kinds import KINDS
from arena.notifications.models import EmailOptOut, Notification
from arena.register.models import Person

logger = logging.getLogger(__name__)


def _address(recipient) -> tuple:
    """(user or None, e-mail address or "", a stable id for de-duplication)."""
    if isinstance(recipient, Person):
        user = recipient.user
        return user, recipient.email or (user.email if user else ""), f"p{recipient.pk}"
    if isinstance(recipient, get_user_model()):
        return recipient, recipient.email, f"u{recipient.pk}"
    raise TypeError(f"not a recipient: {recipient!r}")


def wants_email(user, kind: str) -> bool:
    return user is None or not EmailOptOut.objects.filter(user=user, kind=kind).exists()


def notify(recipients, kind: str, *, title: str, body: str = "", url: str = "", once: str = "") -> list:
    """Notify each recipient (duplicates removed). With `once`, a recipient gets this kind+key only once ever
    (reminders run repeatedly). Returns the notifications made."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    made, seen = [], set()
    for recipient in recipients:
        user, email, ident = _address(recipient)
        key = (user.pk if user else None, email.casefold())
        if key in seen or (user is None and not email):
            continue
        seen.add(key)
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    email=email,
                    kind=kind,
                    title=title[:300],
                    body=body,
                    url=url,
                    dedupe_key=f"{once}:{ident}" if once else "",
                )
        except IntegrityError:  # already sent once
            continue
        made.append(notification)
        if email and wants_email(user, kind):
            transaction.on_commit(lambda pk=notification.pk: send_notification_email.enqueue(pk))
    return made


def absolute_url(path: str) -> str:
    return settings.ARENA_BASE_URL.rstrip("/") + (path or "/")


@task()
def send_notification_email(pk: int) -> str:
    """Send one notification by e-mail (plain text and HTML, bokmål, with a link back)."""
    notification = Notification.objects.get(pk=pk)
    if notification.emailed_at:
        return "already sent"
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "link": absolute_url(notification.get_absolute_url()),
            "preferences_link": absolute_url("/varsler/innstillinger/"),
            "organisation_name": settings.ORGANISATION_NAME,
            "kind": KINDS.get(notification.kind),
        }
        text = render_to_string("notifications/email/message.txt", context)
        html = render_to_string("notifications/email/message.html", context)
        message = EmailMultiAlternatives(
            subject=f"Arena: {notification.title}", body=text, to=[notification.email]
        )
        message.attach_alternative(html, "text/html")
        message.send()
    Notification.objects.filter(pk=pk).update(emailed_at=timezone.now())
    return "sent"
