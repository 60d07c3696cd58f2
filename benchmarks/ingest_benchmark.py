"""Seconds per document for the import: reading (text with structure, artefacts removed) and proposing
(linking, attribution, relations, activities), for both reports and for a PDF rendering of the 2019 report,
next to poppler's `pdftotext` on the same PDF.

    .venv/bin/python benchmarks/ingest_benchmark.py [--reports DIR] [--repeat N] [--json]

The register is a temporary SQLite database with the reference data and the demo register. The PDF is made
with WeasyPrint from the 2019 report's own structure (headings, paragraphs, list items, page numbers), so
reading it back exercises the PDF reader on a real PDF. Figures are the median of --repeat runs.
"""

import argparse
import html
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REPORTS = ROOT.parent / "shared" / "reports"


def setup_django(workdir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/benchmark.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from arena.register.demo.load import load_demo

    load_demo()


def render_pdf(document, path: Path) -> None:
    """A PDF of a parsed document: A4, serif, page numbers in the footer."""
    from weasyprint import HTML

    parts = [
        "<html><head><meta charset='utf-8'><style>@page { size: A4; margin: 2.5cm; "
        "@bottom-center { content: counter(page) } } body { font-family: serif; font-size: 11pt }"
        "</style></head><body>"
    ]
    for block in document.blocks:
        text = html.escape(block.text)
        if block.kind == "heading":
            level = min(block.level, 4)
            parts.append(f"<h{level}>{block.number + ' ' if block.number else ''}{text}</h{level}>")
        elif block.kind == "list_item":
            parts.append(f"<ul><li>{text}</li></ul>")
        else:
            parts.append(f"<p>{text}</p>")
    parts.append("</body></html>")
    HTML(string="".join(parts)).write_pdf(str(path))


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        from arena.ingest.linking import Gazetteer
        from arena.ingest.proposals import propose
        from arena.ingest.readers import read_document

        gazetteer_seconds, gazetteer = timed(Gazetteer.from_register, args.repeat)
        report_2019 = args.reports / "internasjonal-arsmelding-2019.txt"
        report_2020 = args.reports / "internasjonal-arsmelding-2020.txt"
        pdf = Path(workdir) / "internasjonal-arsmelding-2019.pdf"
        render_pdf(read_document(report_2019), pdf)
        rows = []
        for label, path in (
            ("2019 (.txt, PDF extraction)", report_2019),
            ("2020 (.txt, web export)", report_2020),
            ("2019 (.pdf, WeasyPrint)", pdf),
        ):
            read_seconds, document = timed(lambda path=path: read_document(path), args.repeat)
            propose_seconds, proposals = timed(lambda d=document: propose(d, gazetteer), args.repeat)
            rows.append(
                {
                    "document": label,
                    "bytes": path.stat().st_size,
                    "blocks": len(document.blocks),
                    "read_s": read_seconds,
                    "propose_s": propose_seconds,
                    "total_s": read_seconds + propose_seconds,
                    "links": len(proposals.links),
                }
            )
        pdftotext = shutil.which("pdftotext")
        pdftotext_seconds = None
        if pdftotext:
            pdftotext_seconds, _ = timed(
                lambda: subprocess.run(
                    [pdftotext, "-layout", str(pdf), "-"], capture_output=True, check=True
                ),
                args.repeat,
            )
    result = {"gazetteer_s": gazetteer_seconds, "documents": rows, "pdftotext_s": pdftotext_seconds}
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"register names loaded in {gazetteer_seconds:.3f} s (once per import run)")
    print(f"{'document':30} {'bytes':>8} {'blocks':>6} {'read s':>8} {'propose s':>9} {'total s':>8}")
    for row in rows:
        print(
            f"{row['document']:30} {row['bytes']:8} {row['blocks']:6} {row['read_s']:8.3f} {row['propose_s']:9.3f}"
            f" {row['total_s']:8.3f}"
        )
    if pdftotext_seconds is not None:
        print(f"{'pdftotext -layout, same PDF':30} {'':8} {'':6} {pdftotext_seconds:8.3f}")
    else:
        print("pdftotext not installed (apt-get install poppler-utils)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
