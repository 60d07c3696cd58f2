"""Review: storing a document's new proposals, recording the coordinator's decisions, and committing the
accepted ones to the register in one transaction.

Only what the register does not have yet is stored (`Proposals` flags the rest `known`), so importing a
document again after its proposals were committed stores nothing. Committing is idempotent too: entries are
looked up by name before they are created, engagements by (unit or national partner, arena, role), activities
by their source span, and a committed batch cannot be committed again. A publisher's statements (another
agency's text imported with a publisher, see publisher.py) become that national partner's engagements.
"""

import datetime
from dataclasses import asdict

from django.db import transaction
from django.utils import timezone

from arena.ingest.errors import DocumentError
from arena.ingest.linking import ARENA, NATIONAL_PARTNER, ORGANISATION, PROGRAMME
from arena.ingest.models import ImportBatch, Proposal
from arena.ingest.proposals import Proposals
from arena.ingest.publisher import PUBLISHER_MODEL
from arena.register import changes
from arena.register.models import (
    Activity,
    Area,
    Arena,
    Country,
    Engagement,
    Organisation,
    SourceDocument,
    Unit,
)
from arena.register.models.base import active_in_year
from arena.register.models.names import unknown_names
from arena.register.names import find_arenas, find_organisations
from arena.register.permissions import Access
from arena.register.reference.frameworks import area_tag

# Activity-log actions (labels in arena.ingest.apps).
STORED = "ingest.batch.stored"
COMMITTED = "ingest.batch.committed"

ACTIONS = ("accept", "reject", "merge", "reset")
ENTITY_MODELS = {
    ORGANISATION: "organisation",
    NATIONAL_PARTNER: "organisation",
    ARENA: "arena",
    PROGRAMME: "arena",
}
DEFAULT_REGISTER_KIND = {
    ORGANISATION: "international",
    NATIONAL_PARTNER: "national_agency",
    ARENA: "working_group",
    PROGRAMME: "programme",
}


def _entity_summary(proposals: Proposals, ref: str) -> dict:
    entity = proposals.entity(ref)
    return {
        "ref": ref,
        "name": entity.name,
        "kind": entity.kind,
        "known": entity.known,
        "model": entity.model or ENTITY_MODELS.get(entity.kind, ""),
        "pk": entity.pk,
    }


def _evidence(link) -> dict:
    return {"text": link.evidence, "section": link.section, "span": list(link.span)}


def new_items(
    proposals: Proposals,
) -> list[tuple[str, str, dict, str, tuple[int, int] | None, bool, int | None]]:
    """(kind, ref, payload, section, span, known, unit pk) for what the document proposes: everything the
    register does not have yet, and — flagged known, so the review shows what is already there — the links and
    activities it has. The same (holder, entity, role) stated more than once is one proposal with all its
    evidence."""
    items = []
    for entity in sorted(proposals.entities, key=lambda e: -e.score):  # the likely new names first
        if not entity.known and entity.kind != "country":
            first = entity.spans[0] if entity.spans else None
            items.append((Proposal.Kind.ENTITY, entity.ref, asdict(entity), "", first, False, None))
    seen: dict[tuple, dict] = {}
    national: dict[int, bool] = {}
    for link in proposals.links:
        holder_pk = link.holder_pk if link.holder == PUBLISHER_MODEL else link.unit_pk
        key = (link.holder, holder_pk, link.entity_ref, link.register_role)
        if not link.engagement or holder_pk is None:
            continue
        if key in seen:  # grouped: one proposal with every sentence that says it
            more = seen[key]["more_evidence"]
            for evidence in [_evidence(link), *link.more_evidence]:
                if evidence["text"] != seen[key]["evidence"] and evidence not in more:
                    more.append(evidence)
            continue
        if link.holder == PUBLISHER_MODEL:
            if holder_pk not in national:  # only a national partner can hold an engagement beside the units
                national[holder_pk] = _national_partner(holder_pk) is not None
            if not national[holder_pk]:
                continue
        payload = {**asdict(link), "entity_info": _entity_summary(proposals, link.entity_ref)}
        seen[key] = payload
        unit_pk = link.unit_pk if link.holder != PUBLISHER_MODEL else None
        items.append(
            (Proposal.Kind.ENGAGEMENT, link.ref, payload, link.section, link.span, link.known, unit_pk)
        )
    for activity in proposals.activities:
        payload = asdict(activity)
        payload["entity_info"] = {ref: _entity_summary(proposals, ref) for ref in activity.entity_refs}
        unit_pk = activity.unit_pks[0] if activity.unit_pks else None
        items.append(
            (
                Proposal.Kind.ACTIVITY,
                activity.ref,
                payload,
                activity.section,
                activity.span,
                activity.known,
                unit_pk,
            )
        )
    return items


