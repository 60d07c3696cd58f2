"""Proposing a register entry and the coordinator's decisions on it — plain functions the pages, the tests
and the command line call. Every register change goes through the write path (arena.register.changes), every
step is logged on the entry and on the proposal, and the people concerned are notified.

    suggestion = propose(arena, by=contact, reason="Ny arbeidsgruppe i WHO")
    accept(suggestion, by=coordinator)
    merge(suggestion, into=existing_arena, by=coordinator)   # arena.suggestions.merging
    reject(suggestion, by=coordinator, comment="...")         # only while nothing uses it
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from arena.notifications.service import notify
from arena.register import changes
from arena.register.contacts import coordinators
from arena.register.models import Arena, Organisation
from arena.register.permissions import Access
from arena.suggestions import kinds, log_actions
from arena.suggestions.models import Suggestion

ACTION = "suggestion"  # the version's action code: "suggestion:<id>" (register.history labels it)


class DecisionError(ValidationError):
    """The decision cannot be made as asked (already decided, in use, wrong target); nothing was changed."""


def kind_of(record) -> str:
    return Suggestion.Kind.ARENA if isinstance(record, Arena) else Suggestion.Kind.ORGANISATION


def _bokmal():
    return translation.override(settings.LANGUAGE_CODE)


def propose(record, *, by, reason: str = "") -> Suggestion:
    """Store `record` (a new, unsaved Arena or Organisation) as a proposal by `by`. The entry is usable at once
    by its proposer; until the coordinator decides, others do not see it. The coordinator's own proposals are
    accepted at once. Raises ValidationError (nothing stored) when the record is invalid, PermissionDenied
    unless `Access.can_propose_entry`."""
    access = Access.of(by)
    access.require(access.can_propose_entry())
    if record.pk is not None or not isinstance(record, (Arena, Organisation)):
        raise ValueError("propose() takes a new arena or organisation")
    reason = (reason or "").strip()[:2000]
    decided = access.is_coordinator
    with transaction.atomic():
        changes.save(record, by=access.proposing(), action=ACTION, validate=True)
        suggestion = Suggestion.objects.create(
            kind=kind_of(record),
            status=Suggestion.Status.ACCEPTED if decided else Suggestion.Status.PENDING,
            **{kind_of(record): record},
            name=str(record)[:360],
            reason=reason,
            proposed_by=access.acting_user,
            decided_by=access.acting_user if decided else None,
            decided_at=timezone.now() if decided else None,
        )
        changes.log(log_actions.PROPOSED, record, by=access, name=str(record), reason=reason or "–")
        changes.log(log_actions.PROPOSED, suggestion, by=access, name=str(record), reason=reason or "–")
        if not decided:
            with _bokmal():
                notify(
                    coordinators(),
                    kinds.PROPOSED.key,
                    title=_("Nytt forslag til registeret: %(name)s") % {"name": suggestion.name},
                    body=(reason or _("Ingen begrunnelse oppgitt.")),
                    url=suggestion.get_absolute_url(),
                )
    return suggestion


def _pending(suggestion: Suggestion) -> Suggestion:
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not locked.is_pending:
        raise DecisionError(_("Forslaget er allerede avgjort."))
    return locked


def _decided(suggestion: Suggestion, access: Access, status: str, comment: str = "") -> None:
    suggestion.status = status
    suggestion.decided_by = access.acting_user
    suggestion.decided_at = timezone.now()
    suggestion.comment = (comment or "").strip()[:2000]
    suggestion.save()


def tell_proposer(suggestion: Suggestion, title: str, body: str = "") -> None:
    if suggestion.proposed_by is not None:
        url = suggestion.get_absolute_url()
        notify([suggestion.proposed_by], kinds.DECIDED.key, title=title, body=body, url=url)


def accept(suggestion: Suggestion, *, by, comment: str = "") -> Suggestion:
    """The proposed entry becomes an ordinary register entry, seen by everyone."""
    access = Access.of(by)
    access.require(access.can_decide_suggestions())
    with transaction.atomic():
        suggestion = _pending(suggestion)
        _decided(suggestion, access, Suggestion.Status.ACCEPTED, comment)
        changes.log(log_actions.ACCEPTED, suggestion.record, by=access, name=suggestion.name)
        changes.log(log_actions.ACCEPTED, suggestion, by=access, name=suggestion.name)
        with _bokmal():
            tell_proposer(
                suggestion,
                _("Forslaget ditt er godtatt: %(name)s") % {"name": suggestion.name},
                suggestion.comment,
            )
    return suggestion


def reject(suggestion: Suggestion, *, by, comment: str = "") -> Suggestion:
    """Remove the proposed entry — only while nothing refers to it (else merge it into the right entry)."""
    from arena.suggestions.merging import references

    access = Access.of(by)
    access.require(access.can_decide_suggestions())
    with transaction.atomic():
        suggestion = _pending(suggestion)
        record = suggestion.record
        used = references(record)
        if used:
            raise DecisionError(
                _(
                    "«%(name)s» er allerede brukt (%(count)s henvisninger). Slå forslaget sammen med riktig "
                    "oppføring i stedet, så flyttes henvisningene dit."
                )
                % {"name": suggestion.name, "count": sum(len(r.objects) for r in used)}
            )
        changes.log(log_actions.REJECTED, suggestion, by=access, name=suggestion.name, comment=comment or "–")
        _decided(suggestion, access, Suggestion.Status.REJECTED, comment)  # before the entry goes
        changes.delete(record, by=access, action=f"{ACTION}:{suggestion.pk}")
        with _bokmal():
            tell_proposer(
                suggestion,
                _("Forslaget ditt er avvist: %(name)s") % {"name": suggestion.name},
                suggestion.comment,
            )
    return suggestion


def visible_suggestions(access: Access):
    """The proposals `access` may see: all for the coordinator, one's own for a contact."""
    rows = Suggestion.objects.select_related(
        "arena", "organisation", "proposed_by", "decided_by", "merged_into_arena", "merged_into_organisation"
    )
    if access.can_decide_suggestions():
        return rows
    if access.acting_user is None:
        return rows.none()
    return rows.filter(proposed_by=access.acting_user)
