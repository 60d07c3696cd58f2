"""HTML from the report model: a standalone document (the HTML file) and
the fragment shown inside Arena's pages."""

from django.template.loader import render_to_string

from arena.reporting.document import Report, xml_safe_report


def _context(report: Report, **extra) -> dict:
    report = xml_safe_report(report)
    return {"report": report, "labels": report.labels, **extra}


def render_html(report: Report) -> str:
    """A complete HTML document with its stylesheet inlined."""
    return render_to_string("reporting/report_document.html", _context(report))


def render_fragment(report: Report) -> str:
    """The report's <article>, for embedding in an Arena page."""
    return render_to_string("reporting/includes/report_body.html", _context(report))
