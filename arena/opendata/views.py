"""/data/: the open data without sign-in, only when ARENA_OPEN_DATA is on (otherwise every address is a 404).

The views are exempt from the sign-in requirement; each asks `Access.can_read_open_data()` first, so with the
setting off nothing is reachable here, signed in or not.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from arena.opendata.catalog import base_url, build_catalog, serialize
from arena.opendata.datasets import BY_KEY, DATASETS
from arena.opendata.formats import LICENCE, LICENCE_PAGE, MEDIA_TYPES, chunks

CATALOG_TYPES = {"ttl": "text/turtle", "jsonld": "application/ld+json"}


def _require_open(request) -> None:
    if not request.access.can_read_open_data():
        raise Http404


def _public_headers(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{LICENCE}>; rel="license", <{base_url()}catalog.ttl>; rel="describedby"'
    return response


@login_not_required
def index(request):
    _require_open(request)
    language = "en" if get_language() == "en" else "nb"
    datasets = [
        {
            "key": d.key,
            "title": d.title(language),
            "description": d.description(language),
            "modified": d.modified(),
            "formats": list(MEDIA_TYPES),
        }
        for d in DATASETS
    ]
    return render(request, "opendata/index.html", {"datasets": datasets, "licence_page": LICENCE_PAGE})


@login_not_required
def dataset_file(request, key: str, fmt: str):
    _require_open(request)
    dataset = BY_KEY.get(key)
    if dataset is None:
        raise Http404
    response = StreamingHttpResponse(
        (piece.encode("utf-8") for piece in chunks(dataset, fmt, base_url())),
        content_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{key}.{fmt}"'
    return _public_headers(response)


@login_not_required
def catalog(request, fmt: str):
    _require_open(request)
    text = serialize(build_catalog(), fmt)
    return _public_headers(HttpResponse(text, content_type=f"{CATALOG_TYPES[fmt]}; charset=utf-8"))
