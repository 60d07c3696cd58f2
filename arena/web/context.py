"""Template context shared by every page."""

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, resolve, reverse

# First part of a URL name -> the navigation entry it belongs to ("unit-detail" -> "unit").
_SECTIONS = {
    "home",
    "unit",
    "organisation",
    "arena",
    "engagement",
    "activity",
    "search",
    "dashboard",
    "country",
    "area",
    "ingest",
    "reporting",
    "agenda",
    "monitoring",
    "suggestion",
}
# The entries grouped under "Registeret" in the main menu.
REGISTER_SECTIONS = frozenset(
    {"unit", "organisation", "arena", "engagement", "activity", "country", "area", "suggestion"}
)


def _language_switch_is_public() -> bool:
    """True if Django's set_language view is reachable without signing in (exempt from
    LoginRequiredMiddleware); only then is the language switch offered on the sign-in page."""
    try:
        view = resolve(reverse("set_language")).func
    except NoReverseMatch:
        return False
    return getattr(view, "login_required", True) is False


def arena(request):
    match = getattr(request, "resolver_match", None)
    url_name = (match.url_name or "") if match else ""
    section = url_name.split("-", 1)[0]
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "nav_section": section if section in _SECTIONS else "",
        "register_sections": REGISTER_SECTIONS,
        "script_prefix": get_script_prefix(),  # part of kept fragments' keys: their links begin with it
        # A callable, so templates evaluate it only where they ask (the signed-out header), not on every page.
        "language_switch_public": _language_switch_is_public,
        # The user's permissions, computed once per request (arena.register.permissions.AccessMiddleware).
        "access": getattr(request, "access", None),
    }
