"""On PostgreSQL a query a connection repeats becomes a prepared statement (settings: server-side binding,
ARENA_DB_PREPARE_THRESHOLD), so PostgreSQL plans it once instead of on every page view."""

import pytest
from django.conf import settings
from django.db import connection

from arena.register.models import Unit

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def _prepared(fragment: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{fragment}%"]
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_query_repeated_past_the_threshold_is_prepared_with_its_parameters_bound_by_the_server():
    threshold = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]
    assert threshold == 5
    Unit.objects.create(name="Avdeling for prepared statements", kind=Unit.Kind.DEPARTMENT)
    for _ in range(threshold):
        units = Unit.objects.filter(name__startswith="Avdeling for prep")
        assert [u.name for u in units] == ["Avdeling for prepared statements"]
    assert _prepared('"register_unit"."name"::text LIKE') == 0
    for value in ("Avdeling for prep", "Nothing like it"):  # the same statement, other parameters
        list(Unit.objects.filter(name__startswith=value))
    assert _prepared('"register_unit"."name"::text LIKE $1') == 1, _statements()


def _statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_a_prepared_statement_is_planned_for_each_executions_parameters():
    # A generic plan, made once for any value, would walk every row for a rare search word.
    for i in range(20):
        list(Unit.objects.filter(name__contains=f"word {i % 3}"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%"register_unit"."name"::text LIKE $1%'],
        )
        plans = cursor.fetchall()
    assert len(plans) == 1
    generic, custom = plans[0]
    assert generic == 0 and custom >= 10, plans
