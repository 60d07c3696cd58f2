"""Renderers of the one report model: HTML (Django template), DOCX (Word template) and PDF (typst)."""

from arena.reporting.document import Report

FORMATS = ("html", "docx", "pdf")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render(report: Report, fmt: str, *, docx_page_numbers: bool = False) -> bytes:
    """The report as a file in `fmt` ("html", "docx" or "pdf"); `docx_page_numbers` — see render_docx."""
    if fmt == "html":
        from arena.reporting.renderers.html import render_html

        return render_html(report).encode("utf-8")
    if fmt == "docx":
        from arena.reporting.renderers.docx import render_docx

        return render_docx(report, page_numbers=docx_page_numbers)
    if fmt == "pdf":
        from arena.reporting.renderers.pdf import render_pdf

        return render_pdf(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
