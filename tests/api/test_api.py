"""The REST API: every resource × persona for read and write, versions as ETag/If-Match, problem details,
filters shared with the list pages, cursor pagination, tokens."""

import pytest
from django.core.management import call_command

from arena.api.models import ApiToken
from arena.api.resources import RESOURCES
from arena.register.models import Activity, Arena, Engagement, Organisation, Unit
from tests.conftest import PERSONAS

READ_ONLY = {"countries", "areas"}


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert (
        body["status"] == status and body["title"] and body["detail"] and body["type"].startswith("https://")
    )
    return body


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_every_list_and_record_is_readable_when_signed_in_and_401_when_not(api_as, world, persona, resource):
    personas, who, wha = world
    Engagement.objects.create(unit=personas.kf, arena=wha)
    api = api_as(persona)
    response = api.get(f"{resource}/")
    if persona == "anonymous":
        _problem(response, 401)
        assert response["WWW-Authenticate"] == "Token"
        return
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"next", "previous", "results"}
    model = RESOURCES[resource].model
    if model.objects.exists():
        first = body["results"][0]
        one = api.get(f"{resource}/{first['id']}/")
        assert one.status_code == 200 and one.json()["id"] == first["id"]
        if "version" in first:
            assert one["ETag"] == f'"{first["version"]}"'


def _payloads(personas, who, wha):
    """A valid new record per writable resource, owned by KF where the resource is unit-owned."""
    return {
        "units": {"name": "Avdeling for testing", "kind": Unit.Kind.DEPARTMENT, "parent": personas.kf.pk},
        "people": {"given_name": "Ola", "family_name": "Nordmann", "email": "ola@example.org"},
        "roles": None,  # needs a person: made in the test
        "organisations": {
            "name": "Testorganisasjon",
            "kind": Organisation.Kind.NGO,
            "other_names": ["TO-navn"],
        },
        "arenas": {"name": "Testnettverket", "kind": Arena.Kind.NETWORK, "organisation": who.pk},
        "engagements": {"unit": personas.kf.pk, "arena": wha.pk, "role": Engagement.Role.MEMBER},
        "activities": {
            "year": 2020,
            "title": "Innspill til WHA",
            "kind": Activity.Kind.CONTRIBUTION,
            "units": [personas.kf.pk],
            "arenas": [wha.pk],
        },  # fmt: skip
        "outlooks": {"unit": personas.kf.pk, "year": 2021, "text": "Vi vil delta mer."},
    }


