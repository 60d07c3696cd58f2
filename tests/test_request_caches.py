"""What pages keep between requests, and that it never shows anything stale: detail addresses (arena/urlcache.py),
choice labels (register/models/labels.py) and the filter forms' reference lists (web/filters.py, kept until
their tables change, arena/register/stamps.py)."""

import pytest
from django.db import transaction
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from arena.register.models import Activity, Country, Unit
from arena.urlcache import reverse_id
from arena.web.filters import ActivityFilterSet, EngagementFilterSet

ID_ROUTES = [
    "activity-detail",
    "arena-detail",
    "unit-detail",
    "organisation-detail",
    "engagement-detail",
    "agenda-meeting",
    "invitation",
    "monitoring-item",
]


@pytest.mark.parametrize("prefix", ["/", "/arena/"])
def test_detail_addresses_are_what_reverse_gives(prefix):
    set_script_prefix(prefix)
    try:
        for name in ID_ROUTES:
            for pk in (1, 42, 918273645, 10**17):
                assert reverse_id(name, pk) == reverse(name, args=[pk])
        assert reverse_id("activity-detail", 7).startswith(prefix)
    finally:
        set_script_prefix("/")
    assert reverse_id("activity-detail", 7) == "/aktiviteter/7/"
    with pytest.raises(NoReverseMatch):
        reverse_id("agenda-obligations", 7)  # no id in that address


def test_choice_labels_follow_the_language_and_keep_unknown_values():
    activity = Activity(year=2020, title="Møte", kind=Activity.Kind.REPORTING)
    assert activity.get_kind_display() == "Rapportering"
    with translation.override("en"):
        assert activity.get_kind_display() == "Reporting"
    assert activity.get_kind_display() == "Rapportering"
    assert Activity(kind="finnes-ikke").get_kind_display() == "finnes-ikke"


def _options(filterset_class, field):
    html = str(filterset_class({}).form[field])
    return html.count("<option")


@pytest.mark.django_db(transaction=True)  # kept only outside a transaction
def test_filter_lists_are_kept_until_their_table_changes(django_assert_num_queries):
    Unit.objects.create(name="Avdeling A", abbreviation="AA", kind="department")
    Country.objects.get_or_create(code="NO", defaults={"name": "Norge"})
    units = _options(ActivityFilterSet, "unit")
    activities, engagements = ActivityFilterSet({}).form, EngagementFilterSet({}).form
    with django_assert_num_queries(0):
        assert str(activities["unit"]).count("<option") == units  # kept: no query
        assert str(engagements["unit"]).count("<option") == units  # the same list on another page
    Unit.objects.create(name="Avdeling B", abbreviation="AB", kind="department")
    assert _options(ActivityFilterSet, "unit") == units + 1
    assert "Avdeling B" in str(ActivityFilterSet({}).form["unit"])
    Unit.objects.filter(abbreviation="AB").delete()
    assert _options(ActivityFilterSet, "unit") == units
    with transaction.atomic():  # read inside a transaction, not kept
        Unit.objects.create(name="Avdeling C", abbreviation="AC", kind="department")
        assert _options(ActivityFilterSet, "unit") == units + 1
        transaction.set_rollback(True)
    assert _options(ActivityFilterSet, "unit") == units


@pytest.mark.django_db(transaction=True)
def test_filter_lists_are_kept_per_language():
    Country.objects.update_or_create(code="DE", defaults={"name": "Tyskland", "name_en": "Germany"})
    assert "Tyskland" in str(ActivityFilterSet({}).form["country"])
    with translation.override("en"):
        assert "Germany" in str(ActivityFilterSet({}).form["country"])
    assert "Tyskland" in str(ActivityFilterSet({}).form["country"])


@pytest.mark.django_db(transaction=True)
def test_a_kept_list_still_checks_the_chosen_value():
    unit = Unit.objects.create(name="Avdeling A", abbreviation="AA", kind="department")
    str(ActivityFilterSet({}).form["unit"])  # keep the list
    unit.delete()
    form = ActivityFilterSet({"unit": str(unit.pk)}).form
    assert not form.is_valid() and "unit" in form.errors
