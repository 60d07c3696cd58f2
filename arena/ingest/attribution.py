"""Attribution: which of the directorate's units each paragraph and sentence speaks for.

Three sources, strongest first:
1. an inline mention of a unit in the sentence ("KF-divisjonen deltar …", "Divisjon helseøkonomi og
   kompetanse (HK)", "DH- og AS-divisjonene", "Helsedirektøren");
2. a reference to the unit being talked about ("Divisjonen", "Avdelingen", "De er …", "Vi") → the unit last
   named in the same section, else the section's unit;
3. the section a sentence sits in, when a heading names a unit ("3.4 Divisjon for helseøkonomi og
   kompetanse"): there "Helsedirektoratet" and "direktoratet" mean that unit, as a division's own chapter
   speaks of its work in the directorate's name. Elsewhere they mean the directorate itself.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from arena.ingest.document import HEADING, Document
from arena.ingest.linking import UNIT, Entry, Mention

DIRECTORATE_KIND = "directorate"
# Words standing for "the unit we are talking about".
UNIT_REFERENCE = re.compile(
    r"\b(?:[Dd]ivisjonen|[Aa]vdelingen|[Tt]eamet|[Ee]rnæringsmiljøet|[Ff]agmiljøet|[Ff]agavdelingen)\b"
)
SELF_REFERENCE = re.compile(r"(?:^|\s)[Vv]i\b")
THEY_REFERENCE = re.compile(
    r"^\W*De\s+(?:er|har|deltar|deltok|stiller|vurderer|leder|bidrar|var)\b"
    r"|\b(?:deltar|deltok|er|stiller|leder|bidrar|har)\s+de\s+(?:i|på|også|med|til|som|nasjonal|ansvarlig)\b"
)
# The directorate's head speaks for the directorate.
DIRECTOR = re.compile(r"\bHelsedirektøren\b")
_ABBREVIATIONS = r"(?:bl\.a|f\.eks|nr|St|Meld|Prop|pga|ca|mv|osv|dvs|jf|kap|evt|inkl|ev|mht|vs|dr|prof)"


_SENTENCE_END = re.compile(r"[.!?][»\"”)]?\s+(?=[A-ZÆØÅ«\"(\d])")
_ABBREVIATION = re.compile(rf"{_ABBREVIATIONS}\.")
_INITIAL = re.compile(r"[A-ZÆØÅ]\.")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in a block of text."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        # the word before the full stop, from a few characters only (an abbreviation is short): looking
        # at all of the sentence so far made long texts quadratic
        words = text[max(start, match.start() + 1 - 40) : match.start() + 1].split()
        last_word = words[-1] if words else ""
        if _ABBREVIATION.fullmatch(last_word) or _INITIAL.fullmatch(last_word):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@dataclass
class Sentence:
    block: int  # index of the block in the document
    start: int  # span in the document text
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    units: list[Entry] = field(default_factory=list)  # whose statement this is, if a unit's
    how: str = ""  # "mention", "reference", "section", "directorate", "" (no unit subject)


@dataclass
class BlockAttribution:
    block: int
    section_unit: Entry | None
    units: list[Entry]  # the units this block speaks for (for activities)
    sentences: list[Sentence]


def _unit_mentions(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.entry is not None and m.entry.kind == UNIT]


def _dedupe(entries: list[Entry]) -> list[Entry]:
    seen, out = set(), []
    for entry in entries:
        if entry.pk not in seen:
            seen.add(entry.pk)
            out.append(entry)
    return out


def attribute(
    document: Document, mentions: list[Mention], directorate: Entry | None
) -> list[BlockAttribution]:
    """Attribute every paragraph and list item (and each of its sentences) to units."""
    by_block: dict[int, list[Mention]] = {}
    starts = [b.start for b in document.blocks]
    for mention in mentions:
        index = _block_of(starts, mention.start)
        by_block.setdefault(index, []).append(mention)
    heading_units: dict[int, list[Entry]] = {}
    result: list[BlockAttribution] = []
    context: list[Entry] = []
    for index, (block, path) in enumerate(zip(document.blocks, document.section_paths(), strict=True)):
        block_mentions = by_block.get(index, [])
        if block.kind == HEADING:
            named = [
                m.entry for m in _unit_mentions(block_mentions) if m.entry.register_kind != DIRECTORATE_KIND
            ]
            heading_units[id(block)] = _dedupe(named)
            context = []
            continue
        section_unit = None
        for heading in reversed(path):
            if heading_units.get(id(heading)):
                section_unit = heading_units[id(heading)][0]
                break
        sentences = []
        mention_starts = [m.start for m in block_mentions]  # in order (link_text sorts them)
        for s, e in sentence_spans(block.text):
            start, end = block.start + s, block.start + e
            sentence = Sentence(index, start, end, block.text[s:e].strip())
            sentence.mentions = block_mentions[
                bisect_left(mention_starts, start) : bisect_left(mention_starts, end)
            ]
            named = _unit_mentions(sentence.mentions)
            explicit = [m.entry for m in named if m.entry.register_kind != DIRECTORATE_KIND]
            if DIRECTOR.search(sentence.text) and directorate is not None:
                explicit.insert(0, directorate)
            said_directorate = any(m.entry.register_kind == DIRECTORATE_KIND for m in named)
            if explicit:
                sentence.units, sentence.how = _dedupe(explicit), "mention"
                context = [u for u in sentence.units if u.register_kind != DIRECTORATE_KIND] or context
            elif UNIT_REFERENCE.search(sentence.text) or THEY_REFERENCE.search(sentence.text):
                units = context or ([section_unit] if section_unit else [])
                sentence.units, sentence.how = units, "reference" if units else ""
            elif said_directorate or SELF_REFERENCE.search(sentence.text):
                if section_unit is not None:
                    sentence.units, sentence.how = [section_unit], "section"
                elif directorate is not None:
                    sentence.units, sentence.how = [directorate], "directorate"
            sentences.append(sentence)
        units = _dedupe([u for s in sentences for u in s.units])
        specific = [u for u in units if u.register_kind != DIRECTORATE_KIND]
        if not units:
            units = context or ([section_unit] if section_unit else [])
        result.append(BlockAttribution(index, section_unit, specific or units, sentences))
    return result


def _block_of(starts: list[int], position: int) -> int:
    from bisect import bisect_right

    return max(0, bisect_right(starts, position) - 1)


def division_sections(attributions: list[BlockAttribution]) -> dict[tuple, list[Entry]]:
    """For every entity named in a division's (or department's, team's) own section: those units, in the
    order the document names them. A directorate-level statement about an entity that one division's section
    also speaks of is that division's work ("Svalbardgruppen" in the overview belongs to AS's chapter)."""
    found: dict[tuple, list[Entry]] = {}
    for attribution in attributions:
        unit = attribution.section_unit
        if unit is None or unit.register_kind == DIRECTORATE_KIND:
            continue
        for sentence in attribution.sentences:
            for mention in sentence.mentions:
                if mention.kind == UNIT:
                    continue
                units = found.setdefault(mention.identity, [])
                if all(u.pk != unit.pk for u in units):
                    units.append(unit)
    return found


def preferred_unit(unit: Entry, identity: tuple, sections: dict[tuple, list[Entry]]) -> Entry:
    """The division a directorate-level statement about the entity belongs to, when exactly one division's
    section names that entity; otherwise the unit as attributed."""
    if unit.register_kind != DIRECTORATE_KIND:
        return unit
    units = sections.get(identity, [])
    return units[0] if len(units) == 1 else unit
