"""The three renderers on the demo register, checked with real tools: text read back from HTML (lxml), DOCX
(python-docx, and LibreOffice headless → PDF → pdftotext) and PDF (pdftotext, pdftoppm, pikepdf), compared with
the register. Every output is generated once per module."""

import io
import re
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from weasyprint import HTML

from arena.register.models import Activity
from arena.reporting.builder import build_report
from arena.reporting.pdfa import check_pdfa, outline_titles
from arena.reporting.renderers import render
from tests.reporting.conftest import docx_text, html_text, libreoffice_to_pdf, pdf_pages, pdf_text, squash

YEARS = (2019, 2020)
LAYOUTS = ("unit", "area")
FORMATS = ("html", "docx", "pdf")


@pytest.fixture(scope="module")
def outputs(demo_db, tmp_path_factory):
    """{(year, layout, format): (path, report)} for both demo years, both layouts and all three formats."""
    out_dir = tmp_path_factory.mktemp("reports")
    result = {}
    for year in YEARS:
        for layout in LAYOUTS:
            report = build_report(year, layout)
            for fmt in FORMATS:
                path = out_dir / f"arsmelding-{year}-{layout}.{fmt}"
                path.write_bytes(render(report, fmt))
                result[year, layout, fmt] = (path, report)
    return result


@pytest.fixture(scope="module")
def activity_texts(demo_db):
    """{year: [(title, squashed title + description)]} from the register."""
    texts = {}
    for activity in Activity.objects.order_by("pk"):
        texts.setdefault(activity.year, []).append(
            (activity.title, squash(activity.title + activity.description))
        )
    return texts


def _text(path, report, fmt: str) -> str:
    data = path.read_bytes()
    if fmt == "html":
        return html_text(data)
    if fmt == "docx":
        return docx_text(data)
    return pdf_text(path, running_title=report.full_title)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("year", YEARS)
def test_every_activity_appears_exactly_once_and_no_other_years(outputs, activity_texts, year, layout, fmt):
    path, report = outputs[year, layout, fmt]
    text = squash(_text(path, report, fmt))
    mine = activity_texts[year]
    assert len(mine) == {2019: 69, 2020: 78}[year]
    missing_or_repeated = [(title, text.count(marker)) for title, marker in mine if text.count(marker) != 1]
    assert not missing_or_repeated
    others = [
        title for y, rows in activity_texts.items() if y != year for title, marker in rows if marker in text
    ]
    assert not others


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("year", YEARS)
def test_pdf_is_pdfa_renders_page_by_page_and_has_bookmarks_and_page_numbers(outputs, year, layout, tmp_path):
    path, report = outputs[year, layout, "pdf"]
    data = path.read_bytes()
    assert check_pdfa(data) == []
    pages = pdf_pages(path)
    assert pages > 10
    subprocess.run(
        ["pdftoppm", "-r", "12", "-png", str(path), str(tmp_path / "page")], check=True, timeout=300
    )
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == pages and all(p.stat().st_size > 0 for p in rendered)
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert f"Side 2 av {pages}" in raw and f"Side {pages} av {pages}" in raw
    bookmarks = outline_titles(data)
    top = [title for depth, title in bookmarks if depth == 1]
    assert top[:3] == ["Innhold", "Om årsmeldingen", "Sammendrag"]
    assert "2 Satsningsområder og de viktigste arenaene" in top
    assert any(depth == 2 and title == "2.2 Verdens helseorganisasjon (WHO)" for depth, title in bookmarks)


def test_pdfa_check_finds_what_a_plain_pdf_lacks():
    plain = HTML(string="<html><body><p>Hei</p><img src='data:image/png;base64,'></body></html>").write_pdf()
    problems = check_pdfa(plain)
    assert any("pdfa" in p.lower() or "PDF/A part" in p for p in problems)
    assert "no /GTS_PDFA1 output intent" in problems
    assert "no structure tree (/StructTreeRoot)" in problems
    assert check_pdfa(b"not a pdf") == ["not a PDF file"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_docx_converts_with_libreoffice_and_keeps_every_activity(outputs, activity_texts, layout, tmp_path):
    path, report = outputs[2020, layout, "docx"]
    result = libreoffice_to_pdf(path, tmp_path)
    converted = tmp_path / path.with_suffix(".pdf").name
    assert result.returncode == 0, result.stderr
    assert converted.exists() and pdf_pages(converted) > 10
    text = squash(pdf_text(converted))
    assert all(text.count(marker) == 1 for _title, marker in activity_texts[2020])


def test_docx_has_heading_styles_toc_field_page_numbers_and_alt_text(outputs):
    path, report = outputs[2019, "unit", "docx"]
    document = docx.Document(io.BytesIO(path.read_bytes()))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "Title", "List Bullet", "Caption"} <= styles
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Om årsmeldingen", "Sammendrag"]
    assert "3 Enhetenes internasjonale arbeid" in headings
    assert "Hva blir viktig fremover" in {p.text for p in document.paragraphs if p.style.name == "Heading 3"}
    body = document.element.body.xml
    assert 'TOC \\o "1-3" \\h \\z \\u' in body
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    pictures = list(document.element.body.iter(qn("wp:docPr")))
    assert len(pictures) == 2
    assert all(p.get("descr", "").startswith(("Aktiviteter per", "Activities per")) for p in pictures)
    # Cross-references are internal links to the activities' bookmarks.
    anchors = {h.get(qn("w:anchor")) for h in document.element.body.iter(qn("w:hyperlink"))} - {None}
    bookmarks = {b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))}
    assert anchors and anchors <= bookmarks
    assert document.core_properties.title == "Internasjonal årsmelding 2019"
    assert document.core_properties.language == "nb-NO"


def test_html_has_alt_text_working_links_and_language(outputs):
    path, report = outputs[2020, "unit", "html"]
    page = path.read_text(encoding="utf-8")
    assert '<html lang="nb">' in page
    images = re.findall(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', page)
    assert len(images) == 2 and all("2019: " in alt and "2020: " in alt for alt in images)
    ids = set(re.findall(r' id="([^"]+)"', page))
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets and targets <= ids


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_year_without_data_is_a_short_report_in_every_format(demo_db, fmt, tmp_path):
    report = build_report(1995, "unit")
    path = tmp_path / f"tom.{fmt}"
    path.write_bytes(render(report, fmt))
    text = _text(path, report, fmt)
    assert "Registeret har ingen aktiviteter og ingen utsyn for 1995" in " ".join(text.split())
    if fmt == "pdf":
        assert pdf_pages(path) == 1
        assert check_pdfa(path.read_bytes()) == []