def _national_partner(pk) -> Organisation | None:
    return Organisation.objects.filter(pk=pk, kind__in=Organisation.NATIONAL_KINDS).first() if pk else None


def store(document, proposals: Proposals, by) -> ImportBatch | None:
    """Store a batch with the document's new proposals for review; None if there is nothing new."""
    access = Access.of(by)
    access.require(access.can_import())
    open_batch = ImportBatch.objects.filter(sha256=document.sha256, status=ImportBatch.Status.OPEN).first()
    if open_batch is not None:
        raise DocumentError(f"Dette dokumentet venter allerede på gjennomgang (import nr. {open_batch.pk}).")
    items = new_items(proposals)
    if not any(not known for *_rest, known, _unit in items):
        return None
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            file_name=document.name[:255],
            title=(document.title or document.name)[:300],
            year=proposals.document.get("year"),
            format=document.format,
            sha256=document.sha256,
            text=document.text,
            sections=proposals.document.get("sections", []),
            created_by=access.acting_user,
        )
        units = set(Unit.objects.filter(pk__in={u for *_rest, u in items if u}).values_list("pk", flat=True))
        Proposal.objects.bulk_create(
            Proposal(
                batch=batch,
                kind=kind,
                ref=ref,
                order=order,
                payload=payload,
                known=known,
                status=Proposal.Status.KNOWN if known else Proposal.Status.PENDING,
                unit_id=unit_pk if unit_pk in units else None,
                section=section[:300],
                start=span[0] if span else None,
                end=span[1] if span else None,
            )
            for order, (kind, ref, payload, section, span, known, unit_pk) in enumerate(items)
        )
        new = sum(1 for *_rest, known, _unit in items if not known)
        changes.log(STORED, batch, by=access, proposals=new, known=len(items) - new, file=batch.file_name)
    return batch


# --- decisions -------------------------------------------------------------------------------------------

EDITABLE = {
    Proposal.Kind.ENTITY: ("name", "abbreviation", "kind", "register_kind"),
    Proposal.Kind.ENGAGEMENT: ("register_role", "unit_pk"),
    Proposal.Kind.ACTIVITY: ("title", "kind", "unit_pk"),
}
MERGE_FIELDS = ("arenas", "partners", "countries", "units", "areas")


def _set_unit(proposal: Proposal, unit: Unit) -> None:
    """Credit an engagement or activity proposal to another unit (the review's unit picker)."""
    payload = proposal.payload
    short = unit.abbreviation or unit.name
    directorate = unit.kind == Unit.Kind.DIRECTORATE
    if proposal.kind == Proposal.Kind.ENGAGEMENT:
        payload.update(unit=short, unit_pk=unit.pk, directorate=directorate)
    else:
        pks = [unit.pk] + [pk for pk in payload.get("unit_pks", [])[1:] if pk != unit.pk]
        names = dict(zip(payload.get("unit_pks", []), payload.get("units", []), strict=False))
        names[unit.pk] = short
        payload.update(unit=short, unit_pks=pks, units=[names[pk] for pk in pks], directorate=directorate)
    proposal.unit = unit


