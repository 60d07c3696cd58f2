"""The reference data shipped with Arena: internally consistent, loadable twice, and covering the names the two
annual reports use."""

import pycountry
import pytest

from arena.register.models import Arena, GuidingDocument, Organisation
from arena.register.names import find_organisations
from arena.register.reference.arenas import ARENAS
from arena.register.reference.frameworks import FRAMEWORKS, HOD_STRATEGY, SDG
from arena.register.reference.load import load_reference
from arena.register.reference.organisations import ORGANISATIONS

ORG_KINDS = set(Organisation.Kind.values)
ARENA_KINDS = set(Arena.Kind.values)


def test_keys_are_unique_and_parents_come_first():
    for entries in (ORGANISATIONS, ARENAS):
        seen = set()
        for entry in entries:
            assert entry.key not in seen, f"duplicate key {entry.key}"
            assert entry.parent is None or entry.parent in seen, (
                f"{entry.key}: parent {entry.parent} not before it"
            )
            seen.add(entry.key)


def test_entries_are_complete_and_valid():
    org_keys = {o.key for o in ORGANISATIONS}
    for org in ORGANISATIONS:
        assert org.name and org.name_en, org.key
        assert org.kind in ORG_KINDS, org.key
        assert org.country is None or pycountry.countries.get(alpha_2=org.country), org.key
    for arena in ARENAS:
        assert arena.name and arena.name_en, arena.key
        assert arena.kind in ARENA_KINDS, arena.key
        assert arena.organisation is None or arena.organisation in org_keys, arena.key
        assert all(pycountry.countries.get(alpha_2=c) for c in arena.countries), arena.key
        assert arena.start is None or arena.end is None or arena.start <= arena.end, arena.key


def test_names_and_abbreviations_do_not_collide():
    for entries in (ORGANISATIONS, ARENAS):
        names = [e.name for e in entries]
        assert len(names) == len(set(names))
        abbreviations = [(e.kind, e.abbreviation) for e in entries if e.abbreviation]
        assert len(abbreviations) == len(set(abbreviations))


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
    assert GuidingDocument.objects.filter(countries__code="CN").exists()


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
