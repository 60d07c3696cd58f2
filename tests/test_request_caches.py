"""What pages keep between requests, and that it never shows anything stale: detail addresses (arena/urlcache.py),
choice labels (register/models/labels.py) and the filter forms' reference lists (web/filters.py, kept until
their tables change, arena/register/stamps.py)."""

import pytest
from django.core.cache import caches
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


def _menu(response) -> str:
    page = response.content.decode()
    return page[page.index('<ul class="site-nav__menu">') : page.index('<form class="site-search"')]


def _menu_rendered(response) -> bool:
    return "web/includes/site_nav.html" in [t.name for t in response.templates]


def test_the_main_menu_is_kept_per_section_language_permissions_and_address_prefix(as_persona):
    # Every kept copy is looked up by what changes the menu; a key left out would show here as a wrong link,
    # a wrong current section or an entry for someone who may not use it.
    caches["pages"].clear()  # what earlier tests in this process left
    reader = as_persona("reader")
    first = reader.get(reverse("arena-list"))
    assert _menu_rendered(first) and f'href="{reverse("arena-list")}" aria-current="page"' in _menu(first)
    again = reader.get(reverse("arena-list") + "?page=1")
    assert not _menu_rendered(again) and _menu(again) == _menu(first)  # kept: not rendered again
    other = reader.get(reverse("unit-list"))
    assert f'href="{reverse("unit-list")}" aria-current="page"' in _menu(other)
    assert "aria-current" not in _menu(other).split(reverse("arena-list"))[1].split("</li>")[0]
    assert reverse("suggestion-list") not in _menu(first) and reverse("ingest-list") not in _menu(first)
    contact = _menu(as_persona("contact_kf").get(reverse("arena-list")))  # may propose entries, not import
    assert reverse("suggestion-list") in contact and reverse("ingest-list") not in contact
    coordinator = as_persona("coordinator")
    menu = _menu(coordinator.get(reverse("arena-list")))
    assert reverse("ingest-list") in menu and "Registeret" in menu
    coordinator.cookies["django_language"] = "en"
    english = _menu(coordinator.get(reverse("arena-list")))
    assert "Register" in english and "Registeret" not in english
    set_script_prefix("/arena/")  # served below /arena/ (the WSGI handler sets it from SCRIPT_NAME)
    try:
        prefixed = _menu(coordinator.get("/arenaer/"))
    finally:
        set_script_prefix("/")
    assert 'href="/arena/arenaer/"' in prefixed and 'href="/arenaer/"' not in prefixed
