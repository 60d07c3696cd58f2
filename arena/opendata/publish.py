"""Writing the open data to a directory: the same files /data/ serves (`python -m arena open-data`)."""

from pathlib import Path

from arena.opendata.catalog import base_url, build_catalog, serialize
from arena.opendata.datasets import DATASETS
from arena.opendata.formats import LICENCE_NAME, LICENCE_NAME_EN, LICENCE_PAGE, MEDIA_TYPES, chunks

CATALOG_FILES = {"catalog.ttl": "ttl", "catalog.jsonld": "jsonld"}

LICENCE_TEXT = f"""Lisens / Licence

Dataene i denne mappen er lagt ut under {LICENCE_NAME}: {LICENCE_PAGE}
The data in this directory is published under the {LICENCE_NAME_EN}: {LICENCE_PAGE}

Beskrivelse av datasettene (DCAT-AP-NO): catalog.ttl, catalog.jsonld
"""


def write_open_data(directory: Path) -> list[Path]:
    """Write every dataset as CSV and JSON, the catalogue as Turtle and JSON-LD, and a licence note."""
    directory.mkdir(parents=True, exist_ok=True)
    base = base_url()
    written = []
    for dataset in DATASETS:
        for fmt in MEDIA_TYPES:
            path = directory / f"{dataset.key}.{fmt}"
            with path.open("w", encoding="utf-8", newline="") as out:
                for piece in chunks(dataset, fmt, base):
                    out.write(piece)
            written.append(path)
    graph = build_catalog()
    for name, fmt in CATALOG_FILES.items():
        path = directory / name
        path.write_text(serialize(graph, fmt), encoding="utf-8")
        written.append(path)
    licence = directory / "LISENS.txt"
    licence.write_text(LICENCE_TEXT, encoding="utf-8")
    written.append(licence)
    return written
