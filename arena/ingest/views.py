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
from rapidfuzz import fuzz, process

from arena.ingest import merging, review, review_page, undo
from arena.ingest.errors import DocumentError
from arena.ingest.limits import read_and_propose
from arena.ingest.linking import ENTITY_KINDS
from arena.ingest.models import ImportBatch, Proposal
from arena.ingest.readers import MAX_BYTES, check_size
from arena.ingest.review import commit, decide, store
from arena.ingest.wording import committed, undone
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


def _back(batch: ImportBatch, query: str):
    """The review page with the filters and page the user came from (kept in the URL)."""
    query = query if len(query) < 500 else ""
    return redirect(f"{batch.get_absolute_url()}?{query}" if query else batch.get_absolute_url())


def batch_detail(request, pk: int):
    """The proposals, paged and filtered (kind, unit, status, known/new; the state is in the URL), each
    beside its source text, with accept / edit / unit / reject (and merge) for the coordinator."""
    batch = get_object_or_404(ImportBatch, pk=pk)
    if request.method == "POST":
        request.access.require(request.access.can_import())
        if batch.status != ImportBatch.Status.OPEN:
            messages.error(request, _("Importen er allerede lagret i registeret."))
            return redirect(batch)
        changed = _save_decisions(request, batch)
        messages.success(request, _("Vurderingene er lagret (%(n)d forslag).") % {"n": changed})
        return _back(batch, request.POST.get("tilbake", ""))
    filters = review_page.clean_filters(request.GET)
    page = review_page.page_of(batch, filters, request.GET.get("page"))
    proposals = list(page.object_list)
    names = []
    if any(p.kind == Proposal.Kind.ENTITY for p in proposals):
        for alias_name, org, arena in Alias.objects.filter(unit__isnull=True).values_list(
            "name", "organisation_id", "arena_id"
        ):
            names.append((alias_name, "organisation" if org else "arena", org or arena))
    rows = review_page.annotate(proposals)
    for row in rows:
        proposal = row["proposal"]
        row["excerpt"] = _excerpt(batch.text, proposal.start, proposal.end)
        row["more"] = [
            {**e, "excerpt": e["text"]}
            for e in proposal.payload.get("more_evidence", [])
            if isinstance(e, dict)
        ]
        if proposal.kind == Proposal.Kind.ENTITY:
            row["candidates"] = _entity_candidates(names, proposal.payload.get("name", ""))
    may_change = request.access.can_import() and batch.status == ImportBatch.Status.OPEN
    return render(
        request,
        "ingest/batch_detail.html",
        {
            "batch": batch,
            "rows": rows,
            "page_obj": page,
            "filters": filters,
            "query": request.GET.urlencode(),
            "kinds": Proposal.Kind.choices,
            "statuses": Proposal.Status.choices,
            "units": review_page.unit_choices(),
            "summary": review_page.summary(batch),
            "may_change": may_change,
            "may_undo": request.access.can_import()
            and batch.committed_at is not None
            and batch.status != ImportBatch.Status.UNDONE,
            "log": activity_log.entries(batch) if request.access.can_view_log(batch) else [],
            "entity_kinds": [(k, ENTITY_KIND_LABELS[k]) for k in ENTITY_KINDS if k != "country"],
            "roles": Engagement.Role.choices,
            "activity_kinds": Activity.Kind.choices,
            "nav_section": "import",
        },
    )


def _save_decisions(request, batch: ImportBatch) -> int:
    """Apply the review form: one decision (and edits, the unit among them) per proposal on the page."""
    valid = {
        "kind": {k for k in ENTITY_KINDS if k != "country"} | {k for k, _ in Activity.Kind.choices},
        "register_role": {k for k, _ in Engagement.Role.choices},
    }
    ids = [
        int(key.removeprefix("decision-"))
        for key in request.POST
        if key.startswith("decision-") and key.removeprefix("decision-").isdigit()
    ][:1000]
    changed = 0
    for proposal in batch.proposals.filter(pk__in=ids).exclude(status=Proposal.Status.COMMITTED):
        action = request.POST.get(f"decision-{proposal.pk}", "")
        if action not in ("accept", "reject", "merge", "reset"):
            continue
        edits = {}
        for field in ("name", "abbreviation", "kind", "register_role", "title", "unit_pk"):
            value = request.POST.get(f"{field}-{proposal.pk}")
            if value is None:
                continue
            value = value.strip()
            if field in valid and value not in valid[field]:
                continue
            if field == "unit_pk":
                if value.isdigit() and int(value) != proposal.unit_id:
                    edits[field] = int(value)
                continue
            if value != (proposal.payload.get(field) or ""):
                edits[field] = value
        merge = None
        if action == "merge":
            model, _sep, target = request.POST.get(f"merge-{proposal.pk}", "").partition(":")
            if model in ("organisation", "arena") and target.isdigit():
                merge = (model, int(target))
            else:
                messages.error(
                    request,
                    _("Velg hvilken oppføring «%(name)s» skal slås sammen med.") % {"name": proposal.label},
                )
                continue
        try:
            decide(proposal, action, request.access, edits, merge)
        except ValueError as error:
            messages.error(request, f"{proposal.label}: {error}")
            continue
        changed += 1
    return changed


