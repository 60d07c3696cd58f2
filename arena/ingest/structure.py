"""Finding a text's structure when it has no markup: headings (numbered and unnumbered, with levels),
paragraphs and list items.

Two kinds of plain text arrive:
- *layout text*, extracted from a PDF: lines wrapped at the page width, pages, footnotes at the foot of the
  page. Block boundaries come from layout cues: a line shorter than the column ends a paragraph; a short line
  without closing punctuation followed by a capitalised line is a heading; "3.4 Divisjon for …" is a numbered
  heading (which may wrap onto a second or third line);
- *flowed text*, exported from a web page or a word processor: one paragraph per line, headings as short lines
  without closing punctuation, a table of contents giving the chapters their numbers, "4.1" on a line of its
  own before the section's title.

Heading levels: a numbered heading's level is its depth ("3" → 1, "3.4" → 2). Unnumbered headings are placed
by known chapter titles (Forord, Sammendrag, Vedlegg …, and the entries of the table of contents), by known
section titles (the priority areas of the strategy, when a section is organised by them), and by position: a
heading directly under another heading is one level deeper, otherwise it is a sibling of the previous
unnumbered heading in the same numbered section.
"""

import re

from arena.ingest import cleaning
from arena.ingest.document import HEADING, LIST_ITEM, PARAGRAPH, RawBlock
from arena.register.normalize import normalize_name

NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=[A-ZÆØÅ«\"])(.+)$")
NUMBER_ONLY = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?$")
BULLET = re.compile(r"^(?:[•●▪◦‣∙·■□➢►–—*-]|\d{1,2}[.)]|[a-z][.)])\s+")
LAYOUT_BULLET = re.compile(r"^[•●▪◦‣∙·■□➢►]\s*")
DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")

# Chapter titles that are chapters wherever they appear, numbered or not.
KNOWN_CHAPTERS = {
    "forord",
    "sammendrag",
    "innledning",
    "innhold",
    "innholdsfortegnelse",
    "etterord",
    "vedlegg",
    "referanser",
    "litteratur",
    "summary",
    "foreword",
    "introduction",
    "appendix",
}
TOC_TITLES = {"innhold", "innholdsfortegnelse", "contents", "table of contents"}
METADATA = re.compile(r"^(først publisert|sist faglig oppdatert|publisert|oppdatert|sist endret)\b", re.I)
SHORT_LINE = 0.8  # a layout line shorter than this share of the column width ends its block …
WRAP_LINE = 0.9  # … unless the next line's first word would have taken it past this share (a wrap)
MAX_HEADING = 200


def _numbered(text: str) -> tuple[str, str] | None:
    match = NUMBERED_HEADING.match(text)
    if not match or cleaning.ends_with(match.group(2), cleaning.SENTENCE_END):
        return None
    number = match.group(1)
    if int(number.split(".")[0]) > 30:
        return None
    return number, match.group(2)


def column_width(lines: list[str]) -> int:
    """The typical full line length of a layout text (the 90th percentile of the longer lines)."""
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 20)
    if not lengths:
        return 80
    return max(40, lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0])


def looks_like_layout(text: str) -> bool:
    """True for text wrapped at a page width (PDF extraction), false for one-paragraph-per-line text."""
    lines = [line for line in cleaning.split_lines(text) if line.strip()]
    if len(lines) < 5:
        return False
    width = column_width(lines)
    full = sum(1 for line in lines if len(line.strip()) >= 0.75 * width)
    return width <= 140 and full / len(lines) >= 0.4


# --- layout text -------------------------------------------------------------------------------------------


PAGE_NUMBER = re.compile(r"^\s*(?:[Ss]ide\s+)?\d{1,3}(?:\s*(?:/|av)\s*\d{1,3})?\s*$")


def strip_page_numbers(page: list[str]) -> list[str]:
    """Remove a page number printed alone on the page's first or last line."""
    lines = list(page)
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and PAGE_NUMBER.match(lines[-1]):
        lines.pop()
    if lines and PAGE_NUMBER.match(lines[0]):
        lines.pop(0)
    return lines


