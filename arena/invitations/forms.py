"""Forms of the invitation pages (validation only; the work is in intake.py and workflow.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from arena.invitations.models import Invitation
from arena.register.models import Person, Unit


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Lagret e-post (.eml eller .msg)"),
        help_text=_("Lagre e-posten fra e-postprogrammet (Outlook: «Lagre som» → .msg) og last den opp her."),
    )


class ManualForm(forms.Form):
    """An invitation received by other means (a letter, a phone call, a meeting)."""

    subject = forms.CharField(label=_("Emne eller tittel"), max_length=500)
    sender_name = forms.CharField(label=_("Avsender"), max_length=300, required=False)
    sender_email = forms.EmailField(label=_("Avsenders e-post"), max_length=300, required=False)
    text = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Lim inn invitasjonen; Arena leser arena, datoer, sted og frist fra teksten."),
    )


def _unit_choices():
    return Unit.objects.order_by("name")


class RouteForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Enhet"), queryset=Unit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _unit_choices()


class TriageForm(RouteForm):
    """The coordinator's routing of an invitation in triage, correcting the arena Arena read if need be."""

    arena = forms.CharField(
        label=_("Arena"),
        max_length=300,
        required=False,
        help_text=_("Navn eller forkortelse, slik registeret kjenner arenaen. Tomt: uendret."),
    )

    def clean_arena(self):
        from arena.register.names import find_arenas

        name = self.cleaned_data.get("arena", "").strip()
        if not name:
            return None
        found = list(find_arenas(name)[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                _("Fant ingen arena med navnet «%(name)s».") % {"name": name}
                if not found
                else _("Flere arenaer heter «%(name)s»; skriv hele navnet.") % {"name": name}
            )
        return found[0]


class ForwardForm(RouteForm):
    reason = forms.CharField(
        label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AcceptForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("Hvem deltar"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        from arena.register.contacts import current_roles
        from arena.register.structure import UnitTree

        ids = UnitTree.load().descendants({invitation.unit_id}) if invitation.unit_id else set()
        # the people of the unit (and those above: a division's contact may attend for a department)
        unit = invitation.unit
        while unit is not None and unit.parent_id:
            unit = unit.parent
            ids.add(unit.pk)
        people = current_roles().filter(unit__in=ids).values("person")
        self.fields["people"].queryset = Person.objects.filter(pk__in=people).order_by(
            "family_name", "given_name"
        )
        self.fields["people"].label_from_instance = lambda p: f"{p.given_name} {p.family_name}"


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notat fra møtet"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text=_("Kort: hva skjedde, hva betyr det for oss. Notatet blir årets aktivitet for enheten."),
    )
