"""Linking: finding the register's organisations, arenas, programmes, units and countries in running text.

Every name the register knows (`Alias.normalized`, written by `normalize_name`; countries by their bokmål and
English names) is split into words the same way the text is, and the text's word sequences are looked up
longest first. Norwegian inflection is tolerated on the last word only, and only when the stem is a known
name: genitive ("WHOs" → WHO, "Europarådets" → Europarådet), definite forms ("-en", "-et", "-ene", "-a") and
apostrophe genitives ("WHO's"). A compound with a known abbreviation in front ("WHO-møter", "EØS-landene")
names that abbreviation. Short names (abbreviations of four letters or fewer) must match letter case, so "AS"
the division is not "as". Small spelling differences in longer names are forgiven with rapidfuzz (a high
threshold). Names the register does not know — capitalised multi-word names and defined acronyms that look
like organisations, forums or programmes — are proposed as new entries with a suggested kind and parent.
"""

import functools
import itertools
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass

import simplemma
from rapidfuzz import fuzz, process

from arena.register.normalize import normalize_name

HOME_COUNTRY = "NO"  # the directorate's own country is not a partner country
MAX_NAME_TOKENS = 16
SHORT_NAME = 4  # names this short must match letter case
FUZZY_SCORE = 92  # rapidfuzz ratio (0–100) for a spelling variant of a longer name
FUZZY_MIN_LENGTH = 14

SDG_GOAL = re.compile(r"^(?:fns )?bærekraftsmål(?:ene)? ?(\d{1,2})?$")
TOKEN = re.compile(r"\w+(?:['’]\w+)?(?:[-/.]\w+(?:['’]\w+)?)*\+?|&")

# Entity kinds in proposals and JSON (the vocabulary), from the register's own kinds.
ORGANISATION, ARENA, PROGRAMME, NATIONAL_PARTNER, COUNTRY, UNIT = (
    "organisation",
    "arena",
    "programme",
    "national_partner",
    "country",
    "unit",
)
ENTITY_KINDS = (ORGANISATION, ARENA, PROGRAMME, NATIONAL_PARTNER, COUNTRY)


@dataclass(frozen=True)
class Entry:
    """A register entity a name can point at."""

    model: str  # "organisation", "arena", "unit" or "country"
    pk: int
    name: str
    abbreviation: str = ""
    kind: str = ""  # one of ENTITY_KINDS, or UNIT
    register_kind: str = ""  # the model's own kind (Organisation.Kind, Arena.Kind, Unit.Kind, "")
    key: str | None = None
    parent: tuple[str, int] | None = None  # (model, pk) of the organisation/arena it belongs to
    umbrella: bool = False  # an intergovernmental organisation with its own arenas (WHO, EU, OECD …)

    @property
    def short_name(self) -> str:
        return self.abbreviation or self.name


@dataclass
class NewName:
    """A name the register does not know, proposed as a new entry."""

    name: str
    abbreviation: str = ""
    kind: str = ARENA
    register_kind: str = ""
    parent: Entry | None = None
    score: float = 0.5  # how likely a real name of a body (0–1), for ranking (see discovery.py)
    pattern: str = "capitalised"  # which pattern found it


@dataclass
class Mention:
    start: int  # span in the document text
    end: int
    surface: str
    entry: Entry | None = None
    new: NewName | None = None
    how: str = "exact"  # exact, inflected, compound, fuzzy, new
    genitive: bool = False  # written as an owner ("WHOs", "OECD sin"): the thing after it belongs to it

    @property
    def identity(self) -> tuple:
        if self.entry is not None:
            return (self.entry.model, self.entry.pk)
        return ("new", normalize_name(self.new.name))

    @property
    def kind(self) -> str:
        return self.entry.kind if self.entry is not None else self.new.kind


