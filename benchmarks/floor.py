"""The benchmark's floor: for each measured page, a bare view that runs that page's main SQL query and renders a
minimal template — what the page would cost with nothing else on it. Used only by benchmarks/web_latency.py,
which serves it beside the real pages: that server runs with `DJANGO_SETTINGS_MODULE=floor_settings` (the real
settings with this module as URL configuration), benchmarks/ on the path.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

PAGE = 50

TEMPLATE = (
    "<!doctype html><title>floor</title><ul>{% for row in rows %}<li>{{ row.0 }} {{ row.1 }}</li>"
    "{% endfor %}</ul>"
)


_compiled = []


def _render(request, queryset):
    if not _compiled:  # compiled once per process, like the real pages' cached template loader
        _compiled.append(engines["django"].from_string(TEMPLATE))
    return HttpResponse(_compiled[0].render({"rows": list(queryset)}, request))


def _offset(request) -> int:
    return (max(1, int(request.GET.get("page") or 1)) - 1) * PAGE


def activity_list(request):
    from arena.register.models import Activity

    rows = Activity.objects.order_by("-year", "title")
    if request.GET.get("year"):
        rows = rows.filter(year=int(request.GET["year"]))
    off = _offset(request)
    return _render(request, rows.values_list("pk", "title")[off : off + PAGE])


def arena_list(request):
    from arena.register.models import Arena

    off = _offset(request)
    return _render(request, Arena.objects.order_by("name").values_list("pk", "name")[off : off + PAGE])


def engagement_list(request):
    from arena.register.models import Engagement

    rows = Engagement.objects.order_by("arena__name").values_list("pk", "arena__name")
    if request.GET.get("unit"):
        rows = rows.filter(unit=int(request.GET["unit"]))
    return _render(request, rows[:PAGE])


def search(request):
    from arena.register.models import Activity
    from arena.register.normalize import normalize_name

    word = normalize_name(request.GET.get("q", ""))
    rows = Activity.objects.filter(search_text__contains=word).order_by("-year", "title")
    return _render(request, rows.values_list("pk", "title")[:25])


def activity_detail(request, pk):
    from arena.register.models import Activity

    return _render(request, Activity.objects.filter(pk=pk).values_list("title", "description"))


def arena_detail(request, pk):
    from arena.register.models import Arena

    return _render(request, Arena.objects.filter(pk=pk).values_list("name", "kind"))


def calendar_month(request):
    import datetime

    from arena.agenda.models import Meeting

    year, month = int(request.GET.get("year") or 2021), int(request.GET.get("month") or 1)
    first = datetime.datetime(year, month, 1, tzinfo=datetime.UTC)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    rows = Meeting.objects.filter(starts_at__gte=first, starts_at__lt=following)
    return _render(request, rows.order_by("starts_at").values_list("pk", "name"))


def calendar_list(request):
    import datetime

    from arena.agenda.models import Meeting

    start = datetime.date.fromisoformat(request.GET.get("from") or "2021-01-01")
    rows = Meeting.objects.filter(
        starts_at__date__gte=start, starts_at__date__lt=start + datetime.timedelta(120)
    )
    return _render(request, rows.order_by("starts_at").values_list("pk", "name")[:PAGE])


def invitation_list(request):
    from arena.invitations.models import Invitation

    rows = Invitation.objects.order_by("-received_at")
    if request.GET.get("status"):
        rows = rows.filter(status=request.GET["status"])
    off = _offset(request)
    return _render(request, rows.values_list("pk", "subject")[off : off + PAGE])


def monitoring_list(request):
    from arena.monitoring.models import MonitoringItem

    off = _offset(request)
    rows = MonitoringItem.objects.order_by("-date", "-pk").values_list("pk", "title")
    return _render(request, rows[off : off + PAGE])


def api_list(model_path: str, field: str):
    """The API list's floor: the first page (by id, as the API's cursor) as JSON."""

    def view(request):
        from django.apps import apps
        from django.http import JsonResponse

        model = apps.get_model(model_path)
        rows = model.objects.order_by("pk").values("pk", field)[:PAGE]
        return JsonResponse({"results": list(rows)})

    return view


urlpatterns = [
    path("_floor/agenda/", calendar_month),
    path("_floor/agenda/liste/", calendar_list),
    path("_floor/invitasjoner/", invitation_list),
    path("_floor/folge-med/", monitoring_list),
    path("_floor/api/v1/activities/", api_list("register.Activity", "title")),
    path("_floor/api/v1/arenas/", api_list("register.Arena", "name")),
    path("_floor/api/v1/meetings/", api_list("agenda.Meeting", "name")),
    path("_floor/api/v1/invitations/", api_list("invitations.Invitation", "subject")),
    path("_floor/api/v1/monitoring-items/", api_list("monitoring.MonitoringItem", "title")),
    path("_floor/aktiviteter/", activity_list),
    path("_floor/arenaer/", arena_list),
    path("_floor/deltakelser/", engagement_list),
    path("_floor/sok/", search),
    path("_floor/aktiviteter/<int:pk>/", activity_detail),
    path("_floor/arenaer/<int:pk>/", arena_detail),
    path("", include("arena.urls")),
]
