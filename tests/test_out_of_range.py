"""Ids, years and page numbers out of range, in every URL pattern and in the query strings the pages read,
give 404 or a form error — never a server error; a refused permission is logged as one line."""

import logging
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

HUGE = "100000000000000000000"  # beyond a 64-bit integer
NUMBERS = [HUGE, "99999", "0", "9223372036854775808", "1"]
VALUES = {
    "int": NUMBERS,
    "id": NUMBERS,
    "year": NUMBERS + ["1989", "2101"],
    "str": ["x" * 300, "unit", "docx"],
    "slug": ["x" * 300, "ukjent-tema"],
}
PLAUSIBLE = {"int": "1", "id": "1", "year": "2020", "str": "aktiviteter", "slug": "covid-19"}
QUERIES = [
    f"units={HUGE}",
    f"unit={HUGE}",
    f"organisation={HUGE}",
    f"arena={HUGE}",
    f"year={HUGE}",
    "year=-5",
    "year=99999",
    f"page={HUGE}",
    "page=-1",
    f"country={HUGE}",
    f"area={HUGE}",
    f"q={'a' * 2000}",
]


def patterns(resolvers=None, prefix=""):
    """(route with <converter:name> placeholders, url name) for every pattern but the admin's."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                continue
            yield from patterns(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route, entry.name


ROUTES = sorted(set(patterns()))


def urls_for(route: str) -> list[str]:
    """The route filled with every hostile value of each placeholder's converter (others kept plausible)."""
    placeholders = re.findall(r"<(?:(\w+):)?(\w+)>", route)
    if not placeholders:
        return ["/" + route]
    urls = []
    for index, (converter, _name) in enumerate(placeholders):
        for value in VALUES.get(converter or "str", VALUES["str"]):
            filled = route
            for j, (conv, name) in enumerate(placeholders):
                plausible = PLAUSIBLE[conv or "str"]
                token = f"<{conv + ':' if conv else ''}{name}>"
                filled = filled.replace(token, value if j == index else plausible, 1)
            urls.append("/" + filled)
    return urls


@pytest.fixture
def coordinator(client, django_user_model, sample):
    user = django_user_model.objects.create_superuser(username="koordinator", password="x")
    client.force_login(user)
    client.raise_request_exception = False
    return client


def test_the_sweep_covers_the_projects_url_patterns():
    assert len(ROUTES) > 30
    assert any("<year:year>" in r for r, _n in ROUTES) and any("<id:pk>" in r for r, _n in ROUTES)


@pytest.mark.parametrize("route", [r for r, _n in ROUTES], ids=[n or r for r, n in ROUTES])
def test_out_of_range_values_never_give_a_server_error(coordinator, route):
    for url in urls_for(route):
        response = coordinator.get(url)
        assert response.status_code < 500, url
        if "<" not in route:
            for query in QUERIES:
                response = coordinator.get(f"{url}?{query}")
                assert response.status_code < 500, f"{url}?{query}"
        elif response.status_code == 200 and ("<int:" in route or "<id:" in route) and HUGE in url:
            pytest.fail(f"{url} answered 200 for an id beyond any row")


def test_a_refused_permission_is_logged_as_one_line(client, django_user_model, sample, caplog):
    client.force_login(django_user_model.objects.create_user(username="leser", password="x"))
    client.raise_request_exception = False
    with caplog.at_level(logging.WARNING):
        response = client.post("/import/", {})
    assert response.status_code == 403
    records = [r for r in caplog.records if r.getMessage().startswith("Forbidden")]
    assert records, [r.getMessage() for r in caplog.records]
    for record in caplog.records:
        assert record.exc_info is None and "\n" not in record.getMessage()
        assert "Traceback" not in caplog.text
