"""Exports of a filtered list as CSV, XLSX or JSON — the one implementation behind the list pages' download
links and the API's `…/export/<fmt>/`. Rows are read in chunks (`iterator`, relations prefetched per chunk)
and written out as they come: CSV and JSON stream, XLSX is written in xlsxwriter's constant-memory mode to a
temporary file that is then streamed, so memory stays flat however long the list is.

Columns follow the resource's fields, headed by their bokmål names. Where the register has both, a name is
given in bokmål with the English beside it (a column "… (engelsk)")."""

import csv
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils.text import capfirst

from arena.api.resources import Resource

CHUNK = 2000
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass(frozen=True)
class Column:
    key: str  # the JSON key
    header: str  # the spreadsheet header (bokmål)
    read: object  # obj -> value


def _name(obj) -> str:
    if obj is None:
        return ""
    return (getattr(obj, "name", "") if _has_english(type(obj)) else "") or str(obj)


def _name_en(obj) -> str:
    if obj is None:
        return ""
    return getattr(obj, "name_en", "") or str(obj)


@cache
def _has_english(model) -> bool:
    """Has the model an English name beside the bokmål one (asked per value: cached per model)."""
    return any(f.name == "name_en" for f in model._meta.fields)


def columns(resource: Resource) -> list[Column]:
    model = resource.model
    cols = [Column("id", "Id", lambda o: o.pk)]
    for name in resource.fields:
        field = model._meta.get_field(name)
        header = capfirst(str(field.verbose_name))
        if field.many_to_many:
            cols.append(
                Column(name, header, lambda o, n=name: "; ".join(_name(x) for x in getattr(o, n).all()))
            )
            if _has_english(field.related_model):
                cols.append(
                    Column(
                        f"{name}_en",
                        f"{header} (engelsk)",
                        lambda o, n=name: "; ".join(_name_en(x) for x in getattr(o, n).all()),
                    )
                )
        elif field.is_relation:
            cols.append(Column(name, header, lambda o, n=name: _name(getattr(o, n))))
            if _has_english(field.related_model):
                cols.append(
                    Column(f"{name}_en", f"{header} (engelsk)", lambda o, n=name: _name_en(getattr(o, n)))
                )
        elif field.choices:
            cols.append(Column(name, header, lambda o, n=name: getattr(o, f"get_{n}_display")()))
        else:
            cols.append(Column(name, header, lambda o, n=name: getattr(o, n)))
    if resource.named:
        cols.append(
            Column("other_names", "Andre navn", lambda o: "; ".join(sorted(a.name for a in o.alias_rows)))
        )
    return cols


def _prepared(resource: Resource, queryset):
    model = resource.model
    forward = [n for n in resource.fields if model._meta.get_field(n).many_to_one]
    many = [n for n in resource.fields if model._meta.get_field(n).many_to_many]
    queryset = queryset.select_related(*forward)
    if many:
        queryset = queryset.prefetch_related(*many)
    return queryset


def rows(resource: Resource, queryset, cols: list[Column] | None = None) -> Iterator[list]:
    """The values of each row, column by column, read CHUNK rows at a time."""
    cols = columns(resource) if cols is None else cols
    for obj in _prepared(resource, queryset).iterator(chunk_size=CHUNK):
        yield [col.read(obj) for col in cols]


class _Echo:
    def write(self, value):
        return value


def _text(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_chunks(resource: Resource, queryset) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so spreadsheet programs read the file as UTF-8
    cols = columns(resource)
    yield writer.writerow([c.header for c in cols])
    batch = []
    for row in rows(resource, queryset, cols):
        batch.append(writer.writerow([_text(v) for v in row]))
        if len(batch) >= 500:
            yield "".join(batch)
            batch = []
    yield "".join(batch)


def json_chunks(resource: Resource, queryset) -> Iterator[str]:
    cols = columns(resource)
    keys = [c.key for c in cols]
    yield "["
    first = True
    for row in rows(resource, queryset, cols):
        item = json.dumps(dict(zip(keys, row, strict=True)), ensure_ascii=False, default=str)
        yield item if first else "," + item
        first = False
    yield "]\n"


def write_xlsx(resource: Resource, queryset, target) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_urls": False})
    sheet = book.add_worksheet(str(capfirst(resource.model._meta.verbose_name_plural))[:31])
    bold = book.add_format({"bold": True})
    cols = columns(resource)
    for c, col in enumerate(cols):
        sheet.write_string(0, c, col.header, bold)
    for r, row in enumerate(rows(resource, queryset, cols), start=1):
        for c, value in enumerate(row):
            value = _text(value)
            if isinstance(value, bool | int | float):
                sheet.write(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
    book.close()


def filename(resource: Resource, fmt: str) -> str:
    return f"arena-{resource.name}-{date.today().isoformat()}.{fmt}"


def response(resource: Resource, queryset, fmt: str):
    """The export as an HTTP response (a download)."""
    if fmt not in FORMATS:
        raise Http404
    disposition = {"Content-Disposition": f'attachment; filename="{filename(resource, fmt)}"'}
    if fmt == "xlsx":
        target = tempfile.TemporaryFile()  # noqa: SIM115 - removed when the response closes it
        write_xlsx(resource, queryset, target)
        target.seek(0)
        return FileResponse(target, content_type=FORMATS[fmt], headers=disposition)
    chunks = csv_chunks if fmt == "csv" else json_chunks
    return StreamingHttpResponse(
        (chunk.encode() for chunk in chunks(resource, queryset)),
        content_type=FORMATS[fmt],
        headers=disposition,
    )
