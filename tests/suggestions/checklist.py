"""The proposal pages that change data, as cases of tests/test_write_checklist.py (signed out → sign-in; a
persona without the right → refused and nothing written; the right persona → written and attributed)."""

from django.urls import reverse

from arena.register import changes
from arena.register.models import Activity, Arena, LogEntry
from arena.register.permissions import Access
from arena.suggestions import service
from arena.suggestions.models import Suggestion

SYSTEM = Access.system()
COORDINATOR = {"coordinator"}
PROPOSERS = {"coordinator", "contact_kf", "contact_ff"}
OTHERS_404 = {"contact_ff": 404, "reader": 404}  # someone else's proposal is not there for them


def _version_by(obj, user, action_prefix) -> bool:
    record = obj.history.order_by("-history_date", "-history_id").first()
    return (
        record is not None
        and record.history_user_id == user.pk
        and record.history_change_reason.startswith(action_prefix)
    )


def _logged(action, user) -> bool:
    return LogEntry.objects.filter(action=action, actor=user).exists()


def propose_page(p):
    data = {
        "name": "Arbeidsgruppe for pasientsikkerhet",
        "kind": "working_group",
        "reason": "Ny",
        "confirmed": "1",
    }
    return reverse("suggestion-propose", args=["arenaer"]), data, None


def proposed(_context, user):
    arena = Arena.objects.filter(name="Arbeidsgruppe for pasientsikkerhet").first()
    return (
        arena is not None
        and Suggestion.objects.filter(arena=arena, proposed_by=user).exists()
        and _version_by(arena, user, "suggestion")
        and _logged("suggestions.proposed", user)
    )


def _pending(p, used=False):
    arena = Arena(kind=Arena.Kind.NETWORK, name="Nordisk nettverk for kvalitet")
    suggestion = service.propose(arena, by=p.user("contact_kf"))
    if used:
        activity = Activity(year=2021, title="Kvalitetsnettverket", kind=Activity.Kind.PARTICIPATION)
        changes.save(activity, by=SYSTEM, relations={"units": [p.kf], "arenas": [arena]})
    return suggestion


def accept_page(p):
    suggestion = _pending(p)
    return reverse("suggestion-accept", args=[suggestion.pk]), {"comment": "Fint"}, suggestion


def accepted(suggestion, user):
    suggestion.refresh_from_db()
    return suggestion.status == Suggestion.Status.ACCEPTED and suggestion.decided_by == user


def merge_page(p):
    target = changes.save(Arena(kind=Arena.Kind.NETWORK, name="Nordisk kvalitetsnettverk"), by=SYSTEM)
    suggestion = _pending(p, used=True)
    data = {"target": target.pk, "confirm": "1"}
    return reverse("suggestion-merge", args=[suggestion.pk]), data, (suggestion, target)


def merged(context, user):
    suggestion, target = context
    suggestion.refresh_from_db()
    activity = Activity.objects.get(title="Kvalitetsnettverket")
    return (
        suggestion.status == Suggestion.Status.MERGED
        and list(activity.arenas.all()) == [target]
        and _version_by(activity, user, "suggestion:")
        and _logged("suggestions.merged", user)
    )


def reject_page(p):
    suggestion = _pending(p)
    return reverse("suggestion-reject", args=[suggestion.pk]), {"comment": "Finnes ikke"}, suggestion


def rejected(suggestion, user):
    suggestion.refresh_from_db()
    return suggestion.status == Suggestion.Status.REJECTED and _logged("suggestions.rejected", user)


CASES = [
    ("propose an arena", propose_page, PROPOSERS, proposed),
    ("accept a proposal", accept_page, COORDINATOR, accepted, OTHERS_404),
    ("merge a proposal", merge_page, COORDINATOR, merged, OTHERS_404),
    ("reject a proposal", reject_page, COORDINATOR, rejected, OTHERS_404),
]
