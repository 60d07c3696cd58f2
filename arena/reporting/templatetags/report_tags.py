"""Template helpers for rendering a report model (arena.reporting.document)."""

import base64

from django import template
from django.utils.safestring import mark_safe

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

    found = finders.find(path)
    if not found:
        raise template.TemplateSyntaxError(f"static file {path!r} not found")
    with open(found, encoding="utf-8") as f:
        return mark_safe(f.read())  # noqa: S308 - our own stylesheet


def _spans_html(spans, context) -> str:
    """Escaped HTML for a run of spans (arena.reporting.markup): nothing from the text is passed through raw."""
    from django.utils.html import escape, format_html

    prefix = context.get("fn_prefix", "")
    parts = []
    for span in spans:
        note = span.footnote
        if note is not None:
            if context.get("for_print"):  # WeasyPrint sets it at the foot of the page (float: footnote)
                parts.append(
                    format_html('<span class="footnote">{}</span>', mark_safe(_spans_html(note.spans, {})))  # noqa: S308
                )
            else:
                parts.append(
                    format_html(
                        '<sup class="fn-call"><a href="#{p}{id}" id="{p}ref-{id}" role="doc-noteref">{n}</a></sup>',
                        p=prefix,
                        id=note.id,
                        n=note.number,
                    )
                )
            continue
        html = escape(span.text)
        if span.italic:
            html = f"<em>{html}</em>"
        if span.bold:
            html = f"<strong>{html}</strong>"
        if span.url:
            html = format_html('<a href="{}">{}</a>', span.url, mark_safe(html))  # noqa: S308 - escaped above
        parts.append(str(html))
    return "".join(str(p) for p in parts)


@register.simple_tag(takes_context=True)
def rich_spans(context, spans):
    return mark_safe(_spans_html(spans, context))  # noqa: S308 - every text escaped in _spans_html


@register.simple_tag(takes_context=True)
def footnote_list(context, blocks):
    """The footnotes called in `blocks` as a numbered list with links back to their calls (HTML on screen; the
    PDF sets them at the foot of the page instead)."""
    from django.utils.html import format_html, format_html_join

    notes = document.block_footnotes(blocks)
    if not notes or context.get("for_print"):
        return ""
    labels = context.get("labels") or {}
    prefix = context.get("fn_prefix", "")
    items = format_html_join(
        "",
        '<li id="{p}{id}" value="{n}">{text} <a href="#{p}ref-{id}" class="fn-back" aria-label="{back} {n}">↩</a></li>',
        (
            {
                "p": prefix,
                "id": n.id,
                "n": n.number,
                "text": mark_safe(_spans_html(n.spans, {})),  # noqa: S308 - escaped in _spans_html
                "back": labels.get("footnote_back", ""),
            }
            for n in notes
        ),
    )
    return format_html(
        '<section class="footnotes" aria-label="{}"><ol>{}</ol></section>',
        labels.get("footnotes", ""),
        items,
    )
