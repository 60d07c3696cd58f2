"""Readers: one function per format, each turning a file's bytes into a `Document` of typed blocks.

`read_document(path)` is the entry point: it enforces the size limit before reading, picks the reader by the
file's extension (and checks the content fits it), and raises `DocumentError` with a bokmål message for
anything it cannot read — an empty file, binary data, an unknown text encoding, an encrypted or damaged PDF, a
.docx that is not a Word file. Nothing is stored by a reader.
"""

import hashlib
import io
import logging
import re
import unicodedata
import zipfile
from pathlib import Path

from charset_normalizer import from_bytes

from arena.ingest import cleaning, pdf_text, structure
from arena.ingest.document import HEADING, LIST_ITEM, PARAGRAPH, Document, RawBlock, assemble
from arena.ingest.errors import DocumentError
from arena.register.reference.frameworks import FRAMEWORKS, HOD_STRATEGY

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024  # 20 MB: any file (a PDF or Word file may carry images)
# What proposing can finish within the import's time limit (limits.py, 60 s). Its slowest kind of text is
# one dense with known names: about 40,000 characters a second on the reference machine with both cores busy
# (benchmarks/malformed_inputs.py, the "read" cases sized just under this limit), so 1 million characters —
# twenty times the 2019 report — finish with room to spare; at 2.8 million they did not. Checked on the text
# read; plain text and Markdown also by file size first.
MAX_CHARACTERS = 1_000_000
MAX_TEXT_BYTES = 4 * MAX_CHARACTERS  # .txt/.md: even UTF-32 needs no more bytes than this
MAX_PDF_PAGES = 300  # pypdf reads some ten pages a second: 300 pages fit in the time limit
# A .docx (a zip of XML parts) is checked before anything is unpacked: no more parts, and no more bytes
# unpacked in all, than a real report has with room to spare; and no part packed tighter than text packs.
DOCX_MAX_PARTS = 2000
DOCX_MAX_UNPACKED = 100 * 1024 * 1024
DOCX_MAX_RATIO = 200
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
}
# Section titles a report may be organised by (the priority areas of the ministry's strategy): a heading
# cue for unmarked text (see structure.assign_levels).
AREA_TITLES = tuple(name for fw in FRAMEWORKS if fw.code == HOD_STRATEGY for _code, name, _en in fw.areas)
_YEAR = re.compile(r"\b(199\d|20\d\d)\b")
_MIDWORD_SYMBOL = re.compile(r"[^\W\d_][^\w\s\-'’./&:,;+@()\[\]«»\"]+[^\W\d_]")
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")


_TOO_COMPLEX = (
    "Dokumentet er for sammensatt til å leses (for dypt nestet innhold). Forenkle det og prøv igjen."
)
_UNREADABLE = {
    "txt": "Filen kunne ikke leses som tekst.",
    "md": "Filen kunne ikke leses som Markdown-tekst.",
    "pdf": "PDF-filen er skadet eller bruker funksjoner som ikke støttes, og kan ikke leses.",
    "docx": "Filen er ikke et Word-dokument (.docx), eller den er skadet.",
    "html": "Filen kunne ikke leses som en nettside (HTML).",
}


# --- the entry point ---------------------------------------------------------------------------------------


def read_document(path, name: str | None = None) -> Document:
    """Read a file into a Document. Raises DocumentError (bokmål message) if it cannot be imported."""
    path = Path(path)
    return read_bytes(read_file(path), name or path.name)


