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

Bounded work per query, whatever the register's size: at most NAME_LIMIT names and linked arenas are considered,
the activities counted stop at COUNT_CAP (`Results.activities_capped` then says "more than"), and only the newest
few hundred matching activities are ranked. The list of all names for typo matching is kept in each process's
memory and reloaded when any name changes (`alias_names()`); substring matches on names are found in it too.
Names written without model signals (bulk inserts, raw SQL) are seen after the next change or restart.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from rapidfuzz import fuzz, process

from arena.register.models import Activity, Alias, Arena, Engagement, Organisation, Unit
from arena.register.normalize import normalize_name
from arena.register.permissions import without_pending
from arena.register.stamps import ALIAS_NAMES, memo
from arena.register.textsearch import activity_text_match

MIN_QUERY = 2
TYPO_SCORE = 85  # rapidfuzz ratio (0–100) a name must reach to count as a typo of the query
GROUP_LIMIT = 25
NAME_LIMIT = 200  # names (and arenas linked to a named organisation) considered per query
COUNT_CAP = 1000  # matching activities counted per query; beyond it the page says "more than"


@memo(ALIAS_NAMES)
def _alias_table() -> tuple[list[str], dict[str, tuple]]:
    owners: dict[str, list] = {}
    rows = Alias.objects.order_by().values_list("normalized", "organisation_id", "arena_id", "unit_id")
    for name, *owner in rows.iterator(chunk_size=5000):
        owners.setdefault(name, []).append(tuple(owner))
    return list(owners), {name: tuple(found) for name, found in owners.items()}


def alias_names() -> list[str]:
    """Every distinct normalised name, for typo matching: loaded once per process and again whenever an Alias
    row was saved or deleted (arena/register/stamps.py)."""
    return _alias_table()[0]


def alias_owners() -> dict[str, tuple[tuple[int | None, int | None, int | None], ...]]:
    """Each name of `alias_names()` → the (organisation, arena, unit) ids that carry it; kept the same way
    (about ten megabytes for forty thousand names)."""
    return _alias_table()[1]


