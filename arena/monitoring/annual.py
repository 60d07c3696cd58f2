"""A chapter of the annual report summarising the year's monitoring: the situations followed, how many items
(open to everyone — the annual report is public) per topic and per country, and the situation reports issued.

Built as the reporting app's document model (a `Chapter`); the monitoring app registers it with
`reporting.builder.add_chapter_source`, so the annual report has it whenever the year has open items.
"""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _

from arena.monitoring.models import AccessLevel, MonitoringItem, Situation, SituationReportVersion
from arena.reporting.document import BulletList, Chapter, ListItem, Paragraph, Section, Table

TOP_COUNTRIES = 15


def monitoring_chapter(year: int) -> Chapter | None:
    """The chapter for `year`, or None when nothing was logged that year."""
    items = MonitoringItem.objects.filter(date__year=year, access_level=AccessLevel.EVERYONE)
    total = items.count()
    if not total:
        return None
    ids = items.values("pk")
    topics = (
        MonitoringItem.topics.through.objects.filter(monitoringitem__in=ids)
        .values("topic__name")
        .annotate(n=Count("monitoringitem", distinct=True))
        .order_by("-n", "topic__name")
    )
    countries = (
        MonitoringItem.countries.through.objects.filter(monitoringitem__in=ids)
        .values("country__name")
        .annotate(n=Count("monitoringitem", distinct=True))
        .order_by("-n", "country__name")[:TOP_COUNTRIES]
    )
    situations = Situation.objects.filter(items_in_year(year)).distinct()
    issued = (
        SituationReportVersion.objects.filter(status="done", report__starts_on__year=year)
        .select_related("report")
        .order_by("report__starts_on", "version")
    )
    sections = [
        Section(
            id="folgemed-tema",
            title=_("Notiser etter tema"),
            blocks=[
                Table(
                    caption=_("Notiser per tema %(year)d") % {"year": year},
                    columns=[_("Tema"), _("Notiser")],
                    rows=[[row["topic__name"], str(row["n"])] for row in topics],
                    numeric=(1,),
                )
            ],
        ),
        Section(
            id="folgemed-land",
            title=_("Notiser etter land"),
            blocks=[
                Table(
                    caption=_("Landene med flest notiser %(year)d") % {"year": year},
                    columns=[_("Land"), _("Notiser")],
                    rows=[[row["country__name"], str(row["n"])] for row in countries],
                    numeric=(1,),
                )
            ],
        ),
    ]
    if issued:
        sections.append(
            Section(
                id="folgemed-rapporter",
                title=_("Situasjonsrapporter"),
                blocks=[BulletList(items=[ListItem(text=str(v)) for v in issued])],
            )
        )
    intro = _(
        "I %(year)d registrerte vi %(total)d notiser om hvordan andre land og organisasjoner arbeider."
    ) % {
        "year": year,
        "total": total,
    }
    blocks = [Paragraph(intro)]
    if situations:
        blocks.append(
            BulletList(title=_("Situasjoner vi fulgte"), items=[ListItem(text=s.name) for s in situations])
        )
    return Chapter(
        id="folgemed", title=_("Følge med: det vi lærte av andre"), blocks=blocks, sections=sections
    )


def items_in_year(year: int):
    from django.db.models import Q

    return Q(starts_on__year__lte=year) & (Q(ends_on__isnull=True) | Q(ends_on__year__gte=year))
