"""The reference register of organisations and arenas shipped with Arena, read from the data files in `data/`.

One CSV file per family of the international health landscape (WHO, EU, UN, Nordic, Norwegian partners …),
`;`-separated, UTF-8, with a header row. Columns:

    type        org | arena
    key         stable key (a slug); never changes, also when the names do
    kind        the register's kind (`Organisation.Kind` / `Arena.Kind` value) or its short code (KINDS below)
    org         org: the parent organisation's key; arena: the organisation it belongs to
                (blank: the parent arena's organisation; `-`: none)
    parent      arena only: the parent arena's key
    name        the Norwegian (bokmål) name, or the name as used in Norway when there is no Norwegian one
    name_en     the English name (blank: the same as `name`)
    abbr        the abbreviation or acronym
    aliases     other names and spellings, separated by `|`
    start, end  first and last year (arenas; blank when not known or still running)
    countries   ISO 3166-1 alpha-2 codes separated by `|` (an organisation's country: one code)
    source      where the fact can be checked (a URL or a citation); blank: the file's `# source:` line

Lines starting with `#` are comments; `# source: …` sets the default source for the rows after it.
`read_register()` returns typed records with parents ordered before their children.
"""

import csv
import functools
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parent / "data"
COLUMNS = (
    "type", "key", "kind", "org", "parent", "name", "name_en", "abbr", "aliases", "start", "end", "countries",
    "source",
)  # fmt: skip

ORG_KINDS = {
    "INT": "international",
    "EUI": "eu_institution",
    "EUA": "eu_agency",
    "MIN": "national_ministry",
    "AGY": "national_agency",
    "NORG": "national_organisation",
    "NGO": "ngo",
    "FOREIGN": "foreign_authority",
    "NET": "network",
    "OTHER": "other",
}
ARENA_KINDS = {
    "GOV": "governing_body",
    "COM": "committee",
    "WG": "working_group",
    "EXP": "expert_group",
    "NET": "network",
    "MEET": "meeting",
    "CONF": "conference",
    "PROG": "programme",
    "JA": "joint_action",
    "PROJ": "project",
    "AGR": "agreement",
    "REP": "reporting",
    "OTHER": "other",
}


class Org(NamedTuple):
    key: str
    name: str
    name_en: str
    abbreviation: str
    kind: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None
    source: str = ""
    family: str = ""


class Ar(NamedTuple):
    key: str
    name: str
    name_en: str
    abbreviation: str
    kind: str
    organisation: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    source: str = ""
    family: str = ""


class RegisterError(ValueError):
    """A data file that does not follow the format (file, line and what is wrong)."""


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _year(value: str, where: str) -> int | None:
    if not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        raise RegisterError(f"{where}: year {value!r} is not a number") from None


def _rows(path: Path):
    """(line number, row dict, default source) for every data row of a file."""
    source = ""
    lines = path.read_text(encoding="utf-8").splitlines()
    data = []
    for number, line in enumerate(lines, start=1):
        if line.startswith("#"):
            if line[1:].strip().startswith("source:"):
                source = line[1:].strip()[len("source:") :].strip()
            continue
        if line.strip():
            data.append((number, line, source))
    if not data or tuple(data[0][1].split(";")) != COLUMNS:
        raise RegisterError(f"{path.name}: the first row must be the header {';'.join(COLUMNS)}")
    for number, line, source in data[1:]:
        values = next(csv.reader([line], delimiter=";"))
        if len(values) != len(COLUMNS):
            raise RegisterError(f"{path.name}:{number}: {len(values)} columns, expected {len(COLUMNS)}")
        yield number, dict(zip(COLUMNS, (v.strip() for v in values), strict=True)), source


def read_file(path: Path) -> tuple[list[Org], list[Ar]]:
    orgs, arenas = [], []
    family = path.stem
    for number, row, default_source in _rows(path):
        where = f"{path.name}:{number}"
        name = row["name"]
        if not row["key"] or not name:
            raise RegisterError(f"{where}: key and name are required")
        common = {
            "key": row["key"],
            "name": name,
            "name_en": row["name_en"] or name,
            "abbreviation": row["abbr"],
            "aliases": _split(row["aliases"]),
            "source": row["source"] or default_source,
            "family": family,
        }
        if row["type"] == "org":
            kind = ORG_KINDS.get(row["kind"], row["kind"])
            if kind not in ORG_KINDS.values():
                raise RegisterError(f"{where}: unknown organisation kind {row['kind']!r}")
            if row["parent"]:
                raise RegisterError(f"{where}: an organisation's parent goes in the org column")
            orgs.append(Org(kind=kind, parent=row["org"] or None, country=row["countries"] or None, **common))
        elif row["type"] == "arena":
            kind = ARENA_KINDS.get(row["kind"], row["kind"])
            if kind not in ARENA_KINDS.values():
                raise RegisterError(f"{where}: unknown arena kind {row['kind']!r}")
            arenas.append(
                Ar(
                    kind=kind,
                    organisation=row["org"] or None,
                    parent=row["parent"] or None,
                    countries=_split(row["countries"]),
                    start=_year(row["start"], where),
                    end=_year(row["end"], where),
                    **common,
                )
            )
        else:
            raise RegisterError(f"{where}: type must be org or arena, not {row['type']!r}")
    return orgs, arenas


def _parents_first(entries: list, parent_of) -> list:
    """Entries reordered so that every parent comes before its children (file order otherwise kept)."""
    by_key = {e.key: e for e in entries}
    ordered, placed, visiting = [], set(), set()

    def place(entry):
        if entry.key in placed:
            return
        if entry.key in visiting:
            raise RegisterError(f"{entry.key}: its parents lead back to itself")
        visiting.add(entry.key)
        parent = parent_of(entry)
        if parent in by_key:
            place(by_key[parent])
        visiting.discard(entry.key)
        placed.add(entry.key)
        ordered.append(entry)

    for entry in entries:
        place(entry)
    return ordered


@functools.cache
def read_register(folder: Path = DATA) -> tuple[tuple[Org, ...], tuple[Ar, ...]]:
    """Every organisation and arena in the data files, parents first. An arena without an organisation of
    its own (blank `org`) belongs to its parent arena's organisation; `-` means none."""
    orgs, arenas = [], []
    for path in sorted(folder.glob("*.csv")):
        file_orgs, file_arenas = read_file(path)
        orgs += file_orgs
        arenas += file_arenas
    orgs = _parents_first(orgs, lambda e: e.parent)
    arenas = _parents_first(arenas, lambda e: e.parent)
    resolved: dict[str, Ar] = {}
    for index, arena in enumerate(arenas):
        organisation = arena.organisation
        if organisation is None and arena.parent in resolved:
            organisation = resolved[arena.parent].organisation
        if organisation == "-":
            organisation = None
        arenas[index] = resolved[arena.key] = arena._replace(organisation=organisation)
    return tuple(orgs), tuple(arenas)


def families(folder: Path = DATA) -> dict[str, tuple[int, int]]:
    """(organisations, arenas) per family (data file)."""
    orgs, arenas = read_register(folder)
    out: dict[str, list[int]] = {}
    for entry in orgs:
        out.setdefault(entry.family, [0, 0])[0] += 1
    for entry in arenas:
        out.setdefault(entry.family, [0, 0])[1] += 1
    return {family: (n_orgs, n_arenas) for family, (n_orgs, n_arenas) in sorted(out.items())}
