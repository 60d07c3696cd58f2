"""The common form every reader produces: a document as typed blocks over one cleaned text.

A `Document` holds the cleaned text and its blocks in reading order — headings (with level and number),
paragraphs and list items. Every block knows its character span in `Document.text`, so a proposal can point
back at exactly the words it came from (provenance: document, section, span).
"""

from dataclasses import dataclass, field

from arena.register.text import xml_safe

HEADING, PARAGRAPH, LIST_ITEM = "heading", "paragraph", "list_item"
BLOCK_SEPARATOR = "\n\n"


@dataclass
class Block:
    kind: str  # HEADING, PARAGRAPH or LIST_ITEM
    text: str
    start: int = 0  # span in Document.text
    end: int = 0
    level: int = 0  # headings: 1 = chapter, 2 = section, …
    number: str = ""  # headings: "3.4" for "3.4 Divisjon for …", "" when unnumbered

    @property
    def label(self) -> str:
        """A heading as people cite it: "3.4 Divisjon for helseøkonomi og kompetanse"."""
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass
class RawBlock:
    """A block as a reader finds it, before it gets its place in the document's text."""

    kind: str
    text: str
    level: int = 0
    number: str = ""


@dataclass
class Document:
    name: str  # file name
    format: str  # "txt", "md", "pdf", "docx", "html"
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    year: int | None = None
    sha256: str = ""
    footnotes: dict[str, str] = field(default_factory=dict)  # number → footnote text (removed from the body)

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == HEADING]

    def section_paths(self) -> list[list[Block]]:
        """For every block, the headings it sits under (outermost first); a heading's path ends with itself."""
        stack: list[Block] = []
        paths = []
        for block in self.blocks:
            if block.kind == HEADING:
                while stack and stack[-1].level >= block.level:
                    stack.pop()
                stack.append(block)
            paths.append(list(stack))
        return paths


def section_label(path: list[Block]) -> str:
    """Where a block sits, as a reader would cite it: the nearest numbered heading, then the unnumbered
    headings below it ("5.2 Utvalgte aktiviteter … › Universell helsedekning › Tilgang til legemidler")."""
    if not path:
        return ""
    numbered = [i for i, h in enumerate(path) if h.number]
    first = numbered[-1] if numbered else 0
    return " › ".join(h.label for h in path[first:])[:300]


def assemble(raw: list[RawBlock], *, name: str, format: str, title: str = "", footnotes=None) -> Document:
    """Lay the blocks out one after another in one text (blank line between blocks) and record their spans."""
    doc = Document(name=name, format=format, title=title, footnotes=dict(footnotes or {}))
    parts: list[str] = []
    offset = 0
    for rb in raw:
        text = xml_safe(rb.text).strip()
        if not text:
            continue
        if parts:
            parts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        parts.append(text)
        doc.blocks.append(Block(rb.kind, text, offset, offset + len(text), rb.level, rb.number))
        offset += len(text)
    doc.text = "".join(parts)
    return doc