# Who may create what: the coordinator everything; a unit contact the unit-owned records of their own unit.
CREATE_ALLOWED = {
    "coordinator": {
        "units",
        "people",
        "roles",
        "organisations",
        "arenas",
        "engagements",
        "activities",
        "outlooks",
    },
    "contact_kf": {"engagements", "activities", "outlooks"},
    "contact_ff": set(),  # the payloads are KF's
    "reader": set(),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_follows_access_and_stores_one_attributed_version(api_as, world, persona):
    personas, who, wha = world
    api = api_as(persona)
    from arena.register.models import Person

    person = Person.objects.create(given_name="Per", family_name="Hansen")
    payloads = _payloads(personas, who, wha)
    payloads["roles"] = {
        "person": person.pk,
        "unit": personas.kf.pk,
        "role": "member",
        "starts_on": "2020-01-01",
    }
    for name, payload in payloads.items():
        model = RESOURCES[name].model
        before = model.objects.count()
        response = api.post(f"{name}/", payload)
        if persona == "anonymous":
            _problem(response, 401)
        elif name in CREATE_ALLOWED[persona]:
            assert response.status_code == 201, (name, response.content)
            body = response.json()
            assert response["ETag"] == f'"{body["version"]}"'
            obj = model.objects.get(pk=body["id"])
            version = obj.history.get()
            assert version.history_change_reason == "api"
            assert version.history_user == personas.user(persona)
            if name == "organisations":
                assert body["other_names"] == ["TO-navn"]
            continue
        elif persona == "contact_ff" and name in {"engagements", "activities", "outlooks"}:
            # Another unit's record: the form offers only FF, as on the edit page.
            body = _problem(response, 400)
            assert {"unit", "units"} & set(body["errors"]), body
        else:
            _problem(response, 403)
        assert model.objects.count() == before, name


def test_read_only_resources_refuse_writes(api_as, world):
    api = api_as("coordinator")
    response = api.post("countries/", {"code": "XX", "code3": "XXX", "name": "X", "name_en": "X"})
    assert response.status_code in (403, 405)
    assert response["Content-Type"].startswith("application/problem+json")


def test_change_needs_the_current_version_and_a_stale_one_gets_412_and_stores_nothing(api_as, world):
    personas, who, wha = world
    api = api_as("coordinator")
    created = api.post("arenas/", {"name": "Ekspertgruppen", "kind": "expert_group", "organisation": who.pk})
    arena_id, first = created.json()["id"], created["ETag"]

    _problem(api.patch(f"arenas/{arena_id}/", {"description": "uten versjon"}), 428)

    changed = api.patch(f"arenas/{arena_id}/", {"description": "Første endring"}, HTTP_IF_MATCH=first)
    assert changed.status_code == 200, changed.content
    assert changed.json()["description"] == "Første endring"
    assert changed.json()["name"] == "Ekspertgruppen"  # PATCH keeps what was not sent
    assert changed["ETag"] != first

    stale = api.patch(f"arenas/{arena_id}/", {"description": "Basert på gammel versjon"}, HTTP_IF_MATCH=first)
    _problem(stale, 412)
    arena = Arena.objects.get(pk=arena_id)
    assert arena.description == "Første endring"
    assert arena.history.count() == 2

    replaced = api.put(
        f"arenas/{arena_id}/",
        {"name": "Ekspertgruppen", "kind": "expert_group", "organisation": who.pk},
        HTTP_IF_MATCH=changed["ETag"],
    )
    assert replaced.status_code == 200
    assert Arena.objects.get(pk=arena_id).description == ""  # PUT replaces


def test_a_unit_contact_changes_only_their_own_units_records(api_as, world):
    personas, who, wha = world
    kf_engagement = Engagement.objects.create(unit=personas.kf, arena=wha)
    ff_engagement = Engagement.objects.create(unit=personas.ff, arena=wha, role=Engagement.Role.MEMBER)
    api = api_as("contact_kf")
    etag = api.get(f"engagements/{kf_engagement.pk}/")["ETag"]
    ok = api.patch(f"engagements/{kf_engagement.pk}/", {"note": "Vi leder arbeidet"}, HTTP_IF_MATCH=etag)
    assert ok.status_code == 200
    etag = api.get(f"engagements/{ff_engagement.pk}/")["ETag"]
    _problem(api.patch(f"engagements/{ff_engagement.pk}/", {"note": "Ikke vår"}, HTTP_IF_MATCH=etag), 403)
    etag = ok["ETag"]
    moved = api.patch(f"engagements/{kf_engagement.pk}/", {"unit": personas.ff.pk}, HTTP_IF_MATCH=etag)
    body = _problem(moved, 400)
    assert "unit" in body["errors"]
    assert Engagement.objects.get(pk=kf_engagement.pk).unit == personas.kf
    _problem(api.delete(f"engagements/{ff_engagement.pk}/", HTTP_IF_MATCH="*"), 403)
    assert Engagement.objects.filter(pk=ff_engagement.pk).exists()


def test_delete_with_if_match_and_in_use_gives_409(api_as, world):
    personas, who, wha = world
    engagement = Engagement.objects.create(unit=personas.kf, arena=wha)
    api = api_as("coordinator")
    _problem(api.delete(f"engagements/{engagement.pk}/"), 428)
    etag = api.get(f"arenas/{wha.pk}/")["ETag"]
    _problem(api.delete(f"arenas/{wha.pk}/", HTTP_IF_MATCH=etag), 409)  # an engagement points at it
    assert Arena.objects.filter(pk=wha.pk).exists()
    _problem(api.delete(f"engagements/{engagement.pk}/", HTTP_IF_MATCH='"999999"'), 412)
    etag = api.get(f"engagements/{engagement.pk}/")["ETag"]
    assert api.delete(f"engagements/{engagement.pk}/", HTTP_IF_MATCH=etag).status_code == 204
    assert not Engagement.objects.filter(pk=engagement.pk).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "", "kind": "network"}, "name"),
        ({"name": "X", "kind": "no-such-kind"}, "kind"),
        ({"name": "X", "kind": "network", "organisation": 10**30}, "organisation"),
        ({"name": "X", "kind": "network", "organisation": {"id": 1}}, "organisation"),
        ({"name": "X", "kind": "network", "countries": "NO"}, "countries"),
        ({"name": "X", "kind": "network", "starts_on": "2020-02-30"}, "starts_on"),
        ({"name": "X", "kind": "network", "starts_on": "2021-01-01", "ends_on": "2020-01-01"}, None),
        ({"name": "X", "kind": "network", "surprise": 1}, "surprise"),
        ({"name": "X", "kind": "network", "other_names": "not a list"}, "other_names"),
        ({"name": "X\x00", "kind": "network"}, "name"),
        ({"name": ["a", "list"], "kind": "network"}, "name"),
        ({"name": "X", "kind": "network", "ends_on": [None, None]}, "ends_on"),
        ({"name": "X", "kind": "network", "ends_on": 0}, "ends_on"),
        ({"name": "X", "kind": "network", "starts_on": True}, "starts_on"),
    ],
)
def test_invalid_data_gets_400_with_bokmal_messages_and_stores_nothing(api_as, world, payload, field):
    api = api_as("coordinator")
    before = Arena.objects.count()
    body = _problem(api.post("arenas/", payload), 400)
    assert body["title"] == "Ugyldige data"
    if field is not None:
        assert field in body["errors"], body
    assert Arena.objects.count() == before


