"""A PDF page's text as layout lines, read with PDFium (pypdfium2): fast, and shaped like the layout text the
PDF reader expects — one line per printed line in reading order, an empty line where the page leaves vertical
space (a paragraph or section break).

PDFium gives the page's text as rectangles of runs on one printed line, in content-stream order (a list
bullet may come after its item). The runs are grouped into printed lines by their vertical position, ordered
left to right, and the lines top to bottom; a gap between two lines clearly larger than the page's usual line
spacing becomes an empty line. This is some twenty times faster than pypdf's layout extraction and within a
few times poppler's `pdftotext` (benchmarks/pdf_reading.py).
"""

import statistics

GAP_FACTOR = 1.45  # a line spacing this many times the usual one is vertical space


class PdfiumUnavailable(Exception):
    """PDFium could not open or read the file; the caller falls back to pypdf."""


def page_texts(data: bytes, max_pages: int) -> list[str]:
    """The layout text of every page (at most `max_pages`, else PdfiumUnavailable: the caller says why)."""
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - a dependency; kept optional for the fallback
        raise PdfiumUnavailable(str(exc)) from exc
    try:
        document = pdfium.PdfDocument(data)
    except Exception as exc:  # password, damage, unsupported: pypdf and qpdf get their turn
        raise PdfiumUnavailable(str(exc)) from exc
    try:
        if len(document) > max_pages:
            raise PdfiumUnavailable("too many pages")
        pages = []
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(_layout(_runs(textpage)))
                finally:
                    textpage.close()
            finally:
                page.close()
        return pages
    except PdfiumUnavailable:
        raise
    except Exception as exc:
        raise PdfiumUnavailable(str(exc)) from exc
    finally:
        document.close()


def _runs(textpage) -> list[tuple[float, float, float, float, str]]:
    """(left, bottom, right, top, text) of each run of text on the page."""
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        # a little inside the run's box, so a neighbour touching it (a bullet's item) is not read with it
        inset = min(1.0, (right - left) / 4)
        text = textpage.get_text_bounded(left + inset, bottom, right - inset, top)
        # PDFium marks a hyphen that ends a line as U+FFFE (or U+0002); it is a hyphen in the text
        text = text.replace("\ufffe", "-").replace("\x02", "-").replace("\r", " ").replace("\n", " ")
        if text.strip():
            runs.append((left, bottom, right, top, text))
    return runs


def _layout(runs: list[tuple[float, float, float, float, str]]) -> str:
    lines: list[list] = []  # [bottom, top, [runs]]
    for run in sorted(runs, key=lambda r: (-(r[1] + r[3]) / 2, r[0])):
        left, bottom, right, top, _text = run
        middle = (bottom + top) / 2
        line = lines[-1] if lines else None
        if line is not None and line[0] <= middle <= line[1]:
            line[2].append(run)
            line[0], line[1] = min(line[0], bottom), max(line[1], top)
        else:
            lines.append([bottom, top, [run]])
    if not lines:
        return ""
    texts = []
    for _bottom, _top, line_runs in lines:
        parts = []
        previous_right = None
        for left, _b, right, _t, text in sorted(line_runs, key=lambda r: r[0]):
            if (
                parts
                and previous_right is not None
                and left - previous_right > 0.5
                and not parts[-1].endswith(" ")
            ):
                parts.append(" ")
            parts.append(text)
            previous_right = right
        texts.append("".join(parts).rstrip())
    spacings = [lines[k - 1][0] - lines[k][0] for k in range(1, len(lines)) if lines[k - 1][0] > lines[k][0]]
    usual = statistics.median(spacings) if spacings else 0
    out = [texts[0]]
    for k in range(1, len(lines)):
        spacing = lines[k - 1][0] - lines[k][0]
        height = lines[k][1] - lines[k][0]
        if usual and spacing > GAP_FACTOR * max(usual, height):
            out.append("")
        out.append(texts[k])
    return "\n".join(out)
