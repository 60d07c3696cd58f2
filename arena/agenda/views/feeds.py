"""Calendar feeds: the page with the personal address (renewable), the feeds behind the secret address (no
sign-in), and the unit's and arena's .ics for signed-in users."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena.agenda import feeds
from arena.agenda.views.common import ics_response, with_nav
from arena.notifications.service import absolute_url
from arena.register.models import Arena, Unit


def feeds_page(request):
    token = feeds.token_for(request.user)
    personal = absolute_url(reverse("agenda-feed", args=[token.token]))
    units = Unit.objects.filter(pk__in=request.access.contact_unit_ids).order_by("name")
    return render(
        request,
        "agenda/feeds.html",
        with_nav(
            {
                "personal": personal,
                "token": token,
                "units": [
                    (u, absolute_url(reverse("agenda-feed-unit", args=[token.token, u.pk]))) for u in units
                ],
            }
        ),
    )


@require_POST
def token_renew(request):
    feeds.renew_token(request.user)
    messages.success(request, _("Kalenderadressen er fornyet. Den gamle adressen virker ikke lenger."))
    return redirect("agenda-feeds")


def _token_user(token: str):
    user = feeds.user_for_token(token)
    if user is None:
        raise Http404
    return user


@login_not_required
def feed(request, token: str):
    user = _token_user(token)
    return ics_response(feeds.user_feed(user), "arena.ics")


@login_not_required
def feed_unit(request, token: str, pk: int):
    _token_user(token)
    unit = get_object_or_404(Unit, pk=pk)
    return ics_response(feeds.unit_feed(unit), f"enhet-{unit.pk}.ics")


@login_not_required
def feed_arena(request, token: str, pk: int):
    _token_user(token)
    arena = get_object_or_404(Arena, pk=pk)
    return ics_response(feeds.arena_feed(arena), f"arena-{arena.pk}.ics")


def unit_ics(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    return ics_response(feeds.unit_feed(unit), f"enhet-{unit.pk}.ics")


def arena_ics(request, pk: int):
    arena = get_object_or_404(Arena, pk=pk)
    return ics_response(feeds.arena_feed(arena), f"arena-{arena.pk}.ics")
