"""The DOCX contents list has page numbers when opened (LibreOffice lays the document out at generation), and
keeps its entries without numbers when LibreOffice is missing or fails; tables use the light style."""

import io
import re
import shutil

import docx
import pytest
from docx.oxml.ns import qn

from arena.reporting.builder import build_report
from arena.reporting.renderers import render
from arena.reporting.toc_pages import match_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


@pytest.fixture(scope="module")
def report(demo_db):
    return build_report(2020, "area")


def _toc_lines(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.style.name in ("TOC 1", "TOC 2", "TOC 3")]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_contents_list_has_page_numbers_from_libreoffice(report, settings):
    settings.REPORTING_DOCX_PAGE_NUMBERS = True
    data = render(report, "docx", docx_page_numbers=True)
    lines = _toc_lines(data)
    assert lines[0].startswith("Om årsmeldingen\t")
    numbers = [int(re.fullmatch(r"[^\t]+\t(\d+)", line).group(1)) for line in lines]
    # Title page and contents come first; the numbers follow the headings' order.
    assert numbers[0] >= 3 and numbers == sorted(numbers) and numbers[-1] > 20
    document = docx.Document(io.BytesIO(data))
    body = document.element.body.xml
    assert 'TOC \\o "1-3" \\h \\z \\u' in body  # still a real field Word can update
    assert body.count('w:fldCharType="end"') >= 1
    # The light table style: rules between rows, no vertical lines.
    style = document.styles["Arena tabell"].element
    borders = style.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert borders.find(qn("w:insideV")).get(qn("w:val")) == "nil"
    assert borders.find(qn("w:insideH")).get(qn("w:val")) == "single"


def test_without_libreoffice_the_contents_list_keeps_its_entries(report, settings, monkeypatch):
    settings.REPORTING_DOCX_PAGE_NUMBERS = True
    monkeypatch.setenv("PATH", "/nonexistent")
    lines = _toc_lines(render(report, "docx", docx_page_numbers=True))
    assert lines[0] == "Om årsmeldingen" and all("\t" not in line for line in lines)
    settings.REPORTING_SOFFICE = shutil.which("false", path="/usr/bin:/bin")  # starts, fails at once
    assert all("\t" not in line for line in _toc_lines(render(report, "docx", docx_page_numbers=True)))


def test_pages_are_matched_in_order_or_not_at_all():
    bookmarks = [(1, "A", 3), (2, "1.1 B", 4), (3, "Sub", 4), (1, "C", 6)]
    assert match_pages([(1, "A"), (2, "1.1 B"), (1, "C")], bookmarks) == [3, 4, 6]
    assert match_pages([(1, "A"), (1, "Missing")], bookmarks) is None


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_an_issued_version_has_page_numbers_in_its_contents_list(settings, report_files, approved_cycle):
    """The background job lays the DOCX out with LibreOffice (while it makes the PDF); render() alone does not."""
    from django.contrib.auth import get_user_model

    from arena.reporting.issuing import issue_report
    from arena.reporting.pdfa import check_pdfa

    settings.REPORTING_DOCX_PAGE_NUMBERS = True
    approved_cycle(2020)
    issued = issue_report(
        2020, "area", by=get_user_model().objects.get(username="koordinator"), background=False
    )
    assert issued.status == "done", issued.error
    with issued.docx_file.open("rb") as f:
        lines = _toc_lines(f.read())
    assert lines and all(re.fullmatch(r"[^\t]+\t\d+", line) for line in lines)
    with issued.pdf_file.open("rb") as f:
        assert check_pdfa(f.read()) == []
    assert all("\t" not in line for line in _toc_lines(render(build_report(2020, "area"), "docx")))
