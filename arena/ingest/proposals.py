"""Proposals: what a document would add to the register, as plain dataclasses and JSON.

`propose(document)` runs linking, attribution and relation finding over a `Document` and returns
`Proposals`: the units it speaks for, the entities it names (known to the register or new, with a suggested
kind and parent), the unit→entity links (engagements, with role and the sentence as evidence) and one activity
per paragraph that reports a unit's work. Every link and activity carries its provenance: the document, the
section and the character span in the document's cleaned text. `known` tells what the register already has;
the stored review proposals leave those out (see review.py). The JSON shape is documented in docs/import.md.
"""

import datetime
import re
from dataclasses import asdict, dataclass, field

from arena.ingest.attribution import (
    DIRECTORATE_KIND,
    BlockAttribution,
    attribute,
    division_sections,
    preferred_unit,
)
from arena.ingest.discovery import with_discoveries
from arena.ingest.document import LIST_ITEM, Document, section_label
from arena.ingest.linking import (
    ARENA,
    COUNTRY,
    NATIONAL_PARTNER,
    ORGANISATION,
    PROGRAMME,
    UNIT,
    Entry,
    Gazetteer,
    Mention,
    link_text,
)
from arena.ingest.publisher import as_publisher, find_publisher, hand_to_publisher, is_publisher
from arena.ingest.relations import Link, cues, find_links, register_role, targets
from arena.ingest.structure import title_key

FORMAT_VERSION = 1
# Sections that look back or ahead rather than report the year's work: no activities from them.
NOT_ACTIVITIES = re.compile(
    r"fremover|neste årene|i årene som kommer|^(?:forord|sammendrag|etterord|vedlegg|innledning|innhold)\b|"
    r"om årsmeldingen",
    re.I,
)
NOT_ACTIVITY_CHAPTER = re.compile(
    r"^(?:forord|sammendrag|etterord|vedlegg|innledning|innhold|om årsmeldingen)\b|^hva\b.*fremover", re.I
)
ACTIVITY_KIND = {
    "lead": "leadership",
    "partner": "project",
    "contact_point": "participation",
    "member": "participation",
    "observer": "participation",
    "participant": "participation",
}
# Priority areas of the ministry's strategy by words in the text, when the section does not say.
AREA_WORDS = {
    "hod:universell-helsedekning": (
        "universell helsedekning",
        "primærhelse",
        "helsepersonell",
        "legemiddel",
        "legemidl",
        "yrkeskvalifikasjon",
        "spesialistgodkjenning",
        "pasientrettighet",
        "høyspesialiserte",
    ),
    "hod:helsesikkerhet": (
        "beredskap",
        "smittevern",
        "antimikrobiell",
        "antibiotikaresistens",
        "pandemi",
        "covid",
        "terror",
        "akuttmedisin",
        "helsereglement",
        "evakuering",
    ),
    "hod:ikke-smittsomme-sykdommer": (
        "ikke-smittsomme",
        "ncd",
        "kreft",
        "tobakk",
        "alkohol",
        "ernæring",
        "kosthold",
        "saltinntak",
        "fysisk aktivitet",
        "psykisk",
        "narkotika",
        "vold",
    ),
    "hod:digital-helse": (
        "digital",
        "helseregist",
        "helsedata",
        "helseinformasjon",
        "statistikk",
        "e-helse",
        "velferdsteknologi",
        "indikator",
    ),
    "hod:gronn-helse": (r"\bklima", r"\bmiljø", "grønn helse"),  # not "fagmiljø", "kompetansemiljøer"
    "hod:forskning-og-innovasjon": ("forskning", "innovasjon", "genom", "bioteknologi", "biomedisin"),
}
SDG_REFERENCE = re.compile(r"\b(?:bærekraftsmål|helsemål)\s+(\d{1,2})\b", re.I)


@dataclass
class UnitProposal:
    abbreviation: str
    name: str
    aliases: list[str]  # how the document names it
    pk: int | None = None


@dataclass
class EntityProposal:
    ref: str  # "e1", "e2" … within the proposals
    name: str
    abbreviation: str
    aliases: list[str]
    kind: str  # organisation | arena | programme | national_partner | country
    known: bool
    mentions: list[str]  # surface forms as written in the text
    register_kind: str = ""
    model: str = ""  # organisation | arena | country (known entries)
    pk: int | None = None
    key: str | None = None
    parent: str = ""  # suggested parent (new entries): an organisation's or arena's name
    parent_model: str = ""
    parent_pk: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    score: float = 1.0  # new names: how likely a real name (0–1), the review lists the likely ones first
    pattern: str = ""  # new names: the pattern that found it (acronym, designator, compound, capitalised …)