class Spans:
    """(start, end) spans, asked whether any covers a position or overlaps a range: O(log n) per question
    (asking every earlier span made a block full of names quadratic)."""

    def __init__(self, spans):
        self.items = sorted(spans)
        self._index()

    def _index(self):
        self.starts = [s for s, _e in self.items]
        self.max_end = list(itertools.accumulate((e for _s, e in self.items), max))

    def add(self, start: int, end: int) -> None:
        insort(self.items, (start, end))
        if self.items[-1] == (start, end):  # appended in order (the usual case): extend the index
            self.starts.append(start)
            self.max_end.append(max(end, self.max_end[-1]) if self.max_end else end)
        else:
            self._index()

    def covers(self, position: int) -> bool:
        k = bisect_right(self.starts, position)
        return k > 0 and self.max_end[k - 1] > position

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)
        return k > 0 and self.max_end[k - 1] > start


def tokens_of(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


@functools.lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """A word as names are compared: normalised, an apostrophe genitive written without the apostrophe
    ("WHO's" and "WHOs" are one form)."""
    key = normalize_name(word)
    return key[:-2] + "s" if key.endswith("'s") else key


def _key(words) -> tuple[str, ...]:
    return tuple(word_key(w) for w in words)


def entity_kind(model: str, register_kind: str) -> str:
    from arena.register.models import Arena, Organisation

    if model == "organisation":
        return NATIONAL_PARTNER if register_kind in Organisation.NATIONAL_KINDS else ORGANISATION
    if model == "arena":
        return PROGRAMME if register_kind in Arena.PROGRAMME_KINDS else ARENA
    return COUNTRY if model == "country" else UNIT


class Gazetteer:
    """Every name of every register entity, ready for lookups by word sequence."""

    def __init__(self, names: list[tuple[str, Entry]]):
        self.names: dict[tuple[str, ...], list[tuple[str, Entry]]] = {}
        self.prefixes: set[tuple[str, ...]] = set()
        self.entries: dict[tuple[str, int], Entry] = {}
        self.written: dict[tuple[str, int], list[str]] = {}
        long_names: dict[str, tuple[str, Entry]] = {}
        for written, entry in names:
            words = [w for w, _s, _e in tokens_of(written)]
            if not words:
                continue
            key = _key(words)
            self.names.setdefault(key, [])
            if all(e != entry for _w, e in self.names[key]):
                self.names[key].append((written, entry))
            for n in range(1, len(key)):
                self.prefixes.add(key[:n])
            self.entries[(entry.model, entry.pk)] = entry
            written_names = self.written.setdefault((entry.model, entry.pk), [])
            if written not in written_names:
                written_names.append(written)
            normalized = " ".join(key)
            if len(normalized) >= FUZZY_MIN_LENGTH:
                long_names.setdefault(normalized, (written, entry))
        self.long_names = long_names
        self._long_keys = list(long_names)
        self._closest: dict[str, tuple | None] = {}

    @classmethod
    def from_register(cls) -> "Gazetteer":
        """All organisations, arenas and units (every Alias row) and all countries but the home country."""
        from arena.register.models import Alias, Arena, Country, Organisation, Unit

        entries: dict[tuple[str, int], Entry] = {}
        for model, name in ((Organisation, "organisation"), (Arena, "arena"), (Unit, "unit")):
            fields = ["pk", "name", "abbreviation", "kind", "key", "parent_id"]
            if model is Arena:
                fields.append("organisation_id")
            for row in model.objects.values(*fields):
                parent = None
                if row.get("organisation_id"):
                    parent = ("organisation", row["organisation_id"])
                elif row["parent_id"]:
                    parent = (name, row["parent_id"])
                entries[(name, row["pk"])] = Entry(
                    name,
                    row["pk"],
                    row["name"],
                    row["abbreviation"],
                    entity_kind(name, row["kind"]) if name != "unit" else UNIT,
                    row["kind"],
                    row["key"],
                    parent,
                )
        entries = _with_family_facts(entries)
        names: list[tuple[str, Entry]] = []
        tags = area_names()
        for alias_name, org, arena, unit in Alias.objects.values_list(
            "name", "organisation_id", "arena_id", "unit_id"
        ):
            owner = ("organisation", org) if org else ("arena", arena) if arena else ("unit", unit)
            if normalize_name(alias_name) in tags or SDG_GOAL.match(normalize_name(alias_name)):
                continue  # a framework or one of its goals is a tag on activities, not an entity
            if owner in entries:
                names.append((alias_name, entries[owner]))
        for pk, code, name, name_en in Country.objects.exclude(code=HOME_COUNTRY).values_list(
            "pk", "code", "name", "name_en"
        ):
            entry = Entry("country", pk, name, code, COUNTRY, "", code)
            names.extend((n, entry) for n in {name, name_en} if n)
        return cls(names)

    def written_names(self, entry: Entry) -> list[str]:
        """Every name the register has for an entry, as written."""
        return list(self.written.get((entry.model, entry.pk), []))

    def get(self, model: str, pk: int) -> Entry | None:
        return self.entries.get((model, pk))

    def lookup(self, key: tuple[str, ...], surface: str) -> list[Entry]:
        """Entries known by exactly these words; short names and country names must match letter case."""
        found = []
        for written, entry in self.names.get(key, ()):
            if (
                len(written) <= SHORT_NAME
                and surface != written
                and not (surface.isupper() and surface == written.upper())
            ):
                continue
            if written.isupper() and not surface.isupper():
                continue  # an acronym ("TERROR") is not the word ("terror")
            if entry.model == "country" and not surface[:1].isupper():
                continue
            if not case_fits(written, surface):
                continue
            found.append(entry)
        return found

    def closest(self, candidate: str):
        """rapidfuzz's best (long name, score, index) for a normalised candidate, or None; remembered, as a
        text may repeat the same words many times."""
        if candidate not in self._closest:
            if len(self._closest) > 100_000:
                self._closest.clear()
            self._closest[candidate] = process.extractOne(
                candidate, self._long_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE
            )
        return self._closest[candidate]

    def fuzzy(self, text: str) -> Entry | None:
        """The entry whose (long) name is a near spelling of `text`, if one is close enough."""
        if len(text) < FUZZY_MIN_LENGTH or not self._long_keys:
            return None
        hit = process.extractOne(text, self._long_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE)
        if hit is None:
            return None
        return self.long_names[hit[0]][1]


def case_fits(written: str, surface: str) -> bool:
    """Whether a text form may stand for a name as written: a word with capitals inside ("PaRIS", "ForUM",
    "eHealth") must keep them, and a capitalised name made only of common words ("Spekter", "Mental Helse")
    is not its words written in lower case."""
    written_words, surface_words = written.split(), surface.split()
    if len(written_words) == len(surface_words):
        for w, s in zip(written_words, surface_words, strict=True):
            if any(ch.isupper() for ch in w[1:]) and not w.isupper() and not (s.startswith(w) or s.isupper()):
                return False
    if written[:1].isupper() and surface[:1].islower() and len(written_words) <= 2:
        return not all(_common_word(w.casefold()) for w in written_words)
    return True


def area_names() -> set[str]:
    """Normalised names of the frameworks and their areas (tags, matched separately from entities)."""
    from arena.register.models import Area, Framework

    names = {
        normalize_name(n) for pair in Framework.objects.values_list("name", "name_en") for n in pair if n
    }
    names |= {normalize_name(n) for pair in Area.objects.values_list("name", "name_en") for n in pair if n}
    return names


UMBRELLA_KINDS = ("international", "eu_institution", "eu_agency")


def _with_family_facts(entries: dict[tuple[str, int], Entry]) -> dict[tuple[str, int], Entry]:
    """Mark umbrella organisations (intergovernmental, with arenas or sub-organisations of their own), and
    make organisations under a national partner national partners too."""
    from dataclasses import replace

    parents = {e.parent for e in entries.values() if e.parent and e.parent[0] == "organisation"}
    out = {}
    for key, entry in entries.items():
        if entry.model == "organisation":
            ancestor, national = entry, entry.kind == NATIONAL_PARTNER
            for _ in range(5):
                if ancestor.parent is None or ancestor.parent not in entries:
                    break
                ancestor = entries[ancestor.parent]
                national = national or ancestor.kind == NATIONAL_PARTNER
            entry = replace(
                entry,
                kind=NATIONAL_PARTNER if national else entry.kind,
                umbrella=entry.register_kind in UMBRELLA_KINDS and key in parents,
            )
        out[key] = entry
    return out


# --- inflection ------------------------------------------------------------------------------------------

_DEFINITE = ("enes", "ene", "ens", "ets", "en", "et", "as", "a", "ns", "n")


def inflection_variants(word: str) -> list[tuple[str, bool]]:
    """Forms the last word of a name may stand for: (candidate, is_genitive), the word itself first."""
    variants: list[tuple[str, bool]] = [(word, False)]
    lower = word.casefold()
    if lower.endswith(("'s", "’s")):
        variants.append((word[:-2], True))
    elif lower.endswith(("'", "’")) or lower.endswith("s") and len(word) > 2:
        variants.append((word[:-1], True))
    for suffix in _DEFINITE:
        if lower.endswith(suffix) and len(word) - len(suffix) >= 3:
            variants.append((word[: -len(suffix)], suffix.endswith("s")))
    if lower.endswith("ene") and len(word) > 5:
        variants.append(
            (word[:-1], False)
        )  # plural definite → singular definite ("divisjonene" → "divisjonen")
    if lower.endswith("enes") and len(word) > 6:
        variants.append((word[:-2], True))
    if len(word) > 4 and word[:1].islower():  # indefinite in the text, definite in the register
        variants.extend(((word + "n", False), (word + "en", False), (word + "et", False)))
    return variants


@functools.lru_cache(maxsize=16384)
def _common_word(word: str) -> bool:
    try:
        return simplemma.is_known(word.lower(), lang="nb")
    except Exception:  # pragma: no cover - a missing language pack must not break an import
        return False


# --- finding known names ---------------------------------------------------------------------------------


def find_known(text: str, gazetteer: Gazetteer, offset: int = 0) -> list[Mention]:
    """Known names in a text (a block), longest first, left to right; spans are shifted by `offset`."""
    words = tokens_of(text)
    keys = [word_key(w) for w, _s, _e in words]
    mentions: list[Mention] = []
    i = 0
    while i < len(words):
        best = None
        j = i
        while j < len(words) and j - i < MAX_NAME_TOKENS:
            head = tuple(keys[i:j])
            if j > i and head not in gazetteer.prefixes:
                break
            last_word = words[j][0]
            for k, (variant, genitive) in enumerate(inflection_variants(last_word)):
                key = (*head, word_key(variant))
                if key not in gazetteer.names:
                    continue
                found = gazetteer.lookup(key, text[words[i][1] : words[j][1]] + variant)
                if found:
                    best = (j, found[0], "exact" if k == 0 else "inflected", genitive or _genitive(last_word))
                    break
            j += 1
        if best is not None:
            j, entry, how, genitive = best
            start, end = words[i][1], words[j][2]
            if text[start:end].count("(") > text[start:end].count(")") and text[end : end + 1] == ")":
                end += 1
            following = text[end : end + 6]
            genitive = genitive or following.startswith((" sin ", " sitt ", " sine "))
            mentions.append(
                Mention(start + offset, end + offset, text[start:end], entry, how=how, genitive=genitive)
            )
            i = j + 1
            continue
        word, start, _end = words[i]
        if "/" in word:  # "EØS-land/Sveits", "FN/WHO": each part on its own
            position = start
            for part in word.split("/"):
                part_mentions = find_known(part, gazetteer, offset + position) if part else []
                mentions.extend(part_mentions)
                position += len(part) + 1
            i += 1
            continue
        compound = _compound_head(word, gazetteer)
        if compound is not None:
            entry, head = compound
            mentions.append(Mention(start + offset, start + len(head) + offset, head, entry, how="compound"))
        i += 1
    for mention in mentions:  # "Joint Action SHARP": the designator in front belongs to the name
        if mention.entry is None or mention.entry.register_kind != "joint_action":
            continue
        # only the few characters before the mention: searching the whole text before every mention
        # made a text full of names quadratic
        window = max(0, mention.start - offset - _DESIGNATOR_WINDOW)
        designator = _DESIGNATOR.search(text, window, mention.start - offset)
        if designator:
            mention.start = designator.start() + offset
            mention.surface = text[designator.start() : mention.end - offset]
    return mentions


_DESIGNATOR = re.compile(r"Joint\s?Action\s+$")
_DESIGNATOR_WINDOW = 200


def _genitive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'")) or (word[:-1].isupper() and word.endswith("s") and len(word) > 2)


def _compound_head(word: str, gazetteer: Gazetteer) -> tuple[Entry, str] | None:
    """'WHO-møter' → WHO, 'EU/EØS' → EU: a known abbreviation in front of a hyphen or slash."""
    match = re.match(r"^([A-ZÆØÅ][A-Za-zÆØÅæøå0-9]{1,9})[-/]\w", word)
    if not match:
        return None
    head = match.group(1)
    found = [
        entry
        for entry in gazetteer.lookup((word_key(head),), head)
        if sum(1 for ch in head if ch.isupper()) >= 2 or head in (entry.name, entry.abbreviation)
    ]
    return (found[0], head) if found else None


def find_second_halves(text: str, gazetteer: Gazetteer, mentions: list[Mention], offset: int = 0):
    """The other half of 'EU/EØS' and 'AS- og FF-divisjonene' style pairs, where the first pass took one."""
    extra = []
    taken = Spans((m.start - offset, m.end - offset) for m in mentions)
    for match in re.finditer(r"\b([A-ZÆØÅ]{2,6})/([A-ZÆØÅ]{2,6})\b", text):
        head = match.group(2)
        start = match.start(2)
        if taken.covers(start):
            continue
        found = gazetteer.lookup((normalize_name(head),), head)
        if found:
            extra.append(Mention(start + offset, match.end(2) + offset, head, found[0], how="compound"))
    # "FNs menneskerettighetskomité og torturkomité": the owner carries over to the second noun
    for mention in mentions:
        owner = mention.surface.split(" ", 1)[0]
        if " " not in mention.surface or not _genitive(owner):
            continue
        tail = re.match(r"\s+(?:og|eller|samt)\s+(\w[\w-]*)", text[mention.end - offset :])
        if not tail:
            continue
        key = (word_key(owner), word_key(tail.group(1)))
        found = gazetteer.lookup(key, f"{owner} {tail.group(1)}") if key in gazetteer.names else []
        if found:
            start = mention.end - offset + tail.start(1)
            extra.append(
                Mention(start + offset, start + len(tail.group(1)) + offset, tail.group(1), found[0])
            )
    return extra


def find_fuzzy(text: str, gazetteer: Gazetteer, taken: list[tuple[int, int]], offset: int = 0):
    """Near spellings of long known names, in capitalised stretches the exact pass left alone."""
    taken = Spans(taken)
    words = tokens_of(text)
    mentions: list[Mention] = []
    i = 0
    while i < len(words):
        word, start, _end = words[i]
        if not word[:1].isupper() or taken.covers(start + offset):
            i += 1
            continue
        best = None
        for n in range(2, min(9, len(words) - i + 1)):
            end = words[i + n - 1][2]
            gap = text[words[i + n - 2][2] : words[i + n - 1][1]]
            if gap.strip(" -&") or taken.overlaps(start + offset, end + offset):
                break
            candidate = " ".join(_key(w for w, _s, _e in words[i : i + n]))
            if len(candidate) < FUZZY_MIN_LENGTH:
                continue
            hit = gazetteer.closest(candidate)
            if hit and (best is None or hit[1] >= best[0]):
                entry = gazetteer.long_names[hit[0]][1]
                if entry.model != "country":
                    best = (hit[1], n, entry, end)
        if best:
            _score, n, entry, end = best
            mentions.append(Mention(start + offset, end + offset, text[start:end], entry, how="fuzzy"))
            i += n
        else:
            i += 1
    return mentions


# --- names the register does not know --------------------------------------------------------------------

_KEYWORDS = {
    PROGRAMME: (
        "program",
        "programme",
        "programmet",
        "prosjekt",
        "prosjektet",
        "project",
        "joint action",
        "partnership",
        "partnerskap",
        "fund",
        "initiative",
        "initiativ",
        "undertaking",
    ),
    ARENA: (
        "gruppe",
        "gruppen",
        "group",
        "komité",
        "komite",
        "komiteen",
        "committee",
        "nettverk",
        "nettverket",
        "network",
        "forum",
        "board",
        "utvalg",
        "utvalget",
        "konferanse",
        "conference",
        "seminar",
        "panel",
        "working party",
        "consortium",
        "konsortium",
        "konsortiet",
    ),
    NATIONAL_PARTNER: (
        "direktorat",
        "senter",
        "institutt",
        "tilsyn",
        "etaten",
        "direktoratet",
        "departementet",
        "instituttet",
        "tilsynet",
        "senteret",
        "helseforetak",
        "universitetet",
        "foreningen",
        "forbundet",
    ),
    ORGANISATION: (
        "organisation",
        "organization",
        "organisasjon",
        "union",
        "council",
        "råd",
        "rådet",
        "alliance",
        "allianse",
        "federation",
        "association",
        "agency",
        "byrå",
        "byrået",
        "authority",
        "authorities",
        "centre",
        "center",
        "institute",
        "observatory",
        "foundation",
        "secretariat",
        "sekretariat",
        "commission",
        "kommisjon",
    ),
}
_REGISTER_KIND = {
    PROGRAMME: "programme",
    ARENA: "working_group",
    NATIONAL_PARTNER: "national_agency",
    ORGANISATION: "international",
}
_ARENA_REGISTER_KIND = {
    "komité": "committee",
    "komite": "committee",
    "committee": "committee",
    "nettverk": "network",
    "network": "network",
    "konsortium": "network",
    "consortium": "network",
    "konferanse": "conference",
    "conference": "conference",
    "seminar": "conference",
    "board": "governing_body",
    "ekspertgruppe": "expert_group",
    "expert group": "expert_group",
    "joint action": "joint_action",
    "prosjekt": "project",
    "project": "project",
}
_CONNECTORS = {"of", "on", "for", "and", "the", "&", "in", "to", "och", "för", "på", "de", "du", "against"}
ACRONYM_STOPLIST = {
    "NCD", "AMR", "DRG", "IHR", "GMO", "HIV", "COVID", "DPP", "PDP", "DDP", "PTM", "IT", "CAS", "NB", "OBS",
    "FOU", "FOB", "BNP", "PDF", "EPJ", "KOLS", "TB", "AIDS", "SDG", "SDGS", "UHC", "NA", "OK",
}  # fmt: skip
_ACRONYM = re.compile(r"^[A-ZÆØÅ][A-ZÆØÅa-z0-9&-]{1,11}$")


_GENERIC = {
    "joint", "action", "actions", "program", "programme", "programmer", "prosjekt", "project", "partner",
    "partners", "group", "gruppe", "network", "nettverk", "committee", "komité", "centre", "center", "of",
    "excellence", "the", "and", "for", "on", "in", "council", "board", "forum", "expert", "working",
}  # fmt: skip
_ROLE_WORDS = {
    "partner",
    "partners",
    "member",
    "members",
    "coordinator",
    "counterpart",
    "point",
    "person",
    "officer",
}


def _specific(name: str) -> bool:
    """A name, not a phrase made only of generic words ("Joint Actions", "Center of Excellence") or a role
    ("Donor Program Partner")."""
    words = [w.casefold() for w in re.findall(r"[\w-]+", name)]
    if not words or words[-1] in _ROLE_WORDS:
        return False
    parts = {p for w in words for p in w.split("-")}
    return not parts <= _GENERIC


@functools.lru_cache(maxsize=16384)
def suggest_kind(name: str) -> tuple[str, str] | None:
    """(entity kind, register kind) for a name by its head words, or None if it does not look like a body."""
    lower = normalize_name(name)
    words = re.findall(r"\w+", lower)
    for kind in (PROGRAMME, ARENA, NATIONAL_PARTNER, ORGANISATION):
        for keyword in _KEYWORDS[kind]:
            if " " in keyword:
                hit = keyword in lower
            else:
                hit = any(w == keyword or (len(keyword) >= 5 and w.endswith(keyword)) for w in words)
            if hit:
                if (
                    kind == NATIONAL_PARTNER
                    and not re.search(r"[æøå]|\b(nasjonal|norsk|norges)", lower)
                    and not any(w.endswith(("direktoratet", "departementet")) for w in words)
                ):
                    continue
                register_kind = _REGISTER_KIND[kind]
                for word, arena_kind in _ARENA_REGISTER_KIND.items():
                    if word in lower:
                        register_kind = arena_kind
                        break
                if kind == PROGRAMME and register_kind not in ("programme", "joint_action", "project"):
                    register_kind = "programme"
                if kind in (ORGANISATION, NATIONAL_PARTNER):
                    register_kind = _REGISTER_KIND[kind]
                    if kind == ORGANISATION and name.lower().startswith(("nordisk", "nordic")):
                        register_kind = "international"
                return kind, register_kind
    return None


def find_new_names(text: str, taken: list[tuple[int, int]], offset: int = 0) -> list[Mention]:
    """Capitalised names and defined acronyms the register does not know, that look like bodies."""
    words = tokens_of(text)
    found: list[Mention] = []

    taken = Spans(taken)
    found_spans, acronym_spans = Spans(()), Spans(())  # each added to left to right

    def free(start: int, end: int) -> bool:
        a, b = start + offset, end + offset
        return not (taken.overlaps(a, b) or found_spans.overlaps(a, b) or acronym_spans.overlaps(a, b))

    sentence_starts = {0} | {m.end() for m in re.finditer(r"[.!?:]\s+|\n", text)}
    i = 0
    while i < len(words):
        word, start, _end = words[i]
        if not word[:1].isupper():
            i += 1
            continue
        j = i + 1
        last_capital = i
        while j < len(words) and j - i < 12:
            next_word = words[j][0]
            gap = text[words[j - 1][2] : words[j][1]]
            if gap.strip() not in ("", "&"):
                break
            if next_word[:1].isupper() or next_word[:1].isdigit():
                last_capital = j
            elif next_word.lower() not in _CONNECTORS:
                break
            j += 1
        first = i
        if start in sentence_starts and _common_word(word) and last_capital > i:
            first = i + 1
        if last_capital - first >= 1:
            begin, end = words[first][1], words[last_capital][2]
            name = text[begin:end]
            suggestion = suggest_kind(name) if _specific(name) else None
            if suggestion and free(begin, end):
                found.append(Mention(begin + offset, end + offset, name, new=NewName(name, "", *suggestion)))
                found_spans.add(begin + offset, end + offset)
                i = last_capital + 1
                continue
        i += 1
    # acronyms defined by a long form: "Long Name (ACR)" or "ACR (Long Name)"
    for match in re.finditer(r"([A-ZÆØÅ][\w&' -]{6,120}?)\s*\(([A-ZÆØÅ][A-Za-zÆØÅ0-9&-]{1,11})\)", text):
        long_form, acronym = match.group(1).strip(), match.group(2)
        if acronym.upper() in ACRONYM_STOPLIST or sum(1 for ch in acronym if ch.isupper()) < 2:
            continue
        long_words = long_form.split()
        window = max(0, len(long_words) - len(acronym) - 4)
        starts = [k for k in range(window, len(long_words)) if long_words[k][:1] == acronym[:1].upper()]
        cut = starts[0] if starts else window
        candidate = " ".join(long_words[cut:])
        suggestion = suggest_kind(candidate) if _specific(candidate) else None
        begin = match.start(1) + match.group(1).index(long_words[cut])
        if suggestion and free(begin, match.end(2)):
            acronym_spans.add(begin + offset, match.end(1) + offset)
            found.append(
                Mention(
                    begin + offset,
                    match.end(1) + offset,
                    candidate,
                    new=NewName(candidate, acronym, *suggestion),
                    how="new",
                )
            )
    for mention in found:
        mention.how = "new"
    return found


class Nearby:
    """Mentions by where they end and where they start, to find those near a position without looking at
    every mention (in the list's own order, as a scan would find them)."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.by_end = sorted((m.end, i) for i, m in enumerate(mentions))
        self.by_start = sorted((m.start, i) for i, m in enumerate(mentions))

    @staticmethod
    def _between(pairs, low: int, high: int) -> list[int]:
        return [
            i for _key, i in pairs[bisect_left(pairs, (low, -1)) : bisect_right(pairs, (high, len(pairs)))]
        ]

    def ending_in(self, low: int, high: int) -> list[Mention]:
        return [self.mentions[i] for i in sorted(self._between(self.by_end, low, high))]

    def starting_in(self, low: int, high: int) -> list[Mention]:
        return [self.mentions[i] for i in sorted(self._between(self.by_start, low, high))]


def guess_parent(
    text: str, mention: Mention, known: list[Mention], offset: int = 0, nearby: Nearby | None = None
) -> Entry | None:
    """The organisation a new name belongs to: an owner right before it ("WHOs …", "OECD sin …"), or one
    right after it ("… under Nordisk ministerråd", "… i regi av WHO")."""
    nearby = nearby or Nearby(known)
    before = nearby.ending_in(mention.start - 6, mention.start)
    for m in before:
        if m.genitive and m.entry is not None and m.entry.model in ("organisation", "arena"):
            return m.entry
    tail = text[mention.end - offset : mention.end - offset + 40]
    owned_by = re.match(r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:under|i regi av|hos|til|i)\s", tail)
    if not owned_by:
        return None
    for m in nearby.starting_in(mention.end, mention.end + 20):
        if m.entry is not None and m.entry.model in ("organisation", "arena"):
            return m.entry
    return None


def link_text(text: str, gazetteer: Gazetteer, offset: int = 0, propose_new: bool = True) -> list[Mention]:
    """All mentions in a block of text, known and new, sorted by position."""
    known = find_known(text, gazetteer, offset)
    known += find_second_halves(text, gazetteer, known, offset)
    # a near spelling may begin with a one-word name ("Europarådets kommité for bioetik"): let it win
    taken = [(m.start, m.end) for m in known if " " in m.surface]
    fuzzy = find_fuzzy(text, gazetteer, taken, offset)
    fuzzy_starts = [f.start for f in fuzzy]  # in order, not overlapping

    def inside_fuzzy(m: Mention) -> bool:
        k = bisect_right(fuzzy_starts, m.start)
        return k > 0 and m.end <= fuzzy[k - 1].end

    known = [m for m in known if not inside_fuzzy(m)] + fuzzy
    mentions = list(known)
    if propose_new:
        taken = [(m.start, m.end) for m in known]
        nearby = Nearby(known)
        for mention in find_new_names(text, taken, offset):
            mention.new.parent = guess_parent(text, mention, known, offset, nearby)
            mentions.append(mention)
    return sorted(mentions, key=lambda m: m.start)
