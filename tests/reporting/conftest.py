"""Fixtures for reporting tests: the demo register loaded once per module (rolled back when the module ends),
and helpers that read text back out of generated HTML, DOCX and PDF files with real tools."""

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    from arena.register.demo.load import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module", autouse=True)
def no_docx_page_numbers():
    """DOCX page numbers from LibreOffice (about 1.5 s per document) only where a test asks for them
    (test_docx_toc.py). Module-scoped, so module fixtures that render (test_renderers' outputs) see it too."""
    from django.test import override_settings

    with override_settings(REPORTING_DOCX_PAGE_NUMBERS=False):
        yield


@pytest.fixture(autouse=True)
def report_files(settings, tmp_path):
    """Issued report files go to a temporary directory."""
    settings.REPORTING_FILES_DIR = str(tmp_path / "reports")
    settings.REPORTING_BACKGROUND = False
    return Path(settings.REPORTING_FILES_DIR)


def squash(text: str) -> str:
    """Text reduced to its letters and digits, case-folded: line breaks, hyphenation at existing hyphens,
    punctuation and spacing no longer matter when looking for a passage."""
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", text)).casefold()


def html_text(data: bytes) -> str:
    import lxml.html

    return lxml.html.fromstring(data.decode("utf-8")).text_content()


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def pdf_text(path: Path, running_title: str = "") -> str:
    """pdftotext's text without the running page header and the page-number footer."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    lines = out.stdout.decode("utf-8").splitlines()
    footer = re.compile(r"^\s*(Side|Page|Side) \d+ (av|of) \d+\s*$")
    return "\n".join(
        line
        for line in lines
        if not footer.match(line) and (not running_title or line.strip() != running_title)
    )


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE).group(1))


def libreoffice_to_pdf(docx_path: Path, out_dir: Path) -> subprocess.CompletedProcess:
    """Convert with LibreOffice headless, in its own profile directory so parallel runs do not collide."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: scripts/system-deps.sh installs it"
    profile = out_dir / "lo-profile"
    return subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx_path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
