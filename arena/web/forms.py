"""GET filter forms for the list pages. Every field is optional; an invalid value is reported on the form
and that filter is left out."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arena.register.models import Activity, Arena, Engagement, Organisation, Unit
from arena.web.ordering import unit_kind_order

ALL = _("Alle")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.abbreviation} – {obj.name}" if obj.abbreviation else obj.name


def _unit_field() -> UnitChoiceField:
    return UnitChoiceField(
        label=_("Enhet"),
        required=False,
        queryset=Unit.objects.order_by(unit_kind_order(), "name"),
        empty_label=ALL,
    )


def _kind_field(choices) -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Type"), required=False, choices=[("", ALL), *choices])


class FilterForm(forms.Form):
    """Base for the filter forms: maps each field to the queryset lookup it filters on."""

    lookups: dict[str, str] = {}

    def __init__(self, data, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(data, **kwargs)

    def filter(self, queryset):
        self.is_valid()
        for field, lookup in self.lookups.items():
            value = self.cleaned_data.get(field)
            if value not in (None, ""):
                queryset = queryset.filter(**{lookup: value})
        return queryset

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(field) for field in self.fields)


class UnitFilterForm(FilterForm):
    kind = _kind_field(Unit.Kind.choices)
    lookups = {"kind": "kind"}


class OrganisationFilterForm(FilterForm):
    kind = _kind_field(Organisation.Kind.choices)
    lookups = {"kind": "kind"}


class ArenaFilterForm(FilterForm):
    kind = _kind_field(Arena.Kind.choices)
    lookups = {"kind": "kind"}


class EngagementFilterForm(FilterForm):
    unit = _unit_field()
    role = forms.ChoiceField(label=_("Rolle"), required=False, choices=[("", ALL), *Engagement.Role.choices])
    lookups = {"unit": "unit", "role": "role"}


class ActivityFilterForm(FilterForm):
    year = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)
    unit = _unit_field()
    lookups = {"year": "year", "unit": "units"}

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        years = Activity.objects.order_by("-year").values_list("year", flat=True).distinct()
        self.fields["year"].choices = [("", ALL), *((year, year) for year in years)]
