"""Forms for creating and changing register records. Server-side validation with bokmål messages comes from
the models' constraints and `clean()`; these forms add the rules that depend on who is editing."""

import datetime

from django import forms
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from arena.register.models import (
    Activity,
    Area,
    Arena,
    Engagement,
    Organisation,
    Outlook,
    Person,
    Unit,
    UnitRole,
)
from arena.register.models.names import other_names
from arena.register.permissions import PROPOSABLE, UNIT_OWNED, Access
from arena.register.reference.frameworks import SDG
from arena.web.pickers import KIND_OF_MODEL
from arena.web.widgets import PickerSelect, PickerSelectMultiple

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearOrDateInput(forms.TextInput):
    """Shows a date that is a whole year's start (1 January) or end (31 December) as just the year."""

    def __init__(self, end: bool, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})
        self.end = end

    def format_value(self, value):
        if isinstance(value, datetime.date):
            whole_year = (value.month, value.day) == ((12, 31) if self.end else (1, 1))
            return str(value.year) if whole_year else value.isoformat()
        return super().format_value(value)


class YearOrDateField(forms.DateField):
    """A date, or just a year where people think in years: "2017" is 1 January 2017 as a start and
    31 December 2017 as an end. Full dates as 2017-03-05 or 5.3.2017."""

    input_formats = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
    default_error_messages = {
        "invalid": _("Skriv et år (for eksempel 2017) eller en dato (2017-03-05 eller 5.3.2017)."),
    }

    def __init__(self, *, end: bool = False, **kwargs):
        self.end = end
        kwargs.setdefault("widget", YearOrDateInput(end))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (value or "").strip() if isinstance(value, str) else value
        if isinstance(text, str) and text.isdigit() and len(text) == 4:
            year = int(text)
            if not 1900 <= year <= 2100:
                raise forms.ValidationError(_("Året må være mellom 1900 og 2100."), code="invalid_year")
            return datetime.date(year, 12, 31) if self.end else datetime.date(year, 1, 1)
        return super().to_python(text)


def areas_in_order():
    """Priority areas and goals as a person looks for them: the strategy's priority areas first, then the
    17 sustainable development goals, each in its own numbering."""
    last = Case(When(framework__code=SDG, then=Value(1)), default=Value(0), output_field=IntegerField())
    return Area.objects.select_related("framework").order_by(last, "framework__name", "number")


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"  # a web address typed without a scheme means https
    return model_field.formfield(**kwargs)


class RecordForm(forms.ModelForm):
    """Base: carries the history id the form was opened on (for conflict detection) and the editor's access."""

    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)
    pickers: tuple[
        str, ...
    ] = ()  # fields chosen with a search-as-you-type picker (arenas, organisations, land)

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
        for name in ("areas", "main_area"):
            if name in self.fields:
                self.fields[name].queryset = areas_in_order()
        for name in self.pickers:
            field = self.fields.get(name)
            if field is None:
                continue
            model = field.queryset.model
            if model in PROPOSABLE:  # others' pending proposals are neither offered nor accepted
                field.queryset = self.access.visible(field.queryset)
            url = reverse("picker", args=[KIND_OF_MODEL[model]])
            many = isinstance(field, forms.ModelMultipleChoiceField)
            field.widget = (PickerSelectMultiple if many else PickerSelect)(url)
            field.widget.choices = field.choices
            if model in PROPOSABLE and self.access.can_propose_entry():  # "Finner du ikke …? Foreslå en ny"
                field.widget.attrs["data-propose"] = reverse(
                    "suggestion-propose", args=[KIND_OF_MODEL[model]]
                )
                field.widget.attrs["data-propose-label"] = (
                    _("Finner du ikke arenaen? Foreslå en ny")
                    if model is Arena
                    else _("Finner du ikke organisasjonen? Foreslå en ny")
                )

    def _limit_units(self):
        """Offer only the units the editor may assign (the rule is `Access.may_assign_units`)."""
        allowed = self.access.assignable_unit_ids()
        if allowed is None:
            return
        for name in ("unit", "units"):
            if name in self.fields:
                self.fields[name].queryset = Unit.objects.filter(pk__in=allowed)

    def clean(self):
        data = super().clean()
        unit = data.get("unit")
        if "unit" in self.fields and unit is not None and self._meta.model in UNIT_OWNED:
            before = {self.instance.unit_id} if self.instance.pk and self.instance.unit_id else set()
            if not self.access.may_assign_units(before, {unit.pk}):
                self.add_error("unit", _("Du kan bare velge dine egne enheter."))
        return data

    def relations(self) -> dict:
        """The many-to-many fields of the form, as the write path takes them."""
        m2m = {f.name for f in self._meta.model._meta.many_to_many}
        return {
            name: self.cleaned_data[name] for name in self.fields if name in m2m and name in self.cleaned_data
        }

    def names(self) -> list[str] | None:
        """The entity's other names as entered (None: the form does not edit names)."""
        return None


