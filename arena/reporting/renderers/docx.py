"""DOCX from the report model, written into the Word template (arena/reporting/templates/reporting/arsmelding.docx).

Headings use Word's "Heading 1/2/3" styles; the table of contents is a real TOC field ('TOC \\o "1-3" \\h \\z \\u')
whose current result lists the headings (with page numbers from LibreOffice when `page_numbers` asks for them;
Word fills in its own when it updates fields, which it is asked to do on opening); the footer carries PAGE/NUMPAGES fields. Charts are PNG pictures with alt text; activities are
bookmarks that cross-references link to.
"""

import io
import re

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.run import CT_R
from docx.section import Section as DocxSection
from docx.shared import Inches, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from arena.reporting import docx_template as tpl
from arena.reporting.charts import chart_png, chart_size_inches
from arena.reporting.document import (
    ActivityEntry,
    BulletList,
    Figure,
    Note,
    Paragraph,
    ReferenceList,
    Report,
    RichList,
    RichParagraph,
    Section,
    Table,
    heading_text,
    iter_headings,
    xml_safe_report,
)
from arena.reporting.renderers.docx_rich import RichWriter
from arena.reporting.toc_pages import toc_pages

WORD_LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}
TEXT_WIDTH_IN = 6.3


_BREAKS = re.compile(r"[\t\n\r]")


def _text_run(text: str, bold: bool = False) -> CT_R:
    """A `w:r` holding `text` as one `w:t`. python-docx's Run.text looks at every character (for tabs and line
    breaks), which dominated the time for long reports; text without them needs none of that."""
    r = OxmlElement("w:r")
    if bold:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        r.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r


class _Paragraph(DocxParagraph):
    """A python-docx paragraph whose add_run writes plain text directly (see _text_run)."""

    def add_run(self, text: str | None = None, style=None) -> Run:
        if not text or style is not None or _BREAKS.search(text):
            return super().add_run(text, style)
        r = _text_run(text)
        self._p.append(r)
        return Run(r, self)


def bookmark_name(anchor: str) -> str:
    """Word bookmark names: a letter first, then letters, digits and underscores, at most 40 characters."""
    name = re.sub(r"\W", "_", anchor)
    return (name if name[:1].isalpha() else f"b_{name}")[:40]