def test_body_that_is_not_an_object_or_not_json(api_as, world):
    api = api_as("coordinator")
    _problem(api.post("arenas/", ["a", "list"]), 400)
    response = api.client.post("/api/v1/arenas/", "{not json", content_type="application/json", **api.headers)
    _problem(response, 400)
    response = api.client.post("/api/v1/arenas/", "name=x", content_type="text/plain", **api.headers)
    _problem(response, 415)


def test_lists_use_the_same_filters_as_the_pages(api_as, world, client):
    personas, who, wha = world
    other = Arena.objects.create(name="Nettverket", kind=Arena.Kind.NETWORK)
    for year in (2019, 2020, 2020):
        activity = Activity.objects.create(year=year, title=f"Arbeid {year}-{Activity.objects.count()}")
        activity.units.add(personas.kf)
        activity.arenas.add(wha if year == 2020 else other)
    api = api_as("reader")
    by_year = api.get("activities/", year=2020).json()["results"]
    assert {a["year"] for a in by_year} == {2020} and len(by_year) == 2
    by_organisation = api.get("activities/", organisation="WHO").json()["results"]
    assert len(by_organisation) == 2
    api.client.force_login(personas.user("reader"))
    page = api.client.get("/aktiviteter/", {"organisation": "WHO"})
    assert page.status_code == 200 and page.context["page_obj"].paginator.count == 2
    body = _problem(api.get("activities/", year="1800"), 400)
    assert "year" in body["errors"]
    body = _problem(api.get("arenas/", organisation="finnes-ikke"), 400)
    assert body["errors"]["organisation"] == ["Fant ingen med dette navnet."]


def test_cursor_pagination_walks_every_row_once(api_as, world):
    for i in range(7):
        Organisation.objects.create(name=f"Organisasjon {i}", kind=Organisation.Kind.OTHER)
    api = api_as("reader")
    seen, url = [], "organisations/?antall=3"
    pages = 0
    while url:
        body = api.get(url if url.startswith("/") else url).json() if not url.startswith("http") else None
        if body is None:
            body = api.client.get(url, **api.headers).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
        pages += 1
    assert len(seen) == len(set(seen)) == Organisation.objects.count()
    assert pages >= 3
    _problem(api.get("organisations/", cursor="garbage"), 404)


def test_out_of_range_ids_are_404(api_as, world):
    api = api_as("reader")
    _problem(api.get("arenas/99999999999999999/"), 404)
    assert api.get("arenas/999999999999999999999999/").status_code == 404