@dataclass
class LinkProposal:
    ref: str
    unit: str  # abbreviation or name
    entity: str  # an entity's name
    role: str  # participant | lead | contact_point | member | partner | observer | other
    evidence: str  # the sentence
    register_role: str  # Engagement.Role value the link becomes
    unit_pk: int | None
    entity_ref: str
    section: str
    span: tuple[int, int]
    engagement: bool  # the entity is an arena or programme, so the link can become an engagement
    known: bool = False  # the register has this engagement
    holder: str = "unit"  # whose engagement: a unit's, or the document's publisher's (see publisher.py)
    holder_pk: int | None = None  # the publisher's organisation, when holder is "publisher"
    # the same unit, entity and role stated again elsewhere: [{"text", "section", "span"}]
    more_evidence: list[dict] = field(default_factory=list)
    directorate: bool = False  # a statement for the directorate as a whole
    moved_from: str = (
        ""  # the directorate, when the statement was given to the division whose section names it
    )
    existing: dict | None = None  # the stored engagement it matches (see mark_known)
    ends_on: str = ""  # ISO date: the statement says the stored, open engagement ended (in the year)


@dataclass
class ActivityProposal:
    ref: str
    unit: str  # the first unit's abbreviation or name
    units: list[str]
    unit_pks: list[int]
    title: str
    kind: str
    year: int | None
    entities: list[str]  # names of the arenas, programmes, partners and countries it names
    entity_refs: list[str]
    arenas: list[str]  # entity refs of arenas and programmes
    partners: list[str]  # entity refs of organisations and national partners
    countries: list[str]  # entity refs of countries
    priority_areas: list[str]  # area names
    area_tags: list[str]  # "hod:digital-helse", "sdg:3"
    section: str
    span: tuple[int, int]
    text: str
    known: bool = False
    existing_id: int | None = None
    existing: dict | None = None  # {"id", "title"} of the stored activity it matches
    directorate: bool = False  # a paragraph for the directorate as a whole
    moved_from: str = ""  # the directorate, when given to the one division whose section names its entities


@dataclass
class Proposals:
    document: dict
    units: list[UnitProposal] = field(default_factory=list)
    entities: list[EntityProposal] = field(default_factory=list)
    links: list[LinkProposal] = field(default_factory=list)
    activities: list[ActivityProposal] = field(default_factory=list)

    def entity(self, ref: str) -> EntityProposal | None:
        return next((e for e in self.entities if e.ref == ref), None)

    def to_json(self) -> dict:
        """The JSON form printed by `import --dry-run --json` (documented in docs/import.md)."""

        def clean(obj):
            data = asdict(obj)
            for key, value in list(data.items()):
                if isinstance(value, tuple):
                    data[key] = list(value)
            return data

        return {
            "format": FORMAT_VERSION,
            "document": self.document,
            "units": [clean(u) for u in self.units],
            "entities": [
                {**clean(e), "spans": [list(s) for s in e.spans]}
                for e in sorted(self.entities, key=lambda e: int(e.ref[1:]))
            ],
            "links": [clean(link) for link in self.links],
            "activities": [clean(a) for a in self.activities],
        }


def _short(entry: Entry) -> str:
    return entry.abbreviation or entry.name


def register_areas() -> dict[str, tuple[str, str]]:
    """tag → (area name, normalised title key) for the frameworks' areas in the register."""
    from arena.register.models import Area
    from arena.register.reference.frameworks import area_tag

    return {area_tag(a): (a.name, title_key(a.name)) for a in Area.objects.select_related("framework")}


