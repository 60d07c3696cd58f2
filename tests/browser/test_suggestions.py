"""Proposing a missing arena from the picker, in Chromium: a contact writing an activity opens "Finner du ikke
arenaen? Foreslå en ny", is shown the "Mente du …?" candidate, sends the proposal anyway and has it chosen in
the draft; the coordinator merges it into the existing arena. The dialog and the pages pass axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from arena.register.models import Activity, Arena, Person, Unit, UnitRole
from arena.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Arena-passord-1"


@pytest.fixture
def world(django_user_model):
    coordinating = Unit.objects.create(name="Avdeling global helse", abbreviation="ASGH", kind="department",
                                       is_coordinator=True)  # fmt: skip
    kf = Unit.objects.create(name="Divisjon for kvalitet og forløp", abbreviation="KF", kind="division")
    arena = Arena.objects.create(name="Verdens helseforsamling", abbreviation="WHA", kind="governing_body")
    for username, unit, role in (
        ("kontakt", kf, UnitRole.Role.INTERNATIONAL_CONTACT),
        ("koordinator", coordinating, UnitRole.Role.COORDINATOR),
    ):
        user = django_user_model.objects.create_user(username, password=PASSWORD, first_name=username.title())
        person = Person.objects.create(given_name=username.title(), family_name="Test", user=user)
        UnitRole.objects.create(person=person, unit=unit, role=role)
    return {"kf": kf, "arena": arena}


def _axe_serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_contact_proposes_from_the_picker_and_the_coordinator_merges(new_page, world):
    page = new_page("kontakt")
    page.goto(f"/aktiviteter/ny/?unit={world['kf'].pk}")
    page.fill("#id_title", "Plenum i helseforsamlingen")
    combobox = page.get_by_role("combobox", name="Arenaer")
    combobox.fill("Verdens helseforsamlingen")
    page.get_by_role("link", name="Finner du ikke arenaen? Foreslå en ny").first.click()
    dialog = page.get_by_role("dialog", name="Foreslå en ny arena")
    dialog.wait_for()
    assert page.input_value("dialog #id_name") == "Verdens helseforsamlingen"
    page.select_option("dialog #id_kind", "meeting")
    problems = {"dialog": _axe_serious(page)}
    dialog.get_by_role("button", name="Send forslag").click()
    dialog.get_by_text("Mente du …?").wait_for()
    use = dialog.locator("button[data-use-candidate]")
    assert use.inner_text().startswith("Bruk denne") and use.get_attribute("data-label") == str(
        world["arena"]
    )
    problems["candidates"] = _axe_serious(page)
    dialog.get_by_role("button", name="Send forslaget likevel").click()
    dialog.wait_for(state="detached")
    chip = page.get_by_role("button", name="Fjern Verdens helseforsamlingen (foreslått)")
    chip.wait_for()
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Endringene er lagret.").wait_for()
    suggestion = Suggestion.objects.get()
    activity = Activity.objects.get(title="Plenum i helseforsamlingen")
    assert list(activity.arenas.all()) == [suggestion.arena]

    coordinator = new_page("koordinator")
    coordinator.goto("/forslag/")
    problems["list"] = _axe_serious(coordinator)
    coordinator.get_by_role("link", name="Verdens helseforsamlingen").click()
    coordinator.get_by_role("heading", name="Avgjørelse").wait_for()
    problems["detail"] = _axe_serious(coordinator)
    coordinator.get_by_role(
        "button", name="Vis hva som flyttes"
    ).click()  # the likely duplicate is preselected
    coordinator.get_by_role("heading", name="Dette flyttes").wait_for()
    problems["preview"] = _axe_serious(coordinator)
    coordinator.get_by_role("button", name="Slå sammen").click()
    coordinator.wait_for_url(f"**{world['arena'].get_absolute_url()}")
    assert problems == {k: [] for k in problems}
    assert list(activity.arenas.all()) == [world["arena"]]
    assert Suggestion.objects.get().status == Suggestion.Status.MERGED
