"""Editing, history and restore over HTTP, for every persona: the coordinator, the contact of the owning unit,
the contact of another unit, a reader and an anonymous visitor — refusals included."""

import datetime

import pytest
from django.urls import reverse

from arena.register.changes import latest_history_id
from arena.register.models import Activity, Arena, Engagement, Organisation, Person, UnitRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    """The shared personas (tests/conftest.py) and a few records of KF's and FF's."""
    coordinating, kf, ff = personas.coordinating, personas.kf, personas.ff
    who = Organisation.objects.create(
        name="Verdens helseorganisasjon", abbreviation="WHO", kind="international"
    )
    arena = Arena.objects.create(name="Helseforsamlingen", kind="governing_body", organisation=who)
    engagement = Engagement.objects.create(unit=kf, arena=arena, role=Engagement.Role.MEMBER)
    activity = Activity.objects.create(year=2020, title="KF i helseforsamlingen")
    activity.units.set([kf])
    ff_activity = Activity.objects.create(year=2020, title="FF-arbeid")
    ff_activity.units.set([ff])
    users = {
        "coordinator": personas.users["coordinator"],
        "kf_contact": personas.users["contact_kf"],
        "ff_contact": personas.users["contact_ff"],
        "reader": personas.users["reader"],
    }
    return locals()


def as_(client, user):
    client.force_login(user)
    return client


def edit_url(section, obj):
    return reverse("record-edit", args=[section, obj.pk])


def activity_post(activity, units, title, based_on):
    return {"year": activity.year, "title": title, "kind": "participation", "description": "",
            "units": [u.pk for u in units], "based_on": based_on or ""}  # fmt: skip


# Who may open and save which form

EXPECTED = {
    # persona: (own-unit activity, other-unit activity, arena)
    "coordinator": (200, 200, 200),
    "kf_contact": (200, 403, 403),
    "ff_contact": (403, 200, 403),
    "reader": (403, 403, 403),
}


@pytest.mark.parametrize("persona", EXPECTED)
def test_who_may_open_which_edit_form(client, world, persona):
    as_(client, world["users"][persona])
    urls = (
        edit_url("aktiviteter", world["activity"]),
        edit_url("aktiviteter", world["ff_activity"]),
        edit_url("arenaer", world["arena"]),
    )
    assert tuple(client.get(url).status_code for url in urls) == EXPECTED[persona]


@pytest.mark.parametrize("persona", ["ff_contact", "reader"])
def test_refused_saves_change_nothing(client, world, persona):
    as_(client, world["users"][persona])
    activity = world["activity"]
    response = client.post(
        edit_url("aktiviteter", activity),
        activity_post(activity, [world["kf"]], "Kapret", latest_history_id(activity)),
    )
    assert response.status_code == 403
    assert "Ingen tilgang" in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "KF i helseforsamlingen"


