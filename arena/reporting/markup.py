"""Editorial texts with Markdown-style formatting, parsed once into the report's document model.

What a text may use (markdown-it-py's "zero" preset with a few rules switched on, and mdit-py-plugins'
footnotes): paragraphs (blank lines), *emphasis* and **bold**, bullet and numbered lists (nested lists are
flattened to one level), links `[text](https://…)` and `<https://…>` (http, https and mailto only), and
footnotes `text[^1]` … `[^1]: the note` (or inline `^[the note]`). Raw HTML is never passed through: it stays
text and every renderer escapes it. Headings, code, images and tables are not rules, so `#` stays a character.

`validate(text)` refuses what would not come out as written (too long, an unsafe link, too many footnotes) with
a bokmål message; `blocks(text)` gives the RichParagraph/RichList blocks every renderer lays out the same way
(a link with another scheme, should one be stored anyway, becomes plain text).
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from arena.reporting.document import Footnote, RichList, RichParagraph, Span, number_footnotes

MAX_LENGTH = 10_000  # characters per text
MAX_FOOTNOTES = 30
SAFE_SCHEMES = ("http", "https", "mailto")
RULES = ["emphasis", "list", "link", "autolink", "newline", "escape", "entity"]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "maxNesting": 20}).enable(RULES).use(footnote_plugin)
    # Every link is kept as a link token, so the scheme is judged (and refused with a message) here, not
    # silently dropped by markdown-it's own check.
    md.validateLink = lambda url: True
    return md


def _tokens(text: str):
    return _parser().parse(text.replace("\r\n", "\n"))


def is_safe_url(url: str) -> bool:
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES


def validate(text: str) -> None:
    """Raise ValidationError (bokmål) for a text the report would not print as written."""
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("Teksten er for lang: %(n)d tegn. Den kan ha høyst %(max)d tegn.")
            % {"n": len(text), "max": MAX_LENGTH}
        )
    errors = []
    footnotes = 0
    for token in _tokens(text):
        if token.type == "footnote_open":
            footnotes += 1
        for child in token.children or ():
            if child.type == "link_open":
                href = child.attrGet("href") or ""
                if not is_safe_url(href):
                    errors.append(
                        _(
                            "Lenken «%(url)s» er ikke tillatt. Bruk en adresse som begynner med https://, "
                            "http:// eller mailto:."
                        )
                        % {"url": href[:80]}
                    )
    if footnotes > MAX_FOOTNOTES:
        errors.append(_("Teksten har for mange fotnoter (høyst %(max)d).") % {"max": MAX_FOOTNOTES})
    if errors:
        raise ValidationError(errors)


def _inline(children, footnotes: dict[int, list[Span]] | None) -> list[Span]:
    """Spans from an inline token's children; `footnotes` maps a footnote's id to its spans."""
    spans: list[Span] = []
    bold = italic = 0
    links: list[str] = []
    for child in children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            if child.content:
                url = links[-1] if links else ""
                spans.append(Span(child.content, bold=bool(bold), italic=bool(italic), url=url))
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span(" ", bold=bool(bold), italic=bool(italic)))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold = max(0, bold - 1)
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic = max(0, italic - 1)
        elif kind == "link_open":
            href = (child.attrGet("href") or "").strip()
            links.append(href if is_safe_url(href) else "")
        elif kind == "link_close":
            if links:
                links.pop()
        elif kind == "footnote_ref" and footnotes is not None:
            note = footnotes.get(child.meta["id"])
            if note:
                spans.append(
                    Span(footnote=Footnote(spans=[Span(s.text, s.bold, s.italic, s.url) for s in note]))
                )
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    """Neighbouring spans with the same formatting as one (fewer runs in every format)."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (
            last is not None
            and span.footnote is None
            and last.footnote is None
            and (last.bold, last.italic, last.url) == (span.bold, span.italic, span.url)
        ):
            last.text += span.text
        else:
            merged.append(span)
    return merged


def blocks(text: str) -> list[RichParagraph | RichList]:
    """The text as document-model blocks (footnotes attached to their calls, not yet numbered)."""
    if not text or not text.strip():
        return []
    tokens = _tokens(text)
    # First the footnotes' texts (the plugin puts them at the end), then the body with each call bound to its note.
    footnotes: dict[int, list[Span]] = {}
    current = None
    for token in tokens:
        if token.type == "footnote_open":
            current = token.meta["id"]
            footnotes[current] = []
        elif token.type == "footnote_close":
            current = None
        elif current is not None and token.type == "inline":
            if footnotes[current]:
                footnotes[current].append(Span(" "))
            footnotes[current] += _inline(token.children, None)
    result: list[RichParagraph | RichList] = []
    lists: list[RichList] = []  # open lists; nested ones are flattened into the outermost
    in_item = False
    in_footnotes = False
    for token in tokens:
        kind = token.type
        if kind == "footnote_block_open":
            in_footnotes = True
        elif kind == "footnote_block_close":
            in_footnotes = False
        elif in_footnotes:
            continue
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if not lists:
                lists.append(RichList(items=[], ordered=kind == "ordered_list_open"))
                result.append(lists[0])
            else:
                lists.append(lists[0])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            lists[0].items.append([])
            in_item = True
        elif kind == "list_item_close":
            in_item = False
        elif kind == "inline":
            spans = _inline(token.children, footnotes)
            if not spans:
                continue
            if lists:
                item = lists[0].items[-1] if lists[0].items and in_item else None
                if item is None:
                    lists[0].items.append(spans)
                elif item:  # a second paragraph in the same item, or text after a nested list
                    item.append(Span(" "))
                    item.extend(spans)
                else:
                    item.extend(spans)
            else:
                result.append(RichParagraph(spans))
    for block in result:
        if isinstance(block, RichList):
            block.items = [item for item in block.items if item]
    return [b for b in result if not isinstance(b, RichList) or b.items]


def preview_blocks(text: str) -> list[RichParagraph | RichList]:
    """The text's blocks with its footnotes numbered from 1, as a preview shows them on their own."""
    result = blocks(text)
    number_footnotes(result)
    return result
