"""The DCAT-AP-NO catalogue of the open datasets, as an rdflib graph (Turtle and JSON-LD).

One catalogue (dcat:Catalog) with one dcat:Dataset per dataset in `datasets.DATASETS`, each with a CSV and a
JSON dcat:Distribution (access and download URL, IANA media type, EU file type, licence). The publisher is the
organisation in the Central Coordinating Register for Legal Entities (Enhetsregisteret), identified by its
organisation number; the contact point is a vcard:Organization. Controlled vocabularies are the EU's
(data themes HEAL and GOVE, languages, file types, access rights, licences); each concept used is described
with `skos:inScheme` so the profile's vocabulary checks can see where it comes from. Modified dates come from
the register's history (`Dataset.modified`).

URIs are under the installation's public address (`ARENA_BASE_URL`): the catalogue, datasets and
distributions are fragments of the /data/ page that lists them.
"""

from django.conf import settings
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from arena.opendata.datasets import DATASETS
from arena.opendata.formats import LICENCE, LICENCE_PAGE, MEDIA_TYPES

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEME = Namespace(EU + "data-theme/")
LANGUAGE = Namespace(EU + "language/")
FILE_TYPE = Namespace(EU + "file-type/")
ACCESS_RIGHT = Namespace(EU + "access-right/")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
IANA = "https://www.iana.org/assignments/media-types/"
BRREG = "https://data.brreg.no/enhetsregisteret/api/enheter/"

CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "vcard": str(VCARD),
    "xsd": str(XSD),
}


def base_url() -> str:
    """The public address of /data/, ending in a slash."""
    return settings.ARENA_BASE_URL.rstrip("/") + "/data/"


def _concept(graph: Graph, uri: URIRef, scheme: str, kind=SKOS.Concept) -> URIRef:
    graph.add((uri, RDF.type, kind))
    graph.add((uri, SKOS.inScheme, URIRef(EU + scheme)))
    return uri


def _texts(graph: Graph, subject, predicate, nb: str, en: str) -> None:
    graph.add((subject, predicate, Literal(nb, lang="nb")))
    graph.add((subject, predicate, Literal(en, lang="en")))


def _publisher(graph: Graph) -> URIRef:
    number = settings.ARENA_ORGANISATION_NUMBER
    agent = URIRef(BRREG + number)
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, Literal(settings.ORGANISATION_NAME, lang="nb")))
    graph.add((agent, DCTERMS.identifier, Literal(number)))
    graph.add((agent, DCTERMS.type, PUBLISHER_TYPE.NationalAuthority))
    return agent


def _contact(graph: Graph, base: str) -> URIRef:
    contact = URIRef(base + "#kontakt")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(settings.ORGANISATION_NAME, lang="nb")))
    graph.add((contact, VCARD.hasEmail, URIRef("mailto:" + settings.ARENA_OPEN_DATA_CONTACT_EMAIL)))
    graph.add((contact, VCARD.hasURL, URIRef(base)))
    return contact


def build_catalog() -> Graph:
    """The catalogue graph of every open dataset."""
    base = base_url()
    graph = Graph()
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, namespace)

    publisher = _publisher(graph)
    contact = _contact(graph, base)
    licence = URIRef(LICENCE)
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    graph.add((licence, SKOS.inScheme, URIRef(EU + "licence")))
    graph.add((licence, FOAF.page, URIRef(LICENCE_PAGE)))
    public = _concept(graph, ACCESS_RIGHT.PUBLIC, "access-right", DCTERMS.RightsStatement)
    languages = [
        _concept(graph, LANGUAGE.NOB, "language", DCTERMS.LinguisticSystem),
        _concept(graph, LANGUAGE.ENG, "language", DCTERMS.LinguisticSystem),
    ]
    file_types = {
        "csv": _concept(graph, FILE_TYPE.CSV, "file-type", DCTERMS.MediaTypeOrExtent),
        "json": _concept(graph, FILE_TYPE.JSON, "file-type", DCTERMS.MediaTypeOrExtent),
    }

    catalog = URIRef(base + "#katalog")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.identifier, Literal(str(catalog))))
    _texts(
        graph,
        catalog,
        DCTERMS.title,
        f"Åpne data om internasjonalt samarbeid i {settings.ORGANISATION_NAME}",
        f"Open data on the international cooperation of {settings.ORGANISATION_NAME}",
    )
    _texts(
        graph,
        catalog,
        DCTERMS.description,
        "Organisasjoner, arenaer, enheter, deltakelse og årlige aktiviteter fra registeret over "
        "direktoratets internasjonale samarbeid (Arena). Ingen personopplysninger.",
        "Organisations, arenas, units, participation and yearly activities from the register of the "
        "directorate's international cooperation (Arena). No personal data.",
    )
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, FOAF.homepage, URIRef(base)))
    for language in languages:
        graph.add((catalog, DCTERMS.language, language))

    modified_dates = []
    for dataset in DATASETS:
        node = URIRef(f"{base}#{dataset.key}")
        graph.add((catalog, DCAT.dataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(str(node))))
        _texts(graph, node, DCTERMS.title, dataset.title_nb, dataset.title_en)
        _texts(graph, node, DCTERMS.description, dataset.description_nb, dataset.description_en)
        for word in dataset.keywords_nb:
            graph.add((node, DCAT.keyword, Literal(word, lang="nb")))
        for word in dataset.keywords_en:
            graph.add((node, DCAT.keyword, Literal(word, lang="en")))
        for theme in dataset.themes:
            graph.add((node, DCAT.theme, _concept(graph, THEME[theme], "data-theme")))
        graph.add((node, DCTERMS.publisher, publisher))
        graph.add((node, DCAT.contactPoint, contact))
        graph.add((node, DCTERMS.accessRights, public))
        graph.add((node, DCAT.landingPage, URIRef(base)))
        for language in languages:
            graph.add((node, DCTERMS.language, language))
        modified = dataset.modified()
        if modified:
            modified_dates.append(modified)
            graph.add((node, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
        span = dataset.temporal() if dataset.temporal else None
        if span:
            period = BNode()
            graph.add((node, DCTERMS.temporal, period))
            graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
            graph.add((period, DCAT.startDate, Literal(span[0], datatype=XSD.date)))
            graph.add((period, DCAT.endDate, Literal(span[1], datatype=XSD.date)))
        for fmt, media_type in MEDIA_TYPES.items():
            distribution = URIRef(f"{base}#{dataset.key}-{fmt}")
            graph.add((node, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            _texts(
                graph,
                distribution,
                DCTERMS.title,
                f"{dataset.title_nb} ({fmt.upper()})",
                f"{dataset.title_en} ({fmt.upper()})",
            )
            graph.add((distribution, DCAT.accessURL, URIRef(base)))
            graph.add((distribution, DCAT.downloadURL, URIRef(f"{base}{dataset.key}.{fmt}")))
            graph.add((distribution, DCAT.mediaType, URIRef(IANA + media_type)))
            graph.add((distribution, DCTERMS.format, file_types[fmt]))
            graph.add((distribution, DCTERMS.license, licence))
            if modified:
                graph.add((distribution, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
    if modified_dates:
        graph.add((catalog, DCTERMS.modified, Literal(max(modified_dates), datatype=XSD.date)))
    return graph


def serialize(graph: Graph, fmt: str) -> str:
    """`fmt` is "ttl" (Turtle) or "jsonld" (JSON-LD with a compact context)."""
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=CONTEXT, indent=1, ensure_ascii=False)
    return graph.serialize(format="turtle")
