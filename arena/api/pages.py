"""The user's page of API tokens (/konto/api-nokler/): list, make (the token is shown once) and revoke."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from arena.api import tokens
from arena.api.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Navn"),
        max_length=100,
        help_text=gettext_lazy("Hva nøkkelen skal brukes til, for eksempel «Rapport i Power BI»."),
    )


def token_list(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _row, new_token = tokens.create(request.user, form.cleaned_data["name"], by=request.access)
        form = TokenForm()
    return render(
        request,
        "api/token_list.html",
        {"form": form, "tokens": tokens.tokens_of(request.user), "new_token": new_token},
    )


@require_POST
def token_revoke(request, pk: int):
    row = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke(row, by=request.access)
    messages.success(request, _("API-nøkkelen er trukket tilbake."))
    return redirect("api-tokens")
