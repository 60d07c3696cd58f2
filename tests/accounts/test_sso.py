"""Single sign-on through a real OpenID Connect provider (node-oidc-provider on 127.0.0.1, shaped like Entra ID):
users are keyed on `oid`, app roles become the register's unit roles (so `Access` sees coordinator, contact of
KF, reader), unknown users are refused or made readers by setting, and local sign-in stays."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from arena.accounts import oidc
from arena.accounts.models import OidcIdentity
from arena.accounts.sso import read_app_roles, sync_unit_roles
from arena.register.models import Person, UnitRole
from arena.register.permissions import Access
from tests.accounts.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, sign_in

pytestmark = pytest.mark.django_db

ACCOUNTS = {
    "kari": {
        "oid": "6f1c0d3e-0000-4000-8000-00000000c0o1",
        "name": "Kari Koordinator",
        "given_name": "Kari",
        "family_name": "Koordinator",
        "email": "kari@hdir.example",
        "preferred_username": "kari@hdir.example",
        "roles": ["Koordinator"],
    },
    "kim": {
        "oid": "6f1c0d3e-0000-4000-8000-0000000000kf",
        "name": "Kim Kontakt",
        "email": "kim@hdir.example",
        "preferred_username": "kim@hdir.example",
        "roles": ["Kontakt.KF", "Noe.Annet"],
    },
    "lise": {
        "oid": "6f1c0d3e-0000-4000-8000-000000000lse",
        "given_name": "Lise",
        "family_name": "Leser",
        "email": "lise@hdir.example",
        "preferred_username": "lise@hdir.example",
        "roles": ["Leser"],
    },
    "ukjent": {
        "oid": "6f1c0d3e-0000-4000-8000-00000000ukjt",
        "name": "Ulla Ukjent",
        "email": "ulla@hdir.example",
        "preferred_username": "ulla@hdir.example",
    },
}


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    running = Provider(tmp_path_factory.mktemp("oidc"), ACCOUNTS)
    yield running
    running.stop()


@pytest.fixture
def sso(provider, settings, personas):
    """Single sign-on switched on against the provider, with the personas' units (KF, FF, the coordinating
    unit) in the register. Each test starts from the provider's original accounts."""
    settings.ARENA_OIDC_ENABLED = True
    settings.ARENA_OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.ARENA_OIDC_UNKNOWN_USERS = "refuse"
    provider.accounts = {login: dict(claims) for login, claims in ACCOUNTS.items()}
    provider._write()
    return provider


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


def test_the_sign_in_page_offers_entra_id_only_when_configured(client, settings, sso):
    page = client.get("/logg-inn/").content.decode()
    assert "Logg inn med Entra ID" in page and 'href="/oidc/authenticate/"' in page
    assert 'name="password"' in page  # local sign-in stays
    settings.ARENA_OIDC_ENABLED = False
    page = client.get("/logg-inn/").content.decode()
    assert "Entra ID" not in page
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


def test_coordinator_app_role_makes_a_coordinator_through_the_register(client, sso, personas):
    response = sign_in(client, "kari", next_url="/arsmelding/")
    assert response.status_code == 302 and response["Location"] == "/arsmelding/"
    user = signed_in_user(client)
    assert user.username == "kari@hdir.example" and not user.has_usable_password()
    assert (user.first_name, user.last_name, user.email) == ("Kari", "Koordinator", "kari@hdir.example")
    identity = OidcIdentity.objects.get(user=user)
    assert (identity.issuer, identity.oid) == (sso.issuer, ACCOUNTS["kari"]["oid"])
    access = Access.of(user)
    assert access.persona == "coordinator" and access.can_manage_cycle()
    role = UnitRole.objects.get(person__user=user)
    assert (role.unit, role.role, role.starts_on) == (
        personas.coordinating,
        UnitRole.Role.COORDINATOR,
        timezone.localdate(),
    )
    version = role.history.get()
    assert version.history_change_reason == "sso" and version.history_user is None  # the system
    assert client.get("/").status_code == 200


def test_contact_app_role_names_the_unit_by_abbreviation_and_follows_the_token(client, sso, personas):
    sign_in(client, "kim")
    user = signed_in_user(client)
    access = Access.of(user)
    assert access.persona == "unit_contact"
    assert access.contact_unit_ids == {personas.kf.pk, personas.kf_department.pk}
    person = Person.objects.get(user=user)
    assert (person.given_name, person.family_name, person.email) == ("Kim", "Kontakt", "kim@hdir.example")
    # A role given by hand in Arena is not the token's to end.
    UnitRole.objects.create(person=person, unit=personas.ff, role=UnitRole.Role.INTERNATIONAL_CONTACT)

    # In Entra the contact role is swapped for the reader role: the next sign-in ends the KF role.
    sso.set_account("kim", roles=["Leser"])
    client.logout()
    sign_in(client, "kim")
    assert signed_in_user(client) == user
    assert Access.of(user).contact_unit_ids == {personas.ff.pk}
    assert not UnitRole.objects.filter(person=person, unit=personas.kf).exists()  # began today: removed
    assert UnitRole.objects.filter(person=person, unit=personas.ff, ends_on__isnull=True).exists()

    # And given back: a new role, the one Person.
    sso.set_account("kim", roles=["Kontakt.kf"])
    client.logout()
    sign_in(client, "kim")
    assert Access.of(user).contact_unit_ids == {personas.kf.pk, personas.kf_department.pk, personas.ff.pk}
    assert Person.objects.filter(user=user).count() == 1


