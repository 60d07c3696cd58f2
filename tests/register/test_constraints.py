"""Model constraints: each one refuses bad data in the database and explains itself in bokmål on full_clean."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from arena.register.models import (
    Activity,
    Alias,
    Arena,
    Engagement,
    Organisation,
    Outlook,
    Person,
    Unit,
    UnitRole,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return Unit.objects.create(name="Divisjon for testing", abbreviation="TE", kind=Unit.Kind.DIVISION)


@pytest.fixture
def arena():
    return Arena.objects.create(name="Testkomiteen", kind=Arena.Kind.COMMITTEE)


def _violates(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()
        connection.check_constraints()


def test_engagement_period_must_not_end_before_it_starts(unit, arena):
    bad = Engagement(
        unit=unit, arena=arena, starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2019, 12, 31)
    )
    with pytest.raises(ValidationError) as err:
        bad.full_clean()
    assert "Sluttdatoen kan ikke være før startdatoen." in str(err.value)
    _violates(bad.save)
    assert not Engagement.objects.exists()


def test_period_may_be_open_or_a_single_day(unit, arena):
    day = datetime.date(2019, 5, 1)
    Engagement(unit=unit, arena=arena, starts_on=day, ends_on=day).full_clean()
    Engagement.objects.create(unit=unit, arena=arena, starts_on=day, ends_on=day)
    Engagement.objects.create(unit=unit, arena=arena, role=Engagement.Role.LEAD)  # open both ends
    assert Engagement.objects.count() == 2


def test_arena_and_unit_role_periods_are_checked_too(unit):
    start, end = datetime.date(2021, 1, 1), datetime.date(2020, 1, 1)
    _violates(
        lambda: Arena.objects.create(name="Baklengs", kind=Arena.Kind.PROJECT, starts_on=start, ends_on=end)
    )
    person = Person.objects.create(given_name="Test", family_name="Person")
    _violates(
        lambda: UnitRole.objects.create(person=person, unit=unit, role="member", starts_on=start, ends_on=end)
    )


def test_engagement_cannot_point_to_missing_unit_or_arena(unit, arena):
    missing = 10_000_000
    for kwargs in ({"unit_id": missing, "arena": arena}, {"unit": unit, "arena_id": missing}):
        engagement = Engagement(**kwargs)
        with pytest.raises(ValidationError):
            engagement.full_clean()
        _violates(engagement.save)
    assert not Engagement.objects.exists()


def test_unit_abbreviation_unique_per_kind(unit):
    clash = Unit(name="En annen divisjon", abbreviation="TE", kind=Unit.Kind.DIVISION)
    with pytest.raises(ValidationError) as err:
        clash.full_clean()
    assert "samme type har allerede denne forkortelsen" in str(err.value)
    _violates(clash.save)
    # Same abbreviation on another kind of unit is allowed, and so are many units without one.
    Unit.objects.create(name="Testavdelingen", abbreviation="TE", kind=Unit.Kind.DEPARTMENT)
    Unit.objects.create(name="Team uten forkortelse", kind=Unit.Kind.TEAM)
    Unit.objects.create(name="Et annet team uten forkortelse", kind=Unit.Kind.TEAM)


def test_organisation_abbreviation_unique_per_kind():
    Organisation.objects.create(name="Første", abbreviation="XYZ", kind=Organisation.Kind.INTERNATIONAL)
    _violates(lambda: Organisation.objects.create(name="Andre", abbreviation="XYZ", kind="international"))
    Organisation.objects.create(name="Tredje", abbreviation="XYZ", kind=Organisation.Kind.NGO)


def test_only_one_coordinating_unit(unit):
    unit.is_coordinator = True
    unit.save()
    other = Unit(name="Konkurrerende koordinator", kind=Unit.Kind.DEPARTMENT, is_coordinator=True)
    with pytest.raises(ValidationError) as err:
        other.full_clean()
    assert "Bare én enhet kan være koordinerende enhet." in str(err.value)
    _violates(other.save)


def test_unit_cannot_be_its_own_ancestor(unit):
    child = Unit.objects.create(name="Underavdeling", kind=Unit.Kind.DEPARTMENT, parent=unit)
    unit.parent = child
    with pytest.raises(ValidationError):
        unit.full_clean()


def test_alias_belongs_to_exactly_one_owner(unit, arena):
    _violates(lambda: Alias.objects.create(name="Ingen eier"))
    _violates(lambda: Alias.objects.create(name="To eiere", unit=unit, arena=arena))


def test_activity_year_range_and_outlook_once_per_unit_and_year(unit):
    _violates(lambda: Activity.objects.create(year=1066, title="For tidlig"))
    Outlook.objects.create(unit=unit, year=2020, text="Første")
    _violates(lambda: Outlook.objects.create(unit=unit, year=2020, text="Andre"))


def test_open_engagement_is_unique_per_unit_arena_and_role(unit, arena):
    Engagement.objects.create(unit=unit, arena=arena, role=Engagement.Role.MEMBER)
    _violates(lambda: Engagement.objects.create(unit=unit, arena=arena, role=Engagement.Role.MEMBER))
    # An ended engagement and a new one with the same role may coexist.
    Engagement.objects.create(
        unit=unit, arena=arena, role=Engagement.Role.MEMBER, ends_on=datetime.date(2018, 12, 31)
    )


def test_referenced_rows_are_protected_from_deletion(unit, arena):
    from django.db.models import ProtectedError

    Engagement.objects.create(unit=unit, arena=arena)
    with pytest.raises(ProtectedError):
        arena.delete()
    with pytest.raises(ProtectedError):
        unit.delete()


def test_is_active_in_matches_the_queryset_filter(unit, arena):
    from arena.register.models.base import active_in_year

    spans = [(None, None), (2018, None), (None, 2019), (2020, 2021), (2019, 2019)]
    for start, end in spans:
        Engagement.objects.create(
            unit=unit,
            arena=Arena.objects.create(name=f"Arena {start}-{end}", kind="network"),
            starts_on=datetime.date(start, 3, 1) if start else None,
            ends_on=datetime.date(end, 6, 30) if end else None,
        )
    for year in (2017, 2019, 2020, 2022):
        in_python = {e.pk for e in Engagement.objects.all() if e.is_active_in(year)}
        in_sql = set(Engagement.objects.filter(active_in_year(year)).values_list("pk", flat=True))
        assert in_python == in_sql, year


def test_names_are_unique_regardless_of_case():
    Organisation.objects.create(name="World Health Organization", kind=Organisation.Kind.INTERNATIONAL)
    clash = Organisation(name="world health organization", kind=Organisation.Kind.INTERNATIONAL)
    with pytest.raises(ValidationError) as err:
        clash.full_clean()
    assert "En organisasjon med dette navnet finnes allerede." in str(err.value)
    _violates(clash.save)


def test_duplicate_alias_is_refused_by_validation_as_a_form_would_run_it():
    org = Organisation.objects.create(name="Europarådet", abbreviation="CoE", kind="international")
    duplicate = Alias(name="  COE ", organisation=org, kind=Alias.Kind.ALIAS)
    with pytest.raises(ValidationError) as err:
        # An admin inline form excludes the derived field and the parent link from validation.
        duplicate.full_clean(exclude=["normalized", "organisation", "kind"])
    assert "Organisasjonen har allerede dette navnet." in str(err.value)


def test_names_that_grow_when_case_folded_fit():
    long_name = "ß" * 300  # casefolds to 600 characters
    org = Organisation.objects.create(name=long_name, kind="other")
    assert Alias.objects.get(organisation=org).normalized == "ss" * 300


def test_parent_check_stops_on_an_existing_cycle_higher_up():
    a = Organisation.objects.create(name="A", kind="other")
    b = Organisation.objects.create(name="B", kind="other", parent=a)
    Organisation.objects.filter(pk=a.pk).update(parent=b)  # a cycle made behind the model's back
    c = Organisation(name="C", kind="other", parent=Organisation.objects.get(pk=a.pk))
    c.full_clean()  # returns instead of looping forever


def test_source_documents_without_year_are_unique_by_title():
    from arena.register.models import SourceDocument

    SourceDocument.objects.create(title="Innspill fra KF")
    _violates(lambda: SourceDocument.objects.create(title="Innspill fra KF"))
