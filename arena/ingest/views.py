"""Import pages: upload a document, review its proposals beside the source text, commit them.

Every signed-in user may look; uploading, deciding and committing need `Access.can_import()` (the
coordinator). Views stay thin: reading, proposing, storing,
deciding and committing are the plain functions of readers, proposals and review.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rapidfuzz import fuzz, process

from arena.ingest.errors import DocumentError
from arena.ingest.limits import read_and_propose
from arena.ingest.linking import ENTITY_KINDS
from arena.ingest.models import ImportBatch, Proposal
from arena.ingest.readers import MAX_BYTES, check_size
from arena.ingest.review import commit, decide, store
from arena.register import activity_log
from arena.register.models import Activity, Alias, Engagement

ENTITY_KIND_LABELS = {
    "organisation": gettext_lazy("Organisasjon"),
    "national_partner": gettext_lazy("Nasjonal samarbeidspartner"),
    "arena": gettext_lazy("Arena"),
    "programme": gettext_lazy("Program eller prosjekt"),
    "country": gettext_lazy("Land"),
}
MERGE_CANDIDATES = 6


def batch_list(request):
    """All imports, newest first, and (for the coordinator) the upload form."""
    if request.method == "POST":
        request.access.require(request.access.can_import())
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Velg en fil å importere."))
            return redirect("ingest-list")
        year = request.POST.get("year", "").strip()
        year = int(year) if year.isdigit() and len(year) == 4 else None
        try:
            check_size(upload.size)
            imported = read_and_propose(
                upload.read(),
                upload.name,
                year=year,
                title=request.POST.get("title", "").strip() or None,
                publisher=request.POST.get("publisher", "").strip()[:300] or None,
            )
            batch = store(imported.document, imported.proposals, by=request.access)
        except DocumentError as error:
            messages.error(request, str(error))
            return redirect("ingest-list")
        if batch is None:
            messages.info(request, _("Registeret har allerede alt dokumentet foreslår. Ingenting er lagret."))
            return redirect("ingest-list")
        return redirect(batch)
    batches = ImportBatch.objects.annotate(
        pending=Count("proposals", filter=Q(proposals__status=Proposal.Status.PENDING)),
        total=Count("proposals"),
    ).select_related("created_by")
    return render(
        request,
        "ingest/batch_list.html",
        {
            "batches": batches,
            "may_change": request.access.can_import(),
            "max_mb": MAX_BYTES // 1024 // 1024,
            "nav_section": "import",
        },
    )


def _excerpt(text: str, start: int | None, end: int | None) -> dict:
    """The paragraph around a span, split so the span can be highlighted."""
    if start is None or end is None:
        return {}
    left = text.rfind("\n\n", 0, start)
    right = text.find("\n\n", end)
    left = 0 if left < 0 else left + 2
    right = len(text) if right < 0 else right
    return {"before": text[left:start], "mark": text[start:end], "after": text[end:right]}


def _entity_candidates(names: list[tuple[str, str, int]], name: str) -> list[dict]:
    """Existing organisations and arenas whose names are closest to a proposed name."""
    if not names or not name:
        return []
    choices = [n for n, _model, _pk in names]
    hits = process.extract(name, choices, scorer=fuzz.WRatio, limit=MERGE_CANDIDATES * 3)
    seen, out = set(), []
    for _choice, score, index in hits:
        _n, model, pk = names[index]
        if (model, pk) in seen:
            continue
        seen.add((model, pk))
        out.append({"value": f"{model}:{pk}", "label": names[index][0], "score": round(score)})
        if len(out) >= MERGE_CANDIDATES:
            break
    return out


def batch_detail(request, pk: int):
    """Each proposal beside its source text, with accept / edit / merge / reject for the coordinator."""
    batch = get_object_or_404(ImportBatch, pk=pk)
    if request.method == "POST":
        request.access.require(request.access.can_import())
        if batch.status != ImportBatch.Status.OPEN:
            messages.error(request, _("Importen er allerede lagret i registeret."))
            return redirect(batch)
        changed = _save_decisions(request, batch)
        messages.success(request, _("Vurderingene er lagret (%(n)d forslag).") % {"n": changed})
        return redirect(batch)
    proposals = list(batch.proposals.all())
    names = []
    if any(p.kind == Proposal.Kind.ENTITY for p in proposals):
        for alias_name, org, arena in Alias.objects.filter(unit__isnull=True).values_list(
            "name", "organisation_id", "arena_id"
        ):
            names.append((alias_name, "organisation" if org else "arena", org or arena))
    rows = []
    for proposal in proposals:
        row = {"proposal": proposal, "excerpt": _excerpt(batch.text, proposal.start, proposal.end)}
        if proposal.kind == Proposal.Kind.ENTITY:
            row["candidates"] = _entity_candidates(names, proposal.payload.get("name", ""))
        elif proposal.kind == Proposal.Kind.ACTIVITY:
            row["candidates"] = [
                {"value": f"activity:{a.pk}", "label": str(a)}
                for a in Activity.objects.filter(
                    year=proposal.payload.get("year"), units__in=proposal.payload.get("unit_pks", [])
                )
                .distinct()
                .order_by("title")[:20]
            ]
        rows.append(row)
    groups = [
        (Proposal.Kind.ENTITY.label, [r for r in rows if r["proposal"].kind == Proposal.Kind.ENTITY]),
        (Proposal.Kind.ENGAGEMENT.label, [r for r in rows if r["proposal"].kind == Proposal.Kind.ENGAGEMENT]),
        (Proposal.Kind.ACTIVITY.label, [r for r in rows if r["proposal"].kind == Proposal.Kind.ACTIVITY]),
    ]
    return render(
        request,
        "ingest/batch_detail.html",
        {
            "batch": batch,
            "groups": groups,
            "may_change": request.access.can_import() and batch.status == ImportBatch.Status.OPEN,
            "log": activity_log.entries(batch) if request.access.can_view_log(batch) else [],
            "entity_kinds": [(k, ENTITY_KIND_LABELS[k]) for k in ENTITY_KINDS if k != "country"],
            "roles": Engagement.Role.choices,
            "activity_kinds": Activity.Kind.choices,
            "nav_section": "import",
        },
    )


def _save_decisions(request, batch: ImportBatch) -> int:
    """Apply the review form: one decision (and edits) per proposal."""
    valid = {
        "kind": {k for k in ENTITY_KINDS if k != "country"} | {k for k, _ in Activity.Kind.choices},
        "register_role": {k for k, _ in Engagement.Role.choices},
    }
    changed = 0
    for proposal in batch.proposals.all():
        action = request.POST.get(f"decision-{proposal.pk}", "")
        if action not in ("accept", "reject", "merge", "reset"):
            continue
        edits = {}
        for field in ("name", "abbreviation", "kind", "register_role", "title"):
            value = request.POST.get(f"{field}-{proposal.pk}")
            if value is None:
                continue
            value = value.strip()
            if field in valid and value not in valid[field]:
                continue
            if value != (proposal.payload.get(field) or ""):
                edits[field] = value
        merge = None
        if action == "merge":
            model, _sep, target = request.POST.get(f"merge-{proposal.pk}", "").partition(":")
            if model in ("organisation", "arena", "activity") and target.isdigit():
                merge = (model, int(target))
            else:
                messages.error(
                    request,
                    _("Velg hvilken oppføring «%(name)s» skal slås sammen med.") % {"name": proposal.label},
                )
                continue
        decide(proposal, action, request.access, edits, merge)
        changed += 1
    return changed


@require_POST
def batch_commit(request, pk: int):
    """Write the accepted and merged proposals to the register (one transaction)."""
    request.access.require(request.access.can_import())
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.status != ImportBatch.Status.OPEN:
        messages.error(request, _("Importen er allerede lagret i registeret."))
        return redirect(batch)
    counts = commit(batch, by=request.access)
    messages.success(
        request,
        _(
            "Lagret i registeret: %(organisations)d organisasjoner, %(arenas)d arenaer, %(engagements)d "
            "deltakelser og %(activities)d aktiviteter."
        )
        % counts,
    )
    return redirect(batch)