def propose(
    document: Document,
    gazetteer: Gazetteer | None = None,
    year: int | None = None,
    propose_new: bool = True,
    publisher: str | None = None,
    *,
    areas: dict[str, tuple[str, str]] | None = None,
    check_known: bool = True,
) -> Proposals:
    """Everything the document proposes for the register (known things included, flagged `known`). With a
    `publisher` (another agency's text), its statements are its own, not the directorate's (see publisher.py).

    With a `gazetteer` and `areas` given and `check_known=False` it reads nothing from the database (how
    limits.py runs it in a child process; the parent then calls `mark_known`)."""
    gazetteer = gazetteer or Gazetteer.from_register()
    areas = areas if areas is not None else register_areas()
    year = year or document.year
    mentions: list[Mention] = []
    for block in document.blocks:
        found = link_text(block.text, gazetteer, block.start, propose_new=propose_new)
        if propose_new:
            found = with_discoveries(block.text, found, block.start)
        mentions.extend(found)
    directorate = next(
        (e for e in gazetteer.entries.values() if e.kind == UNIT and e.register_kind == "directorate"), None
    )
    if publisher and publisher.strip():
        directorate = find_publisher(publisher, gazetteer)
        mentions = as_publisher(mentions, directorate, gazetteer)
    attributions = attribute(document, mentions, directorate)
    paths = document.section_paths()
    proposals = Proposals(
        document={
            "name": document.name,
            "title": document.title,
            "year": year,
            "format": document.format,
            "sha256": document.sha256,
            "characters": len(document.text),
            "sections": [
                {"number": h.number, "title": h.text, "level": h.level, "span": [h.start, h.end]}
                for h in document.headings
            ],
        }
    )
    refs = _entities(proposals, mentions, gazetteer)
    _units(proposals, mentions, attributions)
    _links(proposals, document, attributions, refs, paths)
    _activities(proposals, document, attributions, refs, paths, year, areas)
    if is_publisher(directorate):
        hand_to_publisher(proposals, directorate)
    if check_known:
        mark_known(proposals, document)
    return proposals


def _entities(proposals: Proposals, mentions: list[Mention], gazetteer: Gazetteer) -> dict[tuple, str]:
    """One entity proposal per distinct known entry or new name; returns mention identity → ref."""
    refs: dict[tuple, str] = {}
    by_identity: dict[tuple, EntityProposal] = {}
    for mention in mentions:
        if mention.kind == UNIT:
            continue
        identity = mention.identity
        proposal = by_identity.get(identity)
        if proposal is None:
            ref = f"e{len(by_identity) + 1}"
            if mention.entry is not None:
                entry = mention.entry
                written = gazetteer.written_names(entry)
                proposal = EntityProposal(
                    ref,
                    entry.name,
                    entry.abbreviation if entry.model != "country" else "",
                    [n for n in written if n not in (entry.name, entry.abbreviation)],
                    entry.kind,
                    True,
                    [],
                    entry.register_kind,
                    entry.model,
                    entry.pk,
                    entry.key,
                )
            else:
                new = mention.new
                proposal = EntityProposal(
                    ref, new.name, new.abbreviation, [], new.kind, False, [], new.register_kind
                )
                proposal.score, proposal.pattern = new.score, new.pattern
                if new.parent is not None:
                    proposal.parent = new.parent.name
                    proposal.parent_model, proposal.parent_pk = new.parent.model, new.parent.pk
            by_identity[identity] = proposal
            refs[identity] = ref
            proposals.entities.append(proposal)
        if mention.surface not in proposal.mentions:
            proposal.mentions.append(mention.surface)
        elif not proposal.known:  # a name written again is more likely a name
            proposal.score = min(1.0, round(proposal.score + 0.05, 2))
        if not proposal.known:
            proposal.score = max(proposal.score, mention.new.score)
        proposal.spans.append((mention.start, mention.end))
    for proposal in proposals.entities:
        if not proposal.known:
            proposal.aliases = [
                m for m in proposal.mentions if m not in (proposal.name, proposal.abbreviation)
            ]
    return refs


def _units(proposals: Proposals, mentions: list[Mention], attributions: list[BlockAttribution]) -> None:
    seen: dict[int, UnitProposal] = {}
    for mention in mentions:
        if mention.kind == UNIT:
            unit = seen.get(mention.entry.pk)
            if unit is None:
                unit = seen[mention.entry.pk] = UnitProposal(
                    mention.entry.abbreviation, mention.entry.name, [], mention.entry.pk
                )
            if mention.surface not in unit.aliases:
                unit.aliases.append(mention.surface)
    for attribution in attributions:
        for entry in attribution.units:
            if entry.pk not in seen:
                seen[entry.pk] = UnitProposal(entry.abbreviation, entry.name, [], entry.pk)
    proposals.units = list(seen.values())


