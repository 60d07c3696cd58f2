"""Routing: which unit owns an invitation, and who receives it. Plain functions over the register.

The owning unit is the one with the strongest engagement on the invitation's arena on the day (lead > contact
point > member > participant; see `ROLE_STRENGTH`), else on the arena's parent, else the unit whose engagements
most often carry the priority area the subject names. The receivers are that unit's current international
contacts (arena.register.contacts — the one definition), or its parent unit's when it has none.

Each step gives a confidence (0–1) and a reason in bokmål. A route is sent straight to the contacts only when the
confidence reaches `CONFIDENT`; anything less (two units equally strong, only a priority area, no contacts, no
arena) goes to the coordinator's triage list with the reasons — a doubtful route is never sent to a unit.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from arena.register.contacts import international_contacts
from arena.register.models import Engagement, Person, Unit

CONFIDENT = 0.7

ROLE_STRENGTH = {
    Engagement.Role.LEAD: 4.0,
    Engagement.Role.CONTACT_POINT: 3.0,
    Engagement.Role.MEMBER: 2.0,
    Engagement.Role.BOARD_MEMBER: 2.0,
    Engagement.Role.PARTICIPANT: 1.0,
    Engagement.Role.BOARD_DEPUTY: 1.0,
    Engagement.Role.DONOR_PROGRAMME_PARTNER: 1.0,
    Engagement.Role.PROJECT_PARTNER: 1.0,
    Engagement.Role.OBSERVER: 0.5,
}


@dataclass
class Route:
    unit: Unit | None = None
    contacts: list[Person] = field(default_factory=list)
    confidence: float = 0.0
    reasons: list[str] = field(default_factory=list)

    @property
    def confident(self) -> bool:
        return self.unit is not None and bool(self.contacts) and self.confidence >= CONFIDENT


def _active(on: datetime.date) -> Q:
    return (Q(starts_on__isnull=True) | Q(starts_on__lte=on)) & (Q(ends_on__isnull=True) | Q(ends_on__gte=on))


def strongest_units(arena_id: int, on: datetime.date) -> list[tuple[Unit, str, float]]:
    """Units engaged on the arena on the day, strongest first: (unit, role, strength)."""
    best: dict[int, tuple[str, float]] = {}
    engagements = Engagement.objects.filter(_active(on), arena_id=arena_id, unit__isnull=False)
    for unit_id, role in engagements.values_list("unit_id", "role"):
        strength = ROLE_STRENGTH.get(role, 0.5)
        if unit_id not in best or strength > best[unit_id][1]:
            best[unit_id] = (role, strength)
    units = Unit.objects.in_bulk(list(best))
    ranked = sorted(best.items(), key=lambda pair: (-pair[1][1], units[pair[0]].name))
    return [(units[pk], role, strength) for pk, (role, strength) in ranked]


def _by_engagement(arena, on: datetime.date, route: Route) -> bool:
    for candidate, factor, label in ((arena, 1.0, None), (arena.parent, 0.85, "parent")):
        if candidate is None:
            continue
        ranked = strongest_units(candidate.pk, on)
        if not ranked:
            continue
        unit, role, strength = ranked[0]
        role_label = Engagement.Role(role).label
        if label == "parent":
            route.reasons.append(
                _("Ingen enhet er engasjert i %(arena)s; %(parent)s, som den hører under, er brukt.")
                % {"arena": arena.name, "parent": candidate.name}
            )
        route.reasons.append(
            _("%(unit)s har rollen «%(role)s» i %(arena)s.")
            % {"unit": unit.name, "role": str(role_label).lower(), "arena": candidate.name}
        )
        confidence = 1.0 if strength >= 3 else 0.9
        tied = [u for u, _r, s in ranked[1:] if s == strength]
        if tied:
            confidence = 0.5
            route.reasons.append(
                _("Like sterkt engasjert: %(units)s.") % {"units": ", ".join(u.name for u in tied[:4])}
            )
        route.unit, route.confidence = unit, confidence * factor
        return True
    return False


def _by_ended_engagement(arena, on: datetime.date, route: Route) -> bool:
    """No engagement is current: the unit whose engagement ended last is proposed, for the coordinator to check."""
    last = (
        Engagement.objects.filter(arena=arena, unit__isnull=False, ends_on__lt=on)
        .select_related("unit")
        .order_by("-ends_on")
        .first()
    )
    if last is None:
        return False
    route.unit, route.confidence = last.unit, 0.5
    route.reasons.append(
        _("%(unit)s var engasjert i %(arena)s, men engasjementet endte %(date)s.")
        % {"unit": last.unit.name, "arena": arena.name, "date": last.ends_on.isoformat()}
    )
    return True


def _by_area(text: str, route: Route) -> bool:
    from arena.agenda.suggest import guess_area

    area = guess_area(text)
    if area is None:
        return False
    counts: dict[int, int] = defaultdict(int)
    for unit_id in Engagement.objects.filter(areas=area, unit__isnull=False).values_list(
        "unit_id", flat=True
    ):
        counts[unit_id] += 1
    if not counts:
        return False
    unit_id = max(counts, key=lambda pk: counts[pk])
    route.unit = Unit.objects.get(pk=unit_id)
    route.confidence = 0.4
    route.reasons.append(
        _("Bare satsningsområdet «%(area)s» peker mot %(unit)s.")
        % {"area": area.name, "unit": route.unit.name}
    )
    return True


def contacts_for(unit: Unit, on: datetime.date) -> tuple[list[Person], Unit | None]:
    """The unit's current international contacts, or the nearest unit above's; (people, the unit they are of)."""
    seen = set()
    current = unit
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        people = list(international_contacts(current, on=on).select_related("user"))
        if people:
            return people, current
        current = current.parent
    return [], None


def route(arena, *, arena_score: float, text: str, on: datetime.date) -> Route:
    """The proposed unit and contacts of an invitation about `arena` (None: unknown) on the day `on`."""
    result = Route()
    found = arena is not None and _by_engagement(arena, on, result)
    if arena is not None and not found:
        found = _by_ended_engagement(arena, on, result)
    if arena is not None and not found:
        result.reasons.append(_("Ingen enhet har et engasjement i %(arena)s.") % {"arena": arena.name})
    if not found and not _by_area(text, result):
        result.reasons.append(_("Arena fant ingen enhet å foreslå."))
        return result
    if arena is not None:
        result.confidence *= arena_score
    result.confidence = round(result.confidence, 2)
    result.contacts, holder = contacts_for(result.unit, on)
    if not result.contacts:
        result.reasons.append(
            _("%(unit)s har ingen internasjonal kontakt i dag.") % {"unit": result.unit.name}
        )
    elif holder is not None and holder.pk != result.unit.pk:
        result.reasons.append(
            _("%(unit)s har ingen egen internasjonal kontakt; kontaktene i %(holder)s får invitasjonen.")
            % {"unit": result.unit.name, "holder": holder.name}
        )
    if not result.confident and result.unit is not None:
        result.reasons.append(_("Usikkert: koordinator vurderer invitasjonen."))
    return result
