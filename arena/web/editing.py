"""Create, change, history and restore for every register record — one generic set of thin views, driven by
the EDITABLE registry. Permissions come from arena.register.permissions, history and conflict detection from
arena.register.history."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from arena.register import activity_log, changes
from arena.register.changes import EditConflict, RecordLocked, RestoreError, latest_history_id
from arena.register.history import versions
from arena.register.models import Activity, Arena, Engagement, Organisation, Outlook, Person, Unit, UnitRole
from arena.web import defaults, edit_forms


@dataclass(frozen=True)
class Editable:
    model: type
    form: type
    list_url: str
    create_title: str  # the heading of the create form, with the word's own gender ("Nytt utsyn")


EDITABLE = {
    "aktiviteter": Editable(Activity, edit_forms.ActivityForm, "activity-list", _lazy("Ny aktivitet")),
    "deltakelser": Editable(Engagement, edit_forms.EngagementForm, "engagement-list", _lazy("Ny deltakelse")),
    "utsyn": Editable(Outlook, edit_forms.OutlookForm, "unit-list", _lazy("Nytt utsyn")),
    "organisasjoner": Editable(
        Organisation, edit_forms.OrganisationForm, "organisation-list", _lazy("Ny organisasjon")
    ),
    "arenaer": Editable(Arena, edit_forms.ArenaForm, "arena-list", _lazy("Ny arena")),
    "enheter": Editable(Unit, edit_forms.UnitForm, "unit-list", _lazy("Ny enhet")),
    "personer": Editable(Person, edit_forms.PersonForm, "unit-list", _lazy("Ny person")),
    "roller": Editable(UnitRole, edit_forms.UnitRoleForm, "unit-list", _lazy("Ny rolle")),
}


def _editable(section: str) -> Editable:
    try:
        return EDITABLE[section]
    except KeyError:
        raise Http404 from None


def _redirect_to(obj, spec, next_url=None):
    if next_url:
        return redirect(next_url)
    return redirect(obj.get_absolute_url()) if hasattr(obj, "get_absolute_url") else redirect(spec.list_url)


def edit(request, section: str, pk: int | None = None):
    """Create (no pk) or change a record. Refuses users without the right; refuses stale saves with both
    versions shown; stores the record and its relations as one version in one transaction."""
    spec = _editable(section)
    access = request.access
    obj = get_object_or_404(spec.model, pk=pk) if pk is not None else spec.model()
    if (pk is None and not access.can_create(spec.model)) or (pk is not None and not access.can_change(obj)):
        if pk is not None and access.is_locked(obj):
            raise RecordLocked(obj.year)  # the 403 page says why and what to do
        raise PermissionDenied
    conflict = None
    next_url = defaults.safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        form = spec.form(request.POST, instance=obj, access=access)
        if form.is_valid():
            record = form.save(commit=False)
            try:
                changes.save(
                    record,
                    by=access,
                    action=changes.WEB,
                    based_on=form.cleaned_data.get("based_on"),
                    relations=form.relations(),
                    names=form.names(),
                )
            except RecordLocked as exc:
                form.add_error(None, str(exc))
            except EditConflict as exc:
                conflict = exc.current
                form.data = form.data.copy()
                form.data["based_on"] = latest_history_id(conflict)
            else:
                messages.success(request, _("Endringene er lagret."))
                return _redirect_to(record, spec, next_url)
    else:
        initial = {"based_on": latest_history_id(obj) if pk else None}
        if pk is None:  # defaults, then e.g. ?unit=3 from the unit page's "Ny aktivitet"
            initial.update(defaults.create_initial(spec.model, spec.form, access, request.GET))
        form = spec.form(instance=obj, access=access, initial=initial)
    return render(
        request,
        "web/edit.html",
        {
            "form": form,
            "object": obj if pk else None,
            "spec": spec,
            "section": section,
            "conflict": conflict,
            "next": next_url,
            "conflict_fields": _field_values(conflict, form) if conflict else [],
        },
        status=409 if conflict else 200,
    )


def _field_values(obj, form) -> list[tuple[str, str]]:
    """The stored record's values for the form's fields, as a person reads them."""
    rows = []
    for name, field in form.fields.items():
        if name == "based_on":
            continue
        if name == "other_names":
            rows.append((field.label, ", ".join(changes.other_names(obj)) or "–"))
            continue
        model_field = obj._meta.get_field(name)
        if model_field.many_to_many:
            value = ", ".join(str(o) for o in getattr(obj, name).all())
        elif model_field.choices:
            value = getattr(obj, f"get_{name}_display")()
        else:
            value = getattr(obj, name)
        rows.append((field.label, value if value not in (None, "") else "–"))
    return rows


def history(request, section: str, pk: int):
    spec = _editable(section)
    obj = get_object_or_404(spec.model, pk=pk)
    access = request.access
    if not access.can_view_history(obj):
        raise PermissionDenied
    return render(
        request,
        "web/history.html",
        {
            "object": obj,
            "versions": versions(obj),
            "can_restore": access.can_restore(obj),
            "section": section,
            "latest": latest_history_id(obj),
            "log": activity_log.entries(obj) if access.can_view_log(obj) else [],
        },
    )


@require_POST
def restore_version(request, section: str, pk: int, history_id: int):
    spec = _editable(section)
    obj = get_object_or_404(spec.model, pk=pk)
    if not request.access.can_restore(obj):
        raise PermissionDenied
    if not obj.history.filter(history_id=history_id).exists():
        raise Http404
    try:
        based_on = int(request.POST.get("based_on", ""))
    except ValueError:
        based_on = -1  # no or garbled version: treat as stale rather than overwrite blindly
    try:
        restored = changes.restore(obj, history_id, by=request.access, based_on=based_on)
    except EditConflict:
        messages.error(request, _("Posten er endret siden du åpnet historikken. Se over og prøv igjen."))
        return redirect("record-history", section, pk)
    except RestoreError as exc:
        messages.error(
            request,
            _("Versjonen kan ikke gjenopprettes: den viser til noe som er slettet (%(field)s).")
            % {"field": exc},
        )
        return redirect("record-history", section, pk)
    messages.success(request, _("Den tidligere versjonen er gjenopprettet."))
    return _redirect_to(restored, spec)
