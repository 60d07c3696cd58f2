"""List pages at scale, as behaviour: counts stop at their cap and say "over", next pages keep working, per-row
counts are right, filters on plain fields and across relations both work, and each page's query count is pinned
(a change that adds a query per page view shows up here; speed is measured by benchmarks/web_latency.py)."""

import pytest
from django.db import connection
from django.urls import reverse

from arena.register.models import Activity, Arena, Engagement, Unit
from arena.register.textsearch import sqlite_fts_available
from arena.web import pagination

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(db):
    unit = Unit.objects.create(name="Divisjon for skala", abbreviation="DS", kind="division")
    arena = Arena.objects.create(name="Skalanettverket", kind="network")
    Engagement.objects.create(unit=unit, arena=arena)
    activities = Activity.objects.bulk_create(
        Activity(year=2020 + i % 3, title=f"Aktivitet {i:03}", search_text=f"aktivitet {i:03}")
        for i in range(130)
    )
    Activity.units.through.objects.bulk_create(
        Activity.units.through(activity_id=a.pk, unit_id=unit.pk) for a in activities
    )
    Activity.arenas.through.objects.bulk_create(
        Activity.arenas.through(activity_id=a.pk, arena_id=arena.pk) for a in activities[:7]
    )
    return {"unit": unit, "arena": arena}


def test_a_capped_count_says_over_and_next_pages_still_work(signed_in, many, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 60)
    page = signed_in.get(reverse("activity-list")).content.decode()
    assert "Over 100 treff" in page  # the cap, or the requested page plus one page when that is more
    assert "Siste side" not in page and 'rel="next"' in page
    third = signed_in.get(reverse("activity-list"), {"page": 3}).content.decode()
    assert "Aktivitet" in third and "130 treff" in third  # near the end the count is exact again
    assert "Siste side" not in third and "Side 3 av 3" in third


def test_an_uncapped_count_is_exact(signed_in, many):
    page = signed_in.get(reverse("activity-list")).content.decode()
    assert "130 treff – side 1 av 3" in page and "Siste side" in page


def test_counts_per_row_are_the_rows_own(signed_in, many):
    page = signed_in.get(reverse("arena-list")).content.decode()
    assert '<td class="num">1</td>\n            <td class="num">7</td>' in page
    units = signed_in.get(reverse("unit-list")).content.decode()
    assert f'?unit={many["unit"].pk}">130</a>' in units and f'?unit={many["unit"].pk}">1</a>' in units


def test_filters_on_fields_and_across_relations(signed_in, many):
    by_year = signed_in.get(reverse("activity-list"), {"year": 2021}).content.decode()
    assert "43 treff" in by_year  # i % 3 == 1 for 43 of 130
    by_arena = signed_in.get(reverse("activity-list"), {"arena": "Skalanettverket"}).content.decode()
    assert "7 treff" in by_arena
    by_both = signed_in.get(reverse("activity-list"), {"arena": "Skalanettverket", "year": 2020})
    assert "3 treff" in by_both.content.decode()  # activities 0, 3, 6


@pytest.mark.parametrize(
    "url_name, params, queries",  # each includes one for the user's roles (the menu asks Access who they are)
    [
        # session, user, count, page, the unread-notification count, then the page's own extras
        ("activity-list", {}, 12),  # + units and arenas of the page's rows, years, unit/country/area choices
        ("activity-list", {"year": 2021, "arena": "Skalanettverket"}, 13),  # + the arena name lookup
        ("arena-list", {}, 9),  # + organisations, two grouped counts, country choices... see the view
        ("engagement-list", {}, 10),  # + the national-partner choices of the filter
        ("unit-list", {}, 8),
    ],
)
def test_list_query_counts_are_pinned(signed_in, many, django_assert_num_queries, url_name, params, queries):
    signed_in.get(reverse(url_name), params)  # warm: the session is loaded the same way every time
    with django_assert_num_queries(queries):
        assert signed_in.get(reverse(url_name), params).status_code == 200


def test_search_query_count_is_pinned(signed_in, many, django_assert_num_queries):
    signed_in.get(reverse("search"), {"q": "aktivitet"})
    # session, user, unread notifications, the newest matches (read, ranked and counted up to the cap); the name
    # table (names and their owners, read here because in a transaction it is not kept — kept outside one:
    # tests/register/test_scale.py); SQLite adds a bounded FTS5 lookup; the monitoring items' group is one more
    # (its access rule inside that query)
    with django_assert_num_queries(8 if connection.vendor == "sqlite" and sqlite_fts_available() else 7):
        page = signed_in.get(reverse("search"), {"q": "aktivitet"}).content.decode()
    assert "(130)" in page
