"""The one report model: plain data that every renderer (HTML, DOCX, PDF) turns into its format.

Report → Chapter → Section (→ subsections) → blocks. Every text in it is final: labels are already translated
and numbers (chapters, sections, figures, tables) assigned by `number_report`, so renderers only lay out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass

from arena.register.text import xml_safe


@dataclass
class Paragraph:
    """Running text; `lead` is set in bold before the text (e.g. a name)."""

    text: str
    lead: str = ""


@dataclass
class ListItem:
    text: str
    lead: str = ""
    url: str = ""  # an outside link for the item's text


@dataclass
class BulletList:
    items: list[ListItem]
    title: str = ""  # a short line above the list (not a heading)


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()  # indexes of right-aligned (number) columns
    number: int = 0


@dataclass
class Series:
    label: str
    values: list[int]


@dataclass
class Chart:
    """A grouped horizontal bar chart: one bar per series for each category."""

    categories: list[str]
    series: list[Series]
    value_label: str


@dataclass
class Figure:
    id: str
    caption: str
    chart: Chart
    alt: str  # the chart in words, for screen readers and tagged PDF
    number: int = 0


@dataclass
class Note:
    """A remark in smaller type, optionally a link (source, where to read more)."""

    text: str
    url: str = ""


@dataclass
class ActivityEntry:
    """One activity of the year, described once in the whole report: a paragraph with the title as its run-in
    lead, the description as written in the register, then `text` — the facts (units, arenas, partners,
    countries, areas) as generated sentences (arena.reporting.prose)."""

    id: str  # anchor, unique in the report
    activity_id: int
    title: str
    description: str
    text: str = ""

    @property
    def heading(self) -> str:
        """The title as the lead of the entry's paragraph, ending in a full stop."""
        return self.title if self.title.rstrip().endswith((".", "!", "?")) else f"{self.title}."


@dataclass
class CrossReference:
    """A pointer to an activity described elsewhere, shown compactly as '<title> (3.2)'."""

    title: str
    target: str  # id of the ActivityEntry
    where: str  # in words, e.g. "omtalt under 3.2 Digital helse" (for readers of the model, not rendered)
    number: str = ""  # the number of the section the activity is described in, e.g. "3.2"


@dataclass
class ReferenceList:
    """Cross-references as one run of text: '<title>: A (3.2), B (4.1).' — never a list of lines."""

    title: str
    items: list[CrossReference]


@dataclass
class Span:
    """A run of formatted text in an editorial text (arena.reporting.markup): plain, bold and/or italic, a link
    (`url`, http/https/mailto only), or — with `footnote` set and no text — the call of a footnote."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    url: str = ""
    footnote: Footnote | None = None


@dataclass
class Footnote:
    """A footnote's text; numbered through the whole report by `number_report`. HTML lists the footnotes at the
    end of the section, the PDF sets them at the foot of the page, DOCX writes real Word footnotes."""

    spans: list[Span]
    number: int = 0

    @property
    def id(self) -> str:
        return f"fn-{self.number}"


@dataclass
class RichParagraph:
    """A paragraph of an editorial text, written with Markdown-style formatting; `lead` as in Paragraph."""

    spans: list[Span]
    lead: str = ""

    @property
    def text(self) -> str:
        """The paragraph's words without formatting or footnotes (as Paragraph.text)."""
        return "".join(span.text for span in self.spans)


@dataclass
class RichList:
    """A bullet or numbered list of an editorial text; each item is a run of spans."""

    items: list[list[Span]]
    ordered: bool = False


def block_spans(block) -> Iterator[Span]:
    """The spans of a rich block (a paragraph's, each list item's), in reading order."""
    if isinstance(block, RichParagraph):
        yield from block.spans
    elif isinstance(block, RichList):
        for item in block.items:
            yield from item


def block_footnotes(blocks) -> list[Footnote]:
    """The footnotes called in `blocks`, in order (the list HTML shows at the end of a section)."""
    return [span.footnote for block in blocks for span in block_spans(block) if span.footnote is not None]


