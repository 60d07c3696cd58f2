"""The formatted text of briefing notes: a small, safe subset of HTML (paragraphs, line breaks, bold, italic,
bullet and numbered lists), sanitised with nh3 on every save, and read back as blocks for the DOCX.

Plain text is accepted too: blank lines separate paragraphs, lines starting with "- " or "* " become a bullet
list, "1. " a numbered list, and **bold** / *italic* are kept as such.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3

TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li"}
_TAG = re.compile(r"<\s*/?\s*(p|br|strong|b|em|i|ul|ol|li|div|span)\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-*•]\s+")
_NUMBER = re.compile(r"^\s*\d+[.)]\s+")


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<em>\1</em>", text)


def from_plain_text(text: str) -> str:
    """Plain text (as typed or pasted) → the HTML subset."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            out.append(
                "<ul>" + "".join(f"<li>{_inline(_BULLET.sub('', line))}</li>" for line in lines) + "</ul>"
            )
        elif all(_NUMBER.match(line) for line in lines):
            out.append(
                "<ol>" + "".join(f"<li>{_inline(_NUMBER.sub('', line))}</li>" for line in lines) + "</ol>"
            )
        else:
            out.append("<p>" + "<br>".join(_inline(line.strip()) for line in lines) + "</p>")
    return "".join(out)


def sanitize(value: str) -> str:
    """Anything a user sends → the allowed HTML subset (scripts, attributes, styles and other tags removed)."""
    value = (value or "").strip()
    if not value:
        return ""
    if not _TAG.search(value):
        value = from_plain_text(value)
    cleaned = nh3.clean(value, tags=TAGS, attributes={}, link_rel=None, strip_comments=True)
    return cleaned.strip()


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    kind: str  # "p", "bullet" or "number"
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.lists: list[str] = []
        self.bold = self.italic = 0
        self.current: Block | None = None

    def _block(self) -> Block:
        if self.current is None:
            kind = {"ul": "bullet", "ol": "number"}.get(self.lists[-1], "p") if self.lists else "p"
            self.current = Block(kind)
            self.blocks.append(self.current)
        return self.current

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li"):
            self.current = None
            if tag == "li":
                self._block()
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
            self.current = None
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "br":
            self._block().runs.append(Run("\n"))

    def handle_endtag(self, tag):
        if tag in ("p", "li"):
            self.current = None
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.current = None
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)

    def handle_data(self, data):
        if not data.strip() and self.current is None:
            return
        self._block().runs.append(Run(data, bold=self.bold > 0, italic=self.italic > 0))


def blocks(value: str) -> list[Block]:
    """The sanitised text as paragraphs and list items with bold/italic runs."""
    reader = _Reader()
    reader.feed(sanitize(value))
    reader.close()
    return [b for b in reader.blocks if b.text.strip()]


def plain_text(value: str) -> str:
    return "\n".join(b.text for b in blocks(value))


def to_markup(value: str) -> str:
    """The stored HTML as the plain-text markup the note form edits (the inverse of `from_plain_text`)."""
    out: list[str] = []
    previous = None
    number = 0
    for block in blocks(value):
        text = "".join(
            "\n"
            if run.text == "\n"
            else (f"**{run.text}**" if run.bold else f"*{run.text}*" if run.italic else run.text)
            for run in block.runs
        ).strip()
        if block.kind == "bullet":
            line = f"- {text}"
        elif block.kind == "number":
            number = number + 1 if previous == "number" else 1
            line = f"{number}. {text}"
        else:
            line = text
        if out and not (block.kind == previous and block.kind in ("bullet", "number")):
            out.append("")
        out.append(line)
        previous = block.kind
    return "\n".join(out)
