"""Which unit should write the note for an agenda item? Arena suggests one from the register; the coordinator
confirms or picks another.

The candidates are the units with an engagement on the meeting's arena (or the arena above it, or one under it)
that is active on the meeting's day. Each is scored by
- the item's priority area among the engagement's areas (the strongest sign),
- the unit's activities on that arena in the area,
- words the item's title shares with the unit's activities and engagement notes on that arena,
- leading roles (lead, contact point) a little.
An item without a priority area gets one guessed from its title (`guess_area`), when a word matches an area name.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.db.models import Q

from arena.register.models import Activity, Area, Engagement, Unit
from arena.register.normalize import normalize_name

_WORD = re.compile(r"\w+", re.UNICODE)
STOP = {
    "and",
    "the",
    "for",
    "with",
    "from",
    "report",
    "reports",
    "progress",
    "health",
    "global",
    "world",
    "other",
    "matters",
    "helse",
    "og",
    "med",
    "til",
    "rapport",
    "oppfølging",
    "organization",
    "who",
}


def _stems(text: str) -> set[str]:
    words = _WORD.findall(normalize_name(text or ""))
    return {w[:6] for w in words if len(w) > 3 and w not in STOP and not w.isdigit()}


def _arena_ids(arena) -> set[int]:
    ids = {arena.pk}
    if arena.parent_id:
        ids.add(arena.parent_id)
    ids |= set(type(arena).objects.filter(parent_id=arena.pk).values_list("pk", flat=True))
    return ids


def guess_area(title: str):
    """The priority area whose name shares most words with the title (None when nothing matches)."""
    words = _stems(title)
    if not words:
        return None
    best, best_score = None, 0
    for area in Area.objects.select_related("framework").order_by("framework__code", "number"):
        score = len(words & (_stems(area.name) | _stems(area.name_en)))
        if score > best_score:
            best, best_score = area, score
    return best


def ranked_units(item) -> list[tuple[Unit, float]]:
    """Candidate units for the item, best first, with their scores."""
    meeting = item.meeting
    arena_ids = _arena_ids(meeting.arena)
    day = meeting.local_start.date()
    area = item.area or guess_area(item.title)
    title_words = _stems(item.title)
    scores: dict[int, float] = defaultdict(float)
    active = (Q(starts_on__isnull=True) | Q(starts_on__lte=day)) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )
    engagements = Engagement.objects.filter(active, arena_id__in=arena_ids).prefetch_related("areas")
    for engagement in engagements:
        score = 1.0
        if engagement.role in (Engagement.Role.LEAD, Engagement.Role.CONTACT_POINT):
            score += 0.5
        if area is not None and any(a.pk == area.pk for a in engagement.areas.all()):
            score += 3
        score += len(title_words & _stems(engagement.note))
        scores[engagement.unit_id] = max(scores[engagement.unit_id], score)
    activities = (
        Activity.objects.filter(arenas__in=arena_ids, year__gte=day.year - 3, year__lte=day.year)
        .prefetch_related("units")
        .distinct()
    )
    for activity in activities:
        bonus = 0.0
        if area is not None and activity.main_area_id == area.pk:
            bonus += 1
        bonus += 0.5 * len(title_words & _stems(f"{activity.title} {activity.description[:500]}"))
        if bonus:
            for unit in activity.units.all():
                scores[unit.pk] += min(bonus, 3)
    if not scores:
        return []
    units = Unit.objects.in_bulk(list(scores))
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], units[pair[0]].name))
    return [(units[pk], score) for pk, score in ranked]


def suggest_unit(item) -> Unit | None:
    """The best candidate, or None when no unit takes part in the arena."""
    ranked = ranked_units(item)
    return ranked[0][0] if ranked else None