def number_footnotes(blocks, start: int = 0) -> int:
    """Number the footnotes called in `blocks` from `start` + 1; returns the last number given."""
    for footnote in block_footnotes(blocks):
        start += 1
        footnote.number = start
    return start


def block_kind(block) -> str:
    """A block's type as a lower-case word, for templates ("paragraph", "activityentry", …)."""
    return type(block).__name__.lower()


Block = (
    Paragraph | BulletList | Table | Figure | Note | ActivityEntry | ReferenceList | RichParagraph | RichList
)


@dataclass
class Section:
    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    number: str = ""


@dataclass
class Chapter:
    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    numbered: bool = True
    number: str = ""


@dataclass
class Report:
    year: int
    layout: str  # "unit" | "area"
    language: str
    title: str
    subtitle: str
    organisation: str
    chapters: list[Chapter] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # renderer words: "contents", "page", …
    is_empty: bool = False
    # What the document covers when it is not a year (a month, a week: "mars 2020"); the annual report leaves it
    # empty. Other document kinds (arena.reporting.issuing.KINDS) build the same model.
    period: str = ""
    # A draft (made before the year's reporting cycle is approved) is marked "Utkast" in every format: a banner
    # and a diagonal mark in HTML, a mark on every PDF page, the word in every DOCX page header and its title.
    draft: bool = False

    @property
    def full_title(self) -> str:
        return f"{self.title} {self.period or self.year}"


def number_report(report: Report) -> Report:
    """Give numbered chapters 1, 2, … and their sections 1.1, 1.2, …; figures, tables and footnotes run
    through."""
    chapter_no = figure_no = table_no = footnote_no = 0
    for chapter in report.chapters:
        if chapter.numbered:
            chapter_no += 1
            chapter.number = str(chapter_no)
            for index, section in enumerate(chapter.sections, start=1):
                section.number = f"{chapter_no}.{index}"
    for block in iter_blocks(report):
        if isinstance(block, Figure):
            figure_no += 1
            block.number = figure_no
        elif isinstance(block, Table):
            table_no += 1
            block.number = table_no
        footnote_no = number_footnotes([block], footnote_no)
    return report


def heading_text(part: Chapter | Section) -> str:
    return f"{part.number} {part.title}" if part.number else part.title


def _section_blocks(section: Section) -> Iterator[Block]:
    yield from section.blocks
    for sub in section.sections:
        yield from _section_blocks(sub)


def iter_blocks(report: Report) -> Iterator[Block]:
    """Every block of the report in reading order."""
    for chapter in report.chapters:
        yield from chapter.blocks
        for section in chapter.sections:
            yield from _section_blocks(section)


def iter_headings(report: Report) -> Iterator[tuple[int, Chapter | Section]]:
    """(level, part) for every chapter (1), section (2) and subsection (3) in reading order."""

    def walk(section: Section, level: int):
        yield level, section
        for sub in section.sections:
            yield from walk(sub, level + 1)

    for chapter in report.chapters:
        yield 1, chapter
        for section in chapter.sections:
            yield from walk(section, 2)


def activity_entries(report: Report) -> list[ActivityEntry]:
    return [b for b in iter_blocks(report) if isinstance(b, ActivityEntry)]


def xml_safe_report(report: Report) -> Report:
    """Strip characters XML cannot hold from every text in the report (in place; returns it). Every renderer
    calls it first, so one stray control character cannot break a format."""

    def clean(value):
        if isinstance(value, str):
            return xml_safe(value)
        if isinstance(value, list):
            value[:] = [clean(v) for v in value]
        elif isinstance(value, tuple):
            return tuple(clean(v) for v in value)
        elif isinstance(value, dict):
            for key in value:
                value[key] = clean(value[key])
        elif is_dataclass(value) and not isinstance(value, type):
            for f in fields(value):
                setattr(value, f.name, clean(getattr(value, f.name)))
        return value

    return clean(report)
