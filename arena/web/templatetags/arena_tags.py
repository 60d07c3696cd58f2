"""Template helpers for the register's pages."""

from django import template
from django.utils.html import format_html_join

from arena.register import language

register = template.Library()


@register.filter
def local_name(obj) -> str:
    """{{ arena|local_name }}: the name in the active language (arena.register.language.local_name)."""
    return language.local_name(obj)


@register.filter
def link_list(links) -> str:
    """[(url, text), …] as links separated by commas, each url and text escaped (rows of arena/web/listing.py)."""
    return format_html_join(", ", '<a href="{}">{}</a>', links)


@register.filter
def record_section(obj) -> str:
    """The URL section ("aktiviteter", "arenaer", …) that edits this kind of record, or ""."""
    from arena.web.editing import EDITABLE

    return next((key for key, spec in EDITABLE.items() if isinstance(obj, spec.model)), "")


@register.filter
def can_change(access, obj) -> bool:
    """{% if access|can_change:object %} — the request's `Access`, for showing buttons (the views enforce)."""
    return bool(access) and access.can_change(obj)


@register.filter
def can_create(access, section: str) -> bool:
    """{% if access|can_create:"aktiviteter" %} — may this user create records of that edit section?"""
    from arena.web.editing import EDITABLE

    spec = EDITABLE.get(section)
    return bool(access) and spec is not None and access.can_create(spec.model)


@register.filter
def can_add_activity_for(access, unit) -> bool:
    """{% if access|can_add_activity_for:unit %} — the unit page's "Ny aktivitet"."""
    from arena.register.models import Activity

    return bool(access) and access.can_create_for(Activity, unit)


@register.filter
def can_add_engagement_for(access, unit) -> bool:
    """{% if access|can_add_engagement_for:unit %} — the unit page's "Ny deltakelse"."""
    from arena.register.models import Engagement

    return bool(access) and access.can_create_for(Engagement, unit)


@register.filter
def can_import(access) -> bool:
    """{% if access|can_import %} — the import pages (the menu shows them only to those who may import)."""
    return bool(access) and access.can_import()


@register.filter
def model_verbose_name(model) -> str:
    return str(model._meta.verbose_name)


# Inline SVG bar charts (web/includes/bar_chart.html)
CHART_ROW = 26
CHART_BAR_MAX = 400


@register.filter
def chart_row_y(index: int) -> int:
    return 4 + index * CHART_ROW


@register.filter
def chart_height(rows: int) -> int:
    return 8 + max(rows, 1) * CHART_ROW


@register.filter
def chart_bar(value: int, maximum: int) -> int:
    return round(CHART_BAR_MAX * value / maximum) if maximum else 0


@register.filter
def can_propose_entry(access) -> bool:
    """{% if access|can_propose_entry %} — the menu's "Forslag" (arena.suggestions)."""
    return bool(access) and access.can_propose_entry()
