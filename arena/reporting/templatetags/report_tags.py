"""Template helpers for rendering a report model (arena.reporting.document)."""

import base64

from django import template

from arena.reporting import document
from arena.reporting.charts import chart_svg

register = template.Library()


@register.filter
def block_kind(block) -> str:
    return document.block_kind(block)


@register.filter
def heading_text(part) -> str:
    return document.heading_text(part)


@register.filter
def chart_data_uri(figure: document.Figure) -> str:
    """The figure's chart as an SVG data URI for <img src> (no id clashes between charts, alt on the img)."""
    svg = chart_svg(figure.chart).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


@register.filter
def is_numeric_column(index: int, table: document.Table) -> bool:
    return index in table.numeric


@register.simple_tag
def inline_static(path: str) -> str:
    """A static file's text, for documents that must stand alone (the HTML file, WeasyPrint's input)."""
    from django.contrib.staticfiles import finders
    from django.utils.safestring import mark_safe

    found = finders.find(path)
    if not found:
        raise template.TemplateSyntaxError(f"static file {path!r} not found")
    with open(found, encoding="utf-8") as f:
        return mark_safe(f.read())  # noqa: S308 - our own stylesheet
