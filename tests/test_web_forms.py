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
