"""The one definition of how the register's lists are filtered: django-filter FilterSets that drive both the list
pages (arena/web) and the REST API (arena/api), so a filter means the same everywhere.

Every filter is optional. On a page an invalid value is reported on the form and that filter is left out; the
API answers it with 400. A filter across a many-to-many relation is a subquery, so it never repeats a row.
"""

import django_filters as df
from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from arena.register.models import Activity, Area, Arena, Country, Engagement, Organisation, Unit
from arena.register.models.base import active_in_year
from arena.register.normalize import normalize_name
from arena.register.stamps import REFERENCE_LISTS, memo
from arena.register.structure import unit_kind_order
from arena.register.years import activity_years
from arena.web.widgets import FastSelect, options_markup

ALL = _("Alle")


# The drop-downs' reference lists change seldom: their options are kept per process and language until one of
# their tables changes (REFERENCE_LISTS), instead of a query and a model instance per option on every page view.
@memo(REFERENCE_LISTS, key=lambda field: (field.choices_key, get_language()))
def _options(field) -> list[tuple[int, str]]:
    return [(field.prepare_value(obj), field.label_from_instance(obj)) for obj in field.queryset]


@memo(
    REFERENCE_LISTS,
    key=lambda field, chosen: (field.choices_key, get_language(), str(field.empty_label), chosen),
)
def _unselected_options(field, chosen: frozenset) -> str:
    return options_markup(KeptChoiceIterator(field), chosen)


class KeptChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from _options(self.field)

    def unselected_options(self, chosen: frozenset) -> str:
        """FastSelect's options when no row is chosen (`chosen` empty or only the empty value), the usual case
        on a list page: kept as markup too, since escaping about 250 country names was most of what remained
        of drawing a list's filters."""
        return _unselected_options(self.field, chosen)

    def __len__(self):
        return len(_options(self.field)) + (self.field.empty_label is not None)


class KeptModelChoiceField(forms.ModelChoiceField):
    """A drop-down of reference rows with its options kept (REFERENCE_LISTS); `choices_key` names the list —
    the same key must mean the same queryset. A chosen value is still checked against the database."""

    iterator = KeptChoiceIterator

    def __init__(self, *args, choices_key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices_key = choices_key


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.abbreviation} – {obj.name}" if obj.abbreviation else obj.name


class KeptUnitChoiceField(UnitChoiceField, KeptModelChoiceField):
    pass


class NamedEntityField(forms.CharField):
    """A name, abbreviation, alias or id typed by the user, resolved to the matching entities through the name
    table — a text field rather than a drop-down, so it stays fast with tens of thousands of arenas."""

    def __init__(self, *, model, **kwargs):
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)
        self.model = model

    def clean(self, value):
        value = (super().clean(value) or "").strip()
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


class LookupFilter(df.Filter):
    """Filters on `field_name` with the field's cleaned value: a plain indexed condition when the lookup is
    single-valued, else a subquery; several matching entities (a name typed in a text field) become `__in`."""

    field_class = forms.CharField

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        lookup = self.field_name
        if isinstance(value, QuerySet):
            lookup = f"{lookup}__in"
        if _single_valued(qs.model, lookup):
            return qs.filter(**{lookup: value})
        return qs.filter(pk__in=qs.model.objects.filter(**{lookup: value}).values("pk"))


class ChoiceFilter(LookupFilter):
    field_class = forms.ChoiceField


class TypedChoiceFilter(LookupFilter):
    field_class = forms.TypedChoiceField


class ModelChoiceFilter(LookupFilter):
    field_class = KeptModelChoiceField


class UnitFilter(LookupFilter):
    field_class = KeptUnitChoiceField


class NamedEntityFilter(LookupFilter):
    field_class = NamedEntityField


@extend_schema_field(OpenApiTypes.INT)
class YearActiveFilter(df.Filter):
    """Engagements whose period covers some day of the year."""

    field_class = forms.IntegerField

    def filter(self, qs, value):
        return qs.filter(active_in_year(value)) if value else qs


