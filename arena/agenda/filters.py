"""The agenda's list filters as FilterSets (arena.web.filters), shared by the API and its exports the same way
the register's lists share theirs."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from arena.agenda.models import BriefingNote, Deadline, Meeting, Obligation
from arena.register.models import Arena, Organisation
from arena.web.filters import ALL, ChoiceFilter, FilterSet, _kind, _named, _unit
from arena.web.widgets import FastSelect


def _year(field_name: str) -> df.NumberFilter:
    return df.NumberFilter(field_name=field_name, label=_("År"), min_value=1990, max_value=2100)


class MeetingFilterSet(FilterSet):
    kind = _kind(Meeting.Kind.choices)
    unit = _unit("attendee_units")
    arena = _named("arena", _("Arena"), Arena)
    year = _year("starts_at__year")
    starts_from = df.DateFilter(field_name="starts_at__date", lookup_expr="gte", label=_("Fra dato"))
    starts_to = df.DateFilter(field_name="starts_at__date", lookup_expr="lte", label=_("Til dato"))

    class Meta(FilterSet.Meta):
        model = Meeting


class BriefingNoteFilterSet(FilterSet):
    status = ChoiceFilter(
        field_name="status",
        label=_("Status"),
        choices=[("", ALL), *BriefingNote.Status.choices],
        widget=FastSelect,
    )
    unit = _unit("unit")
    meeting = df.NumberFilter(field_name="item__meeting", label=_("Møte (id)"), min_value=1)

    class Meta(FilterSet.Meta):
        model = BriefingNote


class ObligationFilterSet(FilterSet):
    unit = _unit("unit")
    organisation = _named("organisation", _("Organisasjon"), Organisation)
    arena = _named("arena", _("Arena"), Arena)
    is_active = df.BooleanFilter(field_name="is_active", label=_("Aktiv"))

    class Meta(FilterSet.Meta):
        model = Obligation


class DeadlineFilterSet(FilterSet):
    unit = _unit("obligation__unit")
    year = _year("due_on__year")
    delivered = df.BooleanFilter(
        field_name="delivered_at", lookup_expr="isnull", exclude=True, label=_("Levert")
    )

    class Meta(FilterSet.Meta):
        model = Deadline
