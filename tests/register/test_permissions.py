"""The permission rules, tested without HTTP for each persona."""

import pytest

from arena.register.models import Activity, Arena, Engagement, Organisation, Outlook, Person, Unit, UnitRole
from arena.register.permissions import Access

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_user_model):
    coordinating = Unit.objects.create(
        name="Global helse", abbreviation="GH", kind="department", is_coordinator=True
    )
    kf = Unit.objects.create(name="Kvalitet og forløp", abbreviation="KF", kind="division")
    kf_team = Unit.objects.create(name="KF-team", kind="team", parent=kf)
    ff = Unit.objects.create(name="Folkehelse", abbreviation="FF", kind="division")
    arena = Arena.objects.create(name="Komité", kind="committee")

    def user_with(username, unit=None, role=None, **extra):
        user = django_user_model.objects.create_user(username, **extra)
        if unit:
            person = Person.objects.create(given_name=username, family_name="Test", user=user)
            UnitRole.objects.create(person=person, unit=unit, role=role)
        return user

    people = {
        "coordinator": user_with("koord", coordinating, UnitRole.Role.COORDINATOR),
        "superuser": user_with("super", is_superuser=True),
        "kf_contact": user_with("kf", kf, UnitRole.Role.INTERNATIONAL_CONTACT),
        "ff_contact": user_with("ff", ff, UnitRole.Role.INTERNATIONAL_CONTACT),
        "member_of_coordinating": user_with("medlem", coordinating, UnitRole.Role.MEMBER),
        "reader": user_with("leser"),
    }
    kf_engagement = Engagement.objects.create(unit=kf, arena=arena)
    team_engagement = Engagement.objects.create(unit=kf_team, arena=arena)
    joint = Activity.objects.create(year=2020, title="Felles")
    joint.units.set([kf, ff])
    ff_only = Activity.objects.create(year=2020, title="Bare FF")
    ff_only.units.set([ff])
    outlook = Outlook.objects.create(unit=kf, year=2020, text="Fremover")
    return locals()


def test_personas(world):
    personas = {name: Access.of(user).persona for name, user in world["people"].items()}
    assert personas == {
        "coordinator": "coordinator",
        "superuser": "coordinator",
        "kf_contact": "unit_contact",
        "ff_contact": "unit_contact",
        "member_of_coordinating": "reader",
        "reader": "reader",
    }
    from django.contrib.auth.models import AnonymousUser

    assert Access(AnonymousUser()).persona == "anonymous"
    assert not Access(AnonymousUser()).is_authenticated


def test_coordinator_changes_everything(world):
    access = Access.of(world["people"]["coordinator"])
    for obj in (world["kf_engagement"], world["ff_only"], world["outlook"], world["arena"], world["kf"]):
        assert access.can_change(obj)
    assert access.can_create(Organisation) and access.can_restore(world["arena"])


def test_unit_contact_changes_own_unit_and_sub_units_only(world):
    kf = Access.of(world["people"]["kf_contact"])
    assert kf.can_change(world["kf_engagement"])
    assert kf.can_change(world["team_engagement"])  # sub-unit
    assert kf.can_change(world["joint"])  # one of its units is KF
    assert kf.can_change(world["outlook"])
    assert not kf.can_change(world["ff_only"])
    assert not kf.can_change(world["arena"])  # the shared gazetteer is the coordinator's
    assert not kf.can_change(world["kf"])
    assert not kf.can_create(Organisation) and kf.can_create(Activity)
    assert not kf.can_restore(world["kf_engagement"])
    kf_id, team_id, ff_id = world["kf"].pk, world["kf_team"].pk, world["ff"].pk
    assert kf.may_assign_units([], [kf_id, team_id])
    assert not kf.may_assign_units([], [kf_id, ff_id])  # adding another unit's name
    assert kf.may_assign_units([kf_id, ff_id], [kf_id, ff_id, team_id])  # a shared record keeps FF
    assert not kf.may_assign_units([kf_id, ff_id], [kf_id])  # removing FF is FF's business
    assert not kf.may_assign_units([kf_id], [ff_id])  # giving the record away


def test_editable_querysets_match_can_change(world):
    for user in world["people"].values():
        access = Access.of(user)
        for model in (Engagement, Activity, Outlook, Arena):
            rows = set(access.editable(model.objects.all()))
            assert rows == {obj for obj in model.objects.all() if access.can_change(obj)}, (user, model)


def test_readers_change_nothing(world):
    for name in ("reader", "member_of_coordinating"):
        access = Access.of(world["people"][name])
        assert access.is_authenticated
        assert not any(
            access.can_change(obj)
            for obj in (world["kf_engagement"], world["joint"], world["outlook"], world["arena"])
        )
        assert not access.can_create(Activity)


def test_an_ended_role_gives_no_rights(world):
    import datetime

    UnitRole.objects.filter(person__user=world["people"]["kf_contact"]).update(
        ends_on=datetime.date(2020, 1, 1)
    )
    assert Access.of(world["people"]["kf_contact"]).persona == "reader"


def test_roles_count_only_within_their_period(world):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    roles = UnitRole.objects.filter(person__user=world["people"]["kf_contact"])
    roles.update(ends_on=today + datetime.timedelta(days=30))  # ends next month: still a contact
    assert Access.of(world["people"]["kf_contact"]).persona == "unit_contact"
    roles.update(ends_on=None, starts_on=today + datetime.timedelta(days=1))  # starts tomorrow: not yet
    assert Access.of(world["people"]["kf_contact"]).persona == "reader"