def read_file(path) -> bytes:
    """A file's bytes, its size checked before it is read."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"Fant ikke filen «{path.name}».") from exc
    check_size(size)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"Kunne ikke lese filen «{path.name}».") from exc


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise DocumentError(
            f"Filen er for stor ({size / 1024 / 1024:.1f} MB). "
            f"Største tillatte størrelse er {MAX_BYTES // 1024 // 1024} MB."
        )


def read_bytes(data: bytes, name: str) -> Document:
    """Read a file's content; `name` (its file name) decides the format."""
    fmt = precheck(data, name)
    if fmt in ("txt", "md") and len(data) > MAX_TEXT_BYTES:
        raise DocumentError(_too_much_text(len(data)))
    try:
        doc = READERS[fmt](data, name)
    except DocumentError:
        raise
    except MemoryError:
        raise DocumentError(_TOO_COMPLEX) from None
    except RecursionError as exc:  # markup or PDF objects nested beyond what the parser follows
        raise DocumentError(_TOO_COMPLEX) from exc
    except Exception as exc:  # any other failure inside a parser (pypdf, pikepdf, lxml, selectolax …)
        logger.warning("reader for %s failed on %r: %s: %s", fmt, name, type(exc).__name__, exc)
        raise DocumentError(_UNREADABLE.get(fmt, _UNREADABLE["txt"])) from exc
    if len(doc.text) > MAX_CHARACTERS:
        raise DocumentError(_too_much_text(len(doc.text)))
    if not any(b.kind in (PARAGRAPH, LIST_ITEM) for b in doc.blocks):
        raise DocumentError("Fant ingen tekst å importere i dokumentet.")
    doc.sha256 = hashlib.sha256(data).hexdigest()
    if not doc.title:
        doc.title = title_from_name(name)
    doc.year = year_of(doc)
    return doc


def _too_much_text(characters: int) -> str:
    return (
        f"Dokumentet inneholder for mye tekst til å importeres på én gang (om lag {characters / 1e6:.1f} "
        f"millioner tegn; høyst {MAX_CHARACTERS:,} tegn). Del det i mindre deler og prøv igjen.".replace(
            ",", " "
        )
    )


def precheck(data: bytes, name: str) -> str:
    """The checks that need no parsing (size, empty, file type); returns the format."""
    check_size(len(data))
    if not data.strip():
        raise DocumentError("Filen er tom.")
    suffix = Path(name).suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        known = ", ".join(sorted({s for s in FORMATS if len(s) <= 5}))
        raise DocumentError(f"Filtypen «{suffix or name}» støttes ikke. Bruk en av disse: {known}.")
    return fmt


def title_from_name(name: str) -> str:
    stem = re.sub(r"[-_]+", " ", Path(name).stem).strip()
    return stem[:1].upper() + stem[1:]


def year_of(doc: Document) -> int | None:
    """The year a report covers, from its title, file name or first heading."""
    for text in (doc.title, doc.name, *(h.text for h in doc.headings[:3])):
        match = _YEAR.search(text or "")
        if match:
            return int(match.group(1))
    return None


# --- text decoding -----------------------------------------------------------------------------------------


def _controls(text: str) -> int:
    return sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")


