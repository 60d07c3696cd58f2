"""The monitoring log through the API: the same scoping as the pages — an item for the monitoring team is
invisible to everyone else in lists, records and exports."""

import json

import pytest

from arena.api import tokens
from arena.register.permissions import Access
from tests.api.conftest import Api
from tests.monitoring.conftest import team  # noqa: F401 - fixture

MONITORING = (
    "monitoring-topics",
    "monitoring-items",
    "situations",
    "country-assessments",
    "situation-reports",
)


def _api(client, user):
    return Api(client, tokens.create(user, "test", by=Access.system())[1])


def _titles(api, **params):
    response = api.get("monitoring-items/", **params)
    assert response.status_code == 200
    return {row["title"] for row in response.json()["results"]}


@pytest.mark.django_db
def test_a_team_item_is_invisible_to_others_in_lists_records_and_exports(client, team):  # noqa: F811
    reader = _api(client, team.personas.users["reader"])
    member = _api(client, team.member)
    secret, public = team.secret_item.title, team.open_item.title
    assert _titles(reader) == {public}
    assert _titles(member) == {public, secret}
    assert reader.get(f"monitoring-items/{team.secret_item.pk}/").status_code == 404
    assert member.get(f"monitoring-items/{team.secret_item.pk}/").status_code == 200
    exported = reader.get("monitoring-items/export/json/")
    rows = json.loads(b"".join(exported.streaming_content))
    assert [row["title"] for row in rows] == [public]
    csv_rows = b"".join(member.get("monitoring-items/export/csv/").streaming_content).decode("utf-8-sig")
    assert secret in csv_rows and public in csv_rows


@pytest.mark.django_db
def test_every_monitoring_list_reads_for_a_signed_in_user(client, team):  # noqa: F811
    reader = _api(client, team.personas.users["reader"])
    for name in MONITORING:
        assert reader.get(f"{name}/").status_code == 200, name
    assert Api(client).get("monitoring-items/").status_code == 401
    assert reader.post("monitoring-items/", {"title": "x"}).status_code in (403, 405)
