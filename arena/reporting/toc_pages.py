"""Page numbers for the DOCX table of contents, found at generation time with LibreOffice headless.

python-docx cannot lay out pages, so a TOC field written by it has no page numbers until Word updates fields. When
LibreOffice (`soffice`) is installed, the renderer converts its own DOCX to PDF once with it (in a throw-away
user profile, so parallel runs never share one), reads the PDF's bookmarks — LibreOffice makes one per heading,
pointing at its page — and writes those page numbers into the TOC field's current result. The document itself is
still the renderer's (LibreOffice's DOCX export would restyle it); the field stays marked for update, so Word
may refine the numbers to its own layout. Without soffice, or when it fails or takes too long, the TOC keeps its
entries without numbers, as before.

Only the issuing job asks for it (`render_docx(report, page_numbers=True)`, in a thread while the PDF is made):
it costs 2–5 s per document, more than the DOCX renderer's budget (issue 16). `REPORTING_DOCX_PAGE_NUMBERS =
False` switches it off there too (tests that do not look at the TOC).
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pikepdf
from django.conf import settings

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 120


def soffice() -> str | None:
    """LibreOffice's command, or None when page numbers are switched off or LibreOffice is not installed."""
    if not getattr(settings, "REPORTING_DOCX_PAGE_NUMBERS", True):
        return None
    return (
        getattr(settings, "REPORTING_SOFFICE", "") or shutil.which("soffice") or shutil.which("libreoffice")
    )


def _convert_to_pdf(command: str, docx: bytes, timeout: float) -> bytes | None:
    with tempfile.TemporaryDirectory(prefix="arena-toc-") as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(docx)
        args = [
            command,
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(source),
        ]
        # Its own process group: soffice is a wrapper around soffice.bin, and a timeout must end both.
        try:
            process = subprocess.Popen(
                args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
            )
        except OSError as error:
            log.warning("LibreOffice could not be started (%s); no page numbers in the contents list", error)
            return None
        try:
            _out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            log.warning(
                "LibreOffice took more than %s s; the DOCX contents list has no page numbers", timeout
            )
            return None
        pdf = source.with_suffix(".pdf")
        if process.returncode != 0 or not pdf.exists():
            log.warning("LibreOffice could not lay out the DOCX (%s): %s", process.returncode, err[-500:])
            return None
        return pdf.read_bytes()


def _bookmark_pages(pdf: bytes) -> list[tuple[int, str, int]]:
    """(depth, title, page number) for every bookmark of the PDF, in order."""
    result: list[tuple[int, str, int]] = []
    with pikepdf.open(io.BytesIO(pdf)) as document, document.open_outline() as outline:

        def walk(items, depth):
            for item in items:
                destination = item.destination
                if destination is None and item.action is not None:
                    destination = item.action.get("/D")
                if isinstance(destination, pikepdf.Array) and len(destination):
                    result.append((depth, str(item.title), pikepdf.Page(destination[0]).index + 1))
                walk(item.children, depth + 1)

        walk(outline.root, 1)
    return result


def match_pages(entries: list[tuple[int, str]], bookmarks: list[tuple[int, str, int]]) -> list[int] | None:
    """The page of each TOC entry (level, text), taken from the bookmarks in order; None unless every entry
    is found (a partial contents list with numbers would mislead)."""
    pages: list[int] = []
    position = 0
    for level, text in entries:
        while position < len(bookmarks) and (bookmarks[position][0], bookmarks[position][1]) != (level, text):
            position += 1
        if position == len(bookmarks):
            return None
        pages.append(bookmarks[position][2])
        position += 1
    return pages


def toc_pages(
    docx: bytes, entries: list[tuple[int, str]], timeout: float = TIMEOUT_SECONDS
) -> list[int] | None:
    """The page number of each TOC entry of `docx` as LibreOffice lays it out, or None (see the module doc)."""
    command = soffice()
    if not command or not entries:
        return None
    pdf = _convert_to_pdf(command, docx, timeout)
    if pdf is None:
        return None
    try:
        pages = match_pages(entries, _bookmark_pages(pdf))
    except pikepdf.PdfError as error:  # pragma: no cover - LibreOffice wrote something unreadable
        log.warning("LibreOffice's PDF could not be read: %s", error)
        return None
    if pages is None:
        log.warning("LibreOffice's headings do not match the contents list; it keeps no page numbers")
    return pages