def layout_lines(
    pages: list[list[str]], keep_gaps: bool = False
) -> tuple[list[str], list[int], dict[str, str]]:
    """The body lines of all pages (footnote blocks, link lists and page numbers removed), each line's
    column width (its page's, so a page set narrower is judged by its own width), the footnotes found, and
    the indexes of the lines that start a page. With `keep_gaps`, an empty string marks vertical space
    between lines (a paragraph break in a PDF)."""
    body: list[str] = []
    page_starts: set[int] = set()
    widths: list[int] = []
    footnotes: dict[str, str] = {}
    everything = [line.strip() for page in pages for line in page]
    overall = column_width(everything)
    for page in pages:
        page = strip_page_numbers(page)
        glued = set(re.findall(r"(?<=[^\W\d_])(\d{1,2})(?=[\s.,;:)]|$)", " ".join(page)))
        kept, notes = cleaning.strip_page_foot(page, glued)
        footnotes.update(notes)
        kept = [
            "" if not line.strip() else cleaning.normalize_spaces(line)
            for line in kept
            if (keep_gaps or line.strip()) and not cleaning.is_url_line(line)
        ]
        text_lines = [line for line in kept if len(line) >= 20]
        width = column_width(text_lines) if len(text_lines) >= 8 else overall
        page_starts.add(len(body))
        for line in kept:
            if line == "" and (not body or body[-1] == ""):
                continue
            body.append(line)
            widths.append(min(width, overall))
    while body and body[-1] == "":
        body.pop()
        widths.pop()
    return body, widths, footnotes, page_starts


def segment_layout(
    lines: list[str], widths: list[int] | None = None, page_starts: set[int] | None = None
) -> list[RawBlock]:
    """Group wrapped lines into headings, paragraphs and list items by the layout cues described above."""
    n = len(lines)
    widths = widths or [column_width(lines)] * n

    def next_text(j: int) -> str:
        """The next line with text after j ("" at the end)."""
        for k in range(j + 1, n):
            if lines[k]:
                return lines[k]
        return ""

    def short(j: int) -> bool:
        """A line that ends before the column does, and not just because the next word would not fit."""
        if len(lines[j]) >= SHORT_LINE * widths[j]:
            return False
        if j + 1 < n and lines[j + 1] == "":
            return True  # vertical space after the line: the block ends here
        next_word = lines[j + 1].split(" ", 1)[0] if j + 1 < n else ""
        return len(lines[j]) + 1 + len(next_word) <= WRAP_LINE * widths[j]

    def starts_upper(line: str) -> bool:
        return bool(line) and (line[0].isupper() or line[0].isdigit() or line[0] in '«"(')

    def heading_line(j: int) -> bool:
        """An unnumbered one-line heading at j: short, not closed by punctuation, a capitalised line next."""
        line = lines[j]
        nxt = next_text(j)
        return (
            short(j)
            and line[:1].isupper()
            and not cleaning.ends_with(line, cleaning.CLAUSE_END)
            and (not nxt or starts_upper(nxt) or bool(LAYOUT_BULLET.match(nxt)))
        )

    def starts_block(j: int) -> bool:
        if not lines[j]:
            return True
        return bool(_numbered(lines[j]) or LAYOUT_BULLET.match(lines[j]) or heading_line(j))

    def ends_block(j: int) -> bool:
        """Does the block end after line j? A sentence end on a short line (or before a new block); a short
        line without punctuation when the next line starts with a capital (a heading's end)."""
        if j + 1 >= n or lines[j + 1] == "":
            return True
        line, nxt = lines[j], lines[j + 1]
        if cleaning.ends_with(line, cleaning.SENTENCE_END):
            new_page = page_starts is not None and j + 1 in page_starts and starts_upper(nxt)
            return short(j) or starts_block(j + 1) or new_page
        if cleaning.ends_with(line, ","):
            return False
        if heading_line(j + 1) and not next_text(j + 1)[:1].islower():
            return True  # a heading follows (the line before it was full, e.g. a long heading or list item)
        if not starts_upper(nxt) and not LAYOUT_BULLET.match(nxt):
            return False
        return short(j) or bool(_numbered(nxt))

    blocks: list[RawBlock] = []
    i = 0
    while i < n:
        line = lines[i]
        if not line:
            i += 1
            continue
        if LAYOUT_BULLET.match(line):
            parts = [LAYOUT_BULLET.sub("", line)]
            lower_item = parts[0][:1].islower()
            while (
                not ends_block(i)
                and not LAYOUT_BULLET.match(lines[i + 1])
                and not (lower_item and lines[i + 1][:1].isupper())
            ):
                i += 1
                parts.append(lines[i])
            blocks.append(RawBlock(LIST_ITEM, cleaning.join_wrapped(parts)))
            i += 1
            continue
        numbered = _numbered(line)
        if numbered and len(line) <= 0.95 * widths[i] + 10:
            parts = [numbered[1]]
            while (
                i + 1 < n
                and lines[i + 1]
                and not cleaning.ends_with(lines[i], cleaning.SENTENCE_END)
                and len(lines[i + 1]) < 0.7 * widths[i + 1]
                and not cleaning.ends_with(lines[i + 1], cleaning.SENTENCE_END)
                and (lines[i + 1][:1].islower() or lines[i + 1][:1].isdigit())
                and not _numbered(lines[i + 1])
            ):
                i += 1
                parts.append(lines[i])
            text = cleaning.join_wrapped(parts)
            blocks.append(RawBlock(HEADING, text, level=numbered[0].count(".") + 1, number=numbered[0]))
            i += 1
            continue
        parts = [line]
        while not ends_block(i):
            i += 1
            parts.append(lines[i])
        text = cleaning.join_wrapped(parts)
        nxt = next_text(i)
        is_heading = (
            len(parts) <= 2
            and len(text) <= MAX_HEADING
            and text[:1].isupper()
            and not cleaning.ends_with(text, cleaning.CLAUSE_END)
            and (not nxt or starts_upper(nxt) or bool(LAYOUT_BULLET.match(nxt)))
        )
        blocks.append(RawBlock(HEADING if is_heading else PARAGRAPH, text))
        i += 1
    return blocks


