"""The read-only web pages: sign-in, home, and the list and detail pages of the register."""

import ast
import gettext
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from arena.register.models import Activity, Arena, Country, Engagement, Organisation, Person, Unit

pytestmark = pytest.mark.django_db

LIST_NAMES = ["unit-list", "organisation-list", "arena-list", "engagement-list", "activity-list"]
DETAIL_NAMES = ["unit-detail", "organisation-detail", "arena-detail", "engagement-detail", "activity-detail"]


def html(response) -> str:
    return response.content.decode()


def link(obj) -> str:
    return f'href="{obj.get_absolute_url()}"'


# Sign-in


def test_anonymous_home_is_the_sign_in_page_with_the_units(client, sample):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = html(response)
    assert 'name="password"' in page
    assert f'action="{reverse("login")}"' in page
    for unit in Unit.objects.all():
        assert unit.name in page
    # Units are named, but nothing of the register is reachable.
    assert reverse("unit-list") not in page
    assert sample.assembly.name not in page


def test_signing_in_from_the_home_page_returns_there(client, user):
    response = client.post(
        reverse("login"), {"username": "kari", "password": "Hemmelig-passord-42", "next": "/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Logg ut" in html(client.get("/"))


@pytest.mark.parametrize("url_name", LIST_NAMES)
def test_anonymous_list_pages_redirect_to_login(client, url_name):
    url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_anonymous_detail_page_redirects_to_login(client, sample):
    url = sample.assembly.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_login_page_renders(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    page = html(response)
    assert '<html lang="nb" ' in page
    assert "Logg inn" in page
    assert 'name="username"' in page and 'name="password"' in page
    assert "Logg ut" not in page  # no user menu or navigation before signing in
    assert reverse("unit-list") not in page


def test_signing_in_leads_to_the_home_page(client, user):
    response = client.post(reverse("login"), {"username": "kari", "password": "Hemmelig-passord-42"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_wrong_password_shows_an_error(client, user):
    response = client.post(reverse("login"), {"username": "kari", "password": "feil"})
    assert response.status_code == 200
    assert 'class="error-summary"' in html(response)


def test_logout_is_a_post_form_and_signs_out(signed_in):
    page = html(signed_in.get(reverse("home")))
    assert f'action="{reverse("logout")}" method="post"' in page
    response = signed_in.post(reverse("logout"))
    assert response.status_code == 302
    assert signed_in.get(reverse("unit-list")).status_code == 302
    assert 'name="password"' in html(signed_in.get(reverse("home")))


# Layout


def test_base_layout(signed_in, user):
    page = html(signed_in.get(reverse("home")))
    assert '<html lang="nb" ' in page
    assert '<a class="skip-link" href="#main">Hopp til hovedinnhold</a>' in page
    assert '<main id="main"' in page
    assert "Helsedirektoratet" in page  # organisation_name from the context processor
    assert "kari" in page
    for label, url_name in [
        ("Hjem", "home"),
        ("Enheter", "unit-list"),
        ("Organisasjoner", "organisation-list"),
        ("Arenaer", "arena-list"),
        ("Deltakelser", "engagement-list"),
        ("Aktiviteter", "activity-list"),
    ]:
        assert f'href="{reverse(url_name)}"' in page
        assert label in page
    assert f'action="{reverse("set_language")}"' in page
    assert "arena/arena.css" in page


def test_navigation_marks_the_current_section(signed_in, sample):
    page = html(signed_in.get(sample.assembly.get_absolute_url()))
    assert f'href="{reverse("arena-list")}" aria-current="page"' in page


# Home


def test_home_lists_every_unit_and_the_counts(signed_in, sample):
    response = signed_in.get(reverse("home"))
    assert response.status_code == 200
    page = html(response)
    for unit in Unit.objects.all():
        assert unit.name in page
        assert unit.abbreviation in page
        assert link(unit) in page
    # Groups in order: directorate, divisions, departments, teams.
    positions = [
        page.index(name) for name in ("Direktorat<", "Divisjoner", "Avdelinger", "Team og programmer")
    ]
    assert positions == sorted(positions)
    assert [label for label, _, _ in response.context["counts"]] == [
        "Enheter",
        "Organisasjoner",
        "Arenaer",
        "Deltakelser",
        "Aktiviteter",
    ]
    assert [count for _, _, count in response.context["counts"]] == [4, 2, 2, 1, 2]
    assert response.context["activity_years"] == [{"year": 2020, "count": 1}, {"year": 2019, "count": 1}]
    assert f'href="{reverse("activity-list")}?year=2019"' in page


def test_home_without_data(signed_in):
    response = signed_in.get(reverse("home"))
    assert response.status_code == 200
    assert "Ingen enheter registrert ennå." in html(response)


# List pages


@pytest.mark.parametrize(
    ("url_name", "shown"),
    [
        ("unit-list", ["directorate", "division", "department", "team"]),
        ("organisation-list", ["who", "nordic"]),
        ("arena-list", ["assembly", "tobacco", "who"]),
        ("engagement-list", ["department", "assembly", "engagement"]),
        ("activity-list", ["activity_2019", "activity_2020", "department", "team", "assembly", "tobacco"]),
    ],
)
def test_list_pages_show_and_link_their_objects(signed_in, sample, url_name, shown):
    response = signed_in.get(reverse(url_name))
    assert response.status_code == 200
    page = html(response)
    for attr in shown:
        assert link(getattr(sample, attr)) in page


def test_list_pages_show_names(signed_in, sample):
    assert "Verdens helseorganisasjon" in html(signed_in.get(reverse("organisation-list")))
    assert "Verdens helseforsamling" in html(signed_in.get(reverse("arena-list")))
    page = html(signed_in.get(reverse("engagement-list")))
    assert "Verdens helseforsamling" in page and "AGH" in page and "Ola Nordmann" in page
    page = html(signed_in.get(reverse("activity-list")))
    assert "Forberedelse til helseforsamlingen" in page and "Tobakkskontroll i Europa" in page


def test_activity_list_filters_by_year(signed_in, sample):
    page = html(signed_in.get(reverse("activity-list"), {"year": 2019}))
    assert "Forberedelse til helseforsamlingen" in page
    assert "Tobakkskontroll i Europa" not in page


def test_activity_list_filters_by_unit(signed_in, sample):
    page = html(signed_in.get(reverse("activity-list"), {"unit": sample.team.pk}))
    assert "Tobakkskontroll i Europa" in page
    assert "Forberedelse til helseforsamlingen" not in page


def test_engagement_list_filters_by_unit_and_role(signed_in, sample):
    other = Engagement.objects.create(unit=sample.team, arena=sample.tobacco, role=Engagement.Role.MEMBER)
    page = html(signed_in.get(reverse("engagement-list"), {"unit": sample.team.pk}))
    assert link(other) in page and link(sample.engagement) not in page
    page = html(signed_in.get(reverse("engagement-list"), {"role": Engagement.Role.CONTACT_POINT}))
    assert link(sample.engagement) in page and link(other) not in page
    page = html(signed_in.get(reverse("engagement-list"), {"unit": sample.team.pk, "role": "contact_point"}))
    assert link(sample.engagement) not in page and link(other) not in page


def test_arena_and_organisation_lists_filter_by_kind(signed_in, sample):
    page = html(signed_in.get(reverse("arena-list"), {"kind": Arena.Kind.JOINT_ACTION}))
    assert "Joint Action on Tobacco Control" in page and "Verdens helseforsamling" not in page
    page = html(signed_in.get(reverse("organisation-list"), {"kind": Organisation.Kind.NETWORK}))
    assert "Nordisk ministerråd" in page and "Verdens helseorganisasjon" not in page


def test_invalid_filter_values_are_ignored(signed_in, sample):
    response = signed_in.get(reverse("activity-list"), {"year": "tja", "unit": 999999})
    assert response.status_code == 200
    page = html(response)
    assert "Forberedelse til helseforsamlingen" in page and "Tobakkskontroll i Europa" in page


def test_lists_paginate_by_50_and_keep_the_filter(signed_in, sample):
    Activity.objects.bulk_create(Activity(year=2019, title=f"Møte {n:02}") for n in range(60))
    response = signed_in.get(reverse("activity-list"), {"year": 2019})
    assert len(response.context["objects"]) == 50
    assert response.context["page_obj"].paginator.count == 61
    assert "?year=2019&amp;page=2" in html(response)
    response = signed_in.get(reverse("activity-list"), {"year": 2019, "page": 2})
    assert len(response.context["objects"]) == 11
    assert response.status_code == 200


# Detail pages


def test_unit_detail(signed_in, sample):
    response = signed_in.get(sample.department.get_absolute_url())
    assert response.status_code == 200
    page = html(response)
    assert "Avdeling for global helse" in page
    assert "<dt>Type</dt>\n    <dd>Avdeling</dd>" in page  # kind
    assert link(sample.division) in page  # parent
    assert link(sample.team) in page  # child
    assert "Ola Nordmann" in page and "Internasjonal kontakt" in page  # person and role
    assert link(sample.assembly) in page and link(sample.engagement) in page
    assert "Nasjonalt kontaktpunkt" in page and "2018–" in page  # role and period
    assert link(sample.who) in page
    assert link(sample.activity_2019) in page and 'id="activities-2019"' in page
    assert "Pandemiberedskap blir viktig." in page  # outlook


def test_unit_detail_shows_other_names(signed_in, sample):
    from arena.register.names import add_aliases

    add_aliases(sample.department, ["Global helse"])
    page = html(signed_in.get(sample.department.get_absolute_url()))
    assert "Global helse" in page


def test_organisation_detail(signed_in, sample):
    child = Organisation.objects.create(
        kind=Organisation.Kind.INTERNATIONAL, name="WHO Europa", abbreviation="WHO/Europe", parent=sample.who
    )
    page = html(signed_in.get(sample.who.get_absolute_url()))
    assert "Verdens helseorganisasjon" in page and "Internasjonal organisasjon" in page
    assert "World Health Organization" in page  # English name among the other names
    assert link(child) in page
    assert link(sample.assembly) in page  # its arena
    assert link(sample.department) in page and "Avdeling for global helse" in page  # engaged unit
    assert link(sample.engagement) in page

    page = html(signed_in.get(sample.nordic.get_absolute_url()))
    assert "Sverige" in page  # country
    assert link(sample.activity_2019) in page  # activity with it as a partner
    assert link(sample.department) in page


def test_arena_detail(signed_in, sample):
    sub = Arena.objects.create(kind=Arena.Kind.COMMITTEE, name="Programkomiteen", parent=sample.assembly)
    page = html(signed_in.get(sample.assembly.get_absolute_url()))
    assert "Verdens helseforsamling" in page and "Styrende organ" in page
    assert link(sample.who) in page  # organisation
    assert link(sub) in page  # child
    assert "2015–" in page  # period
    assert "Avdeling for global helse" in page and link(sample.department) in page  # engaged unit
    assert "Nasjonalt kontaktpunkt" in page and "2018–" in page and "Ola Nordmann" in page
    assert link(sample.activity_2019) in page and 'id="activities-2019"' in page

    page = html(signed_in.get(sub.get_absolute_url()))
    assert link(sample.assembly) in page  # parent

    page = html(signed_in.get(sample.tobacco.get_absolute_url()))
    assert "Sverige" in page  # countries
    assert link(sample.activity_2020) in page and link(sample.team) in page


def test_engagement_detail(signed_in, sample):
    page = html(signed_in.get(sample.engagement.get_absolute_url()))
    assert link(sample.department) in page and link(sample.assembly) in page and link(sample.who) in page
    assert "Nasjonalt kontaktpunkt" in page
    assert "2018–" in page
    assert "Ola Nordmann" in page and "Seniorrådgiver" in page
    assert "God helse og livskvalitet" in page and "FNs bærekraftsmål" in page
    assert "Årsmelding internasjonalt arbeid 2019, Kapittel 2" in page  # provenance
    assert "Delegasjonsleder hvert år." in page


def test_activity_detail(signed_in, sample):
    page = html(signed_in.get(sample.activity_2019.get_absolute_url()))
    assert "Forberedelse til helseforsamlingen" in page
    assert "<dt>År</dt>\n    <dd>2019</dd>" in page
    assert "Faglig bidrag eller innspill" in page  # kind
    assert link(sample.department) in page
    assert link(sample.assembly) in page
    assert link(sample.nordic) in page
    assert "Sverige" in page
    assert "God helse og livskvalitet" in page  # area and main area
    assert "Innspill til norsk posisjon." in page
    assert "Årsmelding internasjonalt arbeid 2019, Kapittel 3" in page


@pytest.mark.parametrize("url_name", DETAIL_NAMES)
def test_unknown_pk_gives_404(signed_in, url_name):
    response = signed_in.get(reverse(url_name, args=[999999]))
    assert response.status_code == 404
    assert "Fant ikke siden" in html(response)


# Language


def test_switching_to_english_translates_the_interface(signed_in, sample):
    page = html(signed_in.get(reverse("home")))
    assert "Hopp til hovedinnhold" in page and ">Enheter<" in page
    response = signed_in.post(reverse("set_language"), {"language": "en", "next": reverse("unit-list")})
    assert response.status_code == 302
    assert response["Location"] == reverse("unit-list")
    page = html(signed_in.get(reverse("home")))
    assert '<html lang="en" ' in page
    assert "Skip to main content" in page and ">Units<" in page
    assert "Hopp til hovedinnhold" not in page
    # Model choices and entity names follow the language too.
    page = html(signed_in.get(sample.who.get_absolute_url()))
    assert "<h1>World Health Organization" in page and "International organisation" in page

    signed_in.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert "Hopp til hovedinnhold" in html(signed_in.get(reverse("home")))


# Query counts: a list page costs the same number of queries for one row as for three.


def _make_rows(n: int) -> None:
    """n rows of the list's model, each with the related rows the list shows."""
    directorate = Unit.objects.create(kind=Unit.Kind.DIRECTORATE, name="Direktoratet")
    organisation = Organisation.objects.create(kind=Organisation.Kind.INTERNATIONAL, name="Org 0")
    country, _ = Country.objects.get_or_create(code="SE", code3="SWE", name="Sverige", name_en="Sweden")
    for i in range(n):
        unit = Unit.objects.create(kind=Unit.Kind.DIVISION, name=f"Divisjon {i}", parent=directorate)
        org = Organisation.objects.create(
            kind=Organisation.Kind.NETWORK, name=f"Nettverk {i}", parent=organisation, country=country
        )
        arena = Arena.objects.create(kind=Arena.Kind.NETWORK, name=f"Arena {i}", organisation=org)
        person = Person.objects.create(given_name="Per", family_name=f"Person {i}")
        engagement = Engagement.objects.create(unit=unit, arena=arena)
        engagement.people.add(person)
        activity = Activity.objects.create(year=2019, title=f"Aktivitet {i}")
        activity.units.add(unit, directorate)
        activity.arenas.add(arena)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url_name", LIST_NAMES)
def test_list_query_count_does_not_grow_with_rows(client, django_user_model, url_name):
    counts = []
    for n in (1, 3):
        Activity.objects.all().delete()
        Engagement.objects.all().delete()
        Person.objects.all().delete()
        Arena.objects.all().delete()
        Organisation.objects.filter(parent__isnull=False).delete()
        Organisation.objects.all().delete()
        Unit.objects.filter(parent__isnull=False).delete()
        Unit.objects.all().delete()
        _make_rows(n)
        user = django_user_model.objects.create_user(username=f"bruker{n}")
        client.force_login(user)
        counts.append(_queries(client, reverse(url_name)))
    assert counts[0] == counts[1], counts


def _gather_on_one(detail: str):
    """Point every engagement/activity/arena made by _make_rows at one object, and return that object."""
    if detail == "unit":
        unit = Unit.objects.get(kind=Unit.Kind.DIRECTORATE)
        Engagement.objects.update(unit=unit)  # each engagement has its own arena, so they stay distinct
        return unit
    if detail == "arena":
        arena = Arena.objects.order_by("pk").first()
        Engagement.objects.update(arena=arena)  # each engagement has its own unit
        for activity in Activity.objects.all():
            activity.arenas.set([arena])
        return arena
    organisation = Organisation.objects.get(name="Org 0")
    Arena.objects.update(organisation=organisation)
    return organisation


@pytest.mark.parametrize("detail", ["unit", "arena", "organisation"])
def test_detail_query_count_does_not_grow_with_related_rows(signed_in, detail):
    counts = []
    for n in (1, 3):
        for model in (Activity, Engagement, Person, Arena):
            model.objects.all().delete()
        Organisation.objects.filter(parent__isnull=False).delete()
        Organisation.objects.all().delete()
        Unit.objects.filter(parent__isnull=False).delete()
        Unit.objects.all().delete()
        _make_rows(n)
        counts.append(_queries(signed_in, _gather_on_one(detail).get_absolute_url()))
    assert counts[0] == counts[1], counts


def test_activity_and_engagement_lists_stay_within_a_query_budget(
    signed_in, sample, django_assert_max_num_queries
):
    _make_rows(3)
    with django_assert_max_num_queries(
        15
    ):  # page + filter choices (units, arenas, organisations, countries, areas)
        signed_in.get(reverse("activity-list"))
    with django_assert_max_num_queries(
        15
    ):  # page + filter choices (units, arenas, organisations, countries, areas)
        signed_in.get(reverse("engagement-list"))


# The English catalogue: complete, and the committed .mo matches the .po.

LOCALE_EN = Path(__file__).resolve().parent.parent / "arena" / "locale" / "en" / "LC_MESSAGES"


def _po_entries(path: Path) -> list[dict]:
    """Entries of a .po file as {keyword: text, "flags": [...]}; wrapped strings are joined."""
    entries, entry, keyword = [], {"flags": []}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if len(entry) > 1:
                entries.append(entry)
            entry, keyword = {"flags": []}, None
        elif line.startswith("#,"):
            entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[keyword] += ast.literal_eval(line)
        else:
            keyword, _, text = line.partition(" ")
            entry[keyword] = ast.literal_eval(text)
    return entries


def test_english_catalogue_is_complete_and_compiled():
    entries = [e for e in _po_entries(LOCALE_EN / "django.po") if e["msgid"]]
    assert entries
    with (LOCALE_EN / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in entries:
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            for n, key in ((1, "msgstr[0]"), (2, "msgstr[1]")):
                assert entry[key], entry["msgid"]
                if context is None:
                    got = compiled.ngettext(entry["msgid"], entry["msgid_plural"], n)
                else:
                    got = compiled.npgettext(context, entry["msgid"], entry["msgid_plural"], n)
                assert got == entry[key], "django.mo is out of date: run compilemessages"
        else:
            assert entry["msgstr"], entry["msgid"]
            if context is None:
                got = compiled.gettext(entry["msgid"])
            else:
                got = compiled.pgettext(context, entry["msgid"])
            assert got == entry["msgstr"], "django.mo is out of date: run compilemessages"


def test_bokmal_is_the_default_whatever_the_browser_prefers(signed_in):
    page = html(signed_in.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert '<html lang="nb" ' in page
    assert "Logg ut" in page
    signed_in.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en" ' in html(signed_in.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="nb"))
