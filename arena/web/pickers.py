"""Search-as-you-type pickers for arenas, organisations and countries on the edit forms.

`suggest(kind, query)` is the plain function behind the JSON endpoint `/velg/<kind>/?q=` (signed-in users
only, like every page): arenas and organisations are found through the name table (`Alias.normalized`, the
one normalisation every lookup uses), prefix matches before matches inside a name; countries by their bokmål
or English name or their code. At most `LIMIT` results, so the answer stays small at 20,000 arenas.
The form still posts ids, and the form field validates them on save.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from arena.register.models import Alias, Arena, Country, Organisation
from arena.register.normalize import normalize_name
from arena.register.permissions import pending_suggestions, without_pending

LIMIT = 20
MAX_QUERY = 100
KINDS = {"arenaer": Arena, "organisasjoner": Organisation, "land": Country}
KIND_OF_MODEL = {model: kind for kind, model in KINDS.items()}
_ALIAS_FIELD = {Arena: "arena", Organisation: "organisation"}


def _owner_ids(field: str, condition: Q, limit: int, seen: list[int]) -> None:
    rows = (
        Alias.objects.filter(condition, **{f"{field}__isnull": False})
        .order_by("normalized")
        .values_list(f"{field}_id", flat=True)[: limit * 4]
    )
    for pk in rows:
        if pk not in seen:
            seen.append(pk)
            if len(seen) >= limit:
                return


def suggest(kind: str, query: str, limit: int = LIMIT, access=None) -> list[dict]:
    """Up to `limit` records of `kind` ("arenaer", "organisasjoner", "land") whose name matches `query`, as
    `{"id", "label"}` — names starting with the query first. An empty query gives nothing. Arenas and
    organisations are those `access` sees (`Access.visible`: pending proposals only for their proposer and the
    coordinator; without an access, none)."""
    model = KINDS[kind]
    text = normalize_name(query[:MAX_QUERY])
    if not text:
        return []
    if model is Country:
        starts = Q(name__istartswith=text) | Q(name_en__istartswith=text) | Q(code__iexact=text)
        found = list(Country.objects.filter(starts).order_by("name")[:limit])
        if len(found) < limit:
            inside = Q(name__icontains=text) | Q(name_en__icontains=text)
            found += (
                Country.objects.filter(inside)
                .exclude(pk__in=[c.pk for c in found])
                .order_by("name")[: limit - len(found)]
            )
        return [{"id": c.pk, "label": str(c)} for c in found]
    field = _ALIAS_FIELD[model]
    ids: list[int] = []
    _owner_ids(field, Q(normalized__startswith=text), limit, ids)
    if len(ids) < limit:
        _owner_ids(field, Q(normalized__contains=text) & ~Q(normalized__startswith=text), limit, ids)
    visible = access.visible if access is not None else without_pending
    records = visible(model.objects.all()).in_bulk(ids)
    # entries still pending (the proposer's own, or any for the coordinator) are marked as proposed
    rows = pending_suggestions().filter(**{f"{field}__in": list(records)})
    pending = set(rows.values_list(f"{field}_id", flat=True)) if records else set()
    return [
        {
            "id": pk,
            "label": _("%(name)s (foreslått)") % {"name": records[pk]} if pk in pending else str(records[pk]),
        }
        for pk in ids
        if pk in records
    ]