def test_reader_app_role_signs_in_a_reader_without_unit_roles(client, sso):
    sign_in(client, "lise")
    user = signed_in_user(client)
    assert Access.of(user).persona == "reader"
    assert not Person.objects.filter(user=user).exists()
    assert client.get("/aktiviteter/").status_code in (200, 302)


def test_unknown_users_are_refused_by_default_and_readers_by_setting(client, sso, settings):
    response = sign_in(client, "ukjent")
    assert response.status_code == 302 and response["Location"] == "/logg-inn/"
    assert signed_in_user(client) is None
    assert not get_user_model().objects.filter(email="ulla@hdir.example").exists()
    page = client.get("/logg-inn/").content.decode()
    assert "har ingen rolle i Arena" in page

    settings.ARENA_OIDC_UNKNOWN_USERS = "reader"
    sign_in(client, "ukjent")
    user = signed_in_user(client)
    assert user is not None and user.email == "ulla@hdir.example"
    assert Access.of(user).persona == "reader"


def test_the_oid_keys_the_user_not_the_email(client, sso, django_user_model):
    # A local account with Kari's e-mail is not taken over by her sign-in.
    local = django_user_model.objects.create_user(
        "kari-lokal", email="kari@hdir.example", password="x-Passord-9"
    )
    sign_in(client, "kari")
    kari = signed_in_user(client)
    assert kari != local
    # Her e-mail and user principal name change in Entra: still the same user, details updated.
    sso.set_account(
        "kari", email="kari.nordmann@hdir.example", preferred_username="kari.nordmann@hdir.example"
    )
    client.logout()
    sign_in(client, "kari")
    again = signed_in_user(client)
    assert again == kari and again.email == "kari.nordmann@hdir.example"
    assert OidcIdentity.objects.filter(oid=ACCOUNTS["kari"]["oid"]).count() == 1
    # Someone else given Kari's old e-mail is someone else.
    sso.set_account(
        "ny", oid="6f1c0d3e-0000-4000-8000-0000000000ny", email="kari@hdir.example", roles=["Leser"]
    )
    client.logout()
    sign_in(client, "ny")
    assert signed_in_user(client) not in (kari, local)


def test_local_password_sign_in_stays_when_sso_is_on(client, sso, django_user_model):
    django_user_model.objects.create_user("nødtilgang", password="Hemmelig-passord-42")
    response = client.post("/logg-inn/", {"username": "nødtilgang", "password": "Hemmelig-passord-42"})
    assert response.status_code == 302 and signed_in_user(client).username == "nødtilgang"


def test_a_provider_that_does_not_answer_gives_a_message(client, sso, settings):
    settings.ARENA_OIDC_ISSUER = "http://127.0.0.1:9"  # discard port: nothing listens
    oidc.discovery.cache_clear()
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 302 and response["Location"] == "/logg-inn/"
    assert "svarer ikke" in client.get("/logg-inn/").content.decode()


def test_a_forged_or_stale_callback_signs_no_one_in(client, sso):
    response = client.get("/oidc/callback/?error=access_denied&state=x")
    assert response.status_code == 302 and signed_in_user(client) is None
    assert "ble avbrutt eller mislyktes" in client.get("/logg-inn/").content.decode()


def test_read_app_roles_ignores_what_is_not_arenas():
    roles = read_app_roles(["Kontakt.KF", "Kontakt.", "Koordinator", "Admin", 7, "Kontakt. FF "])
    assert roles.coordinator and not roles.reader and roles.contact_units == {"KF", "FF"}
    assert not read_app_roles(None).any and not read_app_roles({"roles": "x"}).any
    assert read_app_roles("Leser").reader


def test_a_role_held_since_earlier_days_is_ended_yesterday(personas, django_user_model):
    user = django_user_model.objects.create_user("sso-bruker")
    identity = OidcIdentity.objects.create(user=user, issuer="https://issuer.example", oid="x-1")
    start = datetime.date(2026, 3, 1)
    sync_unit_roles(identity, read_app_roles(["Kontakt.FF"]), on=start)
    later = start + datetime.timedelta(days=30)
    sync_unit_roles(identity, read_app_roles(["Leser"]), on=later)
    role = UnitRole.objects.get(person__user=user)
    assert (role.starts_on, role.ends_on) == (start, later - datetime.timedelta(days=1))
    assert Access.of(user).contact_unit_ids == frozenset()
