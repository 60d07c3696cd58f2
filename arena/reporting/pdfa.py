"""Arena's own PDF/A-2a check of a generated report (with pikepdf). It is not a full validator such as
veraPDF; it checks the rules a report could plausibly break, and says which:

1. PDF version at most 1.7, not encrypted, a file identifier (/ID) in the trailer.
2. XMP metadata stream that declares pdfaid:part=2 and pdfaid:conformance=A, and whose dc:title agrees with the
   document information /Title.
3. An output intent /GTS_PDFA1 with an embedded ICC profile (DestOutputProfile) for 3 colour components.
4. Every font used on any page (also inside form XObjects and Type0 descendant fonts) has an embedded font
   program (FontFile, FontFile2 or FontFile3); Type3 fonts are defined in the file itself.
5. Level A: the document is tagged (/MarkInfo /Marked true, a /StructTreeRoot) and states its language (/Lang);
   every /Figure structure element has alternative text (/Alt).
6. No JavaScript, no additional actions (/AA) on the catalog, no embedded files.
7. Every annotation is printable (flag bit 3) and not hidden (bit 2), invisible (bit 1) or no-view (bit 6).
"""

import io

import pikepdf

PDFAID = "http://www.aiim.org/pdfa/ns/id/"


def _fonts_in(resources, seen: set, problems: list[str], where: str) -> None:
    if resources is None:
        return
    fonts = resources.get("/Font")
    if fonts is not None:
        for name, font in fonts.items():
            _check_font(font, problems, f"{where} {name}")
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for name, xobject in xobjects.items():
            key = xobject.objgen
            if key in seen or xobject.get("/Subtype") != "/Form":
                continue
            seen.add(key)
            _fonts_in(xobject.get("/Resources"), seen, problems, f"{where} {name}")


def _check_font(font, problems: list[str], where: str) -> None:
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return
    if subtype == "/Type0":
        for descendant in font.get("/DescendantFonts", []):
            _check_font(descendant, problems, where)
        return
    descriptor = font.get("/FontDescriptor")
    if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        problems.append(f"font not embedded: {font.get('/BaseFont')} ({where})")


def _struct_figures_without_alt(root, problems: list[str]) -> None:
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        if node.get("/S") == "/Figure" and not str(node.get("/Alt", "")).strip():
            problems.append("figure without alternative text in the structure tree")
        kids = node.get("/K")
        if kids is not None:
            stack.append(kids)


def check_pdfa(data: bytes) -> list[str]:
    """The problems found (empty: the file passes every check listed in this module's docstring)."""
    problems: list[str] = []
    if not data.startswith(b"%PDF-"):
        return ["not a PDF file"]
    version = data[5:8].decode("ascii", "replace")
    if version not in {"1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"}:
        problems.append(f"PDF version {version} is above 1.7")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdf.is_encrypted:
            problems.append("the file is encrypted")
        if "/ID" not in pdf.trailer:
            problems.append("no file identifier (/ID) in the trailer")
        root = pdf.Root

        # 2. XMP metadata
        if "/Metadata" not in root:
            problems.append("no XMP metadata stream")
        else:
            meta = pdf.open_metadata()
            part = meta.get(f"{{{PDFAID}}}part")
            conformance = meta.get(f"{{{PDFAID}}}conformance")
            if part != "2" or (conformance or "").upper() != "A":
                problems.append(f"XMP declares PDF/A part {part!r}, conformance {conformance!r}, not 2/A")
            info_title = str(pdf.docinfo.get("/Title", "")) if pdf.trailer.get("/Info") is not None else ""
            xmp_title = meta.get("dc:title") or ""
            if info_title and info_title != str(xmp_title):
                problems.append("dc:title in XMP differs from /Title in the document information")

        # 3. Output intent
        intents = [i for i in root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
        if not intents:
            problems.append("no /GTS_PDFA1 output intent")
        for intent in intents:
            profile = intent.get("/DestOutputProfile")
            if profile is None or int(profile.get("/N", 0)) != 3:
                problems.append("output intent without an embedded RGB ICC profile")

        # 4. Fonts
        seen: set = set()
        for number, page in enumerate(pdf.pages, start=1):
            _fonts_in(page.obj.get("/Resources"), seen, problems, f"page {number}")

        # 5. Tagging and language
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            problems.append("not marked as tagged (/MarkInfo /Marked true)")
        if "/StructTreeRoot" not in root:
            problems.append("no structure tree (/StructTreeRoot)")
        else:
            _struct_figures_without_alt(root.StructTreeRoot, problems)
        if not str(root.get("/Lang", "")).strip():
            problems.append("no document language (/Lang)")

        # 6. Forbidden content
        names = root.get("/Names")
        if names is not None and "/JavaScript" in names:
            problems.append("contains JavaScript")
        if names is not None and "/EmbeddedFiles" in names:
            problems.append("contains embedded files")
        if "/AA" in root:
            problems.append("catalog has additional actions (/AA)")
        open_action = root.get("/OpenAction")
        if isinstance(open_action, pikepdf.Dictionary) and open_action.get("/S") == "/JavaScript":
            problems.append("opens with JavaScript")

        # 7. Annotations
        for number, page in enumerate(pdf.pages, start=1):
            for annot in page.obj.get("/Annots", []):
                flags = int(annot.get("/F", 0))
                if not flags & 4 or flags & (1 | 2 | 32):
                    problems.append(
                        f"annotation on page {number} is not printable or is hidden (flags {flags})"
                    )
                    break
    return sorted(set(problems))


def outline_titles(data: bytes) -> list[tuple[int, str]]:
    """The PDF's bookmarks as (depth, title), depth 1 for the top level."""
    result: list[tuple[int, str]] = []
    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as outline:

        def walk(items, depth):
            for item in items:
                result.append((depth, item.title))
                walk(item.children, depth + 1)

        walk(outline.root, 1)
    return result
