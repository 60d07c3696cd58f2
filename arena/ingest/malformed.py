"""SYNTHETIC hostile import files, made by code: what an attacker (or a broken export) could upload.

`cases(full=False)` lists `Case`s by kind — zip bombs, 10 MB single lines, 20,000 headings, deeply nested
markup, PDFs with unknown or exploding stream filters, wrong and mixed encodings, control characters, long
hyphenated tokens and other regex traps, and near-limit sizes. Each case makes its bytes only when asked
(`case.data()`), and says what must happen to it: "refuse" (a DocumentError whose message contains
`message`), "read", or "either" (refused or read, but within the limits). `full=False` gives the sample the
test suite runs on every CI run (small enough for seconds); `full=True` the whole set at attack sizes, for
benchmarks/malformed_inputs.py. Nothing here is taken from a real document; the sentences are written for
this file and only name bodies the register knows.
"""

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

MB = 1024 * 1024

SENTENCES = (
    "Divisjon for helsetjenester deltar i WHOs ekspertgruppe for primærhelse og leder arbeidet i "
    "Nordisk ministerråd.",
    "Helsedirektoratet er nasjonalt kontaktpunkt for EU4Health og bidrar i OECD Health Committee.",
    "Avdelingen følger arbeidet i Verdens helseorganisasjon og deltar på møter i Europarådet.",
    "Direktoratet samarbeider med Folkehelseinstituttet om beredskap, smittevern og antimikrobiell "
    "resistens.",
    "Divisjon for folkehelse og forebygging er medlem av styret i Joint Action on Antimicrobial Resistance "
    "and Healthcare-Associated Infections.",
)


@dataclass(frozen=True)
class Case:
    kind: str
    name: str  # the file name (its extension picks the reader)
    make: Callable[[], bytes]
    expect: str = "either"  # "refuse", "read" or "either"
    message: str = ""  # part of the refusal message, when expect == "refuse"

    def data(self) -> bytes:
        return self.make()


def prose(size: int, separator: str = "\n\n") -> str:
    """Norwegian report-like paragraphs (synthetic) of about `size` characters."""
    parts, total, i = [], 0, 0
    while total < size:
        sentence = SENTENCES[i % len(SENTENCES)]
        parts.append(sentence)
        total += len(sentence) + len(separator)
        i += 1
    return separator.join(parts)


def report_text(size: int) -> str:
    """A synthetic annual report: numbered chapters and sections with paragraphs, about `size` characters."""
    out, total, chapter = ["Internasjonal årsmelding 2021 (syntetisk)\n"], 0, 0
    while total < size:
        chapter += 1
        out.append(f"\n{chapter}. Internasjonalt arbeid i divisjon {chapter}\n")
        for section in range(1, 6):
            out.append(f"\n{chapter}.{section} Divisjon for helsetjenester\n\n{prose(1500)}\n")
        total = sum(map(len, out))
    return "".join(out)


# --- zip and .docx -------------------------------------------------------------------------------------------


def _zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip archive from (name, deflated data, crc32, uncompressed size, declared size) members, written by
    hand so a member's data and declared size can be anything."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, crc, _real, declared in members:
        encoded = name.encode()
        offset = out.tell()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), declared, len(encoded), 0
            )
        )
        out.write(encoded)
        out.write(data)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                declared,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )  # fmt: skip
        )
        central.write(encoded)
    start = out.tell()
    directory = central.getvalue()
    out.write(directory)
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), start, 0)
    )
    return out.getvalue()