def _block_links(document: Document, attributions: list[BlockAttribution]) -> list[Link]:
    """Links of every block; list items after "… fora hvor Helsedirektoratet deltar:" inherit the unit and
    role of the sentence that introduces them."""
    result: list[Link] = []
    pending = None  # (units, role) of an introducing sentence ending with ":"
    for attribution in attributions:
        block = document.blocks[attribution.block]
        found = find_links(attribution.sentences, attribution.section_unit)
        if block.kind == LIST_ITEM and pending and not found and attribution.sentences:
            first = attribution.sentences[0]
            units, role = pending
            for target in targets(first)[:1]:
                found.extend(Link(u, target, role, register_role(role, first.text), first) for u in units)
        elif block.kind != LIST_ITEM:
            pending = None
        result.extend(found)
        last = attribution.sentences[-1] if attribution.sentences else None
        if block.kind != LIST_ITEM and last is not None and last.text.rstrip().endswith(":"):
            units = last.units or ([attribution.section_unit] if attribution.section_unit else [])
            found_cues = cues(last.text)
            if units and found_cues and not targets(last):
                pending = (units, found_cues[-1][1])
    return result


def _links(proposals, document, attributions, refs, paths) -> None:
    """One link proposal per (unit, entity, role), with every sentence that states it as evidence."""
    by_key: dict[tuple, LinkProposal] = {}
    sections = division_sections(attributions)
    for link in _block_links(document, attributions):
        unit = preferred_unit(link.unit, link.target.identity, sections)
        key = (unit.pk, link.target.identity, link.register_role)
        section = section_label(paths[link.sentence.block])
        span = (link.sentence.start, link.sentence.end)
        found = by_key.get(key)
        if found is not None:
            if link.sentence.text != found.evidence and all(
                e["text"] != link.sentence.text for e in found.more_evidence
            ):
                found.more_evidence.append(
                    {"text": link.sentence.text, "section": section, "span": list(span)}
                )
            continue
        ref = refs[link.target.identity]
        entity = proposals.entity(ref)
        proposal = LinkProposal(
            f"l{len(proposals.links) + 1}",
            _short(unit),
            entity.name,
            link.role,
            link.sentence.text,
            link.register_role,
            unit.pk,
            ref,
            section,
            span,
            entity.kind in (ARENA, PROGRAMME),
            directorate=unit.register_kind == DIRECTORATE_KIND,
            moved_from=_short(link.unit) if unit is not link.unit else "",
        )
        by_key[key] = proposal
        proposals.links.append(proposal)


def _area_tags(path, text: str, areas: dict[str, tuple[str, str]]) -> list[str]:
    tags = []
    keys = {title_key(h.text) for h in path}
    for tag, (_name, key) in areas.items():
        if tag.startswith("hod:") and key in keys:
            tags.append(tag)
    if not tags:
        lower = text.lower()
        counts = {
            tag: sum(
                len(re.findall(word if word.startswith("\\b") else re.escape(word), lower)) for word in words
            )
            for tag, words in AREA_WORDS.items()
        }
        ranked = sorted((n, tag) for tag, n in counts.items() if n)
        tags = [tag for _n, tag in reversed(ranked)][:2]
    for goal in SDG_REFERENCE.findall(text):
        tag = f"sdg:{int(goal)}"
        if tag in areas and tag not in tags:
            tags.append(tag)
    return [t for t in tags if t in areas]


# A paragraph's subject standing for the unit: left out of a title written from its first sentence.
TITLE_SUBJECT = re.compile(
    r"^(?:(?:I|Fra|Siden|Gjennom)\s[^,]{1,40},\s*)?(?:Divisjon(?:en)? for [a-zæøå ,-]+?(?= [a-zæøå]+r\b)|"
    r"(?:Helse)?[Dd]irektoratet|[Dd]ivisjonen|[Aa]vdelingen|[Tt]eamet|[Vv]i|[A-ZÆØÅ]{2,5}(?:-divisjonen)?)"
    r"\s+(?!og\b|i\b|på\b|sammen\b|med\b)(?=[a-zæøå])"
)
# Words a shortened title should not end on.
TITLE_TAIL = re.compile(
    r"(?:\s+(?:i|på|til|for|og|av|om|med|et|en|ei|den|det|de|som|under|ved|fra|har|er|var|ble))+$"
)
TITLE_LENGTH = 90


