"""Who may do what in the register — the one set of rules for views, the API and background jobs.

Personas:
- coordinator: a superuser, or a person with a current *coordinator* role on the coordinating unit. Edits
  everything.
- unit contact: a person with a current *international contact* role on a unit (today within its period). Edits that unit's (and its
  sub-units') engagements, activities and outlooks.
- reader: any other signed-in user (leaders, the ministry). Reads everything, changes nothing.
Anonymous users may do nothing (the middleware sends them to the sign-in page).
"""

from functools import cached_property

from django.db.models import Q, QuerySet
from django.utils import timezone

from arena.register.models import Activity, Engagement, Outlook, Person, Unit, UnitRole

# Models a unit contact may change when they belong to one of the contact's units.
UNIT_OWNED = (Engagement, Activity, Outlook)


class Access:
    """What one user may do; compute once per request (`access_for(user)`)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def _open_roles(self) -> QuerySet:
        if not self.user.is_authenticated:
            return UnitRole.objects.none()
        today = timezone.localdate()
        return UnitRole.objects.filter(person__user=self.user).filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=today),
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
        )

    @cached_property
    def is_coordinator(self) -> bool:
        if not self.user.is_authenticated:
            return False
        return (
            self.user.is_superuser
            or self._open_roles.filter(role=UnitRole.Role.COORDINATOR, unit__is_coordinator=True).exists()
        )

    @cached_property
    def contact_unit_ids(self) -> frozenset[int]:
        """The units this user is international contact for, with all their sub-units."""
        ids = set(
            self._open_roles.filter(role=UnitRole.Role.INTERNATIONAL_CONTACT).values_list("unit", flat=True)
        )
        frontier = set(ids)
        while frontier:
            frontier = set(Unit.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - ids
            ids |= frontier
        return frozenset(ids)

    @property
    def persona(self) -> str:
        if not self.user.is_authenticated:
            return "anonymous"
        if self.is_coordinator:
            return "coordinator"
        return "unit_contact" if self.contact_unit_ids else "reader"

    def can_view(self, obj=None) -> bool:
        return self.user.is_authenticated

    def can_create(self, model) -> bool:
        return self.is_coordinator or (model in UNIT_OWNED and bool(self.contact_unit_ids))

    def can_change(self, obj) -> bool:
        if self.is_coordinator:
            return True
        if not self.contact_unit_ids or not isinstance(obj, UNIT_OWNED):
            return False
        return bool(owning_unit_ids(obj) & self.contact_unit_ids)

    can_delete = can_change

    def can_restore(self, obj) -> bool:
        """Restoring an earlier version is the coordinator's."""
        return self.is_coordinator

    def can_view_history(self, obj) -> bool:
        """Everyone signed in sees a record's history — except for people and their roles, whose history holds
        personal data (e-mail addresses, accounts): that is the coordinator's."""
        if isinstance(obj, (Person, UnitRole)):
            return self.is_coordinator
        return self.user.is_authenticated

    def may_assign_units(self, unit_ids) -> bool:
        """A unit contact may only attach their own units to a record they create or change."""
        return self.is_coordinator or set(unit_ids) <= self.contact_unit_ids

    def editable(self, queryset: QuerySet) -> QuerySet:
        """The rows of `queryset` this user may change."""
        model = queryset.model
        if self.is_coordinator:
            return queryset
        if model not in UNIT_OWNED or not self.contact_unit_ids:
            return queryset.none()
        field = "units" if model is Activity else "unit"
        return queryset.filter(Q(**{f"{field}__in": self.contact_unit_ids})).distinct()


def owning_unit_ids(obj) -> set[int]:
    """The units that own a unit-owned record (an activity may have several)."""
    if isinstance(obj, Activity):
        return set(obj.units.values_list("pk", flat=True)) if obj.pk else set()
    return {obj.unit_id} if obj.unit_id else set()


def access_for(user) -> Access:
    return Access(user)
