"""Merging a proposed activity into a stored one: what, field by field, the proposal would add.

`merge_preview(proposal, activity)` lists, for arenas, partners, countries, units, priority areas and the
description, what the proposal names and whether the stored activity has it already. The merge page shows it
with a box to tick for each addition; `review.decide(..., merge_fields=...)` keeps the ticked ones and
`review.commit` adds only those.
"""

from django.utils.translation import gettext_lazy as _

from arena.ingest.models import Proposal
from arena.register.models import Activity, Area, Unit
from arena.register.reference.frameworks import area_tag

FIELDS = (
    ("arenas", _("Arenaer og programmer")),
    ("partners", _("Samarbeidspartnere")),
    ("countries", _("Land")),
    ("units", _("Enheter")),
    ("areas", _("Satsningsområder og mål")),
)


def _entities(payload: dict, field: str) -> list[tuple[int, str]]:
    infos = payload.get("entity_info", {})
    out = []
    for ref in payload.get(field, []):
        info = infos.get(ref, {})
        if info.get("known") and info.get("pk"):  # a new name has no row to link until it is created
            out.append((info["pk"], info.get("name", "")))
    return out


def merge_preview(proposal: Proposal, activity: Activity) -> tuple[list[dict], dict]:
    """For one target: ([{"field", "label", "items": [{"value", "label", "present", "ticked"}]}],
    {"text", "present", "ticked"} for the description)."""
    payload = proposal.payload
    stored = {
        "arenas": set(activity.arenas.values_list("pk", flat=True)),
        "partners": set(activity.partners.values_list("pk", flat=True)),
        "countries": set(activity.countries.values_list("pk", flat=True)),
        "units": set(activity.units.values_list("pk", flat=True)),
        "areas": set(activity.areas.values_list("pk", flat=True)),
    }
    proposed = {name: _entities(payload, name) for name in ("arenas", "partners", "countries")}
    units = Unit.objects.in_bulk(payload.get("unit_pks", []))
    proposed["units"] = [(pk, str(units[pk])) for pk in payload.get("unit_pks", []) if pk in units]
    tags = set(payload.get("area_tags", []))
    proposed["areas"] = [
        (a.pk, a.name) for a in Area.objects.select_related("framework") if area_tag(a) in tags
    ]
    chosen = payload.get("merge_fields") or {}
    rows = []
    for name, label in FIELDS:
        items = [
            {"value": pk, "label": text, "present": pk in stored[name], "ticked": pk in chosen.get(name, [])}
            for pk, text in proposed[name]
        ]
        rows.append({"field": name, "label": label, "items": items})
    text = (payload.get("text") or "").strip()
    description = {
        "text": text,
        "present": bool(text) and text in activity.description,
        "ticked": bool(chosen.get("description")),
    }
    return rows, description


def candidates(proposal: Proposal, limit: int = 30) -> list[Activity]:
    """Stored activities of the proposal's year to merge into: the one it matches first, then its units'."""
    payload = proposal.payload
    year = payload.get("year")
    rows = Activity.objects.filter(year=year) if year else Activity.objects.none()
    if payload.get("unit_pks") and not payload.get("directorate"):
        rows = rows.filter(units__in=payload["unit_pks"])
    found = list(rows.distinct().order_by("title")[:limit])
    existing = (payload.get("existing") or {}).get("id") or payload.get("existing_id")
    if existing and all(a.pk != existing for a in found):
        match = Activity.objects.filter(pk=existing).first()
        found = [match, *found] if match else found
    elif existing:
        found.sort(key=lambda a: a.pk != existing)
    return found