def parse_layout_pages(
    pages: list[list[str]], area_names=(), keep_gaps: bool = False
) -> tuple[list[RawBlock], dict[str, str]]:
    """Layout text, page by page → blocks (artefacts removed) and the footnotes found. With `keep_gaps`
    blank lines (vertical space in a PDF) end blocks."""
    lines, widths, footnotes, page_starts = layout_lines(pages, keep_gaps)
    blocks = segment_layout(lines, widths, page_starts)
    texts = cleaning.strip_glued_markers([b.text for b in blocks], set(footnotes))
    for block, text in zip(blocks, texts, strict=True):
        block.text = cleaning.clean_inline(text)
    return assign_levels(blocks, area_names=area_names), footnotes


def parse_layout_text(text: str, area_names=()) -> tuple[list[RawBlock], dict[str, str]]:
    """Text extracted from a PDF by a converter (blank lines between lines, a space starting each page)."""
    lines = cleaning.drop_blank_interleaving(cleaning.split_lines(text))
    return parse_layout_pages(cleaning.split_pages(lines), area_names)


# --- flowed text ---------------------------------------------------------------------------------------------


def parse_flowed_text(text: str, area_names=()) -> tuple[list[RawBlock], dict[str, str], str]:
    """One paragraph per line (web export) → blocks, footnotes and the document title (if it has one)."""
    lines = [cleaning.normalize_spaces(line.replace("\t", "  \t")) for line in cleaning.split_lines(text)]
    raw_lines = [line.rstrip() for line in cleaning.split_lines(text)]
    footnotes: dict[str, str] = {}
    chapters: dict[str, str] = {}
    units: list[str] = []
    in_toc = False
    for raw, line in zip(raw_lines, lines, strict=True):
        if not line:
            continue
        if normalize_name(line) in TOC_TITLES:
            in_toc = True
            continue
        entry = cleaning.toc_entry(raw)
        if entry and (in_toc or "\t" in raw):
            number, title = entry
            chapters[normalize_name(cleaning.clean_inline(title))] = number
            continue
        in_toc = False
        note = cleaning.bracket_footnote(line)
        if note:
            footnotes[note[0]] = cleaning.clean_inline(note[1])
            continue
        if METADATA.match(line) and DATE.search(line):
            continue
        units.append(line)

    blocks: list[RawBlock] = []
    pending_number = ""
    for index, unit in enumerate(units):
        text = cleaning.clean_inline(unit)
        if not text:
            continue
        only_number = NUMBER_ONLY.match(text)
        if only_number:
            pending_number = only_number.group(1)
            continue
        previous = blocks[-1] if blocks else None
        nxt = units[index + 1] if index + 1 < len(units) else ""
        if previous and previous.kind != HEADING and (text[:1].islower() or text[:1] in ",;)"):
            previous.text += " " + text  # a paragraph the export broke in two
            continue
        bullet = BULLET.match(text)
        if bullet and not _numbered(text) and not pending_number:
            blocks.append(RawBlock(LIST_ITEM, text[bullet.end() :]))
            continue
        numbered = _numbered(text)
        heading = (
            len(text) <= MAX_HEADING
            and (text[:1].isupper() or text[:1].isdigit() or text[:1] in '«"')
            and not cleaning.ends_with(text, cleaning.CLAUSE_END)
            and not (previous and previous.kind != HEADING and cleaning.ends_with(previous.text, ","))
            and bool(nxt)
            and not nxt[:1].islower()
        )
        chapter = chapters.get(normalize_name(text))
        if pending_number:
            blocks.append(RawBlock(HEADING, text, level=pending_number.count(".") + 1, number=pending_number))
            pending_number = ""
        elif chapter is not None and len(text) <= MAX_HEADING:
            blocks.append(
                RawBlock(HEADING, text, level=chapter.count(".") + 1 if chapter else 1, number=chapter)
            )
        elif numbered and heading:
            number, title = numbered
            blocks.append(RawBlock(HEADING, title, level=number.count(".") + 1, number=number))
        elif heading:
            blocks.append(RawBlock(HEADING, text))
        else:
            blocks.append(RawBlock(PARAGRAPH, text))
    title = ""
    if chapters and blocks and blocks[0].kind == HEADING and not blocks[0].level:
        title = blocks.pop(0).text  # the document's title, above its table of contents
    return assign_levels(blocks, area_names=area_names, chapters=set(chapters)), footnotes, title