@dataclass(frozen=True)
class ExtraGroup:
    """A result group another app adds to the search (e.g. arena.monitoring's items), registered with
    `add_group`. `find(query, words, named, access, limit)` returns Hits: `named` holds the organisation and
    arena ids the query names ({"organisation": {...}, "arena": {...}}); `access` is the searcher's `Access`,
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


def _match_aliases(query: str) -> dict[tuple[str, int], tuple[float, str]]:
    """(owner kind, owner pk) → (best score, matched name) for every alias that contains or nearly equals q."""
    found: dict[tuple[str, int], tuple[float, str]] = {}

    def keep(alias_values, score):
        name, org, arena, unit = alias_values
        for kind, pk in (("organisation", org), ("arena", arena), ("unit", unit)):
            if pk is not None and score > found.get((kind, pk), (0, ""))[0]:
                found[(kind, pk)] = (score, name)

    names, owners = _alias_table()
    # Substring matches found in the kept name list (a few milliseconds for tens of thousands of names, the
    # same on every database), the shortest first: an exact name is the shortest name containing the query.
    containing = sorted((name for name in names if query in name), key=lambda name: (len(name), name))
    for name in containing[:NAME_LIMIT]:
        for owner in owners[name]:
            keep((name, *owner), _name_score(query, name))
    if len(query) >= 4:  # typos: compare with every distinct name (cheap: tens of thousands of short strings)
        close = process.extract(query, names, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=20)
        for name, score, _ in close:
            for owner in owners[name]:
                keep((name, *owner), score * 0.75)  # below any real substring match
    return found


def _organisation_tree(root_ids: set[int]) -> set[int]:
    ids, frontier = set(root_ids), set(root_ids)
    while frontier:
        frontier = set(Organisation.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def _engagements(scores: dict, limit: int, visible) -> list[Hit]:
    """Engagements held by a unit or national partner the query names, or in an arena it names (directly)."""
    units = {pk for pk, s in scores["unit"].items() if s >= 90}
    partners = {pk for pk, s in scores["organisation"].items() if s >= 90}
    arenas = {pk for pk, s in scores["arena"].items() if s >= 80}
    if not (units or partners or arenas):
        return []
    matching = Q(unit__in=units) | Q(partner__in=partners) | Q(arena__in=arenas)
    rows = (
        visible(Engagement.objects.filter(matching))
        .select_related("unit", "partner", "arena")
        .order_by("arena__name", "role", "pk")[: limit * 4]
    )
    found = []
    for e in rows:
        score = max(
            scores["unit"].get(e.unit_id, 0),
            scores["organisation"].get(e.partner_id, 0),
            scores["arena"].get(e.arena_id, 0),
        )
        found.append(Hit(e, score + (1 if e.partner_id else 0)))
    return sorted(found, key=lambda h: -h.score)[:limit]


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
    for kind, model in (("organisation", Organisation), ("arena", Arena)):
        if scores[kind]:
            shown = set(visible(model.objects.filter(pk__in=list(scores[kind]))).values_list("pk", flat=True))
            scores[kind] = {pk: s for pk, s in scores[kind].items() if pk in shown}

    # Everything linked to an organisation that the query names (exactly or nearly): its sub-organisations,
    # their arenas, the activities on those arenas or with it as partner.
    named_orgs = {pk for pk, s in scores["organisation"].items() if s >= 90}
    linked_orgs = _organisation_tree(named_orgs) if named_orgs else set()
    why = {}
    if named_orgs:
        label = ", ".join(o.short_name for o in Organisation.objects.filter(pk__in=named_orgs))
        linked_orgs = set(
            visible(Organisation.objects.filter(pk__in=linked_orgs)).values_list("pk", flat=True)
        )
        for pk in linked_orgs - named_orgs:
            scores["organisation"].setdefault(pk, 60)
            why[("organisation", pk)] = label
        linked_arenas = visible(Arena.objects.filter(organisation__in=linked_orgs)).order_by("pk")
        for pk in linked_arenas.values_list("pk", flat=True)[:NAME_LIMIT]:
            scores["arena"].setdefault(pk, 60)
            why[("arena", pk)] = label
    named_arenas = {pk for pk, s in scores["arena"].items() if s >= 60}

    def hits(model, kind):
        objs = model.objects.in_bulk(list(scores[kind]))
        ranked = sorted(objs.values(), key=lambda o: (-scores[kind][o.pk], str(o)))
        return [Hit(o, scores[kind][o.pk], why.get((kind, o.pk), "")) for o in ranked[:limit]]

    results.units = hits(Unit, "unit")
    results.organisations = hits(Organisation, "organisation")
    results.arenas = hits(Arena, "arena")
    results.engagements = _engagements(scores, limit, visible)

    words = [w for w in query.split(" ") if len(w) >= MIN_QUERY]
    # The links are primary-key subqueries: an OR across many-to-many joins would defeat the indexes. Newest
    # first; only the first few hundred are ranked, and the count stops at COUNT_CAP.
    matching = activity_text_match(query, words)
    if named_arenas:
        matching |= Q(
            pk__in=Activity.arenas.through.objects.filter(arena__in=named_arenas).values("activity")
        )
    if linked_orgs:
        matching |= Q(
            pk__in=Activity.partners.through.objects.filter(organisation__in=linked_orgs).values("activity")
        )
    activities = Activity.objects.filter(matching)
    counted = activities.order_by()[: COUNT_CAP + 1].count()
    results.total_activities = min(counted, COUNT_CAP)
    results.activities_capped = counted > COUNT_CAP
    ranked = activities.order_by("-year", "title").only("pk", "year", "title", "search_text")[: limit * 8]
    scored = []
    for activity in ranked:
        title = normalize_name(activity.title)
        score = 50 + 10 * sum(w in title for w in words) + 5 * sum(w in activity.search_text for w in words)
        scored.append(Hit(activity, score + activity.year / 10_000))
    results.activities = sorted(scored, key=lambda h: -h.score)[:limit]
    if access is not None:
        named = {"organisation": named_orgs | linked_orgs, "arena": named_arenas}
        results.extra = [(g.name, g.find(query, words, named, access, limit)) for g in EXTRA_GROUPS]
    return results
