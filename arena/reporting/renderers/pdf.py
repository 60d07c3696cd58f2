"""PDF from the report model: typst lays out the report (arena/reporting/templates/reporting/report.typ) and writes
tagged PDF/A-2a and PDF/UA-1 — "Side n av N" footers, the running title, a contents list and cross-references with page
numbers, bookmarks from the headings (chapters, sections, subsections → levels 1/2/3), Norwegian hyphenation and,
for drafts, the word "UTKAST" in every page's header and a diagonal mark behind every page.

The model goes to typst as JSON (`sys.inputs.report`), so no text of the register is ever read as typst markup;
the compiler runs in a child process (renderers/typst_compile.py) so that its memo cache goes with it.
Typst was chosen over WeasyPrint on the same document model by the figures in benchmarks/RESULTS.md (a
500-activity year: about 3 s against 10–15 s). What PDF/A-2a means here is checked by
arena.reporting.pdfa.check_pdfa, not assumed.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from arena.reporting.charts import chart_svg, watermark_svg
from arena.reporting.document import (
    ActivityEntry,
    BulletList,
    Chapter,
    Figure,
    Note,
    Paragraph,
    ReferenceList,
    Report,
    RichList,
    RichParagraph,
    Section,
    Table,
    heading_text,
    xml_safe_report,
)

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "reporting" / "report.typ"
# PDF/A-2, level A (tagged structure, Unicode text, embedded fonts, sRGB output intent) and PDF/UA-1 (accessible:
# typst refuses to write the file when a rule of either is broken, e.g. a figure without alt text).
PDF_STANDARDS = ["a-2a", "ua-1"]
COMPILER = Path(__file__).resolve().parent / "typst_compile.py"
TIMEOUT_SECONDS = 300
BLOCKS = (Paragraph, ActivityEntry, BulletList, ReferenceList, Table, Figure, Note, RichParagraph, RichList)


class PdfError(RuntimeError):
    """Typst could not lay out the report (the message says why)."""


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _block(block) -> dict:
    if not isinstance(block, BLOCKS):  # a new kind of block must be taught to report.typ too
        raise PdfError(f"the PDF renderer cannot lay out a {type(block).__name__}")
    data = _plain(block)
    data["kind"] = type(block).__name__.lower()
    if isinstance(block, ActivityEntry):
        data["heading"] = block.heading
    elif isinstance(block, Figure):
        data["svg"] = chart_svg(block.chart)
        del data["chart"]
    return data


def _part(part: Chapter | Section) -> dict:
    return {
        "id": part.id,
        "heading": heading_text(part),
        "title": part.title,
        "blocks": [_block(b) for b in part.blocks],
        "sections": [_part(s) for s in part.sections],
        "numbered": getattr(part, "numbered", True),
    }


def report_json(report: Report) -> str:
    """The report model as the JSON document report.typ reads."""
    draft = report.labels.get("draft", "Utkast")
    return json.dumps(
        {
            "language": report.language,
            "full_title": report.full_title,
            "pdf_title": f"{draft.upper()}: {report.full_title}" if report.draft else report.full_title,
            "subtitle": report.subtitle,
            "organisation": report.organisation,
            "labels": report.labels,
            "is_empty": report.is_empty,
            "draft": report.draft,
            "watermark": watermark_svg(draft.upper()) if report.draft else "",
            "chapters": [_part(c) for c in report.chapters],
        },
        ensure_ascii=False,
    )


def font_paths() -> list[str]:
    """Where typst finds DejaVu Sans (Debian's fonts-dejavu-core); system fonts are not searched."""
    return list(getattr(settings, "REPORTING_FONT_PATHS", ["/usr/share/fonts/truetype/dejavu"]))


def render_pdf(report: Report) -> bytes:
    report = xml_safe_report(report)
    request = json.dumps(
        {
            "template": str(TEMPLATE),
            "root": str(TEMPLATE.parent),
            "report": report_json(report),
            "standard": PDF_STANDARDS,
            "font_paths": font_paths(),
        }
    )
    # In a child process: typst's memo cache would otherwise stay in this one (see typst_compile).
    try:
        result = subprocess.run(
            [sys.executable, "-I", str(COMPILER)],  # -I: not this folder (html.py, docx.py) on sys.path
            input=request.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise PdfError(f"typst took more than {TIMEOUT_SECONDS} s") from error
    if result.returncode != 0 or not result.stdout.startswith(b"%PDF-"):
        raise PdfError(
            result.stderr.decode("utf-8", "replace")[-2000:] or f"typst exited with {result.returncode}"
        )
    return result.stdout
