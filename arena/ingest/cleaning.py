"""Removing extraction artefacts: pure functions from text (or lines) to text (or lines).

What a PDF-to-text conversion leaves behind, and what a web export adds:
- page-break residue: a blank line after every text line, a leading space on the first line of every page,
  space-only separator lines;
- footnotes: the markers glued to words ("legemidler1"), the footnote block at the foot of the page, and the
  list of the page's link targets repeated after it;
- hyphenation at line ends ("WHO-" + "sammenheng");
- web exports: "[1]" markers, "[1] …" footnote lines, markdown links "[PHIRI](#)", escaped brackets, the
  table of contents.
"""

import re
import unicodedata

from arena.register.text import xml_safe

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_URL_INSIDE = re.compile(r"https?://\S+", re.IGNORECASE)
_FOOTNOTE_LINE = re.compile(r"^(\d{1,3})\s+\S")
_BRACKET_MARKER = re.compile(r"\s?\[(\d{1,3})\](?!\()")
_BRACKET_FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s*(.*)$")
# no "[" inside the link text: from every "[" of "[[[[…" the text would otherwise run to the end of the line
_MD_LINK = re.compile(r"!?\[((?:\\.|[^\]\[\\])*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_TOC_LINE = re.compile(r"^(?:(\d{1,2}(?:\.\d{1,2})*)\.?\s+)?(\S.*?)(?:\t+|\s*\.{3,}\s*|\s{3,})(\d{1,3})$")
_JOINING_WORDS = {"og", "eller", "samt", "and", "or", "til", "&"}

SENTENCE_END = ".!?:;"
CLAUSE_END = SENTENCE_END + ","


def normalize_spaces(text: str) -> str:
    """Unicode NFC, soft hyphens, zero-width characters and characters XML cannot hold (U+0001 …) removed,
    every run of spaces/tabs one space."""
    text = unicodedata.normalize("NFC", xml_safe(text))
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def split_lines(text: str) -> list[str]:
    """Lines of a text, whatever its line endings (trailing spaces kept: they are layout cues)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")


def blank_interleaved(lines: list[str]) -> bool:
    """True if (nearly) every text line is followed by an empty line — how some PDF converters write lines."""
    text_lines = [i for i, line in enumerate(lines) if line.strip()]
    if len(text_lines) < 4:
        return False
    followed = sum(1 for i in text_lines if i + 1 < len(lines) and lines[i + 1] == "")
    return followed / len(text_lines) > 0.6


def drop_blank_interleaving(lines: list[str]) -> list[str]:
    """Remove the empty line after every text line; space-only lines (page separators) are kept."""
    return [line for line in lines if line != ""] if blank_interleaved(lines) else lines


def is_page_start(line: str) -> bool:
    """A page's first line, as the converter marked it: exactly one leading space before the text."""
    return len(line) > 1 and line[0] == " " and line[1] != " "


def split_pages(lines: list[str]) -> list[list[str]]:
    """Split at page-start lines and remove their leading space (the page-break residue)."""
    pages: list[list[str]] = [[]]
    for line in lines:
        if is_page_start(line):
            pages.append([line[1:]])
        else:
            pages[-1].append(line)
    return [page for page in pages if any(line.strip() for line in page)]


def is_url_line(line: str) -> bool:
    """A line that is nothing but a link target (the repeated URL lists)."""
    return bool(_URL.match(line.strip()))


def _footnote_zone(lines: list[str]) -> bool:
    """True if these lines (the foot of a page) are footnotes and link targets only."""
    body = [line.strip() for line in lines if line.strip()]
    return bool(body) and (bool(_FOOTNOTE_LINE.match(body[0])) or is_url_line(body[0]))


def _footnotes_from(lines: list[str]) -> dict[str, str]:
    """Footnotes "1 HOD PROP 1: https://…" (wrapped over lines) → {"1": "HOD PROP 1: https://…"}; the
    repeated link list after them is skipped."""
    notes: dict[str, str] = {}
    current = None
    for line in (line.strip() for line in lines):
        match = _FOOTNOTE_LINE.match(line)
        if not line:
            continue
        if match and not is_url_line(line):
            current = match.group(1)
            notes[current] = line[len(current) :].strip()
        elif current and is_url_line(line) and "http" not in notes[current]:
            notes[current] = f"{notes[current]} {line}".strip()
        elif is_url_line(line):
            current = None  # the repeated link list
        elif current:
            last = notes[current].rsplit(" ", 1)[-1]
            glued = last.startswith("http") and not last.endswith(".")
            notes[current] += line if glued else " " + line
    return notes


def strip_page_foot(page: list[str], glued_numbers: set[str] | None = None) -> tuple[list[str], dict]:
    """Remove a page's footnote block and repeated link list; return the page body and the footnotes.

    With a separator line (only spaces) the foot is everything after the first separator that is followed by
    footnotes or links only. Without one (text straight from a PDF), a trailing run of lines is a foot when it
    starts with a footnote number the page body uses as a glued marker (`glued_numbers`).
    """
    for i, line in enumerate(page):
        if line and not line.strip() and _footnote_zone(page[i + 1 :]):
            return page[:i], _footnotes_from(page[i + 1 :])
    if glued_numbers:
        for i in range(max(0, len(page) - 12), len(page)):
            match = _FOOTNOTE_LINE.match(page[i].strip())
            if match and match.group(1) in glued_numbers and i > 0:
                return page[:i], _footnotes_from(page[i:])
    end = len(page)
    while end > 0 and (is_url_line(page[end - 1]) or not page[end - 1].strip()):
        end -= 1
    return page[:end], {}


def ends_with(text: str, chars: str) -> bool:
    """True if the text's last visible character (before closing quotes) is one of `chars`."""
    stripped = text.rstrip().rstrip("»”\"'’")
    return bool(stripped) and stripped[-1] in chars


def join_wrapped(lines: list[str]) -> str:
    """Join a block's wrapped lines into one line, repairing hyphenation at line ends.

    The reports hyphenate only at real hyphens ("WHO-" + "sammenheng" → "WHO-sammenheng", "ikke-" +
    "smittsomme" → "ikke-smittsomme"), so the hyphen is kept and the halves are joined without a space; a
    suspended compound stays open ("Helse-" + "og omsorgsdepartementet" → "Helse- og omsorgsdepartementet").
    """
    out = ""
    for raw in lines:
        line = normalize_spaces(raw)
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum():
            first_word = line.split(" ", 1)[0].lower()
            out += (" " if first_word in _JOINING_WORDS else "") + line
        elif out.endswith(" -"):  # "legemiddelmangel og -" + "priser"
            out += line
        else:
            out += " " + line
    return out


def strip_glued_markers(texts: list[str], numbers: set[str]) -> list[str]:
    """Remove footnote markers glued to the preceding word ("legemidler1." → "legemidler.").

    Markers appear in the order of their footnotes, so each number is looked for after the previous one, and
    only where a footnote with that number was found: glued right after a letter, a closing bracket or a year
    ("2018-20217" → "2018-2021"), and followed by a space, punctuation or the end of the block.
    """
    if not numbers:
        return texts
    sentinel = "\u0000"
    joined = sentinel.join(texts)
    position = 0
    for number in sorted(numbers, key=int):
        pattern = re.compile(
            rf"(?:(?<=[^\W\d_])|(?<=[)\]»])|(?<=\b(?:19|20)\d\d))({number})(?=[\s.,;:!?)\u0000]|$)"
        )
        match = pattern.search(joined, position)
        if match:
            joined = joined[: match.start(1)] + joined[match.end(1) :]
            position = match.start(1)
    return joined.split(sentinel)


def strip_bracket_markers(text: str) -> str:
    """Remove web-style footnote markers: "alle.[1] I tillegg" → "alle. I tillegg"."""
    return _BRACKET_MARKER.sub("", text)


def bracket_footnote(line: str) -> tuple[str, str] | None:
    """A web-style footnote line "[1] HODs tildelingsbrev …" → ("1", "HODs tildelingsbrev …")."""
    match = _BRACKET_FOOTNOTE.match(line.strip())
    return (match.group(1), match.group(2)) if match else None


def unwrap_links(text: str) -> str:
    """Markdown links and autolinks to their visible text: "[PHIRI](#)" → "PHIRI", "\\(" → "("."""
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(r"\1", text)
    return _MD_ESCAPE.sub(r"\1", text)


def strip_inline_urls(text: str) -> str:
    """Remove bare URLs left in running text."""
    return normalize_spaces(_URL_INSIDE.sub("", text))


def toc_entry(line: str) -> tuple[str, str] | None:
    """A table-of-contents line "4. Prioriterte … arbeidsflater<TAB>6" → ("4", "Prioriterte … arbeidsflater")."""
    if len(line) > 300:  # an entry is short; a long line of spaces and dots would make the pattern quadratic
        return None
    match = _TOC_LINE.match(line.strip("\n"))
    if not match or len(match.group(2)) > 150:
        return None
    return match.group(1) or "", normalize_spaces(match.group(2))


def clean_inline(text: str) -> str:
    """Everything inline a block's text needs, whatever the source: links unwrapped, markers, bare URLs and
    invisible characters removed, spaces normalised."""
    return strip_inline_urls(strip_bracket_markers(unwrap_links(text)))
