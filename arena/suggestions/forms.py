"""The proposal forms (a new arena, a new organisation) and the coordinator's decision forms."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from arena.register.models import Arena, Organisation
from arena.web.edit_forms import RecordForm
from arena.web.pickers import KIND_OF_MODEL
from arena.web.widgets import PickerSelect

REASON = forms.CharField(
    label=_("Hvorfor trengs den?"),
    required=False,
    max_length=2000,
    widget=forms.Textarea(attrs={"rows": 3}),
    help_text=_("For eksempel hva dere gjør der, eller hvor navnet kommer fra. Koordinator leser dette."),
)


class ProposalForm(RecordForm):
    """Base: the reason, and the names the "Mente du …?" candidates are looked up by."""

    reason = REASON

    def names(self) -> list[str]:
        data = self.cleaned_data
        return [data.get("name", ""), data.get("name_en", ""), data.get("abbreviation", "")]


class ArenaProposalForm(ProposalForm):
    pickers = ("organisation", "parent")

    class Meta(RecordForm.Meta):
        model = Arena
        fields = ["name", "abbreviation", "kind", "organisation", "parent", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("organisation", "parent"):  # no "propose another" from inside a proposal
            self.fields[name].widget.attrs.pop("data-propose", None)
            self.fields[name].widget.attrs.pop("data-propose-label", None)
        self.fields["organisation"].help_text = _("Organisasjonen arenaen hører inn under, om du vet det.")
        self.fields["parent"].help_text = _(
            "Om arenaen er en undergruppe av en annen arena eller et program."
        )


class OrganisationProposalForm(ProposalForm):
    pickers = ("country",)

    class Meta(RecordForm.Meta):
        model = Organisation
        fields = ["name", "abbreviation", "country", "kind"]


FORMS = {"arenaer": ArenaProposalForm, "organisasjoner": OrganisationProposalForm}


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar til den som foreslo"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MergeForm(DecisionForm):
    """The existing entry to merge into, chosen with the register's picker."""

    target = forms.ModelChoiceField(queryset=Arena.objects.none(), label=_("Slå sammen med"))

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        model = type(record)
        field = self.fields["target"]
        field.queryset = model.objects.exclude(pk=record.pk)
        field.help_text = _(
            "Den eksisterende oppføringen som forslaget egentlig er. Søk på navn eller forkortelse."
        )
        field.widget = PickerSelect(reverse("picker", args=[KIND_OF_MODEL[model]]))
        field.widget.choices = field.choices
        field.error_messages["invalid_choice"] = _("Velg en eksisterende oppføring fra listen.")
        if model is Organisation:
            field.label = _("Slå sammen med organisasjonen")
        else:
            field.label = _("Slå sammen med arenaen")
