"""The national view: national partners (HOD, FHI …) hold engagements in arenas beside the directorate's units.

The register refuses an engagement with no holder or with two; only the coordinator creates, changes or removes
a partner's engagement; the arena's page, the organisation's page, the engagement list and search show them; the
directorate's own annual report leaves them out."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from arena.register import changes
from arena.register.models import Arena, Engagement, Organisation
from arena.register.permissions import Access
from arena.register.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    who = Organisation.objects.create(
        name="Verdens helseorganisasjon", abbreviation="WHO", kind="international"
    )
    fhi = Organisation.objects.create(
        name="Folkehelseinstituttet", abbreviation="FHI", kind=Organisation.Kind.NATIONAL_AGENCY
    )
    hod = Organisation.objects.create(
        name="Helse- og omsorgsdepartementet", abbreviation="HOD", kind=Organisation.Kind.NATIONAL_MINISTRY
    )
    ihr = Arena.objects.create(
        name="Det internasjonale helsereglementet", abbreviation="IHR", kind="agreement", organisation=who
    )
    wha = Arena.objects.create(name="Verdens helseforsamling", kind="governing_body", organisation=who)
    own = Engagement.objects.create(unit=personas.kf, arena=wha, role=Engagement.Role.MEMBER)
    coordinator = Access.of(personas.users["coordinator"])
    fhi_ihr = Engagement(
        partner=fhi, arena=ihr, role=Engagement.Role.CONTACT_POINT, note="Varsling etter IHR"
    )
    changes.save(fhi_ihr, by=coordinator, validate=True)
    hod_wha = Engagement(partner=hod, arena=wha, role=Engagement.Role.LEAD)
    changes.save(hod_wha, by=coordinator, validate=True)
    return locals()


def test_an_engagement_has_exactly_one_holder(world, personas):
    for bad in (
        Engagement(arena=world["ihr"]),
        Engagement(unit=personas.kf, partner=world["fhi"], arena=world["ihr"]),
    ):
        with pytest.raises(ValidationError) as err:
            bad.full_clean()
        assert "enten en enhet i direktoratet eller en nasjonal partner" in str(err.value)
        with pytest.raises(IntegrityError), transaction.atomic():
            bad.save()


def test_only_a_national_organisation_can_be_a_partner(world):
    bad = Engagement(partner=world["who"], arena=world["ihr"])
    with pytest.raises(ValidationError) as err:
        bad.full_clean()
    assert "Bare norske departementer" in str(err.value)


def test_a_partner_holds_one_open_engagement_per_arena_and_role(world):
    twice = Engagement(partner=world["fhi"], arena=world["ihr"], role=Engagement.Role.CONTACT_POINT)
    with pytest.raises(ValidationError) as err:
        twice.full_clean()
    assert "Partneren har allerede en pågående deltakelse" in str(err.value)


def test_only_the_coordinator_writes_partner_engagements(world, personas):
    contact = Access.of(personas.users["contact_kf"])
    new = Engagement(partner=world["fhi"], arena=world["wha"])
    with pytest.raises(PermissionDenied):
        changes.save(new, by=contact)
    assert not contact.can_change(world["fhi_ihr"]) and not contact.can_delete(world["fhi_ihr"])
    mine = world["own"]
    mine.unit, mine.partner = None, world["fhi"]  # a contact may not hand their unit's seat to a partner
    with pytest.raises(PermissionDenied):
        changes.save(mine, by=contact)
    assert Engagement.objects.get(pk=mine.pk).unit == personas.kf
    assert (
        Access.of(personas.users["coordinator"]).can_hold_for_partner() and not contact.can_hold_for_partner()
    )


def test_the_arena_page_shows_norways_whole_participation(client, world, personas):
    client.force_login(personas.users["reader"])
    page = client.get(reverse("arena-detail", args=[world["wha"].pk])).content.decode()
    assert "Hvem fra Norge deltar" in page
    assert "Direktoratets enheter" in page and "Divisjon for kvalitet og forløp" in page
    assert "Nasjonale partnere" in page and "Helse- og omsorgsdepartementet" in page
    assert world["hod_wha"].get_absolute_url() in page
    ihr_page = client.get(reverse("arena-detail", args=[world["ihr"].pk])).content.decode()
    assert "Folkehelseinstituttet" in ihr_page and "Varsling etter IHR" in ihr_page
    assert "Direktoratets enheter" not in ihr_page  # no unit sits there


def test_partner_pages_list_and_detail(client, world, personas):
    client.force_login(personas.users["reader"])
    fhi_page = client.get(reverse("organisation-detail", args=[world["fhi"].pk])).content.decode()
    assert (
        "Deltakelser som nasjonal partner" in fhi_page and "Det internasjonale helsereglementet" in fhi_page
    )
    who_page = client.get(reverse("organisation-detail", args=[world["who"].pk])).content.decode()
    assert "FHI" in who_page or "Folkehelseinstituttet" in who_page
    listing = client.get(reverse("engagement-list")).content.decode()
    assert "FHI" in listing and "nasjonal partner" in listing and "KF" in listing
    only_fhi = client.get(reverse("engagement-list"), {"partner": world["fhi"].pk}).content.decode()
    assert "FHI" in only_fhi and ">KF<" not in only_fhi
    detail = client.get(world["fhi_ihr"].get_absolute_url()).content.decode()
    assert "Nasjonal partner" in detail and "Folkehelseinstituttet" in detail


def test_the_coordinator_adds_a_partner_engagement_in_the_form_and_a_contact_sees_no_partner_field(
    client, world, personas
):
    url = reverse("record-create", args=["deltakelser"])
    client.force_login(personas.users["contact_kf"])
    assert 'name="partner"' not in client.get(url).content.decode()
    client.force_login(personas.users["coordinator"])
    assert 'name="partner"' in client.get(url).content.decode()
    both = {"unit": personas.kf.pk, "partner": world["hod"].pk, "arena": world["ihr"].pk, "role": "member"}
    response = client.post(url, both)
    assert response.status_code == 200 and "ikke begge" in response.content.decode()
    response = client.post(url, {**both, "unit": ""})
    assert response.status_code == 302
    assert Engagement.objects.filter(partner=world["hod"], arena=world["ihr"], role="member").exists()


def test_search_finds_a_partners_engagements_by_partner_and_by_arena(world):
    by_partner = [h.obj for h in search("Folkehelseinstituttet").engagements]
    assert world["fhi_ihr"] in by_partner
    by_arena = [h.obj for h in search("Det internasjonale helsereglementet").engagements]
    assert world["fhi_ihr"] in by_arena
    assert "FHI" in str(world["fhi_ihr"]) and "IHR" in str(world["fhi_ihr"])


def test_the_search_page_shows_them(client, world, personas):
    client.force_login(personas.users["reader"])
    page = client.get(reverse("search"), {"q": "IHR"}).content.decode()
    assert "Deltakelser" in page and world["fhi_ihr"].get_absolute_url() in page


def test_the_directorates_report_leaves_partner_engagements_out(world):
    from arena.reporting.builder import EditorialTexts, _load
    from arena.reporting.cycle import reporting_units

    data = _load(2024, EditorialTexts())
    assert world["own"] in data.engagements
    assert all(e.unit_id is not None for e in data.engagements + data.previous_engagements)
    assert None not in {u.pk for u in reporting_units(2024)}
