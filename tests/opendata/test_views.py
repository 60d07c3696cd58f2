"""/data/ without sign-in when ARENA_OPEN_DATA is on; a 404 for everyone when it is off (the default)."""

import csv
import io
import json

import pytest
from django.conf import settings as django_settings
from rdflib import Graph

from arena.opendata.datasets import BY_KEY

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/data/",
    "/data/catalog.ttl",
    "/data/catalog.jsonld",
    "/data/aktiviteter.csv",
    "/data/deltakelser.json",
]


def test_open_data_is_off_by_default():
    assert django_settings.ARENA_OPEN_DATA is False


@pytest.mark.parametrize("persona", ["anonymous", "reader"])
def test_off_every_address_is_a_404(settings, as_persona, persona, sample):
    settings.ARENA_OPEN_DATA = False
    client = as_persona(persona)
    for address in ADDRESSES:
        assert client.get(address).status_code == 404, address


def test_on_anonymous_visitors_read_the_files(settings, client, sample, dcat_shapes):
    settings.ARENA_OPEN_DATA = True
    index = client.get("/data/")
    assert index.status_code == 200
    page = index.content.decode()
    assert "NLOD" in page and 'href="aktiviteter.csv"' in page and "Internasjonale aktiviteter per år" in page

    response = client.get("/data/aktiviteter.csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "NLOD_2_0" in response["Link"]
    table = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert [r["title"] for r in table] == [r["title"] for r in BY_KEY["aktiviteter"].rows()]

    response = client.get("/data/deltakelser.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (
        json.loads(b"".join(response.streaming_content))["rows"][0]["arena_name"] == "Verdens helseforsamling"
    )

    turtle = client.get("/data/catalog.ttl")
    assert turtle["Content-Type"] == "text/turtle; charset=utf-8"
    jsonld = client.get("/data/catalog.jsonld")
    assert jsonld["Content-Type"] == "application/ld+json; charset=utf-8"
    graph = Graph().parse(data=turtle.content.decode(), format="turtle")
    assert graph.isomorphic(Graph().parse(data=jsonld.content.decode(), format="json-ld"))
    from pyshacl import validate

    conforms, _r, text = validate(graph, shacl_graph=dcat_shapes, inference="none")
    assert conforms, text

    assert client.get("/data/ukjent.csv").status_code == 404


def test_on_the_rest_of_arena_still_needs_sign_in(settings, client, sample):
    settings.ARENA_OPEN_DATA = True
    for address in ["/aktiviteter/", "/arsmelding/", "/enheter/"]:
        response = client.get(address)
        assert response.status_code == 302 and "/logg-inn/" in response["Location"], address