def _kind(choices) -> ChoiceFilter:
    return ChoiceFilter(field_name="kind", label=_("Type"), choices=[("", ALL), *choices], widget=FastSelect)


def _unit(field_name: str) -> UnitFilter:
    return UnitFilter(
        field_name=field_name,
        label=_("Enhet"),
        queryset=Unit.objects.order_by(unit_kind_order(), "name"),
        choices_key="units",
        empty_label=ALL,
        widget=FastSelect,
    )


def _model(field_name: str, label, queryset, choices_key: str) -> ModelChoiceFilter:
    return ModelChoiceFilter(
        field_name=field_name,
        label=label,
        queryset=queryset,
        choices_key=choices_key,
        empty_label=ALL,
        widget=FastSelect,
    )


def _country(field_name: str = "countries") -> ModelChoiceFilter:
    return _model(field_name, _("Land"), Country.objects.order_by("name"), "countries")


def _area() -> ModelChoiceFilter:
    areas = Area.objects.select_related("framework").order_by("framework__name", "number")
    return _model("areas", _("Satsningsområde eller mål"), areas, "areas")


def _named(field_name: str, label, model) -> NamedEntityFilter:
    return NamedEntityFilter(field_name=field_name, label=label, model=model)


def _year_choices():
    return [("", ALL), *((year, year) for year in activity_years())]


class FilterForm(forms.Form):
    """The form of every FilterSet: ids prefixed so they never clash with the page's other forms."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(field) for field in self.fields)


class FilterSet(df.FilterSet):
    class Meta:
        form = FilterForm
        fields: list[str] = []


class UnitFilterSet(FilterSet):
    kind = _kind(Unit.Kind.choices)

    class Meta(FilterSet.Meta):
        model = Unit


class OrganisationFilterSet(FilterSet):
    kind = _kind(Organisation.Kind.choices)

    class Meta(FilterSet.Meta):
        model = Organisation


class ArenaFilterSet(FilterSet):
    kind = _kind(Arena.Kind.choices)
    organisation = _named("organisation", _("Organisasjon"), Organisation)
    country = _country()

    class Meta(FilterSet.Meta):
        model = Arena


class EngagementFilterSet(FilterSet):
    year = YearActiveFilter(label=_("Aktiv i år"), min_value=1990, max_value=2100)
    unit = _unit("unit")
    partner = _model(
        "partner",
        _("Nasjonal partner"),
        Organisation.objects.filter(kind__in=Organisation.NATIONAL_KINDS).order_by("name"),
        "national-partners",
    )
    role = ChoiceFilter(
        field_name="role", label=_("Rolle"), choices=[("", ALL), *Engagement.Role.choices], widget=FastSelect
    )
    arena = _named("arena", _("Arena"), Arena)
    organisation = _named("arena__organisation", _("Organisasjon"), Organisation)
    area = _area()

    class Meta(FilterSet.Meta):
        model = Engagement


class ActivityFilterSet(FilterSet):
    year = TypedChoiceFilter(
        field_name="year", label=_("År"), coerce=int, empty_value=None, widget=FastSelect
    )
    unit = _unit("units")
    kind = _kind(Activity.Kind.choices)
    arena = _named("arenas", _("Arena"), Arena)
    organisation = _named("arenas__organisation", _("Organisasjon"), Organisation)
    country = _country()
    area = _area()

    class Meta(FilterSet.Meta):
        model = Activity

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _year_choices()  # read once, for validation and the drop-down


#: The filter of each list, by the name the pages and the API know it by.
FILTERSETS: dict[str, type[FilterSet]] = {
    "units": UnitFilterSet,
    "organisations": OrganisationFilterSet,
    "arenas": ArenaFilterSet,
    "engagements": EngagementFilterSet,
    "activities": ActivityFilterSet,
}
