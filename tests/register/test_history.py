"""History of register records: one version per save, readable changes, restore, and edit conflicts."""

import pytest

from arena.register.history import (
    EditConflict,
    latest_history_id,
    restore,
    save_unless_changed_since,
    versions,
)
from arena.register.models import Activity, Arena, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(django_user_model):
    kari = django_user_model.objects.create_user("kari", first_name="Kari", last_name="Nordmann")
    ola = django_user_model.objects.create_user("ola")
    kf = Unit.objects.create(name="Kvalitet og forløp", abbreviation="KF", kind="division")
    ff = Unit.objects.create(name="Folkehelse", abbreviation="FF", kind="division")
    arena = Arena.objects.create(name="Komité for test", kind="committee")
    activity = Activity(year=2020, title="Møter i komiteen", kind=Activity.Kind.PARTICIPATION)

    def create():
        activity.save()
        activity.units.set([kf])
        activity.arenas.set([arena])

    save_unless_changed_since(activity, None, create, user=kari)
    return kari, ola, kf, ff, activity


def _edit(activity, based_on, user, title=None, units=None):
    def save():
        if title:
            activity.title = title
        activity.save()
        if units is not None:
            activity.units.set(units)

    save_unless_changed_since(activity, based_on, save, user=user)


def test_a_save_with_relations_is_one_version_with_who_and_what(setup):
    kari, ola, kf, ff, activity = setup
    assert activity.history.count() == 1
    _edit(activity, latest_history_id(activity), ola, title="Møter og innspill", units=[kf, ff])
    history = versions(activity)
    assert [v.kind for v in history] == ["~", "+"]
    assert history[0].who == "ola" and history[1].who == "Kari Nordmann"
    changes = {c.field: (c.old, c.new) for c in history[0].changes}
    assert changes["title"] == ("Møter i komiteen", "Møter og innspill")
    assert changes["units"] == (
        "Kvalitet og forløp (KF)",
        "Folkehelse (FF), Kvalitet og forløp (KF)",
    )


def test_a_save_based_on_an_old_version_is_refused_and_stores_nothing(setup):
    kari, ola, kf, ff, activity = setup
    opened = latest_history_id(activity)
    _edit(Activity.objects.get(pk=activity.pk), opened, ola, title="Olas versjon")
    stale = Activity.objects.get(pk=activity.pk)
    stale.title = "Karis versjon"
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
    restored = restore(activity, first, user=kari)
    assert restored.title == "Møter i komiteen"
    assert list(restored.units.all()) == [kf]
    assert restored.history.count() == 3
    assert versions(restored)[0].who == "Kari Nordmann"