class ActivityForm(RecordForm):
    pickers = ("arenas", "partners", "countries")

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
        units = data.get("units")
        allowed = self.access.assignable_unit_ids()
        if units is not None and self.instance.pk and allowed is not None:
            # A unit contact sees only their own units; the activity's other units stay as they were.
            others = self.instance.units.exclude(pk__in=allowed)
            data["units"] = Unit.objects.filter(
                pk__in=[*[u.pk for u in units], *others.values_list("pk", flat=True)]
            )
        units = data.get("units")
        if units is not None:
            before = set(self.instance.units.values_list("pk", flat=True)) if self.instance.pk else set()
            if not self.access.may_assign_units(before, {u.pk for u in units}):
                self.add_error("units", _("Du kan bare velge dine egne enheter."))
        return data


class EngagementForm(RecordForm):
    """A unit's engagement, or (the coordinator's alone) a national partner's: exactly one of the two."""

    pickers = ("arena",)

    class Meta(RecordForm.Meta):
        model = Engagement
        fields = ["unit", "partner", "arena", "role", "starts_on", "ends_on", "people", "areas", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, end in (("starts_on", False), ("ends_on", True)):  # people think of these in years
            old = self.fields[name]
            self.fields[name] = YearOrDateField(end=end, required=False, label=old.label, help_text=_(
                "Et år (2017) eller en dato (2017-03-05)."
            ))  # fmt: skip
        if not self.access.can_hold_for_partner():
            del self.fields["partner"]
            self.fields["unit"].required = True
        else:
            self.fields["unit"].help_text = _(
                "Enheten i direktoratet som deltar – eller velg en nasjonal partner."
            )
            self.fields["partner"].queryset = Organisation.objects.filter(
                kind__in=Organisation.NATIONAL_KINDS
            ).order_by("name")

    def clean(self):
        data = super().clean()
        one_holder = bool(data.get("unit")) != bool(data.get("partner"))
        if "partner" in self.fields and not self.errors and not one_holder:
            self.add_error(
                "partner", _("Velg enten en enhet i direktoratet eller en nasjonal partner (ikke begge).")
            )
        return data


class OutlookForm(RecordForm):
    pickers = ("arenas",)

    class Meta(RecordForm.Meta):
        model = Outlook
        fields = ["unit", "year", "text", "areas", "arenas"]


class NamedRecordForm(RecordForm):
    """Adds the entity's other names and spellings (one per line), which search and import match on."""

    other_names = forms.CharField(
        label=_("Andre navn og skrivemåter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ett navn per linje, for eksempel norske og engelske varianter og bøyde former."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("other_names", "\n".join(other_names(self.instance)))

    def clean_other_names(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["other_names"].splitlines()]
        names = list(dict.fromkeys(line for line in lines if line))
        too_long = [n for n in names if len(n) > 300]
        if too_long:
            raise forms.ValidationError(_("Et navn kan være høyst 300 tegn langt."))
        return names

    def names(self) -> list[str] | None:
        return self.cleaned_data.get("other_names", [])


class OrganisationForm(NamedRecordForm):
    pickers = ("parent", "country")

    class Meta(RecordForm.Meta):
        model = Organisation
        fields = ["name", "name_en", "abbreviation", "kind", "parent", "country", "website", "description"]


class ArenaForm(NamedRecordForm):
    pickers = ("organisation", "parent", "countries")

    class Meta(RecordForm.Meta):
        model = Arena
        fields = [
            "name", "name_en", "abbreviation", "kind", "organisation", "parent", "starts_on", "ends_on",
            "countries", "website", "description",
        ]  # fmt: skip


class UnitForm(NamedRecordForm):
    class Meta(RecordForm.Meta):
        model = Unit
        fields = ["name", "name_en", "abbreviation", "kind", "parent", "is_coordinator", "description"]


class PersonForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Person
        fields = ["given_name", "family_name", "email", "title"]


class UnitRoleForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = UnitRole
        fields = ["person", "unit", "role", "starts_on", "ends_on"]