def proposal_merge(request, pk: int, proposal_pk: int):
    """Merge a proposed activity into a stored one: field by field what would be added, only the ticked."""
    batch = get_object_or_404(ImportBatch, pk=pk)
    proposal = get_object_or_404(batch.proposals, pk=proposal_pk, kind=Proposal.Kind.ACTIVITY)
    options = merging.candidates(proposal)
    chosen = request.POST.get("med") or request.GET.get("med") or (proposal.merge_pk or "")
    target = next((a for a in options if str(a.pk) == str(chosen)), options[0] if options else None)
    may_change = (
        request.access.can_import()
        and batch.status == ImportBatch.Status.OPEN
        and proposal.status != Proposal.Status.COMMITTED
    )
    if request.method == "POST":
        request.access.require(may_change)
        if target is None:
            messages.error(request, _("Velg aktiviteten forslaget skal slås sammen med."))
            return redirect("ingest-merge", batch.pk, proposal.pk)
        fields = {name: request.POST.getlist(name) for name in review.MERGE_FIELDS}
        fields["description"] = request.POST.get("description") == "1"
        decide(proposal, "merge", request.access, merge=("activity", target.pk), merge_fields=fields)
        messages.success(
            request,
            _("«%(title)s» slås sammen med «%(target)s» når importen lagres.")
            % {"title": proposal.label, "target": target.title},
        )
        return _back(batch, request.POST.get("tilbake", ""))
    preview, description = merging.merge_preview(proposal, target) if target else ([], {})
    return render(
        request,
        "ingest/proposal_merge.html",
        {
            "batch": batch,
            "proposal": proposal,
            "options": options,
            "target": target,
            "preview": preview,
            "description": description,
            "may_change": may_change,
            "query": request.GET.get("tilbake", ""),
            "nav_section": "import",
        },
    )


def batch_commit(request, pk: int):
    """Show what would be written and ask for confirmation (GET); write the accepted and merged proposals to
    the register in one transaction (POST with the confirmation)."""
    request.access.require(request.access.can_import())
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.status != ImportBatch.Status.OPEN:
        messages.error(request, _("Importen er allerede lagret i registeret."))
        return redirect(batch)
    summary = review_page.summary(batch)
    if request.method != "POST" or request.POST.get("bekreft") != "ja":
        return render(
            request,
            "ingest/batch_confirm.html",
            {"batch": batch, "summary": summary, "what": "commit", "nav_section": "import"},
        )
    counts = commit(batch, by=request.access)
    messages.success(
        request,
        committed({k: v for k, v in counts.items() if k != "aliases"}, _("Lagret i registeret: %(counts)s.")),
    )
    return redirect(batch)


def batch_undo(request, pk: int):
    """Undo a committed import as a whole through the register's history, after confirmation."""
    request.access.require(request.access.can_import())
    batch = get_object_or_404(ImportBatch, pk=pk)
    if request.method != "POST" or request.POST.get("bekreft") != "ja":
        records = undo.touched(batch) if batch.committed_at else []
        return render(
            request,
            "ingest/batch_confirm.html",
            {
                "batch": batch,
                "what": "undo",
                "created": sum(1 for r in records if r.created),
                "changed": sum(1 for r in records if not r.created),
                "nav_section": "import",
            },
        )
    try:
        counts = undo.undo(batch, by=request.access)
    except undo.UndoRefused as error:
        messages.error(request, str(error))
        return redirect(batch)
    messages.success(
        request,
        undone(counts, _("Importen er angret: %(counts)s.")),
    )
    return redirect(batch)