def decide(
    proposal: Proposal,
    action: str,
    by,
    edits: dict | None = None,
    merge=None,
    merge_fields: dict | None = None,
) -> Proposal:
    """Record the coordinator's decision on one proposal: accept (optionally with edits, the unit among
    them), merge into an existing register entry (`merge` = (model, pk); for an activity `merge_fields` says
    what to add: {"arenas": [pk…], "partners", "countries", "units", "areas", "description": bool}), reject,
    or reset to undecided. A proposal already committed cannot be decided again; the batch's other proposals
    stay open after a partial commit."""
    access = Access.of(by)
    access.require(access.can_import())
    if not ImportBatch.objects.filter(pk=proposal.batch_id, status=ImportBatch.Status.OPEN).exists():
        raise ValueError("Importen er allerede lagret i registeret.")
    if Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.COMMITTED).exists():
        raise ValueError("Forslaget er allerede lagret i registeret.")
    if action not in ACTIONS:
        raise ValueError(f"Ukjent handling: {action}")
    if action == "merge" and not merge:
        raise ValueError("Velg hvilken oppføring forslaget skal slås sammen med.")
    edits = {k: v for k, v in (edits or {}).items() if k in EDITABLE[proposal.kind] and v not in (None, "")}
    unit_pk = edits.pop("unit_pk", None)
    if unit_pk is not None:
        unit = Unit.objects.filter(pk=unit_pk).first() if str(unit_pk).isdigit() else None
        if unit is None:
            raise ValueError("Velg en enhet som finnes.")
        current = proposal.payload.get("unit_pk") or (proposal.payload.get("unit_pks") or [None])[0]
        if unit.pk != current:
            _set_unit(proposal, unit)
            edits["unit"] = unit.abbreviation or unit.name
    if edits:
        edited = sorted(set(proposal.payload.get("edited", [])) | set(edits))
        proposal.payload = {**proposal.payload, **edits, "edited": edited}
    if action == "merge" and proposal.kind == Proposal.Kind.ACTIVITY:
        fields = merge_fields or {}
        chosen = {
            name: sorted({int(v) for v in fields.get(name, []) if str(v).isdigit()}) for name in MERGE_FIELDS
        }
        chosen["description"] = bool(fields.get("description"))
        proposal.payload = {**proposal.payload, "merge_fields": chosen}
    proposal.status = {
        "accept": Proposal.Status.KNOWN if proposal.known else Proposal.Status.ACCEPTED,
        "reject": Proposal.Status.REJECTED,
        "merge": Proposal.Status.MERGED,
        "reset": Proposal.Status.KNOWN if proposal.known else Proposal.Status.PENDING,
    }[action]
    if proposal.known and proposal.kind == Proposal.Kind.ENGAGEMENT and action == "accept":
        proposal.status = Proposal.Status.KNOWN  # the register has it: nothing to write
    proposal.merge_model, proposal.merge_pk = merge if action == "merge" else ("", None)
    proposal.decided_by = access.acting_user
    proposal.decided_at = timezone.now()
    proposal.save()
    return proposal


# --- commit ----------------------------------------------------------------------------------------------


def _source(batch: ImportBatch):
    """The batch's source document: found by checksum or by title and year (then given the checksum), or
    made. What was done is remembered on the batch, so `undo` can put it back."""
    if batch.source_id is not None:
        return batch.source
    source = SourceDocument.objects.filter(sha256=batch.sha256).first()
    if source is None:
        source = SourceDocument.objects.filter(title=batch.title, year=batch.year).first()
        if source is not None and not source.sha256:
            source.sha256 = batch.sha256
            source.save(update_fields=["sha256"])
            batch.source_sha256_set = True
    if source is None:
        batch.source_created = True
        kind = (
            SourceDocument.Kind.ANNUAL_REPORT
            if "årsmelding" in batch.title.lower() or "arsmelding" in batch.title.lower()
            else SourceDocument.Kind.OTHER
        )
        source = SourceDocument.objects.create(
            title=batch.title, year=batch.year, kind=kind, sha256=batch.sha256
        )
    return source


def _model(name: str):
    return {"organisation": Organisation, "arena": Arena}[name]


def _add_names(entity, names, access: Access, action: str) -> None:
    """Give an existing entity the names it is not yet known by, as one version (none if nothing is new)."""
    new = unknown_names(entity, names)
    if new:
        changes.save(entity, by=access, action=action, add_names=new)


