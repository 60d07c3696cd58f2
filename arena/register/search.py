"""Search the register the way people type in Norwegian.

- Infix matching on normalised text, so "beredskap" finds "legemiddelberedskap" and "helseberedskap"
  (compounds are written as one word in Norwegian).
- Names are matched through the alias table, so "Verdens helseorganisasjon" finds WHO — and then everything
  linked to it: its sub-organisations, their arenas, and the engagements and activities on those arenas.
- Small typos in names are forgiven (rapidfuzz over the alias names).
- Results are ranked within each group (units, organisations, arenas, activities).
Behaves the same on SQLite and PostgreSQL; PostgreSQL uses trigram indexes to make the infix match fast.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from rapidfuzz import fuzz, process

from arena.register.models import Activity, Alias, Arena, Organisation, Unit
from arena.register.normalize import normalize_name

MIN_QUERY = 2
TYPO_SCORE = 85  # rapidfuzz ratio (0–100) a name must reach to count as a typo of the query
GROUP_LIMIT = 25


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
    activities: list[Hit] = field(default_factory=list)
    total_activities: int = 0

    @property
    def groups(self):
        return [
            ("units", self.units),
            ("organisations", self.organisations),
            ("arenas", self.arenas),
            ("activities", self.activities),
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

    columns = ("normalized", "organisation_id", "arena_id", "unit_id")
    for values in Alias.objects.filter(normalized__contains=query).values_list(*columns):
        keep(values, _name_score(query, values[0]))
    if len(query) >= 4:  # typos: compare with every distinct name (cheap: tens of thousands of short strings)
        names = list(Alias.objects.order_by().values_list("normalized", flat=True).distinct())
        close = process.extract(query, names, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=20)
        for name, score, _ in close:
            for values in Alias.objects.filter(normalized=name).values_list(*columns):
                keep(values, score * 0.75)  # below any real substring match
    return found


def _organisation_tree(root_ids: set[int]) -> set[int]:
    ids, frontier = set(root_ids), set(root_ids)
    while frontier:
        frontier = set(Organisation.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def search(text: str, limit: int = GROUP_LIMIT) -> Results:
    """Search units, organisations, arenas and activities; see the module docstring for the rules."""
    query = normalize_name(text)
    results = Results(query=text.strip())
    if len(query) < MIN_QUERY:
        return results
    matches = _match_aliases(query)
    scores = {
        kind: {pk: s for (k, pk), (s, _) in matches.items() if k == kind}
        for kind in ("unit", "organisation", "arena")
    }

    # Everything linked to an organisation that the query names (exactly or nearly): its sub-organisations,
    # their arenas, the activities on those arenas or with it as partner.
    named_orgs = {pk for pk, s in scores["organisation"].items() if s >= 90}
    linked_orgs = _organisation_tree(named_orgs) if named_orgs else set()
    why = {}
    if named_orgs:
        label = ", ".join(o.short_name for o in Organisation.objects.filter(pk__in=named_orgs))
        for pk in linked_orgs - named_orgs:
            scores["organisation"].setdefault(pk, 60)
            why[("organisation", pk)] = label
        for pk in Arena.objects.filter(organisation__in=linked_orgs).values_list("pk", flat=True):
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

    words = [w for w in query.split(" ") if len(w) >= MIN_QUERY]
    text_match = Q()
    for word in words:
        text_match &= Q(search_text__contains=word)
    # Each way of matching is its own primary-key subquery: an OR across many-to-many joins would defeat the
    # indexes. Newest first; only the first few hundred are ranked (the count says how many there are).
    matching = Q(pk__in=Activity.objects.filter(text_match).values("pk")) if words else Q(pk__in=[])
    if named_arenas:
        matching |= Q(
            pk__in=Activity.arenas.through.objects.filter(arena__in=named_arenas).values("activity")
        )
    if linked_orgs:
        matching |= Q(
            pk__in=Activity.partners.through.objects.filter(organisation__in=linked_orgs).values("activity")
        )
    activities = Activity.objects.filter(matching)
    results.total_activities = activities.count()
    ranked = activities.order_by("-year", "-pk").only("pk", "year", "title", "search_text")[: limit * 8]
    scored = []
    for activity in ranked:
        title = normalize_name(activity.title)
        score = 50 + 10 * sum(w in title for w in words) + 5 * sum(w in activity.search_text for w in words)
        scored.append(Hit(activity, score + activity.year / 10_000))
    results.activities = sorted(scored, key=lambda h: -h.score)[:limit]
    return results
