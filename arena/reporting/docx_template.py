"""The Word template the DOCX renderer fills: page setup and the styles the report uses. Made once by code
(`python -m arena.reporting.docx_template` rewrites the committed file); after that the communications team may
restyle it in Word — the renderer only relies on the style *names* in STYLES, never on their looks.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TEMPLATE_PATH = Path(__file__).resolve().parent / "templates" / "reporting" / "arsmelding.docx"

# Style names the renderer uses (Word's built-in names where Word has one, so Word's own TOC and navigation
# pane recognise the headings).
HEADINGS = ("Heading 1", "Heading 2", "Heading 3")
TITLE, SUBTITLE, BODY, BULLET, CAPTION = "Title", "Subtitle", "Normal", "List Bullet", "Caption"
TOC_HEADING, TOC_LEVELS = "TOC Heading", ("TOC 1", "TOC 2", "TOC 3")
ACTIVITY, FACTS, NOTE, LIST_TITLE, ORGANISATION = (
    "Aktivitet",
    "Aktivitetsfakta",
    "Merknad",
    "Listetittel",
    "Utgiver",
)
HYPERLINK, TABLE = "Hyperlink", "Arena tabell"
STYLES = (
    *HEADINGS,
    TITLE,
    SUBTITLE,
    BODY,
    BULLET,
    CAPTION,
    TOC_HEADING,
    *TOC_LEVELS,
    ACTIVITY,
    FACTS,
    NOTE,
    LIST_TITLE,
    ORGANISATION,
    HYPERLINK,
    TABLE,
)

BRAND = RGBColor(0x00, 0x3B, 0x5C)
MUTED = RGBColor(0x53, 0x53, 0x53)
FONT = "DejaVu Sans"


def _paragraph_style(doc, name: str, base: str = "Normal"):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
    style.quick_style = True
    return style


def _border(parent, edge: str, size: int = 0, color: str = "auto") -> None:
    element = OxmlElement(f"w:{edge}")
    element.set(qn("w:val"), "single" if size else "nil")
    if size:
        element.set(qn("w:sz"), str(size))  # eighths of a point
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), color)
    parent.append(element)


def _light_table_style(doc) -> None:
    """A light table: a brand-coloured rule above and below, a thin grey rule between rows, a heavier rule
    under the header row; no vertical lines and no cell grid."""
    table = doc.styles.add_style(TABLE, WD_STYLE_TYPE.TABLE)
    table.font.size = Pt(9)
    table.paragraph_format.space_after = Pt(0)
    style = table.element
    tbl_pr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for edge, size, color in (
        ("top", 8, "003B5C"),
        ("left", 0, ""),
        ("bottom", 8, "003B5C"),
        ("right", 0, ""),
        ("insideH", 4, "C9CFD6"),
        ("insideV", 0, ""),
    ):
        _border(borders, edge, size, color)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", 40), ("left", 0), ("bottom", 40), ("right", 170)):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.append(margins)
    style.append(tbl_pr)
    header = OxmlElement("w:tblStylePr")
    header.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    header.append(rpr)
    tc_pr = OxmlElement("w:tcPr")
    cell_borders = OxmlElement("w:tcBorders")
    _border(cell_borders, "bottom", 12, "003B5C")
    tc_pr.append(cell_borders)
    header.append(tc_pr)
    style.append(header)


def build_template(path: Path = TEMPLATE_PATH) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)

    for level, size in zip(HEADINGS, (16, 13, 11), strict=True):
        style = doc.styles[level]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = BRAND
        style.paragraph_format.space_before = Pt(14 if level != "Heading 3" else 10)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    doc.styles["Heading 1"].paragraph_format.page_break_before = True

    title = doc.styles[TITLE]
    title.font.name, title.font.size, title.font.color.rgb = FONT, Pt(28), BRAND
    subtitle = doc.styles[SUBTITLE]
    subtitle.font.name, subtitle.font.size = FONT, Pt(16)
    organisation = _paragraph_style(doc, ORGANISATION)
    organisation.font.size, organisation.font.color.rgb = Pt(12), MUTED

    toc_heading = doc.styles[TOC_HEADING]
    toc_heading.font.name, toc_heading.font.size, toc_heading.font.color.rgb = FONT, Pt(16), BRAND
    text_width = section.page_width - section.left_margin - section.right_margin
    for index, name in enumerate(TOC_LEVELS):
        style = _paragraph_style(doc, name)
        style.paragraph_format.left_indent = Cm(0.6 * index)
        style.paragraph_format.space_after = Pt(2)
        # Page numbers (filled in at generation, see toc_pages) flush right after a dotted leader.
        style.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    activity = _paragraph_style(doc, ACTIVITY)
    activity.paragraph_format.space_before = Pt(6)
    activity.paragraph_format.space_after = Pt(0)
    activity.paragraph_format.keep_with_next = True
    facts = _paragraph_style(doc, FACTS)
    facts.font.size, facts.font.color.rgb = Pt(8.5), MUTED
    facts.paragraph_format.space_after = Pt(6)
    note = _paragraph_style(doc, NOTE)
    note.font.size, note.font.color.rgb = Pt(8.5), MUTED
    list_title = _paragraph_style(doc, LIST_TITLE)
    list_title.font.bold = True
    list_title.paragraph_format.keep_with_next = True
    list_title.paragraph_format.space_after = Pt(2)
    caption = doc.styles[CAPTION]
    caption.font.name, caption.font.size, caption.font.bold = FONT, Pt(9), True
    caption.font.color.rgb = RGBColor(0x1B, 0x1B, 0x1B)

    try:
        link = doc.styles[HYPERLINK]
    except KeyError:
        link = doc.styles.add_style(HYPERLINK, WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x00, 0x5A, 0x8C)
    link.font.underline = True

    _light_table_style(doc)

    # Bokmål for spelling and hyphenation unless the renderer says otherwise.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "nb-NO")

    # A sample of each style, so whoever restyles the template in Word sees them in use (the renderer
    # removes the body before it writes the report).
    doc.add_paragraph("Tittel", style=TITLE)
    doc.add_paragraph("Undertittel", style=SUBTITLE)
    doc.add_paragraph("Utgiver", style=ORGANISATION).add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("Innhold", style=TOC_HEADING)
    for index, name in enumerate(HEADINGS, start=1):
        doc.add_paragraph(f"Overskrift {index}", style=name)
    doc.add_paragraph("Brødtekst.", style=BODY)
    doc.add_paragraph("Aktivitetens tittel. Beskrivelse.", style=ACTIVITY)
    doc.add_paragraph("(Ikke lenger i bruk: faktalinje.)", style=FACTS)
    doc.add_paragraph("Listetittel", style=LIST_TITLE)
    doc.add_paragraph("Punkt", style=BULLET)
    doc.add_paragraph("Figur 1: Bildetekst", style=CAPTION)
    doc.add_paragraph("Merknad", style=NOTE)
    doc.add_table(rows=2, cols=2, style=TABLE)

    doc.core_properties.title = "Internasjonal årsmelding"
    doc.core_properties.author = "Arena"
    doc.core_properties.language = "nb-NO"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    print(build_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_PATH))
