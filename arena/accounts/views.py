"""Account pages: change one's own password (every signed-in user; SSO users without a local password set
one here only if they want emergency access). The lockout page is rendered by django-axes
(AXES_LOCKOUT_TEMPLATE)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps the user signed in (session hash updated)
        messages.success(self.request, _("Passordet er endret."))
        return response


def locked_out(request, response, credentials):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): a page in bokmål saying for how long, status 429."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "lockout_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "accounts/locked_out.html", context, status=429)
