"""The item table's rows, worked out once per page in plain Python (as arena/web/listing.py does for the
register's lists): dates formatted once per day, countries read as values through the link table with their
links made once per country, labels translated once per page — the template only writes strings."""

from django.urls import reverse

from arena.monitoring.models import AccessLevel, MonitoringItem, SourceKind
from arena.register.language import DayFormat, choice_labels, is_english, name_in
from arena.urlcache import reverse_id

# What the table reads of an item and of its source organisation or arena (their str()): nothing else is loaded,
# so a page of 50 items does not read their texts or the sources' descriptions.
COLUMNS = (
    "id",
    "date",
    "title",
    "source_kind",
    "source_text",
    "access_level",
    "source_organisation__name",
    "source_organisation__abbreviation",
    "source_arena__name",
    "source_arena__abbreviation",
)


def item_rows(items) -> list[dict]:
    """One dict per item (objects with their source organisation and arena loaded) for
    monitoring/includes/item_table.html."""
    items = list(items)
    english = is_english()
    countries: dict[int, list[tuple[str, str]]] = {}
    links: dict[str, str] = {}
    through = MonitoringItem.countries.through
    rows = (
        through.objects.filter(monitoringitem__in=[item.pk for item in items])
        .order_by("country__name")
        .values_list("monitoringitem_id", "country__code", "country__name", "country__name_en")
    )
    for item_id, code, name, name_en in rows:
        if code not in links:
            links[code] = reverse("monitoring-country", args=[code])
        countries.setdefault(item_id, []).append((links[code], name_in(name, name_en, english)))
    kinds = choice_labels(SourceKind)
    day = DayFormat("j. M Y")
    result = []
    for item in items:
        source = item.source_organisation or item.source_arena
        result.append(
            {
                "iso_date": item.date.isoformat(),
                "date": day(item.date),
                "url": reverse_id("monitoring-item", item.pk),
                "title": item.title,
                "countries": countries.get(item.pk, []),
                "source": (str(source) if source else item.source_text) or kinds.get(item.source_kind, ""),
                "restricted": item.access_level == AccessLevel.TEAM,
            }
        )
    return result
