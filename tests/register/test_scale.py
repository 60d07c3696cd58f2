"""What keeps the register fast at scale, as behaviour: the text index stays in step with activities, the name
list for typos is reloaded after a change, counts stop at their cap, and years are found without a full scan.
(Speed itself is measured by benchmarks/web_latency.py, not here.)"""

import pytest
from django.db import connection, transaction

from arena.register import search as search_module
from arena.register.models import Activity, Arena, Organisation
from arena.register.names import add_aliases
from arena.register.search import search
from arena.register.textsearch import activity_text_match, sqlite_fts_available
from arena.register.years import activity_years

pytestmark = pytest.mark.django_db


def titles(results):
    return {h.obj.title for h in results.activities}


def test_the_text_index_follows_inserts_edits_and_deletes():
    activity = Activity.objects.create(year=2021, title="Helseberedskap i Norden")
    assert titles(search("beredskap")) == {"Helseberedskap i Norden"}
    activity.title = "Vaksinesamarbeid"
    activity.save()
    assert search("beredskap").activities == []
    assert titles(search("vaksine")) == {"Vaksinesamarbeid"}
    activity.delete()
    assert search("vaksine").activities == []


def test_every_word_must_occur_and_short_words_match_too():
    Activity.objects.create(year=2021, title="EU og legemiddelberedskap")
    Activity.objects.create(year=2021, title="Legemiddelberedskap i Norden")
    assert titles(search("eu beredskap")) == {"EU og legemiddelberedskap"}
    assert titles(search("beredskap norden")) == {"Legemiddelberedskap i Norden"}


def test_a_two_letter_word_matches_where_a_word_starts_not_inside_one():
    for title in ("EU-kommisjonens møte", "Rapport til FN", "Nevrologi og neuroforskning", "Arbeid (EU)"):
        Activity.objects.create(year=2021, title=title, description="Et utvalg som ikke nevner noe annet")
    assert titles(search("eu")) == {"EU-kommisjonens møte", "Arbeid (EU)"}
    assert titles(search("fn")) == {"Rapport til FN"}
    assert titles(search("neuro")) == {"Nevrologi og neuroforskning"}  # three letters: inside a word too


def test_activities_linked_to_a_named_arena_and_found_by_text_are_counted_together(monkeypatch):
    monkeypatch.setattr(search_module, "COUNT_CAP", 3)
    arena = Arena.objects.create(name="Salthandlingsgruppen", kind="network")
    for year in (2018, 2019, 2020):
        Activity.objects.create(year=year, title=f"Møte {year}").arenas.set([arena])
    for year in (2021, 2017):
        Activity.objects.create(year=year, title=f"Salthandlingsgruppen om natrium {year}")
    results = search("salthandlingsgruppen")
    assert (results.total_activities, results.activities_capped) == (3, True)
    assert titles(results) == {"Salthandlingsgruppen om natrium 2021", "Møte 2020", "Møte 2019"}
    monkeypatch.setattr(search_module, "COUNT_CAP", 10)
    results = search("salthandlingsgruppen")
    assert (results.total_activities, results.activities_capped) == (5, False)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite only")
def test_sqlite_has_its_fts5_trigram_table():
    assert sqlite_fts_available()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the first-letters index is SQLite's")
def test_sqlite_finds_a_two_letter_word_through_its_indexes():
    Activity.objects.create(year=2021, title="EU-kommisjonens møte")
    query = Activity.objects.filter(activity_text_match("eu", ["eu"])).values("pk")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(row[-1] for row in cursor.fetchall())
    assert "register_activity_search_start" in plan and "register_activity_fts" in plan, plan
    assert "SCAN register_activity " not in f"{plan} ", plan
    assert len(query) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the norwegian configuration is PostgreSQL's")
def test_postgresql_also_matches_inflected_forms():
    Activity.objects.create(year=2021, title="Nasjonal beredskap")
    assert titles(search("beredskapen")) == {"Nasjonal beredskap"}


def test_a_new_name_is_found_by_typo_at_once():
    arena = Arena.objects.create(name="Kreftregisternettverket", kind="network")
    assert search("Kreftregistemettverket").arenas[0].obj == arena  # the list is loaded with it
    add_aliases(arena, ["Nordisk nettverk for kreftregistre"])
    assert search("Nordisk netverk for kreftregistre").arenas[0].obj == arena  # reloaded after the change
    renamed = Arena.objects.create(name="Salthandlingsgruppen", kind="network")
    assert search("Salthandlingsgrupen").arenas[0].obj == renamed


@pytest.mark.django_db(transaction=True)  # kept only outside a transaction (arena/register/stamps.py)
def test_the_name_list_is_kept_while_nothing_changes_and_reloaded_after_a_change(django_assert_num_queries):
    Arena.objects.create(name="Kreftregisternettverket", kind="network")
    search_module.alias_names()
    with django_assert_num_queries(0):
        assert "kreftregisternettverket" in search_module.alias_names()
    Arena.objects.create(name="Salthandlingsgruppen", kind="network")
    with django_assert_num_queries(1):
        assert "salthandlingsgruppen" in search_module.alias_names()
    with transaction.atomic():  # inside a transaction: read, not kept
        Arena.objects.filter(name="Salthandlingsgruppen").delete()
        assert "salthandlingsgruppen" not in search_module.alias_names()
        transaction.set_rollback(True)
    assert "salthandlingsgruppen" in search_module.alias_names()


def test_the_activity_count_stops_at_its_cap(monkeypatch):
    monkeypatch.setattr(search_module, "COUNT_CAP", 3)
    for i in range(5):
        Activity.objects.create(year=2020, title=f"Beredskapsøvelse {i}")
    results = search("beredskap")
    assert (results.total_activities, results.activities_capped) == (3, True)
    Activity.objects.filter(title__in=["Beredskapsøvelse 0", "Beredskapsøvelse 1"]).delete()
    results = search("beredskap")
    assert (results.total_activities, results.activities_capped) == (3, False)


def test_activity_years_are_distinct_and_newest_first():
    for year in (2019, 2023, 2019, 2021, 2023):
        Activity.objects.create(year=year, title=f"Aktivitet {year}")
    assert activity_years() == [2023, 2021, 2019]
    assert activity_years(limit=2) == [2023, 2021]
    Activity.objects.all().delete()
    assert activity_years() == []


def test_activities_are_followed_from_the_arenas_shown_and_every_arena_of_a_named_organisation():
    org = Organisation.objects.create(name="Tallorganisasjonen", kind="international")
    named = [Arena.objects.create(name=f"Tallgruppe {c}", kind="network") for c in "abc"]
    below = [Arena.objects.create(name=f"Utvalg {c}", kind="network", organisation=org) for c in "abc"]
    for number, arena in enumerate(named + below):
        Activity.objects.create(year=2020, title=f"Møte nummer {number}").arenas.set([arena])
    # A word in many arena names names none of them: only the arenas shown lead to their activities.
    results = search("tallgruppe", limit=2)
    assert [h.obj for h in results.arenas] == named[:2]
    assert results.total_activities == 2
    # An organisation's name leads to the activities of all its arenas, shown or not.
    results = search("tallorganisasjonen", limit=2)
    assert len(results.arenas) == 2 and results.total_activities == 3