def _create_entity(payload: dict, access: Access, action: str):
    """An Organisation or Arena for an accepted entity proposal (an existing one of that name is reused)."""
    kind = payload.get("kind", ARENA)
    model_name = ENTITY_MODELS.get(kind, "arena")
    register_kind = payload.get("register_kind") or DEFAULT_REGISTER_KIND.get(kind, "other")
    name = payload["name"].strip()
    abbreviation = (payload.get("abbreviation") or "").strip()
    finder = find_organisations if model_name == "organisation" else find_arenas
    existing = finder(name).first() or (finder(abbreviation).first() if abbreviation else None)
    if existing is not None:
        _add_names(existing, [m for m in payload.get("mentions", []) if m != name], access, action)
        return existing
    model = Organisation if model_name == "organisation" else Arena
    valid_kinds = {value for value, _label in model.Kind.choices}
    if register_kind not in valid_kinds:
        register_kind = "other"
    fields = {"name": name[:300], "kind": register_kind}
    if abbreviation and not model.objects.filter(kind=register_kind, abbreviation=abbreviation).exists():
        fields["abbreviation"] = abbreviation[:40]
    parent_model, parent_pk = payload.get("parent_model"), payload.get("parent_pk")
    if parent_pk:
        if model is Organisation and parent_model == "organisation":
            fields["parent"] = Organisation.objects.filter(pk=parent_pk).first()
        elif model is Arena and parent_model == "organisation":
            fields["organisation"] = Organisation.objects.filter(pk=parent_pk).first()
        elif model is Arena and parent_model == "arena":
            fields["parent"] = Arena.objects.filter(pk=parent_pk).first()
    entity = model(**fields)
    changes.save(
        entity,
        by=access,
        action=action,
        add_names=[m for m in payload.get("mentions", []) if m != name],
        validate=True,
    )
    return entity


def _resolve(info: dict, resolved: dict):
    """The register row an entity summary in a payload stands for, or None (a rejected new entity)."""
    if info.get("known") and info.get("pk"):
        model = {"organisation": Organisation, "arena": Arena, "country": Country}.get(info.get("model"))
        return model.objects.filter(pk=info["pk"]).first() if model else None
    return resolved.get(info.get("ref"))


def _activity_merge(activity: Activity, payload: dict, access: Access, action: str) -> bool:
    """Add to a stored activity only what the coordinator ticked (see `merge_preview`); False if nothing."""
    fields = payload.get("merge_fields") or {}
    models = {"arenas": Arena, "partners": Organisation, "countries": Country, "units": Unit, "areas": Area}
    add = {
        name: list(models[name].objects.filter(pk__in=fields.get(name) or []))
        for name in MERGE_FIELDS
        if fields.get(name)
    }
    text = (payload.get("text") or "").strip()
    describe = bool(fields.get("description")) and text and text not in activity.description
    if not any(add.values()) and not describe:
        return False
    if describe:
        activity.description = f"{activity.description.rstrip()}\n\n{text}".strip()
    changes.save(activity, by=access, action=action, add_relations=add, validate=True)
    return True


def _end(p: Proposal, access: Access, action: str) -> Engagement | None:
    """An accepted end of a stored engagement (the document says it ended): its end date set, one version."""
    ends_on = p.payload.get("ends_on")
    engagement_id = (p.payload.get("existing") or {}).get("id")
    if not ends_on or not engagement_id:
        return None
    engagement = Engagement.objects.filter(pk=engagement_id).first()
    if engagement is None:
        return None
    if engagement.ends_on is None:
        engagement.ends_on = datetime.date.fromisoformat(ends_on)
        changes.save(engagement, by=access, action=action, validate=True)
    return engagement


