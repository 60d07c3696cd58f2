"""The signed-in user's notifications ("Varsler") and their e-mail choices per kind. Thin views."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena.notifications.kinds import KINDS
from arena.notifications.models import EmailOptOut, Notification


def notification_list(request):
    notifications = list(Notification.objects.filter(recipient=request.user)[:200])
    return render(request, "notifications/list.html", {"notifications": notifications})


@require_POST
def mark_read(request, pk: int | None = None):
    mine = Notification.objects.filter(recipient=request.user, read_at__isnull=True)
    if pk is not None:
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        mine.filter(pk=notification.pk).update(read_at=timezone.now())
        return redirect(notification.get_absolute_url())
    mine.update(read_at=timezone.now())
    messages.success(request, _("Alle varsler er merket som lest."))
    return redirect("notification-list")


class PreferencesForm(forms.Form):
    def __init__(self, *args, opted_out: set[str], **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        for key, kind in KINDS.items():
            self.fields[key] = forms.BooleanField(
                label=kind.label, help_text=kind.description, required=False, initial=key not in opted_out
            )


def preferences(request):
    opted_out = set(EmailOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    form = PreferencesForm(request.POST or None, opted_out=opted_out)
    if request.method == "POST" and form.is_valid():
        off = {key for key, wanted in form.cleaned_data.items() if not wanted}
        EmailOptOut.objects.filter(user=request.user).exclude(kind__in=off).delete()
        for kind in off - opted_out:
            EmailOptOut.objects.get_or_create(user=request.user, kind=kind)
        messages.success(request, _("Valgene for e-post er lagret."))
        return redirect("notification-preferences")
    return render(request, "notifications/preferences.html", {"form": form})