class _Writer:
    def __init__(self, report: Report):
        self.report = report
        self.doc = Document(str(tpl.TEMPLATE_PATH))
        self.bookmark_id = 0
        self.toc: list[
            tuple[tuple[int, str], DocxParagraph]
        ] = []  # contents lines: ((level, text), paragraph)
        # Style ids looked up once: python-docx finds a style by name (and the default style) with a linear
        # scan over all styles for every paragraph, which dominates the time for long reports.
        self.styles = {name: self.doc.styles[name] for name in tpl.STYLES}
        default = self.doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.style_ids = {
            name: (None if default is not None and style.style_id == default.style_id else style.style_id)
            for name, style in self.styles.items()
        }
        # Editorial texts (formatted runs, links, real Word footnotes): renderers/docx_rich.py
        self.rich = RichWriter(self.doc, self.paragraph, self.styles[tpl.HYPERLINK].style_id)
        # Empty the template's body. Its section properties (page size, margins, footer) are kept aside and put
        # back last: python-docx inserts every new paragraph *before* w:sectPr, scanning the whole body to find
        # it, which makes long reports quadratic; appending to a body without it is not.
        self.body = self.doc.element.body
        self.sect_pr = self.body.find(qn("w:sectPr"))
        for child in list(self.body):
            self.body.remove(child)

    # Low-level helpers

    def paragraph(self, text: str = "", style: str = tpl.BODY) -> DocxParagraph:
        p = OxmlElement("w:p")
        self.body.append(p)
        para = _Paragraph(p, self.doc._body)
        if (style_id := self.style_ids[style]) is not None:
            p.style = style_id
        if text:
            para.add_run(text)
        return para

    def bookmark(self, paragraph, anchor: str) -> None:
        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), bookmark_name(anchor))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        p = paragraph._p
        ppr = p.find(qn("w:pPr"))
        index = list(p).index(ppr) + 1 if ppr is not None else 0
        p.insert(index, start)
        p.append(end)

    def hyperlink(self, paragraph, text: str, url: str = "", anchor: str = "") -> None:
        link = OxmlElement("w:hyperlink")
        if url:
            rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link.set(qn("r:id"), rel)
        else:
            link.set(qn("w:anchor"), bookmark_name(anchor))
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), self.styles[tpl.HYPERLINK].style_id)
        rpr.append(style)
        run.append(rpr)
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        link.append(run)
        paragraph._p.append(link)

    def field(self, paragraph, instruction: str, placeholder: str = "") -> None:
        for kind, text in (
            ("begin", None),
            ("instr", instruction),
            ("separate", None),
            ("text", placeholder),
        ):
            run = paragraph.add_run()
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = f" {text} "
                run._r.append(instr)
            elif kind == "text":
                run.text = text or ""
            else:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                if kind == "begin":
                    char.set(qn("w:dirty"), "true")
                run._r.append(char)
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        paragraph.add_run()._r.append(end)

    # Parts of the document

    def setup(self) -> None:
        report, doc = self.report, self.doc
        props = doc.core_properties
        draft = report.labels.get("draft", "Utkast")
        props.title = f"{draft.upper()}: {report.full_title}" if report.draft else report.full_title
        props.subject = report.subtitle
        props.author = report.organisation
        props.language = WORD_LANGUAGES.get(report.language, report.language)
        props.keywords = draft.lower() if report.draft else ""
        # Word shows "Status" and "Category"; both say that this is a draft, not an issued version.
        props.content_status = draft if report.draft else ""
        props.category = draft if report.draft else ""
        lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = lang.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), WORD_LANGUAGES.get(report.language, report.language))
        # Ask Word to update fields (the table of contents) when the document is opened.
        settings = doc.settings.element
        update = settings.find(qn("w:updateFields"))
        if update is None:
            update = OxmlElement("w:updateFields")
            settings.append(update)
        update.set(qn("w:val"), "true")
        section = DocxSection(self.sect_pr, doc.part)
        section.different_first_page_header_footer = True
        footer = section.footer
        para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        para.text = ""
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(f"{report.labels['page']} ")
        self.field(para, "PAGE", "1")
        para.add_run(f" {report.labels['of']} ")
        self.field(para, "NUMPAGES", "1")
        if report.draft:
            self.draft_headers(section, draft.upper())

    def draft_headers(self, section: DocxSection, word: str) -> None:
        """The word "UTKAST" in every page's header, the first page's (which has its own) included."""
        for header in (section.header, section.first_page_header):
            header.is_linked_to_previous = False
            para = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            para.text = ""
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = para.add_run(word)
            run.bold = True
            run.font.size = Pt(14)
            run.font.color.rgb = RGBColor(0xB3, 0x26, 0x1E)

    def title_page(self) -> None:
        r = self.report
        if r.draft:
            self.paragraph(f"{r.labels.get('draft', 'Utkast').upper()}: {r.full_title}", tpl.TITLE)
            self.paragraph(r.labels.get("draft_note", ""), tpl.SUBTITLE)
        else:
            self.paragraph(r.full_title, tpl.TITLE)
        self.paragraph(r.subtitle, tpl.SUBTITLE)
        org = self.paragraph(r.organisation, tpl.ORGANISATION)
        if not r.is_empty:
            org.add_run().add_break(WD_BREAK.PAGE)

    def contents(self) -> None:
        self.paragraph(self.report.labels["contents"], tpl.TOC_HEADING)
        entries = [(level, heading_text(part)) for level, part in iter_headings(self.report) if level <= 2]
        # One field whose result spans the listed headings: begin in the first paragraph, end in the last.
        first = self.paragraph("", tpl.TOC_LEVELS[0])
        for kind, text in (("begin", None), ("instr", 'TOC \\o "1-3" \\h \\z \\u'), ("separate", None)):
            run = first.add_run()
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = f" {text} "
                run._r.append(instr)
            else:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                if kind == "begin":
                    char.set(qn("w:dirty"), "true")
                run._r.append(char)
        paragraphs = [first]
        if entries:
            first.add_run(entries[0][1])
            for level, text in entries[1:]:
                paragraphs.append(self.paragraph(text, tpl.TOC_LEVELS[level - 1]))
            self.toc = list(zip(entries, paragraphs, strict=True))
        else:
            first.add_run(self.report.labels["toc_field"])
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        paragraphs[-1].add_run()._r.append(end)

    def toc_page_numbers(self, pages: list[int]) -> None:
        """Each contents line gets a tab (the TOC styles' right tab with dot leader) and its page number,
        inside the field's result (before the field's end mark in the last line)."""
        for (_entry, para), page in zip(self.toc, pages, strict=True):
            end = next(
                (
                    r
                    for r in para._p.iter(qn("w:r"))
                    if r.find(qn("w:fldChar")) is not None
                    and r.find(qn("w:fldChar")).get(qn("w:fldCharType")) == "end"
                ),
                None,
            )
            para.add_run().add_tab()
            para.add_run(str(page))
            if end is not None:
                para._p.remove(end)
                para._p.append(end)

    def heading(self, part, level: int) -> None:
        para = self.paragraph(heading_text(part) if level < 3 else part.title, tpl.HEADINGS[level - 1])
        self.bookmark(para, part.id)

    def blocks(self, blocks) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                para = self.paragraph()
                if block.lead:
                    para.add_run(f"{block.lead} ").bold = True
                para.add_run(block.text)
            elif isinstance(block, ActivityEntry):
                para = self.paragraph("", tpl.ACTIVITY)
                para.add_run(block.heading).bold = True
                para.add_run(f" {block.description}")
                if block.text:
                    para.add_run(f" {block.text}")
                self.bookmark(para, block.id)
            elif isinstance(block, BulletList):
                if block.title:
                    self.paragraph(block.title, tpl.LIST_TITLE)
                for item in block.items:
                    para = self.paragraph("", tpl.BULLET)
                    if item.lead:
                        para.add_run(f"{item.lead} ").bold = True
                    if item.url:
                        self.hyperlink(para, item.text, url=item.url)
                    else:
                        para.add_run(item.text)
            elif isinstance(block, ReferenceList):
                para = self.paragraph()
                para.add_run(f"{block.title}:").bold = True
                for index, ref in enumerate(block.items):
                    para.add_run(" " if index == 0 else "; ")
                    self.hyperlink(para, ref.title, anchor=ref.target)
                    if ref.number:
                        para.add_run(f" ({ref.number})")
                para.add_run(".")
            elif isinstance(block, (RichParagraph, RichList)):
                self.rich.block(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Figure):
                self.figure(block)
            elif isinstance(block, Note):
                para = self.paragraph("", tpl.NOTE)
                if block.url:
                    self.hyperlink(para, block.text, url=block.url)
                else:
                    para.add_run(block.text)

    def table(self, block: Table) -> None:
        caption = self.paragraph(
            f"{self.report.labels['table']} {block.number}: {block.caption}", tpl.CAPTION
        )
        caption.paragraph_format.keep_with_next = True
        width = self.sect_pr.page_width - self.sect_pr.left_margin - self.sect_pr.right_margin
        # All rows at once (python-docx's add_row and cell.text are slow for long tables); the header row bold and
        # repeated on every page, number columns right-aligned.
        tbl = CT_Tbl.new_tbl(1 + len(block.rows), len(block.columns), width)
        self.body.append(tbl)
        table = DocxTable(tbl, self.doc._body)
        table.style = self.styles[tpl.TABLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tbl.tr_lst[0].get_or_add_trPr().append(repeat)
        for number, (tr, row) in enumerate(zip(tbl.tr_lst, [block.columns, *block.rows], strict=True)):
            for index, (tc, text) in enumerate(zip(tr.tc_lst, row, strict=True)):
                para = _Paragraph(tc.p_lst[0], table)
                if index in block.numeric:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if text:
                    run = para.add_run(text)
                    if number == 0:
                        run.bold = True
        self.paragraph("")

    def figure(self, block: Figure) -> None:
        width, height = chart_size_inches(block.chart)
        scale = min(1.0, TEXT_WIDTH_IN / width)
        para = self.paragraph("")
        para.paragraph_format.keep_with_next = True
        run = para.add_run()
        run.add_picture(io.BytesIO(chart_png(block.chart)), width=Inches(width * scale))
        for doc_pr in run._r.iter(qn("wp:docPr")):
            doc_pr.set("descr", block.alt)
            doc_pr.set("title", block.caption)
        self.bookmark(para, block.id)
        self.paragraph(f"{self.report.labels['figure']} {block.number}: {block.caption}", tpl.CAPTION)

    def section(self, section: Section, level: int) -> None:
        self.heading(section, level)
        self.blocks(section.blocks)
        for sub in section.sections:
            self.section(sub, min(level + 1, 3))

    def write(self) -> bytes:
        self.setup()
        self.title_page()
        if not self.report.is_empty:
            self.contents()
        for chapter in self.report.chapters:
            self.heading(chapter, 1)
            self.blocks(chapter.blocks)
            for section in chapter.sections:
                self.section(section, 2)
        self.body.append(self.sect_pr)
        return self.save()

    def add_page_numbers(self, data: bytes) -> bytes:
        """`data` (this writer's document) with page numbers in the contents list from LibreOffice's layout,
        when it is installed (toc_pages); otherwise `data` unchanged."""
        if self.toc and (pages := toc_pages(data, [entry for entry, _para in self.toc])):
            self.toc_page_numbers(pages)
            return self.save()
        return data

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def render_docx(report: Report, page_numbers: bool = False) -> bytes:
    """The report as DOCX. `page_numbers` also lays it out with LibreOffice to write page numbers into the
    contents list (toc_pages: several seconds, so only the background job that issues versions asks for it);
    without it the contents list is the TOC field with its entries, which Word fills in when it opens the file."""
    writer = _Writer(xml_safe_report(report))
    data = writer.write()
    return writer.add_page_numbers(data) if page_numbers else data
