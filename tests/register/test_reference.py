"""The reference register shipped with Arena: internally consistent data files, loadable twice, never
overwriting a user's corrections, and respecting entries the user retired."""

import datetime
from pathlib import Path

import pycountry
import pytest

from arena.register import changes
from arena.register.models import Alias, Arena, GuidingDocument, Organisation
from arena.register.names import find_organisations
from arena.register.normalize import normalize_name
from arena.register.permissions import Access
from arena.register.reference.frameworks import FRAMEWORKS, HOD_STRATEGY, SDG
from arena.register.reference.load import load_reference
from arena.register.reference.register import RegisterError, families, read_file, read_register

ORG_KINDS = set(Organisation.Kind.values)
ARENA_KINDS = set(Arena.Kind.values)
ORGANISATIONS, ARENAS = read_register()

# The families the issue asks for, each with a floor on its size (organisations + arenas).
FAMILY_FLOORS = {
    "annual-reports": 160,
    "who": 60,
    "eu-institutions": 80,
    "eu-agencies": 80,
    "eu-programmes": 60,
    "eu-expert-groups": 25,
    "council-of-europe": 12,
    "oecd": 15,
    "un": 60,
    "nordic": 25,
    "arctic-barents": 30,
    "eea-grants": 40,
    "norway": 150,
}


def test_the_register_is_broad():
    counts = families()
    assert len(ORGANISATIONS) + len(ARENAS) >= 1000
    for family, floor in FAMILY_FLOORS.items():
        assert sum(counts.get(family, (0, 0))) >= floor, family


def test_the_entries_of_the_two_reports_keep_their_keys():
    keys = {e.key for e in (*ORGANISATIONS, *ARENAS)}
    for key in (
        "who",
        "who-euro",
        "ec",
        "ecdc",
        "hod",
        "fhi",
        "wha",
        "who-euro-rc",
        "ja-terror",
        "eea-grants",
    ):
        assert key in keys


def test_keys_are_unique_and_parents_resolve_and_come_first():
    org_keys = {o.key for o in ORGANISATIONS}
    arena_keys = {a.key for a in ARENAS}
    assert not org_keys & arena_keys
    for entries in (ORGANISATIONS, ARENAS):
        seen = set()
        for entry in entries:
            assert entry.key not in seen, f"duplicate key {entry.key}"
            assert entry.parent is None or entry.parent in seen, f"{entry.key}: parent {entry.parent}"
            seen.add(entry.key)
    for arena in ARENAS:
        assert arena.organisation is None or arena.organisation in org_keys, arena.key


def test_entries_are_complete_and_valid():
    for org in ORGANISATIONS:
        assert org.name and org.name_en and org.source, org.key
        assert org.kind in ORG_KINDS, org.key
        assert org.country is None or pycountry.countries.get(alpha_2=org.country), org.key
    for arena in ARENAS:
        assert arena.name and arena.name_en and arena.source, arena.key
        assert arena.kind in ARENA_KINDS, arena.key
        assert all(pycountry.countries.get(alpha_2=c) for c in arena.countries), arena.key
        assert arena.start is None or arena.end is None or arena.start <= arena.end, arena.key


def test_names_and_abbreviations_do_not_collide():
    for entries in (ORGANISATIONS, ARENAS):
        names = [normalize_name(e.name) for e in entries]
        duplicates = {n for n in names if names.count(n) > 1}
        assert not duplicates
        abbreviations = [(e.kind, e.abbreviation) for e in entries if e.abbreviation]
        assert len(abbreviations) == len(set(abbreviations)), [
            a for a in abbreviations if abbreviations.count(a) > 1
        ]


def test_a_malformed_data_file_is_refused_with_its_line(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "type;key;kind;org;parent;name;name_en;abbr;aliases;start;end;countries;source\n"
        "org;x;NOPE;;;Navn;;;;;;;https://example.org\n",
        encoding="utf-8",
    )
    with pytest.raises(RegisterError, match="bad.csv:2: unknown organisation kind"):
        read_file(bad)
    bad.write_text("key;name\nx;y\n", encoding="utf-8")
    with pytest.raises(RegisterError, match="header"):
        read_file(bad)


def test_frameworks_have_the_six_priority_areas_and_seventeen_goals():
    by_code = {f.code: f for f in FRAMEWORKS}
    assert len(by_code[HOD_STRATEGY].areas) == 6
    assert len(by_code[SDG].areas) == 17
    assert [code for code, _, _ in by_code[SDG].areas] == [str(n) for n in range(1, 18)]


@pytest.mark.django_db
def test_load_creates_everything_once():
    first = load_reference()
    assert first["organisations"] == len(ORGANISATIONS)
    assert first["arenas"] == len(ARENAS)
    assert first["countries"] == len(pycountry.countries)
    assert first["frameworks_and_areas"] == 2 + 6 + 17
    assert load_reference() == dict.fromkeys(first, 0)
    assert Organisation.objects.count() == len(ORGANISATIONS)
    assert Arena.objects.count() == len(ARENAS)
    assert GuidingDocument.objects.filter(countries__code="CN").exists()
    # every row has its names as aliases, as a row saved through the model would
    who = Organisation.objects.get(key="who")
    assert {"name", "name_en", "abbreviation"} <= set(who.aliases.values_list("kind", flat=True))
    assert Alias.objects.filter(arena__key="eea-grants").count() >= 2
    # the bulk load writes each row's first version, as the write path would: by the system, "reference"
    first = who.history.get()
    assert (first.history_type, first.history_change_reason, first.history_user) == ("+", "reference", None)
    assert "WHO's" in first.other_names


@pytest.mark.django_db
def test_load_never_overwrites_a_users_correction():
    load_reference()
    who = Organisation.objects.get(key="who")
    who.name_en = "WHO (corrected by the coordinator)"
    who.save()
    load_reference()
    who.refresh_from_db()
    assert who.name_en == "WHO (corrected by the coordinator)"


@pytest.mark.django_db
def test_a_hand_made_row_with_a_reference_name_is_adopted_not_duplicated():
    mine = Organisation.objects.create(name="verdens helseorganisasjon", kind=Organisation.Kind.OTHER)
    load_reference()
    mine.refresh_from_db()
    assert mine.key == "who"
    assert mine.kind == Organisation.Kind.OTHER  # the user's data is kept as it was
    assert list(find_organisations("World Health Organization")) == [mine]
    assert Organisation.objects.get(key="who-euro").parent == mine


@pytest.mark.django_db
def test_retired_entries_stay_retired():
    load_reference()
    # retiring an arena: an end date, which a reload leaves alone
    arena = Arena.objects.get(key="ja-terror")
    arena.ends_on = datetime.date(2021, 12, 31)
    changes.save(arena, by=Access.system())
    # deleting entries: a leaf arena, and an organisation with everything under it
    system = Access.system()
    changes.delete(Arena.objects.get(key="esan"), by=system)
    helse_nord = Organisation.objects.get(key="helse-nord")
    below = list(helse_nord.children.values_list("key", flat=True))
    assert below
    grandchildren = Organisation.objects.filter(parent__key__in=below)
    below += list(grandchildren.values_list("key", flat=True))
    for org in [*grandchildren, *Organisation.objects.filter(key__in=below), helse_nord]:
        changes.delete(org, by=system)
    assert load_reference()["arenas"] == 0
    assert not Arena.objects.filter(key="esan").exists()
    assert not Organisation.objects.filter(key__in=[*below, "helse-nord"]).exists()
    arena.refresh_from_db()
    assert arena.ends_on == datetime.date(2021, 12, 31)
