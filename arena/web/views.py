"""Read-only pages of the register: the home page, a list and a detail page for units, organisations,
arenas, engagements and activities, and a person's page.

Every view requires a signed-in user (LoginRequiredMiddleware). List querysets load their related rows with
select_related/prefetch_related so a page costs the same number of queries however many rows it shows.
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from arena.register import figures
from arena.register.models import (
    Activity,
    Alias,
    Area,
    Arena,
    Country,
    Engagement,
    Organisation,
    Person,
    Unit,
)
from arena.register.permissions import pending_suggestions
from arena.register.search import EXTRA_GROUPS, search
from arena.register.structure import UNIT_KINDS, unit_kind_order
from arena.register.years import activity_years
from arena.web import listing
from arena.web.filters import (
    FILTERSETS,
    ActivityFilterSet,
    ArenaFilterSet,
    EngagementFilterSet,
    OrganisationFilterSet,
    UnitFilterSet,
)
from arena.web.pagination import page_of

PAGE_SIZE = 50
EXPORTS = {filterset: name for name, filterset in FILTERSETS.items()}  # the API resource of each list
LATEST_YEARS = 5

UNIT_GROUP_LABELS = {
    Unit.Kind.DIRECTORATE: _("Direktorat"),
    Unit.Kind.DIVISION: _("Divisjoner"),
    Unit.Kind.DEPARTMENT: _("Avdelinger"),
    Unit.Kind.TEAM: _("Team og programmer"),
}


def _with_counts(objects, **counts):
    """Set `attribute` on each object to the number of `model` rows whose `field` points at it, for
    `attribute=(model, field)`: one grouped query per count over just these objects (no per-row subquery)."""
    objects = list(objects)
    pks = [o.pk for o in objects]
    for attribute, (model, field) in counts.items():
        rows = model.objects.filter(**{f"{field}__in": pks}).order_by().values(field).annotate(n=Count("pk"))
        found = {row[field]: row["n"] for row in rows}
        for o in objects:
            setattr(o, attribute, found.get(o.pk, 0))
    return objects


def _other_names(aliases):
    """The entity's names other than its canonical bokmål name (shown as the page heading)."""
    return aliases.exclude(kind=Alias.Kind.NAME)


def _areas(queryset):
    return queryset.select_related("framework")


def _list(request, template: str, filterset_class, queryset, counts=None, rows=None, **context):
    """A filtered list page of PAGE_SIZE rows; `counts` (attribute=(model, field)) are attached to the page's
    rows only; `rows` (a function of arena/web/listing.py) turns them into what the template writes (`rows`)."""
    filterset = filterset_class(request.GET, queryset=queryset)
    page = page_of(request, filterset.qs, PAGE_SIZE)
    objects = _with_counts(page.object_list, **counts) if counts else page.object_list
    if rows is not None:
        context["rows"] = rows(objects)
    query = request.GET.copy()
    query.pop("page", None)
    suffix = f"?{query.urlencode()}" if query else ""
    export = EXPORTS[filterset_class]
    exports = [
        (label, reverse(f"api-{export}-export", args=[fmt]) + suffix)
        for fmt, label in (("csv", "CSV"), ("xlsx", "Excel"), ("json", "JSON"))
    ]
    return render(
        request,
        template,
        {"form": filterset.form, "page_obj": page, "objects": objects, "exports": exports, **context},
    )


