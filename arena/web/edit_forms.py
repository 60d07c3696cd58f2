"""Forms for creating and changing register records. Server-side validation with bokmål messages comes from
the models' constraints and `clean()`; these forms add the rules that depend on who is editing."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from arena.register.models import Activity, Area, Arena, Engagement, Organisation, Outlook, Unit
from arena.register.permissions import Access

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"  # a web address typed without a scheme means https
    return model_field.formfield(**kwargs)


class RecordForm(forms.ModelForm):
    """Base: carries the history id the form was opened on (for conflict detection) and the editor's access."""

    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        formfield_callback = _formfield

    def __init__(self, *args, access: Access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        for name in ("starts_on", "ends_on"):
            if name in self.fields:
                self.fields[name].widget = DATE
        if "unit" in self.fields or "units" in self.fields:
            self._limit_units()

    def _limit_units(self):
        """A unit contact may only choose their own units."""
        if self.access.is_coordinator:
            return
        for name in ("unit", "units"):
            if name in self.fields:
                self.fields[name].queryset = Unit.objects.filter(pk__in=self.access.contact_unit_ids)


class ActivityForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Activity
        fields = [
            "year", "title", "kind", "description", "units", "arenas", "partners", "countries", "main_area",
            "areas",
        ]  # fmt: skip

    def clean(self):
        data = super().clean()
        main, areas = data.get("main_area"), data.get("areas")
        if main is not None and areas is not None and main not in areas:
            data["areas"] = Area.objects.filter(pk__in=[main.pk, *[a.pk for a in areas]])
        if not data.get("units") and "units" not in self.errors:
            self.add_error("units", _("Velg minst én ansvarlig enhet."))
        return data


class EngagementForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Engagement
        fields = ["unit", "arena", "role", "starts_on", "ends_on", "people", "areas", "note"]


class OutlookForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Outlook
        fields = ["unit", "year", "text", "areas", "arenas"]


class OrganisationForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Organisation
        fields = ["name", "name_en", "abbreviation", "kind", "parent", "country", "website", "description"]


class ArenaForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Arena
        fields = [
            "name", "name_en", "abbreviation", "kind", "organisation", "parent", "starts_on", "ends_on",
            "countries", "website", "description",
        ]  # fmt: skip


class UnitForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Unit
        fields = ["name", "name_en", "abbreviation", "kind", "parent", "is_coordinator", "description"]
