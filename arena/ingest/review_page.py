"""The review page's questions, as plain functions: which proposals a filter shows, how each is labelled
(role and kind labels from the models, never the stored codes; "finnes: Medlem siden 2017"), and what a
commit would write."""

import datetime

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from arena.ingest.models import ImportBatch, Proposal
from arena.ingest.proposals import engagement_label
from arena.register.models import Activity, Engagement, Unit

PAGE_SIZE = 20
FILTERS = ("type", "enhet", "status", "finnes")


def clean_filters(params) -> dict[str, str]:
    """The filter values of a query string, only the valid ones (so a bad URL shows everything)."""
    kinds = {k for k, _label in Proposal.Kind.choices}
    statuses = {s for s, _label in Proposal.Status.choices}
    out = {}
    if params.get("type") in kinds:
        out["type"] = params["type"]
    if params.get("status") in statuses:
        out["status"] = params["status"]
    if params.get("finnes") in ("ja", "nei"):
        out["finnes"] = params["finnes"]
    unit = params.get("enhet", "")
    if unit.isdigit() and len(unit) < 10:
        out["enhet"] = unit
    return out


def filtered(batch: ImportBatch, filters: dict[str, str]):
    rows = batch.proposals.select_related("unit")
    if "type" in filters:
        rows = rows.filter(kind=filters["type"])
    if "status" in filters:
        rows = rows.filter(status=filters["status"])
    if "finnes" in filters:
        rows = rows.filter(known=filters["finnes"] == "ja")
    if "enhet" in filters:
        rows = rows.filter(unit_id=int(filters["enhet"]))
    return rows.order_by("order", "pk")


def page_of(batch: ImportBatch, filters: dict[str, str], number) -> object:
    return Paginator(filtered(batch, filters), PAGE_SIZE).get_page(number)


def unit_choices() -> list[tuple[int, str]]:
    """Every unit for the unit picker, the directorate first and named as such."""
    order = {Unit.Kind.DIRECTORATE: 0, Unit.Kind.DIVISION: 1, Unit.Kind.DEPARTMENT: 2, Unit.Kind.TEAM: 3}
    units = sorted(Unit.objects.all(), key=lambda u: (order.get(u.kind, 9), u.name))
    return [(u.pk, unit_label(u)) for u in units]


def unit_label(unit: Unit | None) -> str:
    if unit is None:
        return _("Ingen enhet")
    if unit.kind == Unit.Kind.DIRECTORATE:
        return _("Direktoratet (%(abbreviation)s)") % {"abbreviation": unit.abbreviation or unit.name}
    return str(unit)


def annotate(proposals: list[Proposal]) -> list[dict]:
    """A row per proposal with what the template shows beside the payload."""
    engagement_ids = [
        (p.payload.get("existing") or {}).get("id") for p in proposals if p.kind == Proposal.Kind.ENGAGEMENT
    ]
    engagements = Engagement.objects.select_related("unit").in_bulk([i for i in engagement_ids if i])
    activity_ids = [
        (p.payload.get("existing") or {}).get("id") or p.payload.get("existing_id")
        for p in proposals
        if p.kind == Proposal.Kind.ACTIVITY
    ]
    activities = Activity.objects.in_bulk([i for i in activity_ids if i])
    merged = Activity.objects.in_bulk(
        [p.merge_pk for p in proposals if p.kind == Proposal.Kind.ACTIVITY and p.merge_pk]
    )
    rows = []
    for p in proposals:
        row = {"proposal": p, "unit_label": unit_label(p.unit)}
        if p.kind == Proposal.Kind.ENGAGEMENT:
            role = p.payload.get("register_role", "")
            row["role_label"] = Engagement.Role(role).label if role in Engagement.Role.values else role
            if p.payload.get("ends_on"):
                row["ends_on"] = datetime.date.fromisoformat(p.payload["ends_on"])
            existing = engagements.get((p.payload.get("existing") or {}).get("id"))
            if existing is not None:
                row["existing"] = existing
                row["existing_label"] = engagement_label(existing)
        elif p.kind == Proposal.Kind.ACTIVITY:
            kind = p.payload.get("kind", "")
            row["kind_label"] = Activity.Kind(kind).label if kind in Activity.Kind.values else kind
            existing_id = (p.payload.get("existing") or {}).get("id") or p.payload.get("existing_id")
            row["existing"] = activities.get(existing_id)
            row["merged_into"] = merged.get(p.merge_pk)
        rows.append(row)
    return rows


def summary(batch: ImportBatch) -> dict:
    """What a commit would write now: decided proposals by kind and decision, and how many stay open."""
    counts = {}
    for kind, status in batch.proposals.values_list("kind", "status"):
        counts[(kind, status)] = counts.get((kind, status), 0) + 1
    lines = []
    for kind, label in Proposal.Kind.choices:
        accepted = counts.get((kind, Proposal.Status.ACCEPTED), 0)
        merged = counts.get((kind, Proposal.Status.MERGED), 0)
        if accepted or merged:
            lines.append({"label": label, "accepted": accepted, "merged": merged})
    return {
        "lines": lines,
        "decided": sum(line["accepted"] + line["merged"] for line in lines),
        "pending": sum(n for (_k, s), n in counts.items() if s == Proposal.Status.PENDING),
        "rejected": sum(n for (_k, s), n in counts.items() if s == Proposal.Status.REJECTED),
        "known": sum(n for (_k, s), n in counts.items() if s == Proposal.Status.KNOWN),
    }