def _unit_groups():
    """The directorate's units grouped by kind (directorate, divisions, departments, teams)."""
    units = Unit.objects.select_related("parent").order_by(unit_kind_order(), "name")
    groups = {kind: [] for kind in UNIT_KINDS}
    for unit in units:
        groups.setdefault(unit.kind, []).append(unit)
    return [
        {"kind": kind, "label": UNIT_GROUP_LABELS.get(kind, kind), "units": members}
        for kind, members in groups.items()
        if members
    ]


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico on their own (pages link the SVG icon)."""
    return redirect(static("arena/favicon.svg"))


@login_not_required
def home(request):
    """The start page. Signed-out visitors get the sign-in page here (no redirect), with the organisation's
    units as public context; everything else in the register needs a signed-in user."""
    if not request.user.is_authenticated:
        return LoginView.as_view(extra_context={"public_unit_groups": _unit_groups(), "next": "/"})(request)
    unit_groups = _unit_groups()
    years = Activity.objects.order_by("-year").values("year").annotate(count=Count("pk"))[:LATEST_YEARS]
    counts = [
        (_("Enheter"), "unit-list", Unit.objects.count()),
        (_("Organisasjoner"), "organisation-list", Organisation.objects.count()),
        (_("Arenaer"), "arena-list", Arena.objects.count()),
        (_("Deltakelser"), "engagement-list", Engagement.objects.count()),
        (_("Aktiviteter"), "activity-list", Activity.objects.count()),
    ]
    return render(
        request,
        "web/home.html",
        {"counts": counts, "unit_groups": unit_groups, "activity_years": list(years)},
    )


# Units


def unit_list(request):
    queryset = Unit.objects.select_related("parent").order_by(unit_kind_order(), "name")
    counts = {"engagement_count": (Engagement, "unit"), "activity_count": (Activity.units.through, "unit")}
    return _list(request, "web/unit_list.html", UnitFilterSet, queryset, counts)


def unit_detail(request, pk: int):
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=pk)
    context = {
        "unit": unit,
        "children": unit.children.order_by(unit_kind_order(), "name"),
        "other_names": _other_names(unit.aliases.all()),
        "roles": unit.roles.select_related("person").order_by("role", "person__family_name"),
        "engagements": request.access.visible(unit.engagements.select_related("arena__organisation"))
        .prefetch_related("people")
        .order_by("arena__name", "role"),
        "activities": listing.activity_rows(_activities(unit.activities), units=False),
        "outlooks": unit.outlooks.prefetch_related("arenas", Prefetch("areas", _areas(Area.objects.all()))),
    }
    return render(request, "web/unit_detail.html", context)


def person_detail(request, pk: int):
    """A person: their roles in units (current and past), the engagements they are named on; other apps add
    theirs through template tags (the agenda: meetings attended and briefing notes delivered)."""
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    context = {
        "person": person,
        "roles": person.unit_roles.select_related("unit").order_by("-starts_on", "unit__name", "role"),
        "engagements": person.engagements.select_related("unit", "partner", "arena").order_by(
            "arena__name", "role"
        ),
    }
    return render(request, "web/person_detail.html", context)


# Organisations


def organisation_list(request):
    queryset = request.access.visible(Organisation.objects.select_related("country", "parent"))
    counts = {"arena_count": (Arena, "organisation")}
    return _list(request, "web/organisation_list.html", OrganisationFilterSet, queryset, counts)


def organisation_detail(request, pk: int):
    visible = request.access.visible  # a pending proposal: its proposer and the coordinator only
    organisation = get_object_or_404(visible(Organisation.objects.select_related("country", "parent")), pk=pk)
    context = {
        "organisation": organisation,
        "pending_suggestion": pending_suggestions().filter(organisation=organisation).first(),
        "children": visible(organisation.children.select_related("country")),
        "other_names": _other_names(organisation.aliases.all()),
        "arenas": _with_counts(visible(organisation.arenas.all()), engagement_count=(Engagement, "arena")),
        "engagements": Engagement.objects.filter(arena__organisation=organisation)
        .select_related("unit", "partner", "arena")
        .order_by(unit_kind_order("unit__"), "unit__name", "partner__name", "arena__name", "role"),
        # a national partner's own seats (HOD, FHI …): where it takes part, beside the directorate's units
        "partner_engagements": organisation.engagements.select_related("arena__organisation").order_by(
            "arena__name", "role"
        )
        if organisation.is_national_partner
        else Engagement.objects.none(),
        "activities": listing.activity_rows(_activities(organisation.activities)),
    }
    return render(request, "web/organisation_detail.html", context)


def _activities(related):
    """A detail page's activities (web/includes/activities_by_year.html): what the rows show, newest first."""
    return related.only("pk", "year", "title", "kind").order_by("-year", "title")


# Arenas


def arena_list(request):
    queryset = request.access.visible(Arena.objects.select_related("organisation"))
    counts = {
        "engagement_count": (Engagement, "arena"),
        "activity_count": (Activity.arenas.through, "arena"),
    }
    return _list(request, "web/arena_list.html", ArenaFilterSet, queryset, counts)


def arena_detail(request, pk: int):
    visible = request.access.visible  # a pending proposal: its proposer and the coordinator only
    arena = get_object_or_404(visible(Arena.objects.select_related("organisation", "parent")), pk=pk)
    context = {
        "arena": arena,
        "pending_suggestion": pending_suggestions().filter(arena=arena).first(),
        "children": visible(arena.children.all()),
        "countries": arena.countries.all(),
        "other_names": _other_names(arena.aliases.all()),
        "activities": listing.activity_rows(_activities(arena.activities), arenas=False),
    }
    # Norway's whole participation, read at once: the directorate's units (by kind and name), then the national
    # partners (by name)
    engagements = list(
        arena.engagements.select_related("unit", "partner")
        .prefetch_related("people")
        .order_by(unit_kind_order("unit__"), "unit__name", "partner__name", "role")
    )
    context["engagements"] = [e for e in engagements if e.unit_id is not None]
    context["partner_engagements"] = [e for e in engagements if e.partner_id is not None]
    return render(request, "web/arena_detail.html", context)