# --- heading levels ---------------------------------------------------------------------------------------


def title_key(text: str) -> str:
    """A heading's text for comparing titles: letters and digits only ("Helsesikkerhet og -beredskap" ==
    "Helsesikkerhet og beredskap")."""
    return re.sub(r"[\W_]+", "", normalize_name(text))


def assign_levels(blocks: list[RawBlock], area_names=(), chapters=()) -> list[RawBlock]:
    """Give every heading without a level one (see the module docstring); returns the same list."""
    known_chapters = KNOWN_CHAPTERS | set(chapters)
    areas = {title_key(a) for a in area_names}
    # Sections organised by the priority areas: two or more area headings under the same numbered heading.
    area_counts: dict[int, int] = {}
    section = -1
    for index, block in enumerate(blocks):
        if block.kind == HEADING and block.number:
            section = index
        elif block.kind == HEADING and title_key(block.text) in areas:
            area_counts[section] = area_counts.get(section, 0) + 1
    numbered_level = 0
    section = -1
    leaf_level = 0
    group_level = 0
    previous = None
    for index, block in enumerate(blocks):
        if block.kind != HEADING:
            previous = block
            continue
        key = normalize_name(block.text)
        if block.level:  # numbered, or given by the reader's markup
            numbered_level, section, leaf_level, group_level = block.level, index, 0, 0
        elif key in known_chapters or re.match(r"^vedlegg\b", key):
            block.level = 1
            numbered_level, section, leaf_level, group_level = 1, index, 0, 0
        elif title_key(block.text) in areas and area_counts.get(section, 0) >= 2:
            block.level = group_level = numbered_level + 1
            leaf_level = 0
        elif previous is not None and previous.kind == HEADING:
            block.level = previous.level + 1
            leaf_level = block.level
        elif group_level:
            block.level = leaf_level = group_level + 1
        elif leaf_level:
            block.level = leaf_level
        else:
            block.level = leaf_level = numbered_level + 1
        block.level = max(1, min(block.level, 6))
        previous = block
    return blocks
