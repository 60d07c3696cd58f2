"""The invitations' list filters as a FilterSet (arena.web.filters), used by the API and its exports: status,
unit, arena, kind, when it arrived, and a registration deadline before a day."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from arena.invitations.models import Invitation
from arena.register.models import Arena
from arena.web.filters import ALL, ChoiceFilter, FilterSet, _kind, _named, _unit
from arena.web.widgets import FastSelect


class InvitationFilterSet(FilterSet):
    status = ChoiceFilter(
        field_name="status",
        label=_("Status"),
        choices=[("", ALL), *Invitation.Status.choices],
        widget=FastSelect,
    )
    unit = _unit("unit")
    arena = _named("arena", _("Arena"), Arena)
    kind = _kind(Invitation.Kind.choices)
    year = df.NumberFilter(
        field_name="received_at__year", label=_("År mottatt"), min_value=1990, max_value=2100
    )
    received_from = df.DateFilter(field_name="received_at__date", lookup_expr="gte", label=_("Mottatt fra"))
    received_to = df.DateFilter(field_name="received_at__date", lookup_expr="lte", label=_("Mottatt til"))
    deadline_before = df.DateFilter(field_name="deadline", lookup_expr="lt", label=_("Påmeldingsfrist før"))

    class Meta(FilterSet.Meta):
        model = Invitation
