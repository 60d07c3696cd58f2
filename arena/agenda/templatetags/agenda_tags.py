"""Template tags of the agenda: permission filters, and small includes for other apps' pages (an arena's,
a unit's or a person's meetings; "this week" on the home page)."""

import datetime

from django import template
from django.utils import timezone

from arena.agenda import listing
from arena.agenda import meetings as queries
from arena.agenda.models import Meeting

register = template.Library()

LIMIT = 10


def _labels() -> tuple[str, str]:
    from django.utils.translation import gettext

    return gettext("Avlyst"), gettext("levert")


@register.filter
def entry_link(entry: listing.Entry, show_time: bool = False) -> str:
    """A calendar entry as its link (time, title, struck through with a badge when cancelled) and, for
    deadlines and notes, their kind and whether they are delivered. Written in Python, not as an include: the
    month and the list write up to a few hundred of these, and an include per entry costs more than the page."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    cancelled, delivered = _labels()
    title = escape(entry.title)
    time = ""
    if show_time and entry.starts_at:
        time = f'<span class="agenda-time">{timezone.localtime(entry.starts_at):%H:%M}</span> '
    if entry.cancelled:
        title = f'<del>{title}</del> <span class="badge">{escape(cancelled)}</span>'
    html = f'<a href="{escape(entry.url)}">{time}{title}</a>'
    if entry.is_deadline:
        done = f", {escape(delivered)}" if entry.done else ""
        html += f' <span class="muted">({escape(entry.kind_label)}{done})</span>'
    return mark_safe(html)  # noqa: S308 - every part above is escaped


@register.filter
def can_deliver_deadline(access, deadline) -> bool:
    return access.can_deliver_deadline(deadline)


@register.filter
def can_edit_meeting(access, meeting) -> bool:
    return access.can_edit_meeting(meeting)


def _split(queryset):
    now = timezone.now()
    queryset = queryset.select_related("arena")
    upcoming = list(queryset.filter(ends_at__gte=now).order_by("starts_at")[:LIMIT])
    past = list(queryset.filter(ends_at__lt=now).order_by("-starts_at")[:LIMIT])
    return upcoming, past


@register.inclusion_tag("agenda/includes/meetings.html", takes_context=True)
def meetings_of(context, obj):
    """The meetings of an arena, a unit (attended or owning an agenda item) or a person (attending)."""
    from arena.register.models import Arena, Person, Unit

    if isinstance(obj, Arena):
        queryset, scope = Meeting.objects.filter(arena=obj), "arena"
    elif isinstance(obj, Unit):
        queryset, scope = queries.for_unit(obj), "unit"
    elif isinstance(obj, Person):
        queryset, scope = queries.for_person(obj), "person"
    else:
        raise template.TemplateSyntaxError("meetings_of needs an arena, a unit or a person")
    upcoming, past = _split(queryset)
    return {
        "obj": obj,
        "scope": scope,
        "upcoming": upcoming,
        "past": past,
        "access": context.get("access"),
        "request": context.get("request"),
    }


THIS_WEEK = 15  # the home page's "this week" shows this many; the calendar has the rest


@register.inclusion_tag("agenda/includes/this_week.html", takes_context=True)
def this_week(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    entries = (
        listing.this_week(user, today, limit=THIS_WEEK) if user is not None and user.is_authenticated else []
    )
    return {
        "entries": entries[:THIS_WEEK],
        "more": len(entries) > THIS_WEEK,
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
    }


@register.inclusion_tag("agenda/includes/notes.html")
def notes_of(person):
    """A person's briefing notes: those they delivered, and those of the units they are international contact
    for now (newest meetings first)."""
    from django.db.models import Q

    from arena.agenda.models import BriefingNote
    from arena.register.contacts import current_roles
    from arena.register.models import UnitRole

    units = current_roles(UnitRole.Role.INTERNATIONAL_CONTACT).filter(person=person).values("unit")
    condition = Q(unit__in=units)
    if person.user_id:
        condition |= Q(delivered_by=person.user_id)
    notes = (
        BriefingNote.objects.filter(condition)
        .select_related("item__meeting", "unit")
        .order_by("-item__meeting__starts_at", "item__position", "pk")[: LIMIT * 2]
    )
    return {"notes": list(notes)}
