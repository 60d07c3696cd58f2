"""`__among`, the one-parameter `__in` for long id lists (arena/register/lookups.py), on SQLite and PostgreSQL."""

import re

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from arena.register.models import Activity, Arena, Engagement, Organisation, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def arenas():
    who = Organisation.objects.create(
        name="Verdens helseorganisasjon", abbreviation="WHO", kind="international"
    )
    unit = Unit.objects.create(name="Avdeling for global helse", abbreviation="GH", kind="department")
    made = [Arena.objects.create(name=f"Arena {n}", kind="network", organisation=who) for n in range(400)]
    for arena in made[::3]:
        Engagement.objects.create(unit=unit, arena=arena, role="member")
    return made


def test_among_finds_what_in_finds_for_primary_and_foreign_keys(arenas):
    chosen = [a.pk for a in arenas[5:380:2]]  # 188 ids, some engaged, some not
    by_in = set(Engagement.objects.filter(arena__in=chosen).values_list("pk", flat=True))
    assert len(by_in) > 50
    assert set(Engagement.objects.filter(arena__among=chosen).values_list("pk", flat=True)) == by_in
    assert set(Engagement.objects.filter(arena_id__among=set(chosen)).values_list("pk", flat=True)) == by_in
    assert set(Arena.objects.filter(pk__among=chosen).values_list("pk", flat=True)) == set(chosen)
    linked = Activity.arenas.through.objects.filter(arena__among=chosen)
    assert linked.count() == Activity.arenas.through.objects.filter(arena__in=chosen).count()


def test_among_sends_the_ids_as_one_parameter(arenas):
    chosen = [a.pk for a in arenas]
    with CaptureQueriesContext(connection) as queries:
        assert Arena.objects.filter(pk__among=chosen).count() == 400
    sql = queries.captured_queries[0]["sql"]
    # one array literal (PostgreSQL) or one JSON text (SQLite), not 400 separate placeholders
    assert len(re.findall(rf"\b{chosen[200]}\b", sql)) == 1
    assert sql.count(",") < 500 and ("ANY(" in sql or "json_each" in sql)


def test_an_empty_list_matches_nothing_and_drops_out_of_an_or(arenas):
    assert not Arena.objects.filter(pk__among=[]).exists()
    either = Arena.objects.filter(Q(pk__among=[]) | Q(pk=arenas[0].pk))
    assert list(either.values_list("pk", flat=True)) == [arenas[0].pk]


def test_among_takes_only_a_collection_of_ids(arenas):
    with pytest.raises(TypeError, match="collection of ids"):
        list(Arena.objects.filter(pk__among=arenas[0].pk))
    with pytest.raises(ValueError):
        list(Arena.objects.filter(pk__among=["1; DROP TABLE register_arena"]))
    assert Arena.objects.count() == 400
