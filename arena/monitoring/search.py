"""The monitoring items' group in the register's search (arena.register.search.EXTRA_GROUPS): items whose
title or summary holds every word of the query, or whose source is an organisation or arena the query names —
only those the searcher's `Access.monitoring_items` allows."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arena.monitoring.models import MonitoringItem
from arena.register.search import ExtraGroup, Hit, add_group, loaded
from arena.register.textsearch import occurs


def find_items(query: str, words: list[str], named: dict, access, limit: int) -> list[Hit]:
    if not words:
        return []
    text = Q()
    for word in words[:10]:
        text &= occurs(word, "title", "icontains") | occurs(word, "summary", "icontains")
    # The text's matches and the named sources' items are read apart and merged, as for activities: in one
    # query with OR, PostgreSQL tested every item's title and summary in date order ("EU": 110 ms).
    fields = ["id", "date", "title"]

    def newest(condition):
        rows = access.monitoring_items(MonitoringItem.objects.filter(condition)).order_by("-date", "-pk")
        return list(rows.values_list(*fields)[: limit * 4])

    rows = newest(text)
    sources = Q()
    if named.get("organisation"):
        sources |= Q(source_organisation__among=named["organisation"])
    if named.get("arena"):
        sources |= Q(source_arena__among=named["arena"])
    if sources:
        merged = {row[0]: row for row in (*rows, *newest(sources))}
        rows = sorted(merged.values(), key=lambda row: (row[1], row[0]), reverse=True)[: limit * 4]
    scored = []
    for row in rows:
        title = row[2].casefold()
        scored.append((50 + 10 * sum(w in title for w in words) + row[1].toordinal() / 10_000_000, row))
    scored.sort(key=lambda pair: -pair[0])
    return [Hit(loaded(MonitoringItem, fields, row), score) for score, row in scored[:limit]]


def register() -> None:
    add_group(ExtraGroup(name="monitoring_items", label=_("Følge med-notiser"), find=find_items))
