"""Bad input: every kind gets one clear (bokmål) DocumentError, from the readers and from the command line,
and nothing is written."""

import io
import os
import subprocess
import sys
import zipfile

import pytest
from django.core.management import CommandError, call_command

from arena.ingest import readers
from arena.ingest.errors import DocumentError
from arena.ingest.models import ImportBatch
from arena.register.models import SourceDocument

from .conftest import REPO
from .test_readers import pdf_bytes

NORWEGIAN = "Helsedirektoratet deltar i Nordisk ministerråd og får støtte fra Verdens helseorganisasjon. " * 5


def encrypted_pdf(**cipher) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes("<p>Hemmelig innhold om WHO.</p>"))) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="eier", user="bruker", **cipher))
        return out.getvalue()


def not_a_word_file() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("innhold.txt", "Dette er en zip-fil, ikke et Word-dokument.")
    return out.getvalue()


CASES = {
    "empty": ("tom.txt", b"", "Filen er tom."),
    "only spaces": ("tom.md", b"  \n\n\t ", "Filen er tom."),
    "binary garbage": ("data.txt", bytes(range(256)) * 40, "Filen ser ikke ut som tekst"),
    "garbage as pdf": ("rapport.pdf", os.urandom(3000), "ikke en PDF-fil"),
    "damaged pdf": ("rapport.pdf", b"%PDF-1.7\n" + os.urandom(2000), "PDF-filen er skadet"),
    "text renamed to docx": ("innspill.docx", NORWEGIAN.encode(), "ikke et Word-dokument"),
    "zip that is not Word": ("innspill.docx", not_a_word_file(), "ikke et Word-dokument"),
    "unknown encoding": ("notat.txt", NORWEGIAN.encode("cp865"), "tegnkodingen"),
    "unsupported format": ("regneark.xlsx", b"PK\x03\x04", "Filtypen «.xlsx» støttes ikke"),
    "no text": ("tom.html", b"<html><body><p> </p><script>x</script></body></html>", "Fant ingen tekst"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_readers_refuse_with_a_clear_message(case):
    name, data, message = CASES[case]
    with pytest.raises(DocumentError, match=message):
        readers.read_bytes(data, name)


@pytest.mark.parametrize(
    "cipher", [{"R": 4, "aes": False, "metadata": False}, {"R": 6}], ids=["rc4", "aes256"]
)
def test_encrypted_pdf(cipher):
    with pytest.raises(DocumentError, match="kryptert eller passordbeskyttet"):
        readers.read_bytes(encrypted_pdf(**cipher), "rapport.pdf")


def test_truncated_pdf():
    data = pdf_bytes("<h1>Rapport</h1><p>Tekst om WHO og EU.</p>")
    with pytest.raises(DocumentError, match="PDF-filen"):
        readers.read_bytes(data[: len(data) // 3], "rapport.pdf")


def test_scanned_pdf_without_text():
    data = pdf_bytes("<div style='width:5cm;height:5cm;background:#333'></div>")
    with pytest.raises(DocumentError, match="ingen tekst"):
        readers.read_bytes(data, "skannet.pdf")


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "stor.txt"
    with big.open("wb") as handle:  # a sparse file: large on paper, nothing to read
        handle.truncate(readers.MAX_BYTES + 1)

    def no_reading(self):
        raise AssertionError("the file was read")

    monkeypatch.setattr(type(big), "read_bytes", no_reading)
    with pytest.raises(DocumentError, match="Filen er for stor .* Største tillatte størrelse er 20 MB"):
        readers.read_document(big)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case", ["empty", "binary garbage", "damaged pdf", "zip that is not Word", "unknown encoding"]
)
def test_command_line_refuses_and_writes_nothing(case, tmp_path):
    name, data, message = CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError, match=message):
        call_command("import", str(path))
    assert not ImportBatch.objects.exists() and not SourceDocument.objects.exists()


def test_python_m_arena_import_exits_non_zero_with_the_message(tmp_path):
    path = tmp_path / "tom.txt"
    path.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "arena", "import", str(path), "--dry-run", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Filen er tom." in result.stderr and result.stdout == ""
