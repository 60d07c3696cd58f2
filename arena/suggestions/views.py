"""Pages of proposed register entries: propose (a page, or a dialog from an edit form's picker), the list,
one proposal with the coordinator's accept / merge / reject. Thin: the work is in service.py and merging.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena.register import activity_log
from arena.suggestions import merging, service
from arena.suggestions.duplicates import candidates
from arena.suggestions.forms import FORMS, DecisionForm, MergeForm
from arena.suggestions.models import Suggestion
from arena.web import defaults


def _label(record) -> str:
    return _("%(name)s (foreslått)") % {"name": record}


def propose(request, kind: str):
    """GET: the form (`?navn=` fills in the name; `?fragment=1` gives the form alone, for the picker's dialog).
    POST: on valid input, first the "Mente du …?" candidates, then — confirmed — the proposal. From the dialog
    the answer is JSON {id, label} for the picker to choose."""
    form_class = FORMS.get(kind)
    if form_class is None:
        raise Http404
    access = request.access
    if not access.can_propose_entry():
        raise PermissionDenied
    model = form_class._meta.model
    fragment = (request.GET.get("fragment") or request.POST.get("fragment")) == "1"
    next_url = defaults.safe_next(request, request.POST.get("next") or request.GET.get("next"))
    found = []
    if request.method == "POST":
        form = form_class(request.POST, instance=model(), access=access)
        if form.is_valid():
            found = candidates(model, form.names(), access=access)
            if not found or request.POST.get("confirmed") == "1":
                try:
                    suggestion = service.propose(form.instance, by=access, reason=form.cleaned_data["reason"])
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    record = suggestion.record
                    if fragment:
                        label = str(record) if not suggestion.is_pending else _label(record)
                        return JsonResponse({"id": record.pk, "label": label})
                    messages.success(
                        request, _("Forslaget er sendt til koordinator. Du kan bruke det allerede nå.")
                    )
                    return redirect(next_url or suggestion.get_absolute_url())
    else:
        form = form_class(
            instance=model(), access=access, initial={"name": request.GET.get("navn", "")[:300]}
        )
    context = {"form": form, "kind": kind, "candidates": found, "fragment": fragment, "next": next_url}
    context["title"] = _("Foreslå en ny arena") if kind == "arenaer" else _("Foreslå en ny organisasjon")
    template = "suggestions/includes/propose_form.html" if fragment else "suggestions/propose.html"
    return render(request, template, context)


def suggestion_list(request):
    """The coordinator: every pending proposal, then the latest decided. A contact: their own proposals."""
    access = request.access
    if not access.can_propose_entry():
        raise PermissionDenied
    rows = service.visible_suggestions(access)
    context = {
        "pending": list(rows.filter(status=Suggestion.Status.PENDING).order_by("proposed_at", "pk")),
        "decided": list(rows.exclude(status=Suggestion.Status.PENDING).order_by("-decided_at", "-pk")[:50]),
        "can_decide": access.can_decide_suggestions(),
    }
    return render(request, "suggestions/list.html", context)


def _suggestion(request, pk: int) -> Suggestion:
    return get_object_or_404(service.visible_suggestions(request.access), pk=pk)


def suggestion_detail(request, pk: int):
    suggestion = _suggestion(request, pk)
    access = request.access
    record = suggestion.record
    can_decide = access.can_decide_suggestions() and suggestion.is_pending and record is not None
    found, references = [], []
    if record is not None:
        references = merging.references(record)
        if can_decide:
            names = [record.name, record.name_en, record.abbreviation]
            found = candidates(type(record), names, access=access, exclude_pk=record.pk)
    initial = {"target": found[0].record.pk} if found else {}
    context = {
        "suggestion": suggestion,
        "record": record,
        "references": references,
        "candidates": found,
        "can_decide": can_decide,
        "decision_form": DecisionForm(),
        "merge_form": MergeForm(record=record, initial=initial) if can_decide else None,
        "log": activity_log.entries(suggestion),
    }
    return render(request, "suggestions/detail.html", context)


def _decide(request, pk: int, decide, done: str):
    suggestion = _suggestion(request, pk)
    request.access.require(request.access.can_decide_suggestions())
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        decide(suggestion, by=request.access, comment=comment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("suggestion-detail", pk=suggestion.pk)


@require_POST
def accept(request, pk: int):
    return _decide(request, pk, service.accept, _("Forslaget er godtatt og er nå en vanlig oppføring."))


@require_POST
def reject(request, pk: int):
    return _decide(request, pk, service.reject, _("Forslaget er avvist og fjernet fra registeret."))


@require_POST
def merge(request, pk: int):
    """First a preview of what would move to the chosen entry; then, confirmed, the merge."""
    suggestion = _suggestion(request, pk)
    access = request.access
    access.require(access.can_decide_suggestions())
    record = suggestion.record
    if not suggestion.is_pending or record is None:
        messages.error(request, _("Forslaget er allerede avgjort."))
        return redirect("suggestion-detail", pk=suggestion.pk)
    form = MergeForm(request.POST, record=record)
    if not form.is_valid():
        context = {"suggestion": suggestion, "record": record, "form": form, "references": []}
        return render(request, "suggestions/merge.html", context, status=400)
    target = form.cleaned_data["target"]
    if request.POST.get("confirm") != "1":
        names = [n for n in (record.name, record.name_en, record.abbreviation) if n]
        context = {
            "suggestion": suggestion,
            "record": record,
            "form": form,
            "target": target,
            "references": merging.references(record),
            "names": names,
        }
        return render(request, "suggestions/merge.html", context)
    try:
        merging.merge(suggestion, into=target, by=access, comment=form.cleaned_data["comment"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("suggestion-detail", pk=suggestion.pk)
    messages.success(request, _("Forslaget er slått sammen med %(target)s.") % {"target": target})
    return redirect(target.get_absolute_url())
