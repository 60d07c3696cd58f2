"""Template helpers for the register's pages."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def local_name(obj) -> str:
    """The object's name in the active language: `name_en` under English when it is filled in, else `name`.

    Works for units, organisations, arenas, frameworks and areas; anything else falls back to str().
    """
    if obj is None:
        return ""
    name = getattr(obj, "name", None)
    if name is None:
        return str(obj)
    if (get_language() or "").startswith("en"):
        return getattr(obj, "name_en", "") or name
    return name
