"""PDF reading beside poppler's pdftotext, on a PDF of the 2019 report (issue 15: within 10× of pdftotext).

    .venv/bin/python benchmarks/pdf_reading.py [--reports DIR] [--repeat N] [--json]

The PDF is made with WeasyPrint from the 2019 report's structure (as in ingest_benchmark.py). Timed: Arena's
whole PDF reading (`read_document`: PDFium text laid out, structure, artefacts removed), the same with pypdf's
layout extraction (the fallback), and `pdftotext -layout` on the same file when poppler is installed. Figures
are the median of --repeat runs in one process; the first run, which also loads PDFium, is shown apart. The
blocks read with PDFium and with pypdf are compared (they should be the same).
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_benchmark import DEFAULT_REPORTS, render_pdf, setup_django  # noqa: E402


def timed(function, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return times, result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        from arena.ingest import readers

        pdf = Path(workdir) / "internasjonal-arsmelding-2019.pdf"
        render_pdf(readers.read_document(args.reports / "internasjonal-arsmelding-2019.txt"), pdf)
        readers.PDFIUM = True
        pdfium_times, pdfium_doc = timed(lambda: readers.read_document(pdf), args.repeat)
        readers.PDFIUM = False
        pypdf_times, pypdf_doc = timed(lambda: readers.read_document(pdf), max(1, args.repeat // 2))
        readers.PDFIUM = True
        tool = shutil.which("pdftotext")
        poppler_times = None
        if tool:
            poppler_times, _ = timed(
                lambda: subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, check=True),
                args.repeat,
            )
    same = [(b.kind, b.text) for b in pdfium_doc.blocks] == [(b.kind, b.text) for b in pypdf_doc.blocks]
    result = {
        "pdf_bytes": pdf.stat().st_size if pdf.exists() else None,
        "blocks": len(pdfium_doc.blocks),
        "pdfium_first_s": pdfium_times[0],
        "pdfium_s": statistics.median(pdfium_times[1:] or pdfium_times),
        "pypdf_s": statistics.median(pypdf_times),
        "pdftotext_s": statistics.median(poppler_times) if poppler_times else None,
        "same_blocks_as_pypdf": same,
    }
    if result["pdftotext_s"]:
        result["ratio_to_pdftotext"] = result["pdfium_s"] / result["pdftotext_s"]
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"2019 report as PDF, {result['blocks']} blocks; same blocks as with pypdf: {same}")
    print(
        f"Arena (PDFium)            {result['pdfium_s']:.3f} s  (first run, loading PDFium: {pdfium_times[0]:.3f} s)"
    )
    print(f"Arena (pypdf fallback)    {result['pypdf_s']:.3f} s")
    if result["pdftotext_s"]:
        print(f"pdftotext -layout         {result['pdftotext_s']:.3f} s")
        print(f"Arena / pdftotext         {result['ratio_to_pdftotext']:.1f}×")
    else:
        print("pdftotext not installed (apt-get install poppler-utils)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
