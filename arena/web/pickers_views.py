"""The pickers' JSON endpoint (arena.web.pickers): `/velg/arenaer/?q=helse` → `{"results": [{id, label}]}`.
Signed-in users only (LoginRequiredMiddleware sends others to sign in; the view asks Access as well)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from arena.web.pickers import KINDS, suggest


@require_GET
def picker(request, kind: str):
    if kind not in KINDS:
        raise Http404
    if not request.access.is_authenticated:
        raise PermissionDenied
    response = JsonResponse({"results": suggest(kind, request.GET.get("q", ""), access=request.access)})
    response["Cache-Control"] = "private, no-store"
    return response
