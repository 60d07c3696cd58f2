"""Forms that help: the "Ny aktivitet"/"Ny deltakelse" buttons where a contact looks, the create forms'
defaults (the open cycle's year, the contact's unit, the query string), the way back (`next`), and the
pickers' search endpoint."""

import datetime

import pytest
from django.urls import reverse

from arena.register.models import Activity, Arena, Organisation

pytestmark = pytest.mark.django_db

NEW_ACTIVITY = reverse("record-create", args=["aktiviteter"])
NEW_ENGAGEMENT = reverse("record-create", args=["deltakelser"])


@pytest.fixture
def world(personas):
    who = Organisation.objects.create(
        name="Verdens helseorganisasjon", abbreviation="WHO", kind="international"
    )
    arena = Arena.objects.create(name="Verdens helseforsamling", abbreviation="WHA", kind="governing_body",
                                 organisation=who)  # fmt: skip
    return {"who": who, "arena": arena, **vars(personas)}


def test_new_buttons_on_the_lists_for_those_who_may_create(as_persona, world):
    for persona, expected in (("coordinator", True), ("contact_kf", True), ("reader", False)):
        client = as_persona(persona)
        for url, target in (
            (reverse("activity-list"), NEW_ACTIVITY),
            (reverse("engagement-list"), NEW_ENGAGEMENT),
        ):
            assert (f'href="{target}"' in client.get(url).content.decode()) is expected, (persona, url)


def test_unit_page_offers_new_records_only_for_the_contacts_own_units(as_persona, world):
    kf_page, ff_page = world["kf"].get_absolute_url(), world["ff"].get_absolute_url()
    client = as_persona("contact_kf")
    own = client.get(kf_page).content.decode()
    assert f"{NEW_ACTIVITY}?unit={world['kf'].pk}&amp;next=" in own
    assert f"{NEW_ENGAGEMENT}?unit={world['kf'].pk}&amp;next=" in own
    other = client.get(ff_page).content.decode()
    assert NEW_ACTIVITY not in other and NEW_ENGAGEMENT not in other
    assert NEW_ACTIVITY in as_persona("coordinator").get(ff_page).content.decode()
    assert NEW_ACTIVITY not in as_persona("reader").get(kf_page).content.decode()


def test_arena_page_offers_a_new_engagement_with_the_arena(as_persona, world):
    arena = world["arena"]
    page = as_persona("contact_ff").get(arena.get_absolute_url()).content.decode()
    assert f"{NEW_ENGAGEMENT}?arena={arena.pk}&amp;next=" in page
    form = as_persona("contact_ff").get(f"{NEW_ENGAGEMENT}?arena={arena.pk}").context["form"]
    assert form.initial["arena"] == arena.pk
    assert form.initial["unit"] == world["ff"].pk  # FF's contact holds exactly one unit
    assert NEW_ENGAGEMENT not in as_persona("reader").get(arena.get_absolute_url()).content.decode()


def test_year_defaults_to_the_open_cycle_else_this_year(as_persona, world):
    from arena.reporting.models import ReportingCycle

    client = as_persona("contact_kf")
    form = client.get(NEW_ACTIVITY).context["form"]
    assert form.initial["year"] == datetime.date.today().year
    assert form.initial["units"] == [world["kf"].pk]
    ReportingCycle.objects.create(year=2019, deadline=datetime.date.today() + datetime.timedelta(days=30))
    assert client.get(NEW_ACTIVITY).context["form"].initial["year"] == 2019
    assert client.get(f"{NEW_ACTIVITY}?year=2018").context["form"].initial["year"] == "2018"


def test_query_string_prefills_and_garbage_is_dropped(as_persona, world):
    client = as_persona("coordinator")
    form = client.get(f"{NEW_ACTIVITY}?unit={world['ff'].pk}&arena={world['arena'].pk}&partners=x").context[
        "form"
    ]
    assert form.initial["units"] == [world["ff"].pk]
    assert form.initial["arenas"] == [world["arena"].pk]
    assert form.initial["partners"] == []  # "x" is no id: dropped, the model's empty default stays
    assert client.get(NEW_ACTIVITY).context["form"].initial["units"] == []  # the coordinator has no own unit