def test_tokens_from_the_command_line_and_revoked_tokens(client, world, capsys):
    personas, who, wha = world
    call_command("create_token", "leser", "--name", "Power BI")
    token = capsys.readouterr().out.strip()
    assert token.startswith("arena_")
    row = ApiToken.objects.get(user=personas.user("reader"))
    assert row.name == "Power BI" and row.digest != token and token not in row.prefix + "x"
    response = client.get("/api/v1/arenas/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.last_used_at is not None
    from arena.api import tokens
    from arena.register.permissions import Access

    tokens.revoke(row, by=Access.of(personas.user("reader")))
    _problem(client.get("/api/v1/arenas/", HTTP_AUTHORIZATION=f"Token {token}"), 401)
    _problem(client.get("/api/v1/arenas/", HTTP_AUTHORIZATION="Token arena_wrong"), 401)
    _problem(client.get("/api/v1/arenas/", HTTP_AUTHORIZATION="Token a b"), 401)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_token", "ingen-slik")


def test_token_page_makes_shows_once_and_revokes(as_persona, personas):
    client = as_persona("contact_kf")
    response = client.post("/konto/api-nokler/", {"name": "Skript"})
    assert response.status_code == 200
    token = response.context["new_token"]
    assert token and token in response.content.decode()
    again = client.get("/konto/api-nokler/")
    assert token not in again.content.decode() and "Skript" in again.content.decode()
    row = ApiToken.objects.get(user=personas.user("contact_kf"))
    # Another user's token cannot be revoked from this page.
    other = as_persona("reader")
    assert other.post(f"/konto/api-nokler/{row.pk}/trekk-tilbake/").status_code == 404
    client = as_persona("contact_kf")
    client.post(f"/konto/api-nokler/{row.pk}/trekk-tilbake/")
    row.refresh_from_db()
    assert row.revoked_at is not None
    from arena.register.changes import log_entries

    actions = [e.action for e in log_entries(personas.user("contact_kf"))]
    assert actions == ["api.token.revoked", "api.token.created"]


def test_session_sign_in_works_and_needs_csrf_for_writes(world, django_user_model):
    from django.test import Client

    personas, who, wha = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.user("coordinator"))
    assert client.get("/api/v1/arenas/").status_code == 200
    response = client.post(
        "/api/v1/organisations/", {"name": "X", "kind": "ngo"}, content_type="application/json"
    )
    _problem(response, 403)
    assert not Organisation.objects.filter(name="X").exists()


def test_schema_and_offline_documentation(client):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    body = schema.json()
    assert body["openapi"].startswith("3.")
    assert "/api/v1/activities/" in body["paths"]
    assert "token" in body["components"]["securitySchemes"]
    assert "If-Match" in str(body["paths"]["/api/v1/arenas/{id}/"]["patch"]["parameters"])
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower() and "unpkg" not in docs
    assert client.get("/api/redoc/").status_code == 200


# Exports: one implementation behind the list pages' links and the API.


@pytest.fixture
def activities(world):
    personas, who, wha = world
    for i, year in enumerate((2019, 2020, 2020)):
        activity = Activity.objects.create(
            year=year, title=f"Møte {i}, «sitat»; ærlig", kind=Activity.Kind.EVENT
        )
        activity.units.add(personas.kf)
        activity.arenas.add(wha)
    return world


def test_csv_export_follows_the_filters_and_names_in_both_languages(activities, api_as):
    import csv
    import io

    api = api_as("reader")
    response = api.get("activities/export/csv/", year=2020)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header, rows = table[0], table[1:]
    assert len(rows) == 2
    assert "Arenaer" in header and "Arenaer (engelsk)" in header
    row = dict(zip(header, rows[0], strict=True))
    assert row["Arenaer"] == "Verdens helseforsamling"
    assert row["År"] == "2020" and row["Type"] == "Arrangement eller webinar"
    assert row["Tittel"].startswith("Møte") and "«sitat»; ærlig" in row["Tittel"]


def test_json_and_xlsx_exports_hold_the_same_rows(activities, api_as):
    import json

    import openpyxl

    api = api_as("reader")
    data = json.loads(b"".join(api.get("activities/export/json/", year=2020).streaming_content))
    assert len(data) == 2 and {row["year"] for row in data} == {2020}
    assert data[0]["arenas"] == "Verdens helseforsamling"
    response = api.get("activities/export/xlsx/", year=2020)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    sheet = book.active
    values = list(sheet.values)
    assert len(values) == 3 and values[0][0] == "Id"
    assert sorted(r[0] for r in values[1:]) == sorted(row["id"] for row in data)
    assert api.get("activities/export/pdf/").status_code == 404
    _problem(api_as("anonymous").get("activities/export/csv/"), 401)


def test_list_pages_link_to_the_exports_with_their_filters(activities, as_persona):
    client = as_persona("reader")
    page = client.get("/aktiviteter/", {"year": 2020, "page": 1}).content.decode()
    assert 'href="/api/v1/activities/export/csv/?year=2020"' in page
    assert 'href="/api/v1/activities/export/xlsx/?year=2020"' in page
    for path in ("/enheter/", "/organisasjoner/", "/arenaer/", "/deltakelser/"):
        assert "/export/csv/" in client.get(path).content.decode()
    export = client.get("/api/v1/activities/export/csv/?year=2020")  # the session is enough
    assert export.status_code == 200
    assert len(b"".join(export.streaming_content).decode().strip().splitlines()) == 3
