"""Editorial texts (RichParagraph, RichList) in the DOCX, with real Word footnotes.

python-docx has no footnote API, so the footnotes part is added here in OOXML: `word/footnotes.xml` (content
type `…wordprocessingml.footnotes+xml`, related from the document part) holding the two separator footnotes
Word expects (ids -1 and 0) and one `w:footnote` per call; the call in the text is a superscript run with a
`w:footnoteReference`. Word and LibreOffice number them and set them at the foot of the page. Links inside a
footnote are relationships of the footnotes part. Formatting is direct (superscript, 9 pt), so the Word template
needs no new styles.
"""

from __future__ import annotations

from types import SimpleNamespace

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from arena.reporting import docx_template as tpl
from arena.reporting.document import RichList, RichParagraph, Span

FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTE_SIZE = Pt(9)

_SEPARATORS = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _superscript(run) -> None:
    rpr = run._r.get_or_add_rPr()
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    rpr.append(align)


class RichWriter:
    """Writes rich blocks into a python-docx Document; the footnotes part is made at the first footnote."""

    def __init__(self, doc, new_paragraph, hyperlink_style_id: str):
        self.doc = doc
        self.new_paragraph = new_paragraph  # (text, style) -> paragraph at the end of the body
        self.hyperlink_style_id = hyperlink_style_id
        self.part: XmlPart | None = None
        self.next_id = 1

    # The footnotes part

    def _footnotes(self):
        if self.part is None:
            package = self.doc.part.package
            self.part = XmlPart(
                PackURI("/word/footnotes.xml"), FOOTNOTES_CONTENT_TYPE, parse_xml(_SEPARATORS), package
            )
            self.doc.part.relate_to(self.part, RELATIONSHIP_TYPE.FOOTNOTES)
        return self.part

    def footnote(self, paragraph, spans: list[Span]) -> int:
        """A footnote with `spans` as its text, called at the end of `paragraph`; returns its Word id."""
        part = self._footnotes()
        note_id = self.next_id
        self.next_id += 1
        call = paragraph.add_run()
        _superscript(call)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(note_id))
        call._r.append(ref)
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(note_id))
        p = OxmlElement("w:p")
        note.append(p)
        part.element.append(note)
        para = DocxParagraph(p, SimpleNamespace(part=part))
        para.paragraph_format.space_after = Pt(0)
        mark = para.add_run()
        _superscript(mark)
        mark._r.append(OxmlElement("w:footnoteRef"))
        mark.font.size = FOOTNOTE_SIZE
        para.add_run(" ").font.size = FOOTNOTE_SIZE
        self.spans(para, spans, size=FOOTNOTE_SIZE)
        return note_id

    # Text

    def link(self, paragraph, span: Span, size=None) -> None:
        rel = paragraph.part.relate_to(span.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel)
        run = paragraph.add_run(span.text)
        rpr = run._r.get_or_add_rPr()
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), self.hyperlink_style_id)
        rpr.insert(0, style)
        run.bold = span.bold or None
        run.italic = span.italic or None
        if size:
            run.font.size = size
        paragraph._p.remove(run._r)
        link.append(run._r)
        paragraph._p.append(link)

    def spans(self, paragraph, spans: list[Span], size=None) -> None:
        for span in spans:
            if span.footnote is not None:
                self.footnote(paragraph, span.footnote.spans)
            elif span.url:
                self.link(paragraph, span, size)
            else:
                run = paragraph.add_run(span.text)
                run.bold = span.bold or None
                run.italic = span.italic or None
                if size:
                    run.font.size = size

    def block(self, block: RichParagraph | RichList) -> None:
        if isinstance(block, RichParagraph):
            para = self.new_paragraph("", tpl.BODY)
            if block.lead:
                para.add_run(f"{block.lead} ").bold = True
            self.spans(para, block.spans)
            return
        for number, item in enumerate(block.items, start=1):
            if block.ordered:  # numbered explicitly, so each list starts at 1 whatever Word's numbering does
                para = self.new_paragraph(f"{number}.\t", tpl.BODY)
                fmt = para.paragraph_format
                fmt.left_indent, fmt.first_line_indent = Inches(0.35), Inches(-0.35)
                fmt.tab_stops.add_tab_stop(Inches(0.35))
            else:
                para = self.new_paragraph("", tpl.BULLET)
            self.spans(para, item)