def _title(text: str, spans: list[tuple[int, int]] = ()) -> str:
    """A short title written from the paragraph: its first sentence without the subject standing for the
    unit, cut at a clause or word boundary (never inside a name, `spans` relative to the text) — never the
    section heading, which is shared by every paragraph under it."""
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())
    first = re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«(])", stripped, maxsplit=1)[0].rstrip(" .:;")
    subject = TITLE_SUBJECT.match(first)
    skip = subject.end() if subject and len(first) - subject.end() > 20 else 0
    title = first[skip:]
    if len(title) > TITLE_LENGTH:
        inside = [(s - offset - skip, e - offset - skip) for s, e in spans]

        def free(i: int) -> bool:
            return not any(s < i < e for s, e in inside) and title[:i].count("(") == title[:i].count(")")

        cut = next(
            (
                m.start()
                for m in re.finditer(r",\s|\s(?:som|og|der|hvor|for å|med)\s", title)
                if 40 <= m.start() <= TITLE_LENGTH and free(m.start())
            ),
            None,
        )
        straddling = [e for s, e in inside if s < TITLE_LENGTH < e <= TITLE_LENGTH + 50]
        if cut is None and straddling:  # finish the name rather than cut it short
            cut = max(straddling)
            title = title[:cut] + (" …" if title[cut:].strip() else "")
        elif cut is None:
            cut = next(
                (
                    m.start()
                    for m in reversed(list(re.finditer(r"\s", title[: TITLE_LENGTH + 1])))
                    if free(m.start())
                ),
                TITLE_LENGTH,
            )
            title = TITLE_TAIL.sub("", title[:cut].rstrip(" ,;:")) + " …"
        else:
            title = TITLE_TAIL.sub("", title[:cut].rstrip(" ,;:"))
    return (title[:1].upper() + title[1:])[:200]


def _activities(proposals, document, attributions, refs, paths, year, areas) -> None:
    sections = division_sections(attributions)
    links_by_block: dict[int, list[LinkProposal]] = {}
    for link in proposals.links:
        index = next(
            (a.block for a in attributions if any(s.start == link.span[0] for s in a.sentences)), None
        )
        links_by_block.setdefault(index, []).append(link)
    for attribution in attributions:
        block = document.blocks[attribution.block]
        path = paths[attribution.block]
        innermost = path[-1].text if path else ""
        if (
            not attribution.units
            or NOT_ACTIVITIES.search(innermost)
            or any(NOT_ACTIVITY_CHAPTER.search(h.text) for h in path)
        ):
            continue
        block_mentions = [m for s in attribution.sentences for m in s.mentions if m.kind != UNIT]
        named = [m for m in block_mentions if m.kind in (ARENA, PROGRAMME, ORGANISATION)]
        block_links = links_by_block.get(attribution.block, [])
        if not named or not block_links:
            continue
        entity_refs = list(dict.fromkeys(refs[m.identity] for m in block_mentions))
        kinds = {ref: proposals.entity(ref).kind for ref in entity_refs}
        strongest = next(
            (
                r
                for r in ("lead", "partner", "contact_point", "member", "observer")
                if any(x.role == r for x in block_links)
            ),
            "participant",
        )
        units = attribution.units
        moved_from = ""
        if all(u.register_kind == DIRECTORATE_KIND for u in units):
            named_ids = {m.identity for m in named}
            owners = {u.pk: u for i in named_ids for u in sections.get(i, [])}
            if len(owners) == 1:  # the one division whose own chapter names what this paragraph names
                moved_from, units = _short(units[0]), list(owners.values())
        tags = _area_tags(path, block.text, areas)
        title = _title(block.text, [(m.start - block.start, m.end - block.start) for m in block_mentions])
        names = [proposals.entity(ref).name for ref in entity_refs]
        proposals.activities.append(
            ActivityProposal(
                f"a{len(proposals.activities) + 1}",
                _short(units[0]),
                [_short(u) for u in units],
                [u.pk for u in units],
                title,
                ACTIVITY_KIND[strongest],
                year,
                names,
                entity_refs,
                [r for r in entity_refs if kinds[r] in (ARENA, PROGRAMME)],
                [r for r in entity_refs if kinds[r] in (ORGANISATION, NATIONAL_PARTNER)],
                [r for r in entity_refs if kinds[r] == COUNTRY],
                [areas[t][0] for t in tags],
                tags,
                section_label(path),
                (block.start, block.end),
                block.text,
                directorate=all(u.register_kind == DIRECTORATE_KIND for u in units),
                moved_from=moved_from,
            )
        )


# A statement that a unit merely takes part says nothing beyond any stored role it holds.
GENERIC_ROLES = {"participant"}
# A statement that the unit's part ended: a real difference to a stored engagement without an end.
ENDED = re.compile(
    r"\b(?:ble avsluttet|avsluttet\w*|avsluttes|ble avviklet|ble lagt ned|gikk ut av|trådte ut av|"
    r"trakk seg (?:ut )?fra|trakk seg ut av|sluttet å delta|frem til (?:det|den|arbeidet|gruppen)\w* ble)\b",
    re.I,
)


