"""'Mente du …?': register entries a proposed name may already be, found through the name table (every name,
English name, abbreviation and alias, normalised as the register's lookups are) — exact matches first, then
near spellings (rapidfuzz over the search's cached name list)."""

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from arena.register.models import Alias, Arena, Organisation
from arena.register.normalize import normalize_name
from arena.register.permissions import Access
from arena.register.search import alias_names

LIMIT = 6
CLOSE_SCORE = 85  # rapidfuzz ratio for a near spelling
_FIELD = {Arena: "arena", Organisation: "organisation"}


@dataclass
class Candidate:
    record: object
    matched: str  # the stored name it matched
    exact: bool


def candidates(model, names, *, access: Access, exclude_pk: int | None = None, limit: int = LIMIT):
    """Entries of `model` (Arena or Organisation) that `access` sees and that are known by one of `names`
    (name, English name, abbreviation), or by a name spelt nearly the same; exact matches first."""
    field = _FIELD[model]
    wanted = [n for n in dict.fromkeys(normalize_name(n or "") for n in names) if n]
    if not wanted:
        return []
    scores: dict[int, tuple[float, str]] = {}
    rows = Alias.objects.filter(normalized__in=wanted, **{f"{field}__isnull": False})
    for owner, name in rows.values_list(f"{field}_id", "name"):
        scores.setdefault(owner, (200, name))
    long_names = [n for n in wanted if len(n) >= 4]
    if long_names:
        every = alias_names()
        close: dict[str, float] = {}
        for query in long_names:
            for name, score, _i in process.extract(
                query, every, scorer=fuzz.ratio, score_cutoff=CLOSE_SCORE, limit=20
            ):
                close[name] = max(score, close.get(name, 0))
        rows = Alias.objects.filter(normalized__in=close, **{f"{field}__isnull": False})
        for owner, name, normalized in rows.values_list(f"{field}_id", "name", "normalized"):
            if owner not in scores or scores[owner][0] < close[normalized]:
                scores[owner] = (close[normalized], name)
    scores.pop(exclude_pk, None)
    records = access.visible(model.objects.all()).in_bulk(list(scores))
    ranked = sorted(records, key=lambda pk: (-scores[pk][0], str(records[pk])))[:limit]
    return [Candidate(records[pk], scores[pk][1], scores[pk][0] >= 200) for pk in ranked]
