"""A dataset's rows as CSV and JSON text, produced piece by piece (for streaming responses and files).

CSV: UTF-8, comma-separated, a header row with the column names; columns holding several values (the
countries of an arena, an activity's units) are joined with ";". JSON: an object with the dataset's
description (title, licence, publisher, modified) and `rows`, a list of objects, with lists as JSON arrays.
"""

import csv
import io
import json
from collections.abc import Iterator

from django.conf import settings

from arena.opendata.datasets import Dataset

LICENCE = "http://publications.europa.eu/resource/authority/licence/NLOD_2_0"
LICENCE_PAGE = "https://data.norge.no/nlod/no/2.0"
LICENCE_NAME = "Norsk lisens for offentlige data (NLOD) 2.0"
LICENCE_NAME_EN = "Norwegian Licence for Open Government Data (NLOD) 2.0"

MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
BATCH = 500  # rows per piece of output


def csv_chunks(dataset: Dataset) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(dataset.columns)
    for n, row in enumerate(dataset.rows(), 1):
        writer.writerow(
            [
                ";".join(str(v) for v in row[c]) if c in dataset.list_columns else row[c]
                for c in dataset.columns
            ]
        )
        if n % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def header(dataset: Dataset, base_url: str) -> dict:
    modified = dataset.modified()
    return {
        "dataset": dataset.key,
        "title": {"nb": dataset.title_nb, "en": dataset.title_en},
        "description": {"nb": dataset.description_nb, "en": dataset.description_en},
        "publisher": settings.ORGANISATION_NAME,
        "licence": LICENCE,
        "licence_name": LICENCE_NAME,
        "licence_page": LICENCE_PAGE,
        "modified": modified.isoformat() if modified else None,
        "catalogue": f"{base_url}catalog.ttl",
        "columns": list(dataset.columns),
    }


def json_chunks(dataset: Dataset, base_url: str) -> Iterator[str]:
    head = json.dumps(header(dataset, base_url), ensure_ascii=False, indent=1)
    yield head[:-2] + ',\n "rows": ['
    pieces = []
    for n, row in enumerate(dataset.rows()):
        pieces.append(("\n  " if n == 0 else ",\n  ") + json.dumps(row, ensure_ascii=False))
        if len(pieces) == BATCH:
            yield "".join(pieces)
            pieces = []
    pieces.append("\n ]\n}\n")
    yield "".join(pieces)


def chunks(dataset: Dataset, fmt: str, base_url: str) -> Iterator[str]:
    return csv_chunks(dataset) if fmt == "csv" else json_chunks(dataset, base_url)
