"""The open datasets: what of the register may be published, one plain function per dataset.

Public are the outside world and the directorate's part in it: organisations, arenas, the directorate's units
(its organisation chart, which the sign-in page shows too), which unit takes part in which arena in what role
and period (engagements), and the titles of each year's activities with their units and arenas. Never
published: people and their roles, user accounts, notes and descriptions (free text that may name people),
provenance, the reporting cycle, imports, and any row a model marks as restricted (a boolean field named
`restricted`, should a model get one).

Each dataset is a `Dataset` with its columns and a `rows()` generator of plain dicts (lists for the columns
that hold several values), so the same rows feed the CSV and JSON files, the web views and the command line.
Rows are read in primary-key chunks, so a large register is never held in memory at once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db.models import Max, Min, QuerySet
from django.utils import translation

from arena.register.models import Activity, Arena, Engagement, Organisation, Unit
from arena.register.permissions import without_pending

CHUNK = 2000


@dataclass(frozen=True)
class Dataset:
    """One open dataset: a stable key (file name), titles and descriptions in bokmål and English, its
    columns, the register models it is made from (for its modified date), and its rows."""

    key: str
    title_nb: str
    title_en: str
    description_nb: str
    description_en: str
    keywords_nb: tuple[str, ...]
    keywords_en: tuple[str, ...]
    columns: tuple[str, ...]
    list_columns: frozenset[str]
    models: tuple
    build: Callable[[], Iterator[dict]]
    themes: tuple[str, ...] = ("GOVE",)
    temporal: Callable[[], tuple[datetime.date, datetime.date] | None] | None = field(default=None)

    def rows(self) -> Iterator[dict]:
        return self.build()

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_nb

    def description(self, language: str) -> str:
        return self.description_en if language == "en" else self.description_nb

    def modified(self) -> datetime.date | None:
        """The day the data last changed: the newest version (create, change or delete) of any of its models
        in the register's history; None if the history is empty (e.g. data restored from a raw backup)."""
        latest = [m.history.model.objects.aggregate(v=Max("history_date"))["v"] for m in self.models]
        latest = [d for d in latest if d is not None]
        return max(latest).astimezone(datetime.UTC).date() if latest else None


def public(queryset: QuerySet) -> QuerySet:
    """Leave out rows marked restricted, for any model that has such a flag, and proposed organisations and
    arenas the coordinator has not yet accepted (arena.suggestions)."""
    names = {f.name for f in queryset.model._meta.get_fields()}
    queryset = without_pending(queryset)
    return queryset.filter(restricted=False) if "restricted" in names else queryset


