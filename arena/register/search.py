"""Search the register the way people type in Norwegian.

- Infix matching on normalised text, so "beredskap" finds "legemiddelberedskap" and "helseberedskap"
  (compounds are written as one word in Norwegian).
- Names are matched through the alias table, so "Verdens helseorganisasjon" finds WHO — and then everything
  linked to it: its sub-organisations, their arenas, and the engagements and activities on those arenas.
- Engagements — who from Norway sits where — are found by their holder (a unit or a national partner such as
  FHI named by the query) and by the arena the query names: "IHR" shows "FHI – IHR (kontaktpunkt)".
- Small typos in names are forgiven (rapidfuzz over the alias names).
- Results are ranked within each group (units, organisations, arenas, engagements, activities).
The activity text match uses an index on each database (arena/register/textsearch.py: pg_trgm and `norwegian`
full text on PostgreSQL, FTS5 trigrams on SQLite).

Bounded work per query, whatever the register's size: at most NAME_LIMIT names and linked arenas are considered;
activities are followed from the arenas shown (at most GROUP_LIMIT) and those of a named organisation; only the
newest COUNT_CAP + 1 matching activities are read: those are ranked and counted (`Results.activities_capped` then
says "more than"), and only the shown ones become model instances. The list of all names for typo matching is kept
in each process's memory and reloaded when any name changes (`alias_names()`); substring matches on names are
found in it too.
Names written without model signals (bulk inserts, raw SQL) are seen after the next change or restart.
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, islice
from math import ceil, floor

from django.db import DEFAULT_DB_ALIAS
from django.db.models import OuterRef, Q, Subquery
from rapidfuzz import fuzz, process

from arena.register.models import Activity, Alias, Arena, Engagement, Organisation, Unit
from arena.register.normalize import normalize_name
from arena.register.permissions import without_pending
from arena.register.stamps import ALIAS_NAMES, memo
from arena.register.structure import kept_organisations
from arena.register.textsearch import activity_text_match

MIN_QUERY = 2
TYPO_SCORE = 85  # rapidfuzz ratio (0–100) a name must reach to count as a typo of the query
GROUP_LIMIT = 25
NAME_LIMIT = 200  # names (and arenas linked to a named organisation) considered per query
COUNT_CAP = (
    200  # the newest matching activities read, ranked and counted; beyond it the page says "more than"
)
NAME_ROW = (
    "id",
    "name",
    "abbreviation",
)  # what str() and get_absolute_url() of a unit, organisation or arena use


@dataclass(frozen=True)
class _Names:
    """The name table as search reads it: distinct normalised names, shortest first, with their owners."""

    names: list[str]  # sorted by (length, name): the first names containing the query are the best ones
    lengths: list[int]  # the length of each name, to pick those of about the query's length (typos)
    owners: dict[str, tuple[tuple[int | None, int | None, int | None], ...]]
    joined: str  # the names in order, one per line (a normalised name has no line break), for str.find
    starts: list[int]  # where each name starts in `joined`

    def containing(self, query: str):
        """The names that contain `query`, in order: found in `joined` (one scan in C, not a test per name)."""
        at = self.joined.find(query)
        while at >= 0:
            index = bisect_right(self.starts, at) - 1
            yield self.names[index]
            at = self.joined.find(query, self.starts[index] + self.lengths[index] + 1)


@memo(ALIAS_NAMES)
def _alias_table() -> _Names:
    owners: dict[str, list] = {}
    rows = Alias.objects.order_by().values_list("normalized", "organisation_id", "arena_id", "unit_id")
    for name, *owner in rows.iterator(chunk_size=5000):
        owners.setdefault(name, []).append(tuple(owner))
    names = sorted(owners, key=lambda name: (len(name), name))
    lengths = [len(name) for name in names]
    starts = list(accumulate((length + 1 for length in lengths[:-1]), initial=0))
    return _Names(
        names,
        lengths,
        {name: tuple(found) for name, found in owners.items()},
        "\n".join(names),
        starts,
    )


def alias_names() -> list[str]:
    """Every distinct normalised name, for typo matching: loaded once per process and again whenever an Alias
    row was saved or deleted (arena/register/stamps.py)."""
    return _alias_table().names


def alias_owners() -> dict[str, tuple[tuple[int | None, int | None, int | None], ...]]:
    """Each name of `alias_names()` → the (organisation, arena, unit) ids that carry it; kept the same way
    (about ten megabytes for forty thousand names)."""
    return _alias_table().owners


@dataclass(frozen=True)
class ExtraGroup:
    """A result group another app adds to the search (e.g. arena.monitoring's items), registered with
    `add_group`. `find(query, words, named, access, limit)` returns Hits: `named` holds the organisation and
    arena ids the query names ({"organisation": {...}, "arena": {...}}; the arenas are those activities are
    followed from: the ones shown and those of a named organisation); `access` is the searcher's `Access`,
    which the group must respect — without an access (a caller that has none) the group is left out."""

    name: str
    label: object  # a lazy bokmål label
    find: object


EXTRA_GROUPS: list[ExtraGroup] = []


def add_group(group: ExtraGroup) -> None:
    if all(g.name != group.name for g in EXTRA_GROUPS):
        EXTRA_GROUPS.append(group)


@dataclass
class Hit:
    obj: object
    score: float
    why: str = ""  # e.g. "knyttet til WHO"


@dataclass
class Results:
    query: str
    units: list[Hit] = field(default_factory=list)
    organisations: list[Hit] = field(default_factory=list)
    arenas: list[Hit] = field(default_factory=list)
    engagements: list[Hit] = field(default_factory=list)
    activities: list[Hit] = field(default_factory=list)
    total_activities: int = 0
    activities_capped: bool = False  # more than total_activities (= COUNT_CAP) activities match
    extra: list[tuple[str, list[Hit]]] = field(default_factory=list)  # the groups of EXTRA_GROUPS

    @property
    def groups(self):
        return [
            ("units", self.units),
            ("organisations", self.organisations),
            ("arenas", self.arenas),
            ("engagements", self.engagements),
            ("activities", self.activities),
            *self.extra,
        ]

    @property
    def is_empty(self) -> bool:
        return not any(hits for _, hits in self.groups)


def _name_score(query: str, name: str) -> float:
    if name == query:
        return 100
    if name.startswith(query):
        return 90
    if f" {query}" in f" {name}" or f"-{query}" in name:
        return 80
    return 70  # inside a word: a compound


def _typo_window(table: _Names, query: str) -> list[str]:
    """The names long or short enough to reach TYPO_SCORE: fuzz.ratio of lengths a and b is at most
    100 × (1 − |a − b| / (a + b))."""
    slack = (100 - TYPO_SCORE) / 100
    shortest = floor(len(query) * (1 - slack) / (1 + slack))
    longest = ceil(len(query) * (1 + slack) / (1 - slack))
    return table.names[bisect_left(table.lengths, shortest) : bisect_right(table.lengths, longest)]


def _match_aliases(query: str) -> dict[tuple[str, int], tuple[float, str]]:
    """(owner kind, owner pk) → (best score, matched name) for every alias that contains or nearly equals q."""
    found: dict[tuple[str, int], tuple[float, str]] = {}

    def keep(name, owners, score):
        for org, arena, unit in owners:
            for kind, pk in (("organisation", org), ("arena", arena), ("unit", unit)):
                if pk is not None and score > found.get((kind, pk), (0, ""))[0]:
                    found[(kind, pk)] = (score, name)

    table = _alias_table()
    # Substring matches, read from the kept list until NAME_LIMIT are found (the same on every database).
    # The list is sorted shortest first, and an exact name is the shortest name containing the query.
    for name in islice(table.containing(query), NAME_LIMIT):
        keep(name, table.owners[name], _name_score(query, name))
    if len(query) >= 4:  # typos
        close = process.extract(
            query, _typo_window(table, query), scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=20
        )
        for name, score, _ in close:
            keep(name, table.owners[name], score * 0.75)  # below any real substring match
    return found


def loaded(model, fields: list[str], values) -> object:
    """A `model` instance from `values` of `fields` read with values_list; the other fields load when read,
    as with QuerySet.only()."""
    given = dict(zip(fields, values, strict=True))
    names = [f.attname for f in model._meta.concrete_fields if f.attname in given]
    return model.from_db(DEFAULT_DB_ALIAS, names, [given[name] for name in names])


def _ranked(model, rows, scores: dict, why: dict, kind: str, limit: int) -> list[Hit]:
    """The best `limit` of `rows` (NAME_ROW values) by score, then by name; only those become instances."""
    ranked = sorted(rows, key=lambda row: (-scores[row[0]], model.label(row[1], row[2])))
    return [
        Hit(loaded(model, NAME_ROW, row), scores[row[0]], why.get((kind, row[0]), ""))
        for row in ranked[:limit]
    ]


def _engagements(scores: dict, limit: int, visible) -> list[Hit]:
    """Engagements held by a unit or national partner the query names, or in an arena it names (directly).
    The first limit × 4 by arena and role are ranked: read as ids, then the shown ones loaded."""
    units = {pk for pk, s in scores["unit"].items() if s >= 90}
    partners = {pk for pk, s in scores["organisation"].items() if s >= 90}
    arenas = {pk for pk, s in scores["arena"].items() if s >= 80}
    if not (units or partners or arenas):
        return []
    matching = Q(unit__among=units) | Q(partner__among=partners) | Q(arena__among=arenas)
    # The arena's name as a per-row lookup by primary key: a join made PostgreSQL hash all 20,000 arenas
    # to sort a hundred engagements (2.3 ms against 0.2–0.9).
    arena_name = Subquery(Arena.objects.filter(pk=OuterRef("arena_id")).values("name"))
    rows = (
        visible(Engagement.objects.filter(matching))
        .annotate(arena_name=arena_name)
        .order_by("arena_name", "role", "pk")
        .values_list("pk", "unit_id", "partner_id", "arena_id")[: limit * 4]
    )
    score = {}
    for pk, unit, partner, arena in rows:
        best = max(
            scores["unit"].get(unit, 0), scores["organisation"].get(partner, 0), scores["arena"].get(arena, 0)
        )
        score[pk] = best + (1 if partner else 0)
    shown = sorted(score, key=lambda pk: -score[pk])[
        :limit
    ]  # a stable sort: by arena and role within a score
    loaded = (
        Engagement.objects.order_by()  # a dict: the default ordering's sort is not needed
        .select_related("unit", "partner", "arena")
        .only(
            "role",
            "unit_id",
            "partner_id",
            "arena_id",
            *(f"{link}__{f}" for link in ("unit", "partner", "arena") for f in ("name", "abbreviation")),
        )
        .in_bulk(shown)
    )
    return [Hit(loaded[pk], score[pk]) for pk in shown if pk in loaded]


ACTIVITY_FIELDS = ["id", "year", "title"]


def _newest(matching: Q) -> list[tuple]:
    """The newest COUNT_CAP + 1 activities that match, as (id, year, title, search_text)."""
    rows = Activity.objects.filter(matching).order_by("-year", "title")
    return list(rows.values_list(*ACTIVITY_FIELDS, "search_text")[: COUNT_CAP + 1])


def search(text: str, limit: int = GROUP_LIMIT, access=None) -> Results:
    """Search units, organisations, arenas and activities; see the module docstring for the rules. With the
    searcher's `access`, the groups other apps add (EXTRA_GROUPS) are searched too, as that access allows."""
    query = normalize_name(text)
    results = Results(query=text.strip())
    if len(query) < MIN_QUERY:
        return results
    matches = _match_aliases(query)
    scores = {
        kind: {pk: s for (k, pk), (s, _) in matches.items() if k == kind}
        for kind in ("unit", "organisation", "arena")
    }
    # pending proposals (arena.suggestions) only for their proposer and the coordinator
    visible = access.visible if access is not None else without_pending
    named_ones = visible(Organisation.objects.filter(pk__among=scores["organisation"]))
    organisations = (
        {row[0]: row for row in named_ones.values_list(*NAME_ROW)} if scores["organisation"] else {}
    )
    scores["organisation"] = {pk: s for pk, s in scores["organisation"].items() if pk in organisations}

    # Everything linked to an organisation that the query names (exactly or nearly): its sub-organisations,
    # their arenas, the activities on those arenas or with it as partner.
    named_orgs = {pk for pk, s in scores["organisation"].items() if s >= 90}
    linked_orgs: set[int] = set()
    arenas: dict[int, tuple] = {}  # pk → NAME_ROW values
    why = {}
    if named_orgs:
        kept = kept_organisations()
        label = ", ".join(sorted(kept.short_names.get(pk, "") for pk in named_orgs))
        below = kept.tree.descendants(named_orgs) - set(organisations)
        if below:
            linked = visible(Organisation.objects.filter(pk__among=below)).values_list(*NAME_ROW)
            organisations.update((row[0], row) for row in linked)
        linked_orgs = named_orgs | (set(organisations) & below)
        for pk in linked_orgs - named_orgs:
            scores["organisation"].setdefault(pk, 60)
            why[("organisation", pk)] = label
        linked_arenas = visible(Arena.objects.filter(organisation__among=linked_orgs))
        for row in linked_arenas.order_by("organisation_id", "pk").values_list(*NAME_ROW)[:NAME_LIMIT]:
            arenas[row[0]] = row
            scores["arena"].setdefault(row[0], 60)
            why[("arena", row[0])] = label
    of_named_orgs = set(arenas)
    unread = [pk for pk in scores["arena"] if pk not in arenas]
    if unread:
        named = visible(Arena.objects.filter(pk__among=unread)).values_list(*NAME_ROW)
        arenas.update((row[0], row) for row in named)
    scores["arena"] = {pk: s for pk, s in scores["arena"].items() if pk in arenas}

    units = Unit.objects.filter(pk__among=scores["unit"]).values_list(*NAME_ROW) if scores["unit"] else []
    results.units = _ranked(Unit, units, scores["unit"], why, "unit", limit)
    results.organisations = _ranked(
        Organisation, organisations.values(), scores["organisation"], why, "organisation", limit
    )
    results.arenas = _ranked(Arena, arenas.values(), scores["arena"], why, "arena", limit)
    results.engagements = _engagements(scores, limit, visible)

    words = [w for w in query.split(" ") if len(w) >= MIN_QUERY]
    # The activities matching the text, and those linked to the arenas and organisations named, are read
    # apart, newest first, COUNT_CAP + 1 of each, and merged: one query with OR made PostgreSQL walk all the
    # activities in the list's order (it guesses that half the rows are linked), 300 ms for "WHO". The links
    # are one primary-key subquery, a union: an OR across many-to-many joins would defeat the indexes.
    rows = _newest(activity_text_match(query, words))
    # Activities are followed from the arenas shown and from every arena of a named organisation: a word in
    # two hundred arena names ("beredskap") names none of them.
    followed = of_named_orgs | {hit.obj.pk for hit in results.arenas}
    links = []
    if followed:
        links.append(Activity.arenas.through.objects.filter(arena__among=followed).values("activity"))
    if linked_orgs:
        links.append(
            Activity.partners.through.objects.filter(organisation__among=linked_orgs).values("activity")
        )
    if links:
        linked = Q(pk__in=links[0].union(*links[1:]) if len(links) > 1 else links[0])
        if len(rows) > COUNT_CAP:  # only linked activities at least as new as the text's oldest can count
            linked &= Q(year__gte=rows[-1][1])
        linked = _newest(linked)
        merged = {row[0]: row for row in (*rows, *linked)}
        rows = sorted(merged.values(), key=lambda row: (-row[1], row[2].casefold()))[: COUNT_CAP + 1]
    results.total_activities = min(len(rows), COUNT_CAP)
    results.activities_capped = len(rows) > COUNT_CAP
    scored = []
    for row in rows[:COUNT_CAP]:
        title = normalize_name(row[2])
        score = 50 + 10 * sum(w in title for w in words) + 5 * sum(w in row[3] for w in words)
        scored.append((score + row[1] / 10_000, row))
    scored.sort(key=lambda pair: -pair[0])
    results.activities = [
        Hit(loaded(Activity, ACTIVITY_FIELDS, row[:3]), score) for score, row in scored[:limit]
    ]
    if access is not None:
        named = {"organisation": linked_orgs, "arena": followed}
        results.extra = [(g.name, g.find(query, words, named, access, limit)) for g in EXTRA_GROUPS]
    return results
