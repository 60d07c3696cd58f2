"""The open datasets as plain functions: what they hold, what they never hold, and their files."""

import csv
import datetime
import io
import json

import pytest

from arena.opendata.datasets import BY_KEY, DATASETS
from arena.opendata.formats import LICENCE, chunks
from arena.opendata.publish import write_open_data
from arena.register import changes
from arena.register.models import Person, UnitRole
from arena.register.permissions import Access

pytestmark = pytest.mark.django_db

BASE = "https://arena.example.no/data/"


def rows(key):
    return list(BY_KEY[key].rows())


def test_engagements_say_which_unit_takes_part_where_in_what_role_and_period(sample):
    [row] = rows("deltakelser")
    assert row["unit_name"] == "Avdeling for global helse" and row["unit_abbreviation"] == "AGH"
    assert row["arena_name"] == "Verdens helseforsamling" and row["arena_id"] == sample.assembly.pk
    assert (row["role"], row["role_label"], row["role_label_en"]) == (
        "contact_point",
        "Nasjonalt kontaktpunkt, focal point eller kompetent myndighet",
        "National contact point, focal point or competent authority",
    )
    assert (row["starts_on"], row["ends_on"]) == ("2018-01-01", "")


def test_activities_are_titles_per_year_with_units_and_arenas(sample):
    by_title = {r["title"]: r for r in rows("aktiviteter")}
    assert by_title["Forberedelse til helseforsamlingen"]["year"] == 2019
    assert by_title["Forberedelse til helseforsamlingen"]["unit_ids"] == [sample.department.pk]
    assert by_title["Tobakkskontroll i Europa"]["arena_ids"] == [sample.tobacco.pk]
    assert set(BY_KEY["aktiviteter"].columns) == {
        "id",
        "year",
        "title",
        "kind",
        "kind_label",
        "kind_label_en",
        "unit_ids",
        "arena_ids",
    }
    assert BY_KEY["aktiviteter"].temporal() == (datetime.date(2019, 1, 1), datetime.date(2020, 12, 31))


def test_arenas_and_organisations_carry_names_in_both_languages_and_countries(sample):
    tobacco = next(r for r in rows("arenaer") if r["id"] == sample.tobacco.pk)
    assert tobacco["countries"] == ["SE"] and tobacco["kind_label_en"] == "Joint Action"
    who = next(r for r in rows("organisasjoner") if r["abbreviation"] == "WHO")
    assert who["name_en"] == "World Health Organization"
    nordic = next(r for r in rows("organisasjoner") if r["abbreviation"] == "NMR")
    assert nordic["country"] == "SE"


def test_people_roles_notes_and_descriptions_never_appear_in_any_file(sample, personas, tmp_path):
    sample.person.email = "ola.nordmann@example.no"
    sample.person.save()
    people = list(Person.objects.all())
    assert UnitRole.objects.exists() and len(people) > 1
    write_open_data(tmp_path)
    everything = "\n".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir()).casefold()
    secrets = [
        "Nordmann",
        "ola.nordmann@example.no",
        "Seniorrådgiver",  # the person on the engagement
        "Delegasjonsleder",  # the engagement's note
        "Innspill til norsk posisjon",  # an activity's description
        "Pandemiberedskap",  # an outlook
        "koordinator",
        "kontakt-kf",
        "leser",  # user names
        "Internasjonal kontakt",
        "international_contact",  # unit roles
    ]
    secrets += [p.family_name for p in people] + [p.given_name for p in people]
    for secret in secrets:
        assert secret.casefold() not in everything, secret
    # No column of any dataset is about people.
    for dataset in DATASETS:
        assert not {c for c in dataset.columns if "person" in c or "people" in c or "note" in c}


def test_csv_and_json_hold_the_same_rows_and_json_states_the_licence(sample):
    dataset = BY_KEY["aktiviteter"]
    table = list(csv.DictReader(io.StringIO("".join(chunks(dataset, "csv", BASE)))))
    document = json.loads("".join(chunks(dataset, "json", BASE)))
    assert document["licence"] == LICENCE and "NLOD" in document["licence_name"]
    assert document["columns"] == list(dataset.columns)
    assert len(table) == len(document["rows"]) == 2
    for line, record in zip(table, document["rows"], strict=True):
        assert line["title"] == record["title"]
        assert line["unit_ids"] == ";".join(str(u) for u in record["unit_ids"])


def test_files_stream_in_pieces_for_a_larger_register(sample, monkeypatch):
    from arena.opendata import datasets
    from arena.register.models import Activity

    monkeypatch.setattr(datasets, "CHUNK", 300)  # read in chunks of 300 rows: crosses several boundaries
    Activity.objects.bulk_create(Activity(year=2021, title=f"Syntetisk aktivitet {n}") for n in range(1200))
    dataset = BY_KEY["aktiviteter"]
    pieces = list(chunks(dataset, "json", BASE))
    document = json.loads("".join(pieces))
    assert len(pieces) > 2 and len(document["rows"]) == 1202
    assert len({r["id"] for r in document["rows"]}) == 1202
    assert len(list(csv.reader(io.StringIO("".join(chunks(dataset, "csv", BASE)))))) == 1203


def test_modified_is_the_day_of_the_latest_change_in_the_history(sample):
    arenas = BY_KEY["arenaer"]
    before = arenas.modified()
    assert before is not None
    sample.tobacco.name_en = "Joint Action on Tobacco Control (JATC)"
    changes.save(sample.tobacco, by=Access.system())
    latest = type(sample.tobacco).history.model.objects.latest("history_date").history_date
    assert arenas.modified() == latest.astimezone(datetime.UTC).date()


def test_the_command_writes_every_file(sample, tmp_path):
    from django.core.management import call_command

    call_command("open_data", "--output", str(tmp_path / "ut"))
    names = {p.name for p in (tmp_path / "ut").iterdir()}
    expected = {f"{d.key}.{fmt}" for d in DATASETS for fmt in ("csv", "json")}
    assert expected | {"catalog.ttl", "catalog.jsonld", "LISENS.txt"} == names
    assert "NLOD" in (tmp_path / "ut" / "LISENS.txt").read_text(encoding="utf-8")