# Engagements


def engagement_list(request):
    queryset = request.access.visible(Engagement.objects.select_related("unit", "partner", "arena"))
    return _list(
        request, "web/engagement_list.html", EngagementFilterSet, queryset, rows=listing.engagement_rows
    )


def engagement_detail(request, pk: int):
    engagement = get_object_or_404(
        request.access.visible(
            Engagement.objects.select_related("unit", "partner", "arena__organisation", "source")
        ),
        pk=pk,
    )
    context = {
        "engagement": engagement,
        "people": engagement.people.all(),
        "areas": _areas(engagement.areas.all()),
    }
    return render(request, "web/engagement_detail.html", context)


# Activities


def activity_list(request):
    queryset = Activity.objects.only("pk", "year", "title", "kind")
    return _list(request, "web/activity_list.html", ActivityFilterSet, queryset, rows=listing.activity_rows)


def activity_detail(request, pk: int):
    activity = get_object_or_404(Activity.objects.select_related("main_area__framework", "source"), pk=pk)
    context = {
        "activity": activity,
        "units": activity.units.order_by(unit_kind_order(), "name"),
        "arenas": activity.arenas.select_related("organisation"),
        "partners": activity.partners.all(),
        "countries": activity.countries.all(),
        "areas": _areas(activity.areas.all()),
    }
    return render(request, "web/activity_detail.html", context)


# Search


def search_page(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search(query, access=request.access) if query else None
    labels = {
        "units": _("Enheter"),
        "organisations": _("Organisasjoner"),
        "arenas": _("Arenaer"),
        "engagements": _("Deltakelser"),
        "activities": _("Aktiviteter"),
        **{group.name: group.label for group in EXTRA_GROUPS},
    }
    groups = [(name, labels[name], hits) for name, hits in results.groups] if results else []
    return render(
        request,
        "web/search.html",
        {"search_query": query, "results": results, "groups": groups},
    )


# Dashboard

BREAKDOWN_TITLES = {
    "unit": _("Aktiviteter per enhet (avdelinger telles i divisjonen)"),
    "area": _("Aktiviteter per satsningsområde (hovedområde)"),
    "organisation": _("Aktiviteter per organisasjon (arenaer og samarbeidspartnere)"),
}


def dashboard(request):
    years = activity_years()
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    if year and not 1990 <= year <= 2100:
        year = years[0] if years else 0
    overview = figures.year_figures(year) if year else None
    charts = []
    if overview:
        charts = [(b, BREAKDOWN_TITLES[b.key]) for b in overview.breakdowns]
    return render(
        request, "web/dashboard.html", {"overview": overview, "charts": charts, "years": years, "year": year}
    )


# Countries and priority areas / goals


def country_list(request):
    countries = (
        Country.objects.annotate(
            arena_count=Count("arenas", distinct=True), activity_count=Count("activities", distinct=True)
        )
        .filter(Q(arena_count__gt=0) | Q(activity_count__gt=0))
        .order_by("name")
    )
    return render(request, "web/country_list.html", {"countries": countries})


def country_detail(request, code: str):
    country = get_object_or_404(Country, code=code.upper())
    context = {
        "country": country,
        "arenas": country.arenas.select_related("organisation", "parent").order_by("name"),
        "activities": listing.activity_rows(_activities(country.activities), arenas=False),
        "organisations": Organisation.objects.filter(country=country).order_by("name"),
    }
    return render(request, "web/country_detail.html", context)


def area_list(request):
    areas = (
        Area.objects.select_related("framework")
        .annotate(
            activity_count=Count("activities", distinct=True),
            engagement_count=Count("engagements", distinct=True),
        )
        .order_by("framework__name", "number")
    )
    frameworks = {}
    for area in areas:
        frameworks.setdefault(area.framework, []).append(area)
    return render(request, "web/area_list.html", {"frameworks": frameworks.items()})


def area_detail(request, pk: int):
    area = get_object_or_404(Area.objects.select_related("framework"), pk=pk)
    activities = listing.activity_rows(_activities(area.activities), arenas=False)
    context = {
        "area": area,
        "activities": activities,
        "engagements": area.engagements.select_related("unit", "partner", "arena").order_by("arena__name"),
        "outlooks": area.outlooks.select_related("unit").order_by("-year"),
    }
    return render(request, "web/area_detail.html", context)
