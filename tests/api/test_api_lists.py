"""API list pages on the whole demo register: a page costs the same number of queries however many rows it
holds (no query per row), and a row in a list reads exactly as the record read alone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arena.api.resources import RESOURCES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


@pytest.fixture
def coordinator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("koordinator-api"))
    return client


def _page(client, resource, size):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/{resource}/", {"antall": size})
    assert response.status_code == 200, response.content
    return response.json()["results"], len(queries.captured_queries)


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_a_list_page_reads_a_fixed_number_of_queries_and_its_rows_match_the_records(coordinator, resource):
    small, small_queries = _page(coordinator, resource, 2)
    large, large_queries = _page(coordinator, resource, 40)
    assert large_queries == small_queries, (
        f"{resource}: {small_queries} queries for 2 rows, {large_queries} for 40"
    )
    for row in large:
        assert coordinator.get(f"/api/v1/{resource}/{row['id']}/").json() == row


def test_the_demo_register_has_rows_with_several_links_to_compare():
    """The comparison above means something for the many-to-many fields: some rows link several records."""
    from arena.register.models import Activity

    several = [a for a in Activity.objects.order_by("pk")[:40] if a.arenas.count() + a.units.count() > 2]
    assert several
