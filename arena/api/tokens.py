"""Making, finding and revoking API tokens — plain functions that the token page, the command line and the
authentication class call. Every creation and revocation is logged on the user."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from arena.api.models import ApiToken
from arena.register import changes
from arena.register.permissions import Access

PREFIX = "arena_"
LAST_USED_RESOLUTION = timedelta(minutes=1)  # write `last_used_at` at most once a minute per token


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(user, name: str, *, by) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the stored row and the token, which is not stored and cannot be shown
    again. `by` must be the user themself or the coordinator."""
    access = Access.of(by)
    access.require(access.can_manage_tokens(user))
    name = (name or "").strip()[:100] or "API"
    token = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        row = ApiToken.objects.create(
            user=user, name=name, prefix=token[: len(PREFIX) + 6], digest=_digest(token)
        )
        changes.log("api.token.created", user, by=access, name=name, token=row.pk)
    return row, token


def revoke(row: ApiToken, *, by) -> None:
    access = Access.of(by)
    access.require(access.can_manage_tokens(row.user))
    if row.revoked_at is not None:
        return
    with transaction.atomic():
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
        changes.log("api.token.revoked", row.user, by=access, name=row.name, token=row.pk)


def user_for(token: str):
    """The active user a token belongs to, or None; notes when the token was last used."""
    if not token or len(token) > 200:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def tokens_of(user):
    return ApiToken.objects.filter(user=user)


def user_named(username: str):
    return get_user_model().objects.filter(username=username).first()