def engagement_label(engagement) -> str:
    """ "Medlem siden 2017", "Deltaker 2014–2020": how a stored engagement is shown beside a proposal."""
    from django.utils.translation import gettext as _

    label = engagement.get_role_display()
    start, end = engagement.starts_on, engagement.ends_on
    if start and end:
        return f"{label} {start.year}–{end.year}"
    if start:
        return _("%(role)s siden %(year)d") % {"role": label, "year": start.year}
    if end:
        return _("%(role)s til %(year)d") % {"role": label, "year": end.year}
    return label


def _existing_engagement(link: LinkProposal, arena_pk: int, year: int | None):
    """The stored engagement a link matches: the same holder (for a directorate-level statement, any unit)
    and arena, with a period overlapping the year; one with the same role first. None if there is none."""
    from arena.register.models import Engagement
    from arena.register.models.base import active_in_year

    if link.holder == "publisher":
        holder = {"partner_id": link.holder_pk}
    elif link.directorate or link.moved_from:
        holder = {"unit__isnull": False}
    else:
        holder = {"unit_id": link.unit_pk}
    rows = Engagement.objects.filter(**holder, arena_id=arena_pk).select_related("unit")
    rows = rows.filter(active_in_year(year)) if year else rows.filter(ends_on__isnull=True)
    rows = sorted(
        rows,
        key=lambda e: (
            e.role != link.register_role,
            e.unit_id != link.unit_pk,
            e.starts_on or datetime.date.min,
        ),
    )
    return rows[0] if rows else None


def mark_known(proposals: Proposals, document: Document) -> None:
    """Compare the proposals with what is stored. A link whose engagement exists (same holder, arena and a
    period overlapping the year) is `known` and carries the stored one in `existing` ("finnes: Medlem siden
    2017"); it stays a proposal only for a real difference — a new, more specific role. An activity matching
    a stored one (same place in the same document, year + title, or the same arenas) is `known` too. So a
    second import proposes nothing new."""
    from arena.register.models import Activity

    year = proposals.document.get("year")
    arena_pks = {e.ref: e.pk for e in proposals.entities if e.known and e.model == "arena"}
    for link in proposals.links:
        pk = arena_pks.get(link.entity_ref)
        holder_pk = link.holder_pk if link.holder == "publisher" else link.unit_pk
        if not link.engagement or pk is None or holder_pk is None:
            continue
        existing = _existing_engagement(link, pk, year)
        if existing is None:
            continue
        link.existing = {
            "id": existing.pk,
            "role": existing.role,
            "label": engagement_label(existing),
            "unit": existing.unit.short_name if existing.unit else "",
        }
        if existing.unit_id and existing.unit_id != link.unit_pk and (link.directorate or link.moved_from):
            # a directorate-level statement about a seat the register gives a unit: that unit's
            link.moved_from = link.moved_from or link.unit
            link.unit, link.unit_pk, link.directorate = existing.unit.short_name, existing.unit_id, False
        link.known = existing.role == link.register_role or link.register_role in GENERIC_ROLES
        if link.known and year and existing.ends_on is None and ENDED.search(link.evidence):
            link.known, link.ends_on = False, f"{year}-12-31"  # proposes only the end
    for activity in proposals.activities:
        year_of = activity.year or year
        candidates = Activity.objects.filter(year=year_of) if year_of else Activity.objects.none()
        same_place = candidates.filter(
            source__sha256=document.sha256, source_start=activity.span[0], source_end=activity.span[1]
        ).first()
        units = activity.unit_pks
        if same_place is None:
            same_place = candidates.filter(title=activity.title, units__in=units).first()
        if same_place is None and activity.arenas:
            wanted = {arena_pks[r] for r in activity.arenas if r in arena_pks}
            if wanted and len(wanted) == len(activity.arenas):
                scope = candidates if activity.directorate else candidates.filter(units__in=units)
                for existing in scope.filter(arenas__in=wanted).distinct().order_by("pk"):
                    stored = set(existing.arenas.values_list("pk", flat=True))
                    if wanted <= stored or (stored <= wanted and (len(stored) >= 2 or len(wanted) == 1)):
                        same_place = existing
                        break
        if same_place is not None:
            activity.known, activity.existing_id = True, same_place.pk
            activity.existing = {"id": same_place.pk, "title": same_place.title}
