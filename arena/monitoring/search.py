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
    condition = text
    if named.get("organisation"):
        condition |= Q(source_organisation__among=named["organisation"])
    if named.get("arena"):
        condition |= Q(source_arena__among=named["arena"])
    # read as values; only the shown ones become (partly loaded) model instances
    fields = ["id", "date", "title"]
    rows = access.monitoring_items(MonitoringItem.objects.filter(condition)).order_by("-date", "-pk")
    scored = []
    for row in rows.values_list(*fields)[: limit * 4]:
        title = row[2].casefold()
        scored.append((50 + 10 * sum(w in title for w in words) + row[1].toordinal() / 10_000_000, row))
    scored.sort(key=lambda pair: -pair[0])
    return [Hit(loaded(MonitoringItem, fields, row), score) for score, row in scored[:limit]]


def register() -> None:
    add_group(ExtraGroup(name="monitoring_items", label=_("Følge med-notiser"), find=find_items))