def _deflated(data: bytes) -> tuple[bytes, int, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = compressor.compress(data) + compressor.flush()
    return packed, zlib.crc32(data), len(data), len(data)


def _repeated(head: bytes, chunk: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """Raw deflate data for head + chunk × times + tail without holding the inflated text: after a full
    flush the compressor starts afresh, so every chunk compresses to the same bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert again == block
    packed = first + block * times + compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return packed, zlib.crc32(tail, crc), len(head) + len(chunk) * times + len(tail)


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'
    ),
}


def _paragraph(text: str, style: str = "") -> str:
    from xml.sax.saxutils import escape

    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx(body_xml: str, extra: dict[str, bytes] | None = None, prolog: str = "") -> bytes:
    """A minimal .docx whose document body is `body_xml` (WordprocessingML)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f"<w:document {_W}><w:body>{body_xml}</w:body></w:document>"
    )
    members = [(name, *_deflated(text.encode())) for name, text in DOCX_PARTS.items()]
    members.append(("word/document.xml", *_deflated(document.encode())))
    members += [(name, *_deflated(data)) for name, data in (extra or {}).items()]
    return _zip(members)


def docx_bomb(inflated: int, declared: int | None = None) -> bytes:
    """A .docx whose word/document.xml inflates to about `inflated` bytes of paragraphs; `declared` makes
    the zip lie about that size."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'.encode()
    paragraph = _paragraph(SENTENCES[0]).encode()
    chunk = paragraph * max(1, MB // len(paragraph))
    packed, crc, size = _repeated(head, chunk, max(1, inflated // len(chunk)), b"</w:body></w:document>")
    if declared is not None:  # the checksum of what the declared size covers: zipfile finds nothing amiss
        crc = zlib.crc32((head + chunk)[:declared])
    members = [(name, *_deflated(text.encode())) for name, text in DOCX_PARTS.items()]
    members.append(("word/document.xml", packed, crc, size, size if declared is None else declared))
    return _zip(members)


def docx_many_parts(count: int) -> bytes:
    body = "".join(_paragraph(s) for s in SENTENCES)
    return docx(body, {f"word/media/part{i}.xml": b"<x/>" for i in range(count)})


def docx_headings(count: int) -> bytes:
    body = "".join(
        _paragraph(f"{i // 10 + 1}.{i % 10 + 1} Seksjon {i}", f"Heading{1 + i % 3}")
        + _paragraph(SENTENCES[i % 5])
        for i in range(count)
    )
    return docx(body)


def docx_nested_tables(depth: int) -> bytes:
    cell = _paragraph(SENTENCES[0])
    inner = cell
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}{cell}</w:tc></w:tr></w:tbl>"
    return docx(inner + cell)


def docx_entities() -> bytes:
    """Entity expansion ("billion laughs") in word/document.xml."""
    entities = '<!ENTITY a0 "hahahahahahahahahaha">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    return docx(_paragraph("x").replace("x", "&a9;"), prolog=f"<!DOCTYPE w:document [{entities}]>")


def docx_control_characters() -> bytes:
    body = _paragraph(SENTENCES[0]) + f"<w:p><w:r><w:t>Kontroll\x01tegn\x02 {SENTENCES[1]}</w:t></w:r></w:p>"
    return docx(body)


# --- PDF -----------------------------------------------------------------------------------------------------


def pdf(pages: list[bytes], *, filters: str = "", raw: bool = False, trailer_extra: str = "") -> bytes:
    """A PDF written by hand: one content stream per page (compressed when `filters` is FlateDecode, left as
    it is otherwise, under whatever filter names `filters` gives)."""
    objects: list[bytes] = []
    font = len(pages) * 2 + 3
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for i, content in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        data = zlib.compress(content) if filters == "/FlateDecode" and not raw else content
        head = f"<< /Length {len(data)}{' /Filter ' + filters if filters else ''} >>\nstream\n".encode()
        objects.append(head + data + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def page_text(lines: list[str]) -> bytes:
    """A content stream that shows the lines (Latin-1 text, Helvetica)."""
    parts = [b"BT /F1 11 Tf 50 800 Td 14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        parts.append(b"(" + escaped.encode("latin-1", "replace") + b") '")
    parts.append(b"ET")
    return b"\n".join(parts)


def _pdf_lines() -> list[str]:
    return [s[:90] for s in SENTENCES] * 4


def pdf_flate_bomb(inflated: int) -> bytes:
    compressor = zlib.compressobj(9)
    chunk = b"(" + b"a" * 1000 + b") '\n"
    chunk *= MB // len(chunk)
    data = compressor.compress(b"BT /F1 11 Tf 50 800 Td 14 TL\n")
    data += b"".join(compressor.compress(chunk) for _ in range(max(1, inflated // len(chunk))))
    data += compressor.compress(b"ET") + compressor.flush()
    return pdf([data], filters="/FlateDecode", raw=True)


def pdf_nested_arrays(depth: int) -> bytes:
    return pdf([page_text(_pdf_lines())], trailer_extra="/Nested " + "[" * depth + "]" * depth + " ")


# --- cases ---------------------------------------------------------------------------------------------------


def _html(body: str) -> bytes:
    return f"<!doctype html><html><head><meta charset='utf-8'><title>Syntetisk</title></head><body>{body}</body></html>".encode()


def cases(full: bool = False) -> list[Case]:
    """The hostile inputs by kind; `full` gives attack sizes, otherwise the CI sample."""
    big = 10 * MB if full else 64 * 1024
    many = 20_000 if full else 300
    deep = 100_000 if full else 2_000
    bomb = 4000 * MB if full else 128 * MB
    from arena.ingest.readers import MAX_BYTES, MAX_CHARACTERS, MAX_PDF_PAGES

    # Inputs meant to be read are kept just under the text limit at attack size: they test that the slow
    # paths are linear at the largest text the importer accepts, not that the limit refuses them.
    readable = min(big, MAX_CHARACTERS - 100_000)
    heads = min(many, 6_000)

    c: list[Case] = []

    def add(kind, name, make, expect="either", message=""):
        c.append(Case(kind, name, make, expect, message))

    # zip bombs and odd packages
    add("zip_bomb", "bombe.docx", lambda: docx_bomb(bomb), "refuse", "pakkes ut")
    add(
        "zip_bomb", "bombe-lyver.docx", lambda: docx_bomb(bomb // 4, declared=4096), "refuse", "Word-dokument"
    )
    add("zip_bomb", "mange-deler.docx", lambda: docx_many_parts(60_000 if full else 6_000), "refuse", "deler")
    add("zip_bomb", "entiteter.docx", docx_entities, "either")
    add("zip_bomb", "nestede-tabeller.docx", lambda: docx_nested_tables(300 if full else 100), "either")
    # very long lines (at full size over the text limit, so refused; the sample is read)
    add("long_line", "en-linje.txt", lambda: prose(big, " ").encode(), "either")
    add("long_line", "en-linje.md", lambda: prose(big, " ").encode(), "either")
    add("long_line", "en-linje.html", lambda: _html(f"<p>{prose(big, ' ')}</p>"), "either")
    add("long_line", "ett-ord.txt", lambda: b"Helse" * (big // 5), "either")
    add("long_line", "url.md", lambda: (SENTENCES[0] + " https://" + "a" * big + "\n").encode(), "either")
    # many headings (at attack size as many as fit under the text limit: a quadratic step would still show)
    add("headings", "overskrifter.md", lambda: "".join(f"{'#' * (1 + i % 4)} Seksjon {i}\n\n{SENTENCES[i % 5]}\n\n" for i in range(heads)).encode(), "read")  # fmt: skip
    add("headings", "nummererte.md", lambda: "".join(f"## {i // 50 + 1}.{i % 50 + 1} Seksjon {i}\n\n### Under {i}\n\n{SENTENCES[i % 5]}\n\n" for i in range(heads)).encode(), "read")  # fmt: skip
    add("headings", "overskrifter.html", lambda: _html("".join(f"<h{1 + i % 4}>Seksjon {i}</h{1 + i % 4}><p>{SENTENCES[i % 5]}</p>" for i in range(heads))), "read")  # fmt: skip
    add("headings", "overskrifter.docx", lambda: docx_headings(heads), "read")
    add("headings", "overskrifter.txt", lambda: "".join(f"{i // 20 + 1}.{i % 20 + 1} Divisjon for helsetjenester\n\n{SENTENCES[i % 5]}\n\n" for i in range(heads)).encode(), "read")  # fmt: skip
    # nested markup
    add("nested_markup", "nestet-div.html", lambda: _html("<div>" * deep + "<p>" + SENTENCES[0] + "</p>" + "</div>" * deep), "either")  # fmt: skip
    add("nested_markup", "nestet-liste.html", lambda: _html(("<ul><li>" + SENTENCES[2]) * (deep // 10) + "</li></ul>" * (deep // 10)), "either")  # fmt: skip
    add("nested_markup", "nestet-b.html", lambda: _html("<p>" + "<b>" * deep + SENTENCES[1] + "</b>" * deep + "</p>"), "either")  # fmt: skip
    add("nested_markup", "nestet-tabell.html", lambda: _html("<table><tr><td>" * (deep // 20) + SENTENCES[3] + "</td></tr></table>" * (deep // 20)), "either")  # fmt: skip
    add(
        "nested_markup",
        "klammer.md",
        lambda: (SENTENCES[0] + " " + "[" * (big // 4) + "\n").encode(),
        "either",
    )
    add(
        "nested_markup",
        "uthevinger.md",
        lambda: (SENTENCES[0] + " " + "*a " * (big // 12) + "\n").encode(),
        "either",
    )
    add(
        "nested_markup",
        "lenker.md",
        lambda: (SENTENCES[0] + " " + "[x](" * (big // 16) + "\n").encode(),
        "either",
    )
    add("nested_markup", "lister.md", lambda: "".join(" " * (i % 200) + f"- {SENTENCES[i % 5]}\n" for i in range(many)).encode(), "either")  # fmt: skip
    # PDFs
    add(
        "pdf",
        "ukjent-filter.pdf",
        lambda: pdf([page_text(_pdf_lines())], filters="/FooDecode"),
        "refuse",
        "PDF",
    )
    add("pdf", "mange-filtre.pdf", lambda: pdf([page_text(_pdf_lines())], filters="[" + "/ASCIIHexDecode " * 2000 + "]"), "either")  # fmt: skip
    add(
        "pdf",
        "jbig2-innhold.pdf",
        lambda: pdf([page_text(_pdf_lines())], filters="/JBIG2Decode"),
        "refuse",
        "PDF",
    )
    add("pdf", "flate-bombe.pdf", lambda: pdf_flate_bomb(1000 * MB if full else 80 * MB), "either")
    add("pdf", "nestede-lister.pdf", lambda: pdf_nested_arrays(deep), "either")
    add("pdf", "mange-sider.pdf", lambda: pdf([page_text(_pdf_lines()) for _ in range(250 if full else 20)]), "read")  # fmt: skip
    add("pdf", "lang-side.pdf", lambda: pdf([page_text([SENTENCES[i % 5][:80] for i in range(many * 2)])]), "read")  # fmt: skip
    add("pdf", "avkuttet.pdf", lambda: pdf([page_text(_pdf_lines())])[:-200], "either")
    add("pdf", "feil-xref.pdf", lambda: pdf([page_text(_pdf_lines())]).replace(b"startxref\n", b"startxref\n9"), "either")  # fmt: skip
    # encodings
    add("encoding", "utf16-uten-bom.txt", lambda: prose(20_000).encode("utf-16-le"), "either")
    add("encoding", "blandet.txt", lambda: (prose(20_000) + "\n\n").encode() + prose(20_000).encode("cp1252"), "either")  # fmt: skip
    add(
        "encoding",
        "feil-bom.txt",
        lambda: b"\xef\xbb\xbf" + prose(20_000).encode("cp1252"),
        "refuse",
        "tegnkoding",
    )
    add("encoding", "utf32-bom-søppel.txt", lambda: b"\xff\xfe\x00\x00" + b"\x00\xd8\x00\x00" * 1000, "refuse", "tegnkoding")  # fmt: skip
    add("encoding", "cp865.txt", lambda: prose(20_000).encode("cp865"), "either")
    add("encoding", "shift-jis.txt", lambda: ("保健" * 5000).encode("shift_jis"), "either")
    add("encoding", "stor-latin1.txt", lambda: prose(readable).encode("latin-1"), "read")
    add("encoding", "html-lyver.html", lambda: _html("<p>" + prose(20_000) + "</p>").replace(b"utf-8", b"koi8-r").replace(
        "ø".encode(), "ø".encode("cp1252")), "either")  # fmt: skip
    # control characters
    add("control", "kontroll.txt", lambda: prose(200_000).replace("Helsedirektoratet", "Helse\x01direktoratet").encode(), "either")  # fmt: skip
    add("control", "kontroll.html", lambda: _html("<p>" + prose(20_000).replace("og", "&#1;og&#x1f;") + "</p>"), "either")  # fmt: skip
    add("control", "kontroll.md", lambda: ("# Tittel\x0b\n\n" + prose(20_000).replace("og", "o\x00g\x1b")).encode(), "either")  # fmt: skip
    add("control", "kontroll.docx", docx_control_characters, "either")
    add("control", "surrogater.html", lambda: _html("<p>" + SENTENCES[0] + "&#xd800;&#xfffe;&#xffff;</p>"), "either")  # fmt: skip
    # regular-expression traps
    add("backtracking", "bindestrek.txt", lambda: ("Divisjonen deltar i " + "-".join(["helse"] * (big // 6)) + ".\n").encode(), "either")  # fmt: skip
    add("backtracking", "bindestreker.txt", lambda: " ".join(["Divisjonen deltar i"] + ["a-" * 2000 + "b"] * (big // 4000)).encode(), "either")  # fmt: skip
    add("backtracking", "joint-action.txt", lambda: (SENTENCES[4] + " ") .join([""] * (readable // len(SENTENCES[4]))).encode(), "read")  # fmt: skip
    add("backtracking", "mange-navn.txt", lambda: ("Helsedirektoratet deltar i WHO " + "WHO " * (readable // 4)).encode(), "read")  # fmt: skip
    add("backtracking", "innholdsliste.txt", lambda: ("Innhold\n\n" + "".join(f"{i}. Kapittel{' ' * 400}{'.' * 400}x\n" for i in range(many))).encode(), "either")  # fmt: skip
    add("backtracking", "store-bokstaver.txt", lambda: (SENTENCES[0] + " " + " ".join(["Helse Nord Komité"] * (big // 18))).encode(), "either")  # fmt: skip
    add("backtracking", "akronymer.txt", lambda: (SENTENCES[0] + " " + ("Aaaaaaa " * 20 + "(AB) ") * (big // 170)).encode(), "either")  # fmt: skip
    add("backtracking", "parenteser.txt", lambda: (SENTENCES[0] + " WHO" + "(" * (big // 4) + "\n").encode(), "either")  # fmt: skip
    add("backtracking", "skråstreker.txt", lambda: (SENTENCES[0] + " " + "/".join(["WHO"] * (big // 4)) + "\n").encode(), "either")  # fmt: skip
    add("backtracking", "fotnoter.txt", lambda: "".join(f"Divisjonen deltar i WHO{i}.\n" for i in range(1, 999)).encode() + b"".join(f"{i} Fotnote {i}\n".encode() for i in range(1, 999)), "either")  # fmt: skip
    # sizes
    near = MAX_CHARACTERS - 20_000 if full else 200_000
    add("size", "over-grensen.pdf", lambda: b"%PDF-1.7\n" + b"0" * MAX_BYTES, "refuse", "for stor")
    add(
        "size",
        "for-mye-tekst.txt",
        lambda: report_text(MAX_CHARACTERS + 100_000).encode(),
        "refuse",
        "for mye tekst",
    )
    add("size", "for-mye-tekst.html", lambda: _html(f"<p>{prose(MAX_CHARACTERS + 100_000)}</p>"), "refuse", "for mye tekst")  # fmt: skip
    add("size", "rapport-like-under.txt", lambda: report_text(near).encode(), "read")
    add("size", "rapport-like-under.md", lambda: report_text(near).replace("\n1", "\n# 1").encode(), "read")
    add(
        "size",
        "for-mange-sider.pdf",
        lambda: pdf([page_text(["Side"])] * (MAX_PDF_PAGES + 1)),
        "refuse",
        "for mange sider",
    )
    return c
