"""GET filter forms for the list pages. Every field is optional; an invalid value is reported on the form
and that filter is left out."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from arena.register.models import Activity, Area, Arena, Country, Engagement, Organisation, Unit
from arena.register.models.base import active_in_year
from arena.register.normalize import normalize_name
from arena.register.structure import unit_kind_order
from arena.register.years import activity_years
from arena.web.widgets import FastSelect

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
        widget=FastSelect,
    )


def _choice_field(label, queryset) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label, required=False, queryset=queryset, empty_label=ALL, widget=FastSelect
    )


class NamedEntityField(forms.CharField):
    """A name, abbreviation or alias typed by the user, resolved to the matching entities through the name
    table — a text field rather than a drop-down, so it stays fast with tens of thousands of arenas."""

    def __init__(self, label, model, **kwargs):
        super().__init__(label=label, required=False, max_length=300, **kwargs)
        self.model = model

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return None
        if value.isdigit():
            matches = self.model.objects.filter(pk=int(value))
        else:
            matches = self.model.objects.filter(
                aliases__normalized__contains=normalize_name(value)
            ).distinct()
        if not matches.exists():
            raise forms.ValidationError(_("Fant ingen med dette navnet."))
        return matches


def _arena_field():
    return NamedEntityField(_("Arena"), Arena)


def _organisation_field():
    return NamedEntityField(_("Organisasjon"), Organisation)


def _country_field():
    return _choice_field(_("Land"), Country.objects.order_by("name"))


def _area_field():
    return _choice_field(
        _("Satsningsområde eller mål"),
        Area.objects.select_related("framework").order_by("framework__name", "number"),
    )


def _kind_field(choices) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", ALL), *choices], widget=FastSelect
    )


def _single_valued(model, lookup: str) -> bool:
    """True if `lookup` follows only fields and forward foreign keys, so filtering on it can never repeat a
    row (and needs no subquery)."""
    for part in lookup.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:  # noqa: BLE001 - a lookup such as "in", not a field
            return True
        if field.many_to_many or field.one_to_many:
            return False
        if not field.is_relation:
            return True
        model = field.related_model
    return True


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
                if isinstance(value, QuerySet):  # several matching entities (a name typed in a text field)
                    lookup, value = f"{lookup}__in", value
                if _single_valued(queryset.model, lookup):
                    queryset = queryset.filter(**{lookup: value})  # a plain indexed condition
                else:
                    # A subquery, so a filter across a many-to-many relation never repeats a row.
                    matching = queryset.model.objects.filter(**{lookup: value}).values("pk")
                    queryset = queryset.filter(pk__in=matching)
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
    organisation = _organisation_field()
    country = _country_field()
    lookups = {"kind": "kind", "organisation": "organisation", "country": "countries"}


class EngagementFilterForm(FilterForm):
    year = forms.IntegerField(label=_("Aktiv i år"), required=False, min_value=1990, max_value=2100)
    unit = _unit_field()
    partner = _choice_field(
        _("Nasjonal partner"),
        Organisation.objects.filter(kind__in=Organisation.NATIONAL_KINDS).order_by("name"),
    )
    role = forms.ChoiceField(
        label=_("Rolle"), required=False, choices=[("", ALL), *Engagement.Role.choices], widget=FastSelect
    )
    arena = _arena_field()
    organisation = _organisation_field()
    area = _area_field()
    lookups = {
        "unit": "unit",
        "partner": "partner",
        "role": "role",
        "arena": "arena",
        "organisation": "arena__organisation",
        "area": "areas",
    }

    def filter(self, queryset):
        queryset = super().filter(queryset)
        year = self.cleaned_data.get("year")
        return queryset.filter(active_in_year(year)) if year else queryset


class ActivityFilterForm(FilterForm):
    year = forms.TypedChoiceField(
        label=_("År"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    unit = _unit_field()
    kind = _kind_field(Activity.Kind.choices)
    arena = _arena_field()
    organisation = _organisation_field()
    country = _country_field()
    area = _area_field()
    lookups = {
        "year": "year",
        "unit": "units",
        "kind": "kind",
        "arena": "arenas",
        "organisation": "arenas__organisation",
        "country": "countries",
        "area": "areas",
    }

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        years = activity_years()
        self.fields["year"].choices = [("", ALL), *((year, year) for year in years)]