def _activity(world, **extra):
    return {"year": 2020, "title": "Ny i forsamlingen", "kind": "participation", "description": "",
            "units": [world["kf"].pk], **extra}  # fmt: skip


def test_next_returns_to_the_page_the_user_came_from(as_persona, world):
    client = as_persona("contact_kf")
    back = "/arsmelding/2020/innspill/7/"
    page = client.get(f"{NEW_ACTIVITY}?next={back}").content.decode()
    assert f'name="next" value="{back}"' in page
    response = client.post(NEW_ACTIVITY, _activity(world, next=back))
    assert response.status_code == 302 and response["Location"] == back
    assert Activity.objects.filter(title="Ny i forsamlingen").exists()


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_next_to_another_site_is_ignored(as_persona, world, evil):
    response = as_persona("contact_kf").post(NEW_ACTIVITY, _activity(world, next=evil, title=f"T {evil}"))
    activity = Activity.objects.get(title=f"T {evil}")
    assert response["Location"] == activity.get_absolute_url()


def test_create_titles_agree_in_gender(as_persona, world):
    client = as_persona("coordinator")
    assert "<h1>Nytt utsyn</h1>" in client.get(reverse("record-create", args=["utsyn"])).content.decode()
    assert "<h1>Ny deltakelse</h1>" in client.get(NEW_ENGAGEMENT).content.decode()


def test_form_error_summary_takes_focus(as_persona, world):
    page = as_persona("contact_kf").post(NEW_ACTIVITY, _activity(world, title="")).content.decode()
    assert 'id="error-summary" tabindex="-1" data-focus-on-load' in page
    assert "arena/forms.js" in page


def test_reader_does_not_see_import_in_the_menu(as_persona, world):
    assert reverse("ingest-list") not in as_persona("reader").get("/").content.decode()
    assert reverse("ingest-list") in as_persona("coordinator").get("/").content.decode()


# The pickers' search endpoint


@pytest.fixture
def many_arenas(world):
    Arena.objects.bulk_create(
        [Arena(name=f"Helsenettverk {n:03d}", kind="network") for n in range(60)]  # SYNTHETIC
    )
    from arena.register.models import Alias

    Alias.objects.bulk_create(
        [Alias(name=a.name, normalized=a.name.lower(), kind="name", arena=a)
         for a in Arena.objects.filter(name__startswith="Helsenettverk")]
    )  # fmt: skip
    return world


def test_picker_finds_by_name_and_abbreviation_prefix_first(as_persona, world):
    client = as_persona("reader")
    results = client.get(reverse("picker", args=["arenaer"]), {"q": "wha"}).json()["results"]
    assert results == [{"id": world["arena"].pk, "label": str(world["arena"])}]
    inside = client.get(reverse("picker", args=["arenaer"]), {"q": "helseforsam"}).json()["results"]
    assert [r["id"] for r in inside] == [world["arena"].pk]  # inside "verdens helseforsamling"
    partners = client.get(reverse("picker", args=["organisasjoner"]), {"q": "WHO"}).json()["results"]
    assert [r["id"] for r in partners] == [world["who"].pk]
    assert client.get(reverse("picker", args=["arenaer"]), {"q": ""}).json() == {"results": []}


def test_picker_answers_are_bounded(as_persona, many_arenas):
    response = as_persona("reader").get(reverse("picker", args=["arenaer"]), {"q": "helse" * 100})
    assert response.json()["results"] == []
    results = as_persona("reader").get(reverse("picker", args=["arenaer"]), {"q": "helse"}).json()["results"]
    assert len(results) == 20
    assert results[0]["label"].startswith("Helsenettverk")  # starts with the query before containing it


