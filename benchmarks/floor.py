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


urlpatterns = [
    path("_floor/aktiviteter/", activity_list),
    path("_floor/arenaer/", arena_list),
    path("_floor/deltakelser/", engagement_list),
    path("_floor/sok/", search),
    path("_floor/aktiviteter/<int:pk>/", activity_detail),
    path("_floor/arenaer/<int:pk>/", arena_detail),
    path("", include("arena.urls")),
]
