"""PDF from the report model: WeasyPrint lays out the print HTML (page numbers from @page counters, bookmarks
from the headings, a table of contents with page numbers) and writes tagged PDF/A-2a.

What PDF/A-2a means here is checked by arena.reporting.pdfa.check_pdfa, not assumed.
"""

import logging

from weasyprint import HTML

from arena.reporting.document import Report
from arena.reporting.renderers.html import render_html

PDF_VARIANT = (
    "pdf/a-2a"  # PDF/A-2, level A: tagged structure, Unicode text, embedded fonts, sRGB output intent
)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class PdfError(RuntimeError):
    """WeasyPrint reported an error (e.g. an image without alt text) while writing the PDF."""


def render_pdf(report: Report) -> bytes:
    html = render_html(report, for_print=True)
    collector = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        pdf = HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=True)
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise PdfError("; ".join(collector.messages))
    return pdf