def commit(batch: ImportBatch, by) -> dict[str, int]:
    """Write the batch's accepted and merged proposals to the register, all in one transaction, through the
    register's write path: one version per record touched, attributed to `by`, labelled with the import.

    Proposals not yet decided stay open for review (a partial commit); the batch is committed once none is
    left. Returns counts of what was created and changed. Committing a committed or undone batch changes
    nothing.
    """
    access = Access.of(by)
    access.require(access.can_import())
    counts = {
        "organisations": 0,
        "arenas": 0,
        "aliases": 0,
        "engagements": 0,
        "activities": 0,
        "merged": 0,
        "ended": 0,
    }
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportBatch.Status.OPEN:
            return counts
        action = f"{changes.IMPORT}:{batch.pk}"
        proposals = list(batch.proposals.all())
        decided = (Proposal.Status.ACCEPTED, Proposal.Status.MERGED)
        if not any(p.status in decided for p in proposals):
            return counts
        source = _source(batch)
        resolved: dict[str, object] = {
            p.ref: _model(p.result_model).objects.filter(pk=p.result_pk).first()
            for p in proposals
            if p.kind == Proposal.Kind.ENTITY and p.status == Proposal.Status.COMMITTED and p.result_pk
        }
        for p in (p for p in proposals if p.kind == Proposal.Kind.ENTITY and p.status in decided):
            if p.status == Proposal.Status.MERGED:
                target = _model(p.merge_model).objects.get(pk=p.merge_pk)
                names = [p.payload["name"], p.payload.get("abbreviation", ""), *p.payload.get("mentions", [])]
                _add_names(target, [n for n in names if n], access, action)
                counts["aliases"] += 1
            else:
                target = _create_entity(p.payload, access, action)
                counts["arenas" if isinstance(target, Arena) else "organisations"] += 1
            resolved[p.ref] = target
            p.result_model, p.result_pk = type(target).__name__.lower(), target.pk
        areas = {area_tag(a): a for a in Area.objects.select_related("framework")}
        for p in (p for p in proposals if p.kind == Proposal.Kind.ENGAGEMENT and p.status in decided):
            arena = _resolve(p.payload["entity_info"], resolved)
            if p.payload.get("holder") == PUBLISHER_MODEL:  # the publisher's own: a national partner's seat
                holder = {"partner": _national_partner(p.payload.get("holder_pk"))}
            else:
                holder = {"unit": Unit.objects.filter(pk=p.payload.get("unit_pk")).first()}
            if not isinstance(arena, Arena) or None in holder.values():
                continue
            role = p.payload["register_role"]
            ended = _end(p, access, action)
            if ended is not None:
                counts["ended"] += 1
                p.result_model, p.result_pk = "engagement", ended.pk
                continue
            stored = Engagement.objects.filter(**holder, arena=arena, role=role)
            stored = stored.filter(active_in_year(batch.year)) if batch.year else stored.filter(ends_on=None)
            engagement = stored.first()
            if engagement is None:
                engagement = Engagement(
                    **holder,
                    arena=arena,
                    role=role,
                    starts_on=datetime.date(batch.year, 1, 1) if batch.year else None,
                    source=source,
                    source_section=p.section,
                    source_start=p.start,
                    source_end=p.end,
                    note=p.payload.get("evidence", "")[:1000],
                )
                changes.save(engagement, by=access, action=action, validate=True)
                counts["engagements"] += 1
            p.result_model, p.result_pk = "engagement", engagement.pk
        for p in (p for p in proposals if p.kind == Proposal.Kind.ACTIVITY and p.status in decided):
            payload = p.payload
            if p.status == Proposal.Status.MERGED:
                activity = Activity.objects.get(pk=p.merge_pk)
                counts["merged"] += _activity_merge(activity, payload, access, action)
                p.result_model, p.result_pk = "activity", activity.pk
                continue
            infos = payload.get("entity_info", {})
            rows = {ref: _resolve(infos.get(ref, {}), resolved) for ref in payload.get("entity_refs", [])}
            links = {
                name: [rows[r] for r in payload.get(name, []) if rows.get(r) is not None]
                for name in ("arenas", "partners", "countries")
            }
            activity = Activity.objects.filter(
                source=source, source_start=p.start, source_end=p.end, year=payload["year"]
            ).first()
            if activity is None:
                activity = Activity(
                    year=payload["year"] or batch.year,
                    title=payload["title"][:300],
                    description=payload.get("text", ""),
                    kind=payload.get("kind", Activity.Kind.PARTICIPATION),
                    source=source,
                    source_section=p.section,
                    source_start=p.start,
                    source_end=p.end,
                )
                tags = [t for t in payload.get("area_tags", []) if t in areas]
                hod = [t for t in tags if t.startswith("hod:")]
                activity.main_area = areas[hod[0]] if hod else None
                activity.full_clean()
                relations = {
                    "units": list(Unit.objects.filter(pk__in=payload.get("unit_pks", []))),
                    "areas": [areas[t] for t in tags],
                    **links,
                }
                changes.save(activity, by=access, action=action, relations=relations)
                counts["activities"] += 1
            p.result_model, p.result_pk = "activity", activity.pk
        for p in proposals:
            if p.status in decided:
                p.status = Proposal.Status.COMMITTED
                p.save(update_fields=["status", "result_model", "result_pk"])
        left = sum(1 for p in proposals if p.status == Proposal.Status.PENDING)
        if not left:
            batch.status = ImportBatch.Status.COMMITTED
        batch.source = source
        batch.committed_by = access.acting_user
        batch.committed_at = timezone.now()
        batch.save(
            update_fields=[
                "status",
                "source",
                "committed_by",
                "committed_at",
                "source_created",
                "source_sha256_set",
            ]
        )
        changes.log(COMMITTED, batch, by=access, left=left, **counts)
    return counts
