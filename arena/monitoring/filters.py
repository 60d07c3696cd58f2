"""The item list's filters (django-filter), in the pattern of arena/web/filters.py: every filter optional, an
invalid value reported on the form; many-to-many filters are subqueries, so no row repeats. The queryset is
scoped by `Access.monitoring_items` before filtering, so a filter can never reveal a team item."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from arena.monitoring.models import AccessLevel, MonitoringItem, SourceKind, Topic
from arena.register.models import Country
from arena.register.normalize import normalize_name
from arena.register.textsearch import occurs
from arena.web.filters import ModelChoiceFilter
from arena.web.widgets import FastSelect


class MonitoringItemFilter(df.FilterSet):
    q = df.CharFilter(label=_("Tekst"), method="filter_text")
    country = ModelChoiceFilter(  # its options kept per process (arena/web/filters.py)
        label=_("Land"),
        queryset=Country.objects.all(),
        to_field_name="code",
        choices_key="country-codes",
        method="filter_country",
        widget=FastSelect,
    )
    topic = ModelChoiceFilter(  # kept too
        label=_("Tema"),
        queryset=Topic.objects.all(),
        to_field_name="key",
        choices_key="topic-keys",
        method="filter_topic",
        widget=FastSelect,
    )
    source_kind = df.ChoiceFilter(
        label=_("Kildetype"), choices=SourceKind.choices, empty_label=_("Alle"), widget=FastSelect
    )
    access_level = df.ChoiceFilter(
        label=_("Tilgang"), choices=AccessLevel.choices, empty_label=_("Alle"), widget=FastSelect
    )
    date_from = df.DateFilter(label=_("Fra dato"), field_name="date", lookup_expr="gte")
    date_to = df.DateFilter(label=_("Til dato"), field_name="date", lookup_expr="lte")

    class Meta:
        model = MonitoringItem
        fields = []

    def filter_text(self, queryset, name, value):
        for word in normalize_name(value).split()[:10]:
            queryset = queryset.filter(
                occurs(word, "title", "icontains") | occurs(word, "summary", "icontains")
            )
        return queryset

    def filter_country(self, queryset, name, value):
        return queryset.filter(pk__in=MonitoringItem.objects.filter(countries=value).values("pk"))

    def filter_topic(self, queryset, name, value):
        return queryset.filter(pk__in=MonitoringItem.objects.filter(topics=value).values("pk"))
