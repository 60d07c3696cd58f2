"""Readers: every format gives the same kind of Document — headings with levels and numbers, paragraphs and
list items, each with its span in the cleaned text — and both reports parse into their real chapters."""

import io

import pytest

from arena.ingest.document import HEADING, LIST_ITEM, PARAGRAPH
from arena.ingest.readers import read_bytes, read_document

# As a PDF converter writes it: a blank line after every line, trailing spaces, a space starting each page,
# a space-only line before the footnotes, the footnote and its link repeated at the foot of the page.
PAGES = [
    [
        "3.  Divisjonenes rapportering og",
        "vurdering: de viktigste aktivitetene i",
        "2019 og fremover",
        "3.4 Divisjon for helseøkonomi og kompetanse",
        "Det europeiske samarbeidet gjennom EUs yrkeskvalifikasjonsdirektiv er direkte knyttet til EØS-",
        "avtalens økonomiske samarbeid, som blant annet skal sikre fri bevegelighet for personer og et",
        "godt samarbeid i Europa om godkjenning av helsepersonell fra andre land, også i WHO-",
        "sammenheng og i ikke-smittsomme sykdommer1.",
        "Nordisk samarbeid om DRG-systemet",
        "Divisjonen representerer Helsedirektoratet i en av fire ekspertgrupper i det nordiske samarbeidet",
        "om diagnoserelaterte grupper, og deltar i møtene i styret når det er aktuelt for landene.",
        " ",
        "1 Fotnote om yrkeskvalifikasjoner:",
        "https://www.regjeringen.no/no/dokumenter/meld.-st.-36-20162017/id2549828/",
    ],
    [
        "Dette skjer i ulike fora hvor Helsedirektoratet deltar:",
        "• Revisjonsutvalget (Audit Board) er et felles europeisk utvalg under Den administrative",
        "kommisjon for koordinering av trygdeordninger.",
        "• Cross-Border Healthcare Expert Group diskuterer pasientrettighetsdirektivet.",
    ],
]
LAYOUT_TXT = (
    "".join(f"{line} \n\n" for line in PAGES[0])
    + "https://www.regjeringen.no/no/dokumenter/meld.-st.-36-20162017/id2549828/\n"
    + "".join(f"{' ' if i == 0 else ''}{line} \n\n" for i, line in enumerate(PAGES[1]))
)

FLOWED_TXT = """Internasjonal årsmelding 2020

Først publisert: 14.10.2021

Innhold

1. Forord fra helsedirektøren\t3
2. Internasjonalt arbeid i 2020\t4

Forord fra helsedirektøren

2020 var et krevende år i nasjonal og internasjonal helsesammenheng, og samarbeidet med WHO var viktig.[1]

[1] [Prop. 1 S \\(2020–2021\\) - regjeringen.no](#)

Internasjonalt arbeid i 2020

5.2

Utvalgte aktiviteter

Universell helsedekning

Tilgang til legemidler

KF-divisjonen deltar i den nordiske arbeidsgruppen [WGEMA](#) og utformer det norske bidraget til
rapporten om legemiddelmangel.

- European Network of Medical Competent Authorities (ENMCA).
- Nordisk gruppe for helsepersonell (NGH)
"""

MARKDOWN = """# Innspill fra KF 2021

## 1 Legemidler

KF-divisjonen deltar i **Nordisk legemiddelforum** og i
[WGEMA](https://example.org/wgema).[^1]

- Joint Action SHARP
- EU JAMRAI

### Organdonasjon

Divisjonen er *kompetent myndighet* for organdonasjon.

[^1]: Se rapporten.
"""

HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Innspill</title>
<style>p { color: black }</style><script>var x = 1;</script></head><body>
<nav><a href="/">Hjem</a></nav>
<h1>Innspill fra FF</h1>
<h2>3.2 Divisjon for folkehelse og forebygging</h2>
<p>Divisjonen deltar i WHOs European Salt Action Network (ESAN)<sup>2</sup> og i NKMT.</p>
<ul><li><p>Nordisk Rusmiddelseminar</p></li><li>FNs narkotikakommisjon</li></ul>
<h3>Tobakk</h3>
<p>FF-divisjonen deltar i Joint Action Tobacco Control.</p>
</body></html>"""


def blocks(doc):
    return [(b.kind, b.number, b.text, b.level) for b in doc.blocks]


def assert_spans(doc):
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text


def test_layout_text_from_a_pdf_converter():
    doc = read_bytes(LAYOUT_TXT.encode("utf-8"), "rapport-2019.txt")
    assert_spans(doc)
    headings = [(b.number, b.text, b.level) for b in doc.headings]
    assert headings == [
        ("3", "Divisjonenes rapportering og vurdering: de viktigste aktivitetene i 2019 og fremover", 1),
        ("3.4", "Divisjon for helseøkonomi og kompetanse", 2),
        ("", "Nordisk samarbeid om DRG-systemet", 3),
    ]
    paragraphs = [b.text for b in doc.blocks if b.kind == PARAGRAPH]
    assert paragraphs[0].startswith("Det europeiske samarbeidet gjennom EUs yrkeskvalifikasjonsdirektiv")
    assert "EØS-avtalens økonomiske samarbeid" in paragraphs[0]  # hyphenation at line end
    assert "WHO-sammenheng og i ikke-smittsomme sykdommer." in paragraphs[0]  # marker "1" removed
    assert "regjeringen.no" not in doc.text  # footnote block and repeated links removed
    assert doc.footnotes["1"].startswith("Fotnote om yrkeskvalifikasjoner")
    assert paragraphs[2] == "Dette skjer i ulike fora hvor Helsedirektoratet deltar:"  # page residue gone
    items = [b.text for b in doc.blocks if b.kind == LIST_ITEM]
    assert items == [
        "Revisjonsutvalget (Audit Board) er et felles europeisk utvalg under Den administrative kommisjon for "
        "koordinering av trygdeordninger.",
        "Cross-Border Healthcare Expert Group diskuterer pasientrettighetsdirektivet.",
    ]
    assert doc.year == 2019 and doc.format == "txt"


def test_flowed_text_from_a_web_export():
    doc = read_bytes(FLOWED_TXT.encode("utf-8"), "arsmelding.txt")
    assert_spans(doc)
    assert doc.title == "Internasjonal årsmelding 2020" and doc.year == 2020
    assert [(b.number, b.text, b.level) for b in doc.headings] == [
        ("1", "Forord fra helsedirektøren", 1),
        ("2", "Internasjonalt arbeid i 2020", 1),
        ("5.2", "Utvalgte aktiviteter", 2),
        ("", "Universell helsedekning", 3),
        ("", "Tilgang til legemidler", 4),
    ]
    assert "[1]" not in doc.text and "Prop. 1 S" not in doc.text and "Først publisert" not in doc.text
    assert doc.footnotes["1"] == "Prop. 1 S (2020–2021) - regjeringen.no"
    paragraph = next(b.text for b in doc.blocks if b.text.startswith("KF-divisjonen"))
    assert "arbeidsgruppen WGEMA og" in paragraph and paragraph.endswith("om legemiddelmangel.")
    assert [b.text for b in doc.blocks if b.kind == LIST_ITEM] == [
        "European Network of Medical Competent Authorities (ENMCA).",
        "Nordisk gruppe for helsepersonell (NGH)",
    ]


def test_markdown():
    doc = read_bytes(MARKDOWN.encode("utf-8"), "innspill.md")
    assert_spans(doc)
    assert doc.title == "Innspill fra KF 2021" and doc.year == 2021
    assert blocks(doc) == [
        (HEADING, "1", "Legemidler", 1),
        (PARAGRAPH, "", "KF-divisjonen deltar i Nordisk legemiddelforum og i WGEMA.", 0),
        (LIST_ITEM, "", "Joint Action SHARP", 0),
        (LIST_ITEM, "", "EU JAMRAI", 0),
        (HEADING, "", "Organdonasjon", 2),
        (PARAGRAPH, "", "Divisjonen er kompetent myndighet for organdonasjon.", 0),
    ]
    assert doc.footnotes == {"1": "Se rapporten."}


def test_html():
    doc = read_bytes(HTML.encode("utf-8"), "innspill.html")
    assert_spans(doc)
    assert doc.title == "Innspill fra FF"
    assert blocks(doc) == [
        (HEADING, "3.2", "Divisjon for folkehelse og forebygging", 2),
        (PARAGRAPH, "", "Divisjonen deltar i WHOs European Salt Action Network (ESAN) og i NKMT.", 0),
        (LIST_ITEM, "", "Nordisk Rusmiddelseminar", 0),
        (LIST_ITEM, "", "FNs narkotikakommisjon", 0),
        (HEADING, "", "Tobakk", 3),
        (PARAGRAPH, "", "FF-divisjonen deltar i Joint Action Tobacco Control.", 0),
    ]
    assert "var x" not in doc.text and "Hjem" not in doc.text


def docx_bytes(paragraphs) -> bytes:
    import docx

    document = docx.Document()
    for style, text in paragraphs:
        if style == "title":
            document.add_heading(text, level=0)
        elif style.startswith("h"):
            document.add_heading(text, level=int(style[1]))
        elif style == "li":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Tabelltekst om HSPA."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx():
    data = docx_bytes(
        [
            ("title", "Innspill fra AS 2020"),
            ("h1", "3.1 Divisjon for analyse og samfunn"),
            ("p", "Divisjonen deltar i Europakommisjonens ekspertgruppe HSPA."),
            ("h2", "Rettsutvikling"),
            ("li", "FNs menneskerettighetskomité"),
            ("li", "Europarådets komité for bioetikk"),
        ]
    )
    doc = read_bytes(data, "innspill-as.docx")
    assert_spans(doc)
    assert doc.title == "Innspill fra AS 2020" and doc.year == 2020
    assert blocks(doc) == [
        (HEADING, "3.1", "Divisjon for analyse og samfunn", 2),
        (PARAGRAPH, "", "Divisjonen deltar i Europakommisjonens ekspertgruppe HSPA.", 0),
        (HEADING, "", "Rettsutvikling", 3),
        (LIST_ITEM, "", "FNs menneskerettighetskomité", 0),
        (LIST_ITEM, "", "Europarådets komité for bioetikk", 0),
        (PARAGRAPH, "", "Tabelltekst om HSPA.", 0),
    ]


def pdf_bytes(body: str) -> bytes:
    from weasyprint import HTML as WeasyHTML

    page = (
        "<html><head><meta charset='utf-8'><style>@page { size: A5; margin: 2cm; "
        "@bottom-center { content: counter(page) } } body { font-size: 10pt }</style></head>"
        f"<body>{body}</body></html>"
    )
    return WeasyHTML(string=page).write_pdf()


def test_pdf_made_by_a_real_renderer():
    long = " ".join(
        ["Divisjonen deltar i Nordisk legemiddelforum og i arbeidet med legemiddelberedskap."] * 6
    )
    data = pdf_bytes(
        "<h1>3.5 Divisjon for kvalitet og forløp</h1>"
        f"<p>{long}</p>"
        "<h2>Organdonasjon</h2>"
        "<p>Helsedirektoratet er Competent Authority on Organ Donation and Transplantation.</p>"
        "<ul><li>Scandiatransplant</li><li>Europarådets CD-P-TO</li></ul>"
        f"<p>{long}</p>"
    )
    doc = read_bytes(data, "innspill-kf-2021.pdf")
    assert_spans(doc)
    assert doc.format == "pdf" and doc.year == 2021
    assert [(b.number, b.text) for b in doc.headings] == [
        ("3.5", "Divisjon for kvalitet og forløp"),
        ("", "Organdonasjon"),
    ]
    paragraphs = [b.text for b in doc.blocks if b.kind == PARAGRAPH]
    assert paragraphs[0] == long  # one paragraph, wrapped lines joined, over a page break
    assert "Competent Authority on Organ Donation and Transplantation." in paragraphs[1]
    assert [b.text for b in doc.blocks if b.kind == LIST_ITEM] == [
        "Scandiatransplant",
        "Europarådets CD-P-TO",
    ]
    assert not any(b.text.strip().isdigit() for b in doc.blocks)  # page numbers removed


def test_pdfium_and_pypdf_read_a_pdf_alike(monkeypatch):
    """The fast path (PDFium, arena/ingest/pdf_text.py) and the fallback (pypdf's layout mode) give the same
    blocks: bullets after their items in the content stream, hyphens ending a line, paragraph gaps."""
    from arena.ingest import readers

    words = "Samarbeidet under EØS-midlene og Nordisk ministerråds e-helsegruppe om legemiddelberedskap. " * 5
    data = pdf_bytes(
        "<h1>2 Prioriterte internasjonale fagområder</h1>"
        f"<p style='hyphens: manual'>{words}</p>"
        "<ul><li>være kontaktpunkt i internasjonale saker</li><li>koordinere arbeidet</li></ul>"
        f"<p>{words}</p>"
    )
    fast = read_bytes(data, "notat.pdf")
    monkeypatch.setattr(readers, "PDFIUM", False)
    slow = read_bytes(data, "notat.pdf")
    assert [(b.kind, b.text) for b in fast.blocks] == [(b.kind, b.text) for b in slow.blocks]
    assert [b.text for b in fast.blocks if b.kind == LIST_ITEM] == [
        "være kontaktpunkt i internasjonale saker",
        "koordinere arbeidet",
    ]


def test_latin1_text_is_read_with_its_letters():
    text = (
        "Samarbeid i Nordisk ministerråd og med Folkehelseinstituttet om ernæring.\n\nÆrlig talt, ørsmå år."
    )
    doc = read_bytes(text.encode("cp1252"), "notat.txt")
    assert "ministerråd" in doc.text and "Ærlig talt, ørsmå år." in doc.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "2019",
            [
                ("", "Forord"),
                ("", "Sammendrag"),
                ("1", "Internasjonal helse i direktoratet"),
                ("1.1", "Samarbeid og arbeidsflater"),
                ("1.2", "Arbeidsfordeling"),
                ("2", "Prioriterte internasjonale fagområder og arbeidsflater"),
                ("2.1", "FNs bærekraftsmål"),
                ("2.2", "De viktigste arenaene for internasjonalt samarbeid i 2019"),
                ("3", "Divisjonenes rapportering og vurdering: de viktigste aktivitetene i 2019 og fremover"),
                ("3.1", "Divisjon for analyse og samfunn"),
                ("3.2", "Divisjon for folkehelse og forebygging"),
                ("3.3", "Divisjon for digitalisering og helseregistre"),
                ("3.4", "Divisjon for helseøkonomi og kompetanse"),
                ("3.5", "Divisjon for kvalitet og forløp"),
                ("4", "Etterord"),
                ("", "Vedlegg"),
            ],
        ),
        (
            "2020",
            [
                ("1", "Forord fra helsedirektøren"),
                ("2", "Om årsmeldingen"),
                ("3", "Internasjonal helse i direktoratet"),
                ("4", "Prioriterte internasjonale fagområder og arbeidsflater"),
                ("4.1", "FNs bærekraftsmål"),
                ("4.2", "HODs internasjonale strategi"),
                ("4.3", "De viktigste arenaene for internasjonalt samarbeid"),
                ("5", "Internasjonalt arbeid i 2020"),
                ("5.1", "Covid-19-pandemien"),
                ("5.2", "Utvalgte aktiviteter under satsningsområdene i HODs internasjonale strategi"),
                ("6", "Hva mener divisjonsdirektørene i direktoratet blir viktig fremover?"),
            ],
        ),
    ],
)
def test_both_reports_parse_into_their_chapters_and_sections(name, expected, report_2019, report_2020):
    doc = read_document(report_2019 if name == "2019" else report_2020)
    assert_spans(doc)
    assert [
        (h.number, h.text) for h in doc.headings if h.level <= 2 and (h.number or h.level == 1)
    ] == expected
    assert doc.year == int(name)
    import re

    assert not re.search(r"https?://|\[\d+\]|\]\(#\)", doc.text)  # links, markers and link syntax gone
    if name == "2019":  # (the 2020 edition writes "covid19" itself)
        assert not re.search(r"[a-zæøå]\d{1,2}\b", doc.text)  # no footnote numbers glued to words
    assert not any(b.text.startswith(" ") for b in doc.blocks)


def test_unnumbered_sections_of_the_reports(report_2019, report_2020):
    doc_2019 = read_document(report_2019)
    sections_31 = [h.text for h in doc_2019.headings if h.level == 3][7:12]
    assert sections_31 == [
        "Akuttmedisin og beredskap",
        "Rettsutvikling",
        "Kvalitetsindikatorer",
        "Global helse i ulike fora",
        "Hva er viktig i 2020 og fremover",
    ]
    doc_2020 = read_document(report_2020)
    areas = [h.text for h in doc_2020.headings if h.level == 3 and h.start > doc_2020.text.index("Utvalgte")]
    assert areas == [
        "Universell helsedekning",
        "Helsesikkerhet og beredskap",
        "Ikke-smittsomme sykdommer",
        "Digital helse",
        "Grønn helse",
        "Forskning og innovasjon",
    ]
    assert "Tilgang til legemidler" in [h.text for h in doc_2020.headings if h.level == 4]