def _chunks(queryset: QuerySet, fields: list[str]) -> Iterator[list[dict]]:
    """`queryset.values(*fields)` in primary-key order, CHUNK rows at a time (keyset pagination)."""
    last = 0
    queryset = queryset.order_by("pk")
    while True:
        chunk = list(queryset.filter(pk__gt=last).values("pk", *fields)[:CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1]["pk"]


def _labels(choices) -> tuple[dict, dict]:
    """A choice field's labels in bokmål and English."""
    with translation.override("nb"):
        nb = {value: str(label) for value, label in choices}
    with translation.override("en"):
        en = {value: str(label) for value, label in choices}
    return nb, en


def _date(value) -> str:
    return value.isoformat() if value else ""


def _related(through, owner: str, other: str, ids: list[int], value: str | None = None) -> dict[int, list]:
    """{owner id: sorted related ids (or `value`s)} for one chunk of owners, through an m2m table."""
    result: dict[int, list] = defaultdict(list)
    rows = through.objects.filter(**{f"{owner}__in": ids}).values_list(owner, value or other)
    for owner_id, other_id in rows:
        result[owner_id].append(other_id)
    return {k: sorted(v) for k, v in result.items()}


# The builders


def organisation_rows() -> Iterator[dict]:
    nb, en = _labels(Organisation.Kind.choices)
    fields = ["key", "name", "name_en", "abbreviation", "kind", "parent_id", "country__code", "website"]
    for chunk in _chunks(public(Organisation.objects.all()), fields):
        for o in chunk:
            yield {
                "id": o["pk"],
                "key": o["key"] or "",
                "name": o["name"],
                "name_en": o["name_en"],
                "abbreviation": o["abbreviation"],
                "kind": o["kind"],
                "kind_label": nb.get(o["kind"], o["kind"]),
                "kind_label_en": en.get(o["kind"], o["kind"]),
                "parent_id": o["parent_id"] or "",
                "country": o["country__code"] or "",
                "website": o["website"],
            }


def arena_rows() -> Iterator[dict]:
    nb, en = _labels(Arena.Kind.choices)
    fields = ["key", "name", "name_en", "abbreviation", "kind", "organisation_id", "parent_id"]
    fields += ["starts_on", "ends_on", "website"]
    for chunk in _chunks(public(Arena.objects.all()), fields):
        countries = _related(
            Arena.countries.through, "arena_id", "country_id", [a["pk"] for a in chunk], "country__code"
        )
        for a in chunk:
            yield {
                "id": a["pk"],
                "key": a["key"] or "",
                "name": a["name"],
                "name_en": a["name_en"],
                "abbreviation": a["abbreviation"],
                "kind": a["kind"],
                "kind_label": nb.get(a["kind"], a["kind"]),
                "kind_label_en": en.get(a["kind"], a["kind"]),
                "organisation_id": a["organisation_id"] or "",
                "parent_id": a["parent_id"] or "",
                "starts_on": _date(a["starts_on"]),
                "ends_on": _date(a["ends_on"]),
                "countries": countries.get(a["pk"], []),
                "website": a["website"],
            }


def unit_rows() -> Iterator[dict]:
    nb, en = _labels(Unit.Kind.choices)
    fields = ["key", "name", "name_en", "abbreviation", "kind", "parent_id"]
    for chunk in _chunks(public(Unit.objects.all()), fields):
        for u in chunk:
            yield {
                "id": u["pk"],
                "key": u["key"] or "",
                "name": u["name"],
                "name_en": u["name_en"],
                "abbreviation": u["abbreviation"],
                "kind": u["kind"],
                "kind_label": nb.get(u["kind"], u["kind"]),
                "kind_label_en": en.get(u["kind"], u["kind"]),
                "parent_id": u["parent_id"] or "",
            }


def engagement_rows() -> Iterator[dict]:
    nb, en = _labels(Engagement.Role.choices)
    queryset = public(Engagement.objects.filter(unit__in=public(Unit.objects.all())))
    queryset = queryset.filter(arena__in=public(Arena.objects.all()))
    fields = ["unit_id", "unit__name", "unit__abbreviation", "arena_id", "arena__name", "arena__abbreviation"]
    fields += ["role", "starts_on", "ends_on"]
    for chunk in _chunks(queryset, fields):
        for e in chunk:
            yield {
                "id": e["pk"],
                "unit_id": e["unit_id"],
                "unit_name": e["unit__name"],
                "unit_abbreviation": e["unit__abbreviation"],
                "arena_id": e["arena_id"],
                "arena_name": e["arena__name"],
                "arena_abbreviation": e["arena__abbreviation"],
                "role": e["role"],
                "role_label": nb.get(e["role"], e["role"]),
                "role_label_en": en.get(e["role"], e["role"]),
                "starts_on": _date(e["starts_on"]),
                "ends_on": _date(e["ends_on"]),
            }


def activity_rows() -> Iterator[dict]:
    nb, en = _labels(Activity.Kind.choices)
    public_units = set(public(Unit.objects.all()).values_list("pk", flat=True))
    public_arenas = set(public(Arena.objects.all()).values_list("pk", flat=True))
    for chunk in _chunks(public(Activity.objects.all()), ["year", "title", "kind"]):
        ids = [a["pk"] for a in chunk]
        units = _related(Activity.units.through, "activity_id", "unit_id", ids)
        arenas = _related(Activity.arenas.through, "activity_id", "arena_id", ids)
        for a in chunk:
            yield {
                "id": a["pk"],
                "year": a["year"],
                "title": a["title"],
                "kind": a["kind"],
                "kind_label": nb.get(a["kind"], a["kind"]),
                "kind_label_en": en.get(a["kind"], a["kind"]),
                "unit_ids": [u for u in units.get(a["pk"], []) if u in public_units],
                "arena_ids": [r for r in arenas.get(a["pk"], []) if r in public_arenas],
            }


def activity_years() -> tuple[datetime.date, datetime.date] | None:
    span = public(Activity.objects.all()).aggregate(first=Min("year"), last=Max("year"))
    if span["first"] is None:
        return None
    return datetime.date(span["first"], 1, 1), datetime.date(span["last"], 12, 31)


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        key="organisasjoner",
        title_nb="Organisasjoner i det internasjonale samarbeidet",
        title_en="Organisations in the international cooperation",
        description_nb=(
            "Internasjonale organisasjoner, EU-institusjoner og -byråer, nasjonale partnere og nettverk som "
            "direktoratet samarbeider med, med norsk og engelsk navn, forkortelse, type, overordnet "
            "organisasjon og land."
        ),
        description_en=(
            "International organisations, EU institutions and agencies, national partners and networks the "
            "directorate works with: Norwegian and English name, abbreviation, kind, parent organisation and "
            "country."
        ),
        keywords_nb=("internasjonalt samarbeid", "organisasjoner"),
        keywords_en=("international cooperation", "organisations"),
        columns=(
            "id",
            "key",
            "name",
            "name_en",
            "abbreviation",
            "kind",
            "kind_label",
            "kind_label_en",
            "parent_id",
            "country",
            "website",
        ),
        list_columns=frozenset(),
        models=(Organisation,),
        build=organisation_rows,
    ),
    Dataset(
        key="arenaer",
        title_nb="Arenaer og programmer",
        title_en="Arenas and programmes",
        description_nb=(
            "Styrende organer, komiteer, arbeidsgrupper, nettverk, programmer og prosjekter der det "
            "internasjonale helsesamarbeidet foregår, med organisasjon, periode og land."
        ),
        description_en=(
            "Governing bodies, committees, working groups, networks, programmes and projects where the "
            "international health cooperation takes place, with organisation, period and countries."
        ),
        keywords_nb=("internasjonalt samarbeid", "arenaer", "programmer"),
        keywords_en=("international cooperation", "arenas", "programmes"),
        columns=(
            "id",
            "key",
            "name",
            "name_en",
            "abbreviation",
            "kind",
            "kind_label",
            "kind_label_en",
            "organisation_id",
            "parent_id",
            "starts_on",
            "ends_on",
            "countries",
            "website",
        ),
        list_columns=frozenset({"countries"}),
        models=(Arena,),
        build=arena_rows,
        themes=("HEAL", "GOVE"),
    ),
    Dataset(
        key="enheter",
        title_nb="Direktoratets enheter",
        title_en="The directorate's units",
        description_nb="Divisjoner, avdelinger og team i direktoratet, med overordnet enhet.",
        description_en="Divisions, departments and teams of the directorate, with their parent unit.",
        keywords_nb=("organisasjonskart", "enheter"),
        keywords_en=("organisation chart", "units"),
        columns=(
            "id",
            "key",
            "name",
            "name_en",
            "abbreviation",
            "kind",
            "kind_label",
            "kind_label_en",
            "parent_id",
        ),
        list_columns=frozenset(),
        models=(Unit,),
        build=unit_rows,
    ),
    Dataset(
        key="deltakelser",
        title_nb="Deltakelse i internasjonale arenaer",
        title_en="Participation in international arenas",
        description_nb=(
            "Hvilken enhet i direktoratet som deltar i hvilken arena, i hvilken rolle (deltaker, leder, "
            "nasjonalt kontaktpunkt, medlem, observatør, styremedlem) og i hvilken periode."
        ),
        description_en=(
            "Which unit of the directorate takes part in which arena, in what role (participant, lead, "
            "national contact point, member, observer, board member) and for what period."
        ),
        keywords_nb=("internasjonalt samarbeid", "deltakelse", "roller"),
        keywords_en=("international cooperation", "participation", "roles"),
        columns=(
            "id",
            "unit_id",
            "unit_name",
            "unit_abbreviation",
            "arena_id",
            "arena_name",
            "arena_abbreviation",
            "role",
            "role_label",
            "role_label_en",
            "starts_on",
            "ends_on",
        ),
        list_columns=frozenset(),
        models=(Engagement, Unit, Arena),
        build=engagement_rows,
        themes=("HEAL", "GOVE"),
    ),
    Dataset(
        key="aktiviteter",
        title_nb="Internasjonale aktiviteter per år",
        title_en="International activities by year",
        description_nb=(
            "Titlene på årets internasjonale aktiviteter (møteserier, bidrag, lederverv, prosjekter, "
            "arrangementer), med type, ansvarlige enheter og arenaer."
        ),
        description_en=(
            "The titles of each year's international activities (meeting series, contributions, lead roles, "
            "projects, events), with kind, responsible units and arenas."
        ),
        keywords_nb=("internasjonalt samarbeid", "aktiviteter", "årsmelding"),
        keywords_en=("international cooperation", "activities", "annual report"),
        columns=("id", "year", "title", "kind", "kind_label", "kind_label_en", "unit_ids", "arena_ids"),
        list_columns=frozenset({"unit_ids", "arena_ids"}),
        models=(Activity,),
        build=activity_rows,
        themes=("HEAL", "GOVE"),
        temporal=activity_years,
    ),
)

BY_KEY = {d.key: d for d in DATASETS}
