"""The write path and history of register records: one version per save with who, what and which action,
readable changes (relations and other names included), restore, and edit conflicts."""

import pytest

from arena.register import changes
from arena.register.changes import EditConflict, latest_history_id
from arena.register.history import versions
from arena.register.models import Activity, Arena, Organisation, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(django_user_model):
    kari = django_user_model.objects.create_superuser("kari", first_name="Kari", last_name="Nordmann")
    ola = django_user_model.objects.create_superuser("ola")
    kf = Unit.objects.create(name="Kvalitet og forløp", abbreviation="KF", kind="division")
    ff = Unit.objects.create(name="Folkehelse", abbreviation="FF", kind="division")
    arena = Arena.objects.create(name="Komité for test", kind="committee")
    activity = Activity(year=2020, title="Møter i komiteen", kind=Activity.Kind.PARTICIPATION)
    changes.save(activity, by=kari, relations={"units": [kf], "arenas": [arena]})
    return kari, ola, kf, ff, activity


def _edit(activity, based_on, user, title=None, units=None):
    if title:
        activity.title = title
    relations = {"units": units} if units is not None else {}
    changes.save(activity, by=user, based_on=based_on, relations=relations)


def test_a_save_with_relations_is_one_version_with_who_and_what(setup):
    kari, ola, kf, ff, activity = setup
    assert activity.history.count() == 1
    _edit(activity, latest_history_id(activity), ola, title="Møter og innspill", units=[kf, ff])
    history = versions(activity)
    assert [v.kind for v in history] == ["~", "+"]
    assert history[0].who == "ola" and history[1].who == "Kari Nordmann"
    assert history[0].action == "endret i Arena"
    diff = {c.field: (c.old, c.new) for c in history[0].changes}
    assert diff["title"] == ("Møter i komiteen", "Møter og innspill")
    assert diff["units"] == (
        "Kvalitet og forløp (KF)",
        "Folkehelse (FF), Kvalitet og forløp (KF)",
    )


def test_relation_changes_outside_the_write_path_make_no_half_linked_versions(setup):
    kari, ola, kf, ff, activity = setup
    activity.units.add(ff)
    activity.arenas.clear()
    assert activity.history.count() == 1  # only the write path records versions of relation changes


def test_a_save_based_on_an_old_version_is_refused_and_stores_nothing(setup):
    kari, ola, kf, ff, activity = setup
    opened = latest_history_id(activity)
    _edit(Activity.objects.get(pk=activity.pk), opened, ola, title="Olas versjon")
    stale = Activity.objects.get(pk=activity.pk)
    with pytest.raises(EditConflict) as conflict:
        _edit(stale, opened, kari, title="Karis versjon", units=[ff])
    assert conflict.value.current.title == "Olas versjon"
    activity.refresh_from_db()
    assert activity.title == "Olas versjon"
    assert list(activity.units.all()) == [kf]
    assert activity.history.count() == 2


def test_restore_brings_back_fields_and_relations_as_a_new_version(setup):
    kari, ola, kf, ff, activity = setup
    first = latest_history_id(activity)
    _edit(activity, first, ola, title="Feil tittel", units=[ff])
    restored = changes.restore(activity, first, by=kari)
    assert restored.title == "Møter i komiteen"
    assert list(restored.units.all()) == [kf]
    assert restored.history.count() == 3
    assert versions(restored)[0].who == "Kari Nordmann"
    assert versions(restored)[0].action == f"gjenopprettet versjon {first}"


def test_other_names_are_versioned_with_their_owner_and_restored(setup):
    kari, ola, *_ = setup
    who = Organisation(name="Verdens helseorganisasjon", abbreviation="WHO", kind="international")
    changes.save(who, by=kari, names=["World Health Organisation"])
    first = latest_history_id(who)
    changes.save(who, by=ola, names=["WHO-sekretariatet"])
    latest = versions(who)[0]
    assert [(c.field, c.old, c.new) for c in latest.changes] == [
        ("other_names", "World Health Organisation", "WHO-sekretariatet")
    ]
    changes.restore(who, first, by=kari)
    assert changes.other_names(who) == ["World Health Organisation"]
    assert who.history.count() == 3


def test_the_system_is_named_as_the_author(setup):
    arena = Arena(name="Ny arena", kind="committee")
    changes.save(arena, by=changes.Access.system(), action=changes.REFERENCE)
    version = versions(arena)[0]
    assert (version.who, version.action) == ("systemet", "referansedata")