def _plausible(text: str) -> bool:
    """Decoded text that reads as text: no control characters, no symbols inside words (mojibake)."""
    if not text.strip() or _controls(text) > len(text) * 0.001:
        return False
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < len(text.strip()) * 0.3:
        return False
    words = _WORD.findall(text)
    mixed = sum(1 for w in words if _LATIN.search(w) and any(ch.isalpha() and ord(ch) > 0x24F for ch in w))
    if mixed > max(1, len(words) // 200):
        return False  # Latin letters and another script in one word: decoded with the wrong table
    return len(_MIDWORD_SYMBOL.findall(text)) <= max(1, letters // 1000)


def decode_text(data: bytes) -> str:
    """Bytes → str: UTF-8 (with or without BOM), UTF-16/32 with BOM, Windows-1252/Latin-1, or whatever
    charset-normalizer finds — accepted only if the result reads as text."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError("Teksten kunne ikke leses med tegnkodingen filen oppgir.") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if _controls(text) > len(text) * 0.001:
            raise DocumentError("Filen ser ikke ut som tekst: den inneholder binærdata.")
        return text
    binary = b"\x00" in data
    if not binary:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is not None and _plausible(text):
            return text
    best = from_bytes(data).best()
    if best is not None and _plausible(str(best)):
        return str(best)
    if binary or (best is None and _controls(data.decode("latin-1")) > len(data) * 0.01):
        raise DocumentError("Filen ser ikke ut som tekst: den inneholder binærdata.")
    raise DocumentError(
        "Klarte ikke å finne tegnkodingen til teksten (æ, ø og å blir feil). Lagre filen som UTF-8 og prøv igjen."
    )


# --- plain text and markdown -------------------------------------------------------------------------------


def _checked_length(text: str) -> str:
    if len(text) > MAX_CHARACTERS:
        raise DocumentError(_too_much_text(len(text)))
    return text


def read_txt(data: bytes, name: str) -> Document:
    text = _checked_length(decode_text(data))
    if structure.looks_like_layout(text):
        blocks, footnotes = structure.parse_layout_text(text, AREA_TITLES)
        return assemble(blocks, name=name, format="txt", footnotes=footnotes)
    blocks, footnotes, title = structure.parse_flowed_text(text, AREA_TITLES)
    return assemble(blocks, name=name, format="txt", title=title, footnotes=footnotes)


_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_MD_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
_MD_FOOTNOTE_REF = re.compile(r"\[\^[^\]\[]+\]")  # no "[" inside: "[^[^[^…" would be quadratic
# an emphasis span is at most a few hundred characters: an unclosed marker must not scan the rest of the line
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.{1,500}?)(?<=\S)\1")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _md_inline(text: str) -> str:
    text = _MD_FOOTNOTE_REF.sub("", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return cleaning.clean_inline(text)


def read_md(data: bytes, name: str) -> Document:
    text = _HTML_COMMENT.sub("", _checked_length(decode_text(data)))
    lines = cleaning.split_lines(text)
    if not any(_ATX.match(line) for line in lines) and not any(
        _SETEXT.match(line) and i and lines[i - 1].strip() for i, line in enumerate(lines)
    ):
        blocks, footnotes, title = structure.parse_flowed_text(text, AREA_TITLES)
        return assemble(blocks, name=name, format="md", title=title, footnotes=footnotes)
    raw: list[RawBlock] = []
    footnotes: dict[str, str] = {}
    paragraph: list[str] = []
    item: list[str] | None = None

    def flush():
        nonlocal paragraph, item
        if item is not None:
            raw.append(RawBlock(LIST_ITEM, _md_inline(" ".join(item))))
        if paragraph:
            raw.append(RawBlock(PARAGRAPH, _md_inline(" ".join(paragraph))))
        paragraph, item = [], None

    for index, line in enumerate(lines):
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        atx = _ATX.match(line)
        note = _MD_FOOTNOTE_DEF.match(line.strip())
        if atx:
            flush()
            raw.append(_heading(_md_inline(atx.group(2)), len(atx.group(1))))
        elif note:
            flush()
            footnotes[note.group(1)] = _md_inline(note.group(2))
        elif _SETEXT.match(line) and paragraph and not item:
            level = 1 if line.strip().startswith("=") else 2
            title = " ".join(paragraph)
            paragraph = []
            raw.append(_heading(_md_inline(title), level))
        elif not line.strip():
            if not (item is not None and _MD_LIST.match(nxt)):
                flush()
        elif _MD_LIST.match(line):
            flush()
            item = [_MD_LIST.sub("", line)]
        elif item is not None:
            item.append(line.strip())
        else:
            paragraph.append(line.strip())
    flush()
    title = finish_markup_headings(raw)
    return assemble(raw, name=name, format="md", title=title, footnotes=footnotes)


def _heading(text: str, level: int) -> RawBlock:
    """A heading from markup (level = the markup's level for now); a leading number ("3.4 Divisjon …")
    becomes its number. See finish_markup_headings."""
    numbered = structure._numbered(text)
    if numbered:
        number, title = numbered
        return RawBlock(HEADING, title, level=level, number=number)
    return RawBlock(HEADING, text, level=level)


def finish_markup_headings(raw: list[RawBlock]) -> str:
    """Final heading levels for markup (Markdown, HTML, Word); returns the document's title if it has one.

    A single unnumbered top-level heading first in the document is its title. A numbered heading's level is
    its number's depth ("3.4" → 2); an unnumbered one below it sits as many levels deeper as its markup says.
    """
    title = ""
    top = min((h.level for h in raw if h.kind == HEADING), default=0)  # once: linear in the headings
    tops = [b for b in raw if b.kind == HEADING and b.level == top]
    if len(tops) == 1 and raw and raw[0] is tops[0] and not tops[0].number:
        title = raw.pop(0).text
        for block in raw:
            if block.kind == HEADING:
                block.level = max(1, block.level - 1)
    anchor = None  # (markup level, depth) of the last numbered heading
    for block in raw:
        if block.kind != HEADING:
            continue
        if block.number:
            depth = block.number.count(".") + 1
            anchor = (block.level, depth)
            block.level = depth
        elif anchor and block.level > anchor[0]:
            block.level = anchor[1] + block.level - anchor[0]
        else:
            anchor = None if anchor and block.level <= anchor[0] else anchor
    return title


# --- PDF ---------------------------------------------------------------------------------------------------

PDFIUM = True  # read page text with PDFium when it opens the file; tests switch it off to compare with pypdf
_ENCRYPTED = "PDF-filen er kryptert eller passordbeskyttet. Lagre en utgave uten passord og prøv igjen."
_DAMAGED = "PDF-filen er skadet og kan ikke leses."


def _pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                decrypted = reader.decrypt("")
            except Exception as exc:  # an unsupported cipher is as unreadable as a password
                raise DocumentError(_ENCRYPTED) from exc
            if not decrypted:
                raise DocumentError(_ENCRYPTED)
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(
                f"PDF-filen har for mange sider ({len(reader.pages)}; høyst {MAX_PDF_PAGES}) til å importeres "
                "på én gang. Del den i mindre deler og prøv igjen."
            )
        if PDFIUM:
            _preflight(reader)  # pypdf's limits and filter checks first: PDFium has neither
            try:  # PDFium's text, laid out (pdf_text.py): many times faster than pypdf's layout mode
                return pdf_text.page_texts(data, MAX_PDF_PAGES)
            except pdf_text.PdfiumUnavailable:
                pass  # pypdf reads what PDFium would not
        pages = []
        for page in reader.pages:
            try:  # layout mode keeps vertical space, which marks paragraph breaks
                pages.append(page.extract_text(extraction_mode="layout") or "")
            except Exception:  # pragma: no cover - fall back to plain extraction for odd pages
                pages.append(page.extract_text() or "")
        return pages
    except DocumentError:
        raise
    except DependencyError as exc:  # a cipher pypdf cannot do alone: let qpdf (pikepdf) try
        raise DocumentError(_DAMAGED) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise DocumentError(_DAMAGED) from exc


def _preflight(reader) -> None:
    """Decode every page's content streams and form XObjects with pypdf, whose output limits stop a
    decompression bomb and whose filters refuse what they do not know, before PDFium (which would inflate
    anything) reads the text. Raises pypdf's errors, which the caller turns into a bokmål message."""
    for page in reader.pages:
        contents = page.get_contents()
        if contents is not None:
            contents.get_data()
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        for ref in xobjects.get_object().values() if xobjects is not None else ():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                xobject.get_data()


def _repaired(data: bytes) -> bytes | None:
    """Let qpdf (pikepdf) rebuild a damaged PDF's structure; None if it cannot."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            out = io.BytesIO()
            pdf.save(out)
            return out.getvalue()
    except pikepdf.PasswordError as exc:
        raise DocumentError(_ENCRYPTED) from exc
    except Exception:
        return None


def read_pdf(data: bytes, name: str) -> Document:
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise DocumentError("Filen er ikke en PDF-fil, eller den er skadet.")
    try:
        pages = _pdf_pages(data)
    except DocumentError as error:
        if str(error) == _ENCRYPTED:
            raise
        repaired = _repaired(data)
        if repaired is None:
            raise
        pages = _pdf_pages(repaired)
    if not any(page.strip() for page in pages):
        raise DocumentError(
            "PDF-filen inneholder ingen tekst (er den skannet?). Bare PDF-er med tekst kan importeres."
        )
    page_lines = [cleaning.split_lines(page) for page in pages]
    blocks, footnotes = structure.parse_layout_pages(page_lines, AREA_TITLES, keep_gaps=True)
    return assemble(blocks, name=name, format="pdf", footnotes=footnotes)


# --- Word --------------------------------------------------------------------------------------------------

_STYLE_LEVEL = re.compile(r"(?:heading|overskrift)\s*(\d)", re.I)
_NOT_DOCX = "Filen er ikke et Word-dokument (.docx), eller den er skadet."


def _docx_paragraphs(document):
    """The body's paragraphs in order, including those inside tables."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def check_package(data: bytes) -> bytes:
    """Refuse a zip-based file (.docx) whose parts would unpack to too much — a zip bomb — before any part is
    unpacked, then unpack it once, a chunk at a time, and return it repacked without compression.

    The declared sizes are checked first (too many parts, too much in all, or packed tighter than text
    packs). A part can lie about its size: Python's zipfile stops at the declared size, but when asked for a
    whole part it inflates all the compressed data first. Reading in chunks and handing the parser the
    repacked (stored) parts bounds what parsing can unpack by the declared sizes.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise DocumentError(_NOT_DOCX) from exc
    if len(parts) > DOCX_MAX_PARTS:
        raise DocumentError(
            f"Word-dokumentet har for mange deler ({len(parts)}; høyst {DOCX_MAX_PARTS}) og leses ikke."
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > DOCX_MAX_UNPACKED:
        raise DocumentError(
            f"Word-dokumentet ville pakkes ut til {unpacked / 1024 / 1024:.0f} MB. Største tillatte er "
            f"{DOCX_MAX_UNPACKED // 1024 // 1024} MB utpakket; filen kan være en «zip-bombe» og leses ikke."
        )
    if any(
        p.file_size > 1024 * 1024 and p.file_size > DOCX_MAX_RATIO * max(1, p.compress_size) for p in parts
    ):
        raise DocumentError(
            "Word-dokumentet er pakket langt tettere enn et vanlig dokument (det ville pakkes ut til "
            f"{unpacked / 1024 / 1024:.0f} MB); filen kan være en «zip-bombe» og leses ikke."
        )
    out = io.BytesIO()
    try:
        with archive, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as repacked:
            for part in parts:
                with archive.open(part) as source, repacked.open(part.filename, "w") as target:
                    while chunk := source.read(1024 * 1024):
                        target.write(chunk)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise DocumentError(_NOT_DOCX) from exc
    return out.getvalue()


def read_docx(data: bytes, name: str) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(_NOT_DOCX)
    data = check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = list(_docx_paragraphs(document))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, AttributeError) as exc:
        raise DocumentError(_NOT_DOCX) from exc
    except Exception as exc:  # lxml errors in a broken part
        raise DocumentError(_NOT_DOCX) from exc
    raw: list[RawBlock] = []
    title = ""
    for paragraph in paragraphs:
        text = cleaning.clean_inline(paragraph.text)
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level = _STYLE_LEVEL.search(style)
        numbered_list = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        if style.lower() in {"title", "tittel"}:
            title = title or text
        elif level:
            raw.append(_heading(text, int(level.group(1))))
        elif "list" in style.lower() or "liste" in style.lower() or numbered_list:
            raw.append(RawBlock(LIST_ITEM, text))
        else:
            raw.append(RawBlock(PARAGRAPH, text))
    if not any(b.kind == HEADING for b in raw):
        # no heading styles (a converted plain text): find the structure as in flowed text
        flowed = "\n".join(b.text for b in raw)
        blocks, footnotes, found_title = structure.parse_flowed_text(flowed, AREA_TITLES)
        return assemble(blocks, name=name, format="docx", title=title or found_title, footnotes=footnotes)
    found_title = finish_markup_headings(raw)
    return assemble(raw, name=name, format="docx", title=title or found_title)


# --- HTML --------------------------------------------------------------------------------------------------

_HTML_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "td", "th", "pre", "figcaption")
_HTML_DROP = "script, style, noscript, template, nav, sup, .footnotes, .footnote, [role=navigation], head"


def read_html(data: bytes, name: str) -> Document:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    text = decode_text(data)
    tree = HTMLParser(text)
    if tree.body is None:
        raise DocumentError("Fant ingen tekst å importere i dokumentet.")
    title_node = tree.css_first("title")
    for node in tree.css(_HTML_DROP):
        node.decompose()
    raw: list[RawBlock] = []
    wanted = set(_HTML_BLOCKS)
    for node in tree.body.css(", ".join(_HTML_BLOCKS)):
        parent, nested = node.parent, False
        while parent is not None:
            if parent.tag in wanted:
                nested = True
                break
            parent = parent.parent
        if nested:
            continue
        content = cleaning.clean_inline(node.text(deep=True, separator=" "))
        if not content:
            continue
        if node.tag[0] == "h" and node.tag[1:].isdigit():
            raw.append(_heading(content, int(node.tag[1:])))
        elif node.tag == "li":
            raw.append(RawBlock(LIST_ITEM, content))
        else:
            raw.append(RawBlock(PARAGRAPH, content))
    title = finish_markup_headings(raw)
    if not title and title_node is not None:
        title = cleaning.normalize_spaces(title_node.text())
    return assemble(raw, name=name, format="html", title=title)


READERS = {"txt": read_txt, "md": read_md, "pdf": read_pdf, "docx": read_docx, "html": read_html}
