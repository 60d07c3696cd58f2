"""The DCAT-AP-NO catalogue: it validates against the profile's SHACL shapes (read from ../shared/standards),
and says what it must: publisher, licence, themes, distributions, contact point, modified dates."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from arena.opendata.catalog import build_catalog, serialize
from arena.opendata.datasets import DATASETS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]

BASE = "https://arena.example.no/data/"
HDIR = URIRef("https://data.brreg.no/enhetsregisteret/api/enheter/983544622")


def shacl(graph, shapes):
    from pyshacl import validate

    conforms, _report, text = validate(graph, shacl_graph=shapes, inference="none", allow_warnings=False)
    return conforms, text


def test_the_catalogue_of_the_demo_register_validates_against_dcat_ap_no(dcat_shapes):
    graph = Graph().parse(data=serialize(build_catalog(), "ttl"), format="turtle")
    conforms, text = shacl(graph, dcat_shapes)
    assert conforms, text
    # JSON-LD says the same.
    from_jsonld = Graph().parse(data=serialize(build_catalog(), "jsonld"), format="json-ld")
    assert from_jsonld.isomorphic(graph)


def test_the_shapes_do_bite(dcat_shapes):
    graph = build_catalog()
    dataset = URIRef(BASE + "#arenaer")
    graph.remove((dataset, DCTERMS.publisher, None))
    graph.remove((dataset, DCAT.theme, None))
    conforms, text = shacl(graph, dcat_shapes)
    assert not conforms
    assert "dct:publisher" in text and "dcat:theme" in text


def test_the_catalogue_describes_publisher_licence_themes_distributions_and_dates():
    graph = build_catalog()
    [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
    assert graph.value(catalog, DCTERMS.publisher) == HDIR
    assert graph.value(HDIR, DCTERMS.identifier) == Literal("983544622")
    assert graph.value(HDIR, FOAF.name) == Literal("Helsedirektoratet", lang="nb")
    titles = set(graph.objects(catalog, DCTERMS.title))
    assert {t.language for t in titles} == {"nb", "en"}
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert datasets == {URIRef(f"{BASE}#{d.key}") for d in DATASETS}
    nlod = URIRef("http://publications.europa.eu/resource/authority/licence/NLOD_2_0")
    theme = "http://publications.europa.eu/resource/authority/data-theme/"
    for dataset in DATASETS:
        node = URIRef(f"{BASE}#{dataset.key}")
        themes = {str(t) for t in graph.objects(node, DCAT.theme)}
        assert themes <= {theme + "HEAL", theme + "GOVE"} and themes
        assert graph.value(node, DCTERMS.modified).toPython() == dataset.modified()
        contact = graph.value(node, DCAT.contactPoint)
        assert (contact, RDF.type, URIRef("http://www.w3.org/2006/vcard/ns#Organization")) in graph
        downloads = {}
        for distribution in graph.objects(node, DCAT.distribution):
            assert graph.value(distribution, DCTERMS.license) == nlod
            downloads[str(graph.value(distribution, DCAT.mediaType))] = str(
                graph.value(distribution, DCAT.downloadURL)
            )
        assert downloads == {
            "https://www.iana.org/assignments/media-types/text/csv": f"{BASE}{dataset.key}.csv",
            "https://www.iana.org/assignments/media-types/application/json": f"{BASE}{dataset.key}.json",
        }
    newest = max(d.modified() for d in DATASETS)
    assert graph.value(catalog, DCTERMS.modified).toPython() == newest
    activities = URIRef(BASE + "#aktiviteter")
    period = graph.value(activities, DCTERMS.temporal)
    assert str(graph.value(period, DCAT.startDate)) == "2019-01-01"