def test_picker_finds_countries(as_persona, world):
    from arena.register.models import Country

    norway = Country.objects.get_or_create(
        code="NO", defaults={"code3": "NOR", "name": "Norge", "name_en": "Norway"}
    )[0]
    client = as_persona("reader")
    for query in ("nor", "Norway", "no"):
        ids = [r["id"] for r in client.get(reverse("picker", args=["land"]), {"q": query}).json()["results"]]
        assert norway.pk in ids, query


def test_picker_refuses_anonymous_and_unknown_kinds(client, as_persona, world):
    response = client.get(reverse("picker", args=["arenaer"]), {"q": "wha"})
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    assert as_persona("reader").get("/velg/personer/", {"q": "a"}).status_code == 404


def test_activity_form_uses_pickers_and_validates_ids(as_persona, many_arenas, monkeypatch):
    from arena.web import widgets

    client = as_persona("contact_kf")
    page = client.get(NEW_ACTIVITY).content.decode()
    assert f'data-picker="{reverse("picker", args=["arenaer"])}"' in page
    assert "Helsenettverk 059" in page  # a small list: every option, for use without the script
    monkeypatch.setattr(widgets, "SMALL_CHOICE_LIST", 10)
    page = client.get(NEW_ACTIVITY).content.decode()
    assert "Helsenettverk 059" not in page  # a long list: only the chosen ones
    arena = Arena.objects.get(name="Helsenettverk 042")
    response = client.post(NEW_ACTIVITY, _activity(many_arenas, title="Med arena", arenas=[arena.pk]))
    assert response.status_code == 302
    assert list(Activity.objects.get(title="Med arena").arenas.all()) == [arena]
    failed = client.post(NEW_ACTIVITY, _activity(many_arenas, title="", arenas=[arena.pk]))
    assert failed.status_code == 200 and "Helsenettverk 042" in failed.content.decode()  # chosen stays shown
    bad = client.post(NEW_ACTIVITY, _activity(many_arenas, title="Ukjent", arenas=[999999]))
    assert bad.status_code == 200 and not Activity.objects.filter(title="Ukjent").exists()


def test_priority_areas_come_before_the_goals(as_persona, world):
    from django.core.management import call_command

    from arena.web.edit_forms import areas_in_order

    call_command("load_reference", verbosity=0) if not areas_in_order().exists() else None
    codes = [a.framework.code for a in areas_in_order()]
    assert codes.index("sdg") > 0 and codes[: codes.index("sdg")] == ["hod-2021-2025"] * 6


# Periods in years


def _engagement(world, **extra):
    return {"unit": world["kf"].pk, "arena": world["arena"].pk, "role": "member", "note": "", **extra}


@pytest.mark.parametrize(
    ("start", "end", "stored"),
    [
        ("2017", "2019", (datetime.date(2017, 1, 1), datetime.date(2019, 12, 31))),
        ("2017-03-05", "", (datetime.date(2017, 3, 5), None)),
        ("5.3.2017", "2018", (datetime.date(2017, 3, 5), datetime.date(2018, 12, 31))),
    ],
)
def test_engagement_periods_in_years_or_dates(as_persona, world, start, end, stored):
    from arena.register.models import Engagement

    response = as_persona("contact_kf").post(NEW_ENGAGEMENT, _engagement(world, starts_on=start, ends_on=end))
    assert response.status_code == 302, response.content.decode()[:2000]
    engagement = Engagement.objects.get(unit=world["kf"], arena=world["arena"])
    assert (engagement.starts_on, engagement.ends_on) == stored
    form = as_persona("contact_kf").get(reverse("record-edit", args=["deltakelser", engagement.pk])).content
    assert f'value="{start if start != "5.3.2017" else "2017-03-05"}"' in form.decode()


@pytest.mark.parametrize("bad", ["17", "2017-13-01", "i fjor", "1800"])
def test_engagement_period_refuses_what_is_no_year_or_date(as_persona, world, bad):
    from arena.register.models import Engagement

    response = as_persona("contact_kf").post(NEW_ENGAGEMENT, _engagement(world, starts_on=bad))
    assert response.status_code == 200
    assert "Skriv et år" in response.content.decode() or "mellom 1900 og 2100" in response.content.decode()
    assert not Engagement.objects.exists()
