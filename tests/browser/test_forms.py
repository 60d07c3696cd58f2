"""Forms that help, in Chromium: a contact adds an activity from the unit page, picks an arena with the
keyboard in the search-as-you-type picker and saves; the form passes axe at 1280 and 390 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from arena.register.models import Activity, Arena, Organisation, Person, Unit, UnitRole

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Arena-passord-1"


@pytest.fixture
def world(django_user_model):
    kf = Unit.objects.create(name="Divisjon for kvalitet og forløp", abbreviation="KF", kind="division")
    who = Organisation.objects.create(
        name="Verdens helseorganisasjon", abbreviation="WHO", kind="international"
    )
    arena = Arena.objects.create(name="Verdens helseforsamling", abbreviation="WHA", kind="governing_body",
                                 organisation=who)  # fmt: skip
    Arena.objects.create(name="Helsenettverket i Norden", kind="network")
    user = django_user_model.objects.create_user("kontakt", password=PASSWORD, first_name="Kari")
    person = Person.objects.create(given_name="Kari", family_name="Kontakt", user=user)
    UnitRole.objects.create(person=person, unit=kf, role=UnitRole.Role.INTERNATIONAL_CONTACT)
    return {"kf": kf, "arena": arena, "who": who}


def _axe_serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_contact_adds_an_activity_with_the_picker_by_keyboard(new_page, world):
    page = new_page("kontakt")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(world["kf"].get_absolute_url())
    page.get_by_role("link", name="Ny aktivitet").click()
    page.wait_for_url("**/aktiviteter/ny/**")
    assert page.locator("h1").inner_text() == "Ny aktivitet"
    assert page.input_value("#id_year")  # the year is filled in
    assert page.locator("#id_units option:checked").all_inner_texts() == [str(world["kf"])]
    page.fill("#id_title", "Innlegg i helseforsamlingen")

    combobox = page.get_by_role("combobox", name="Arenaer")
    combobox.focus()
    page.keyboard.type("helsefor")
    option = page.get_by_role("option", name="Verdens helseforsamling (WHA)")
    option.wait_for()
    assert combobox.get_attribute("aria-expanded") == "true"
    problems = {"1280 open": _axe_serious(page)}
    page.keyboard.press("ArrowDown")
    assert combobox.get_attribute("aria-activedescendant") == option.get_attribute("id")
    page.keyboard.press("Enter")
    assert combobox.get_attribute("aria-expanded") == "false"
    assert page.get_by_role("button", name="Fjern Verdens helseforsamling (WHA)").is_visible()

    partners = page.get_by_role("combobox", name="Samarbeidspartnere")
    partners.focus()
    page.keyboard.type("who")
    page.get_by_role("option", name="Verdens helseorganisasjon (WHO)").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    problems["1280"] = _axe_serious(page)
    page.set_viewport_size({"width": 390, "height": 844})
    problems["390"] = _axe_serious(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls the page sideways
    assert problems == {"1280 open": [], "1280": [], "390": []}

    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(f"**{world['kf'].get_absolute_url()}")  # back where the contact started
    assert page.get_by_text("Endringene er lagret.").is_visible()
    activity = Activity.objects.get(title="Innlegg i helseforsamlingen")
    assert list(activity.arenas.all()) == [world["arena"]]
    assert list(activity.partners.all()) == [world["who"]]
    assert list(activity.units.all()) == [world["kf"]]


def test_error_summary_takes_focus(new_page, world):
    page = new_page("kontakt")
    page.goto("/aktiviteter/ny/")
    page.get_by_role("button", name="Lagre").click()
    page.locator("#error-summary").wait_for()
    assert page.evaluate("document.activeElement.id") == "error-summary"


def test_header_and_tables_at_1280_and_390(new_page, world):
    from arena.register.models import Engagement

    Engagement.objects.create(unit=world["kf"], arena=world["arena"], role="member",
                              note="Et langt notat " * 20)  # fmt: skip
    page = new_page("kontakt")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/deltakelser/")
    menu = page.locator(".site-nav__menu")
    heights = {"menu at 1280": menu.bounding_box()["height"]}
    assert page.get_by_role("link", name="Import").count() == 0  # the contact may not import
    page.locator(".site-nav__group summary").click()
    page.get_by_role("link", name="Arenaer").click()
    page.wait_for_url("**/arenaer/")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/deltakelser/")
    heights["header at 390"] = page.locator(".site-header").bounding_box()["height"]
    widths = {"page at 390": page.evaluate("document.documentElement.scrollWidth")}
    problems = _axe_serious(page)
    print(heights, widths)  # the figures the report quotes
    assert heights["menu at 1280"] < 60  # one line
    assert heights["header at 390"] < 220
    assert widths["page at 390"] <= 390  # the table scrolls inside its own container, not the page
    assert problems == []
