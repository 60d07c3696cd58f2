"""`{% learned_at arena %}`: what the monitoring log learned at an arena (its newest items the reader may see),
for the arena's page."""

from django import template

from arena.monitoring.models import MonitoringItem

register = template.Library()

LIMIT = 10


@register.inclusion_tag("monitoring/includes/learned_at.html", takes_context=True)
def learned_at(context, arena):
    access = context.get("access")
    items = []
    if access is not None and access.can_view_monitoring():
        items = list(
            access.monitoring_items(MonitoringItem.objects.filter(source_arena=arena)).order_by(
                "-date", "-pk"
            )[:LIMIT]
        )
    return {"items": items, "arena": arena}