def test_anonymous_is_sent_to_sign_in(client, world):
    url = edit_url("aktiviteter", world["activity"])
    for response in (client.get(url), client.post(url, {"title": "x"})):
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_contact_saves_own_activity_and_history_records_it(client, world):
    as_(client, world["users"]["kf_contact"])
    activity = world["activity"]
    response = client.post(
        edit_url("aktiviteter", activity),
        activity_post(activity, [world["kf"]], "KF i WHA og EB", latest_history_id(activity)),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "KF i WHA og EB"
    page = client.get(reverse("record-history", args=["aktiviteter", activity.pk])).content.decode()
    assert "KF i helseforsamlingen" in page and "KF i WHA og EB" in page and "av Kontakt-Kf Test" in page


def test_contact_cannot_assign_another_units_name(client, world):
    as_(client, world["users"]["kf_contact"])
    response = client.post(
        reverse("record-create", args=["aktiviteter"]),
        activity_post(world["activity"], [world["kf"], world["ff"]], "Ny aktivitet", None),
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Activity.objects.filter(title="Ny aktivitet").exists()


def test_coordinator_creates_an_organisation(client, world):
    as_(client, world["users"]["coordinator"])
    response = client.post(
        reverse("record-create", args=["organisasjoner"]),
        {
            "name": "Europarådet",
            "name_en": "Council of Europe",
            "abbreviation": "CoE",
            "kind": "international",
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(name="Europarådet")
    assert org.history.get().history_user == world["users"]["coordinator"]


def test_invalid_input_gets_bokmal_messages_and_nothing_is_saved(client, world):
    as_(client, world["users"]["kf_contact"])
    engagement = world["engagement"]
    response = client.post(
        edit_url("deltakelser", engagement),
        {
            "unit": world["kf"].pk,
            "arena": world["arena"].pk,
            "role": "member",
            "starts_on": "2021-01-01",
            "ends_on": "2020-01-01",
            "based_on": latest_history_id(engagement) or "",
        },  # fmt: skip
    )
    assert response.status_code == 200
    assert "Sluttdatoen kan ikke være før startdatoen." in response.content.decode()
    engagement.refresh_from_db()
    assert engagement.starts_on is None


def test_stale_form_is_refused_with_both_versions_shown(client, world, django_user_model):
    activity = world["activity"]
    as_(client, world["users"]["coordinator"])
    client.post(
        edit_url("aktiviteter", activity), activity_post(activity, [world["kf"]], "Første versjon", None)
    )
    opened_on = latest_history_id(activity)  # both editors open the form now
    other = world["users"]["kf_contact"]
    as_(client, other)
    assert (
        client.post(
            edit_url("aktiviteter", activity),
            activity_post(activity, [world["kf"]], "Kollegaens versjon", opened_on),
        ).status_code
        == 302
    )
    as_(client, world["users"]["coordinator"])
    response = client.post(
        edit_url("aktiviteter", activity), activity_post(activity, [world["kf"]], "Min versjon", opened_on)
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Noen andre har lagret endringer i mellomtiden" in page
    assert "Kollegaens versjon" in page  # the stored version
    assert 'value="Min versjon"' in page  # the user's unsaved input is kept
    activity.refresh_from_db()
    assert activity.title == "Kollegaens versjon"


def test_only_the_coordinator_restores(client, world):
    activity = world["activity"]
    as_(client, world["users"]["kf_contact"])
    version_1 = activity_post(activity, [world["kf"]], "Versjon 1", latest_history_id(activity))
    assert client.post(edit_url("aktiviteter", activity), version_1).status_code == 302
    first = latest_history_id(activity)
    version_2 = activity_post(activity, [world["kf"]], "Versjon 2", first)
    assert client.post(edit_url("aktiviteter", activity), version_2).status_code == 302
    url = reverse("record-restore", args=["aktiviteter", activity.pk, first])
    latest = {"based_on": latest_history_id(activity)}
    assert client.post(url, latest).status_code == 403
    as_(client, world["users"]["coordinator"])
    assert client.get(url).status_code == 405
    assert client.post(url, latest).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Versjon 1"


def test_edit_button_only_for_those_who_may(client, world):
    url = world["activity"].get_absolute_url()
    edit = edit_url("aktiviteter", world["activity"])
    as_(client, world["users"]["kf_contact"])
    assert edit in client.get(url).content.decode()
    as_(client, world["users"]["reader"])
    page = client.get(url).content.decode()
    assert edit not in page and reverse("record-history", args=["aktiviteter", world["activity"].pk]) in page


def test_unknown_section_or_record_is_404(client, world):
    as_(client, world["users"]["coordinator"])
    assert client.get(reverse("record-edit", args=["ukjent", 1])).status_code == 404
    assert client.get(reverse("record-edit", args=["aktiviteter", 999999])).status_code == 404


def test_coordinator_edits_other_names_and_search_finds_them(client, world):
    from arena.register.names import find_organisations

    who = world["who"]
    as_(client, world["users"]["coordinator"])
    data = {"name": who.name, "name_en": "", "abbreviation": "WHO", "kind": "international",
            "other_names": "World Health Organization\nWHOs\n\nWHOs", "based_on": latest_history_id(who) or ""}  # fmt: skip
    assert client.post(edit_url("organisasjoner", who), data).status_code == 302
    assert list(find_organisations("whos")) == [who]
    data.update(other_names="WHOs", based_on=latest_history_id(who) or "")
    assert client.post(edit_url("organisasjoner", who), data).status_code == 302
    assert not find_organisations("World Health Organization").exists()
    assert list(find_organisations("WHO")) == [who]  # the abbreviation is kept by the model, not the list


READ_VIEWS = ["home", "unit-list", "organisation-list", "arena-list", "engagement-list", "activity-list",
              "dashboard", "search", "country-list", "area-list"]  # fmt: skip


@pytest.mark.parametrize("persona", ["coordinator", "kf_contact", "ff_contact", "reader", "anonymous"])
def test_every_persona_reads_every_page_and_anonymous_only_signs_in(client, world, persona):
    if persona != "anonymous":
        as_(client, world["users"][persona])
    details = [world[k].get_absolute_url() for k in ("kf", "who", "arena", "engagement", "activity")]
    details += [reverse("record-history", args=["aktiviteter", world["activity"].pk])]
    for url in [reverse(name) for name in READ_VIEWS] + details:
        response = client.get(url)
        if persona == "anonymous" and url != "/":
            assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
        else:
            assert response.status_code == 200, (persona, url)


def test_engagements_filter_by_the_year_they_were_active(client, world):
    engagement = world["engagement"]
    engagement.starts_on, engagement.ends_on = datetime.date(2018, 1, 1), datetime.date(2019, 12, 31)
    engagement.save()
    as_(client, world["users"]["reader"])
    listed = lambda year: list(client.get(reverse("engagement-list"), {"year": year}).context["objects"])  # noqa: E731
    assert listed(2019) == [engagement]
    assert listed(2020) == []


def test_coordinator_adds_a_person_and_a_role_others_may_not(client, world):
    as_(client, world["users"]["kf_contact"])
    assert client.get(reverse("record-create", args=["personer"])).status_code == 403
    as_(client, world["users"]["coordinator"])
    assert (
        client.post(
            reverse("record-create", args=["personer"]), {"given_name": "Ny", "family_name": "Kontakt"}
        ).status_code
        == 302
    )
    person = Person.objects.get(family_name="Kontakt")
    form_page = client.get(
        reverse("record-create", args=["roller"]), {"unit": world["ff"].pk}
    ).content.decode()
    assert f'<option value="{world["ff"].pk}" selected>' in form_page
    response = client.post(
        reverse("record-create", args=["roller"]),
        {"person": person.pk, "unit": world["ff"].pk, "role": UnitRole.Role.INTERNATIONAL_CONTACT},
    )
    assert response.status_code == 302 and response["Location"].endswith("#roller")
    from arena.register.permissions import Access

    person.user = world["users"]["reader"]
    person.save()
    assert Access.of(world["users"]["reader"]).can_change(
        world["ff_activity"]
    )  # the new contact now may edit


def test_contact_saving_a_shared_activity_keeps_the_other_units(client, world):
    shared = world["activity"]
    shared.units.set([world["kf"], world["ff"]])
    as_(client, world["users"]["kf_contact"])
    post = activity_post(shared, [world["kf"]], "Felles arbeid", latest_history_id(shared))
    assert client.post(edit_url("aktiviteter", shared), post).status_code == 302
    assert set(shared.units.all()) == {world["kf"], world["ff"]}
    assert Activity.objects.get(pk=shared.pk).title == "Felles arbeid"


def test_restore_refuses_a_stale_view_and_a_deleted_link(client, world):
    activity = world["activity"]
    as_(client, world["users"]["coordinator"])
    first = latest_history_id(activity)
    client.post(edit_url("aktiviteter", activity), activity_post(activity, [world["kf"]], "Versjon 2", first))
    url = reverse("record-restore", args=["aktiviteter", activity.pk, first])
    page = client.post(url, {"based_on": first}, follow=True).content.decode()  # looked at an old page
    assert "Posten er endret siden du åpnet historikken" in page
    assert Activity.objects.get(pk=activity.pk).title == "Versjon 2"
    engagement = world["engagement"]
    opened = latest_history_id(engagement)
    gone = Arena.objects.create(name="Nedlagt komité", kind="committee")
    data = {"unit": world["kf"].pk, "arena": gone.pk, "role": "member", "based_on": opened}
    assert client.post(edit_url("deltakelser", engagement), data).status_code == 302
    data.update(arena=world["arena"].pk, based_on=latest_history_id(engagement))
    assert client.post(edit_url("deltakelser", engagement), data).status_code == 302
    Engagement.objects.filter(pk=engagement.pk).update(arena=world["arena"])
    version_with_gone_arena = engagement.history.filter(arena_id=gone.pk).get().history_id
    gone.delete()
    restore_url = reverse("record-restore", args=["deltakelser", engagement.pk, version_with_gone_arena])
    page = client.post(restore_url, {"based_on": latest_history_id(engagement)}, follow=True).content.decode()
    assert "den viser til noe som er slettet" in page
    engagement.refresh_from_db()
    assert engagement.arena == world["arena"]


def test_history_of_people_is_for_the_coordinator_only(client, world):
    person = Person.objects.get(user=world["users"]["kf_contact"])
    url = reverse("record-history", args=["personer", person.pk])
    as_(client, world["users"]["reader"])
    assert client.get(url).status_code == 403
    as_(client, world["users"]["coordinator"])
    assert client.get(url).status_code == 200
