"""The whole reporting year in Chromium, through the pages only (users and the register's starting point are
fixtures): the coordinator opens a cycle (a past deadline refused), a contact adds an activity from the unit
page with the picker and delivers after confirming, the coordinator returns it, the contact corrects and
delivers again, the coordinator approves every unit (those without a contact in one step) — issuing before that
is refused — and issues the report; then the contact's edit of that year is refused until the submission is
reopened. Every page on the way passes axe (no serious or critical violations) at 1280 and at 390 px, and at
390 px nothing scrolls the page sideways."""

import datetime
import re

import pytest

from arena.register.models import Activity, Arena, Engagement, Organisation, Person, Unit, UnitRole
from arena.reporting.models import IssuedReport, ReportingCycle, Submission
from tests.browser.test_forms import _axe_serious

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Arena-passord-1"
YEAR = datetime.date.today().year - 1  # the year the open-cycle form proposes
WIDTHS = ((1280, 900), (390, 844))


@pytest.fixture
def year_world(django_user_model, settings, tmp_path):
    settings.REPORTING_FILES_DIR = str(tmp_path / "reports")
    settings.REPORTING_BACKGROUND = False  # the issued version is made within the request
    settings.REPORTING_DOCX_PAGE_NUMBERS = False  # no LibreOffice run (tests/reporting covers it)
    directorate = Unit.objects.create(name="Helsedirektoratet", abbreviation="Hdir", kind="directorate")
    coordinating = Unit.objects.create(name="Avdeling global helse", abbreviation="ASGH", kind="department",
                                       is_coordinator=True, parent=directorate)  # fmt: skip
    kf = Unit.objects.create(name="Divisjon for kvalitet og forløp", abbreviation="KF", kind="division",
                             parent=directorate)  # fmt: skip
    team = Unit.objects.create(name="Smittevernteamet", kind="team", parent=directorate)
    who = Organisation.objects.create(
        name="Verdens helseorganisasjon", abbreviation="WHO", kind="international"
    )
    wha = Arena.objects.create(name="Verdens helseforsamling", abbreviation="WHA", kind="governing_body",
                               organisation=who)  # fmt: skip
    Engagement.objects.create(unit=team, arena=wha, role="member")  # the team has no contact of its own
    standing = Activity.objects.create(year=YEAR, title="Nordisk beredskapssamarbeid", description="Møter.")
    standing.units.set([directorate])

    def user(username, unit=None, role=None):
        account = django_user_model.objects.create_user(
            username, password=PASSWORD, first_name=username.title()
        )
        if unit:
            person = Person.objects.create(given_name=username.title(), family_name="Test", user=account)
            UnitRole.objects.create(person=person, unit=unit, role=role)
        return account

    user("koordinator", coordinating, UnitRole.Role.COORDINATOR)
    user("kontakt", kf, UnitRole.Role.INTERNATIONAL_CONTACT)
    user("leser")
    return {"kf": kf, "team": team, "directorate": directorate, "wha": wha}


class Checks:
    """axe at both widths on every page visited, and at 390 px the page's own width."""

    def __init__(self):
        self.problems = {}
        self.pages = []

    def __call__(self, page, label):
        self.pages.append(label)
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            found = _axe_serious(page)
            if width == 390:
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > width:
                    found.append(f"the page is {scroll_width} px wide")
            if found:
                self.problems[f"{label} @{width}"] = found
        page.set_viewport_size({"width": 1280, "height": 900})


def _look(locator) -> tuple[str, str, str]:
    """What sets a button apart: its background, text colour and border."""
    return tuple(
        locator.evaluate(
            "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.color, s.borderTopColor]; }"
        )
    )


def _message(page) -> str:
    return page.locator(".messages").inner_text()


def test_the_whole_year(new_page, year_world, live_server):
    world = year_world
    check = Checks()

    # The coordinator opens the year's cycle: a deadline in the past is refused, with focus on the summary.
    coordinator = new_page("koordinator")
    coordinator.set_viewport_size({"width": 1280, "height": 900})
    assert coordinator.locator(".site-nav__menu").bounding_box()["height"] < 60  # the menu on one line
    coordinator.goto("/arsmelding/")
    check(coordinator, "reporting index")
    assert coordinator.input_value("#id_year") == str(YEAR)
    coordinator.fill("#id_deadline", (datetime.date.today() - datetime.timedelta(days=1)).isoformat())
    coordinator.get_by_role("button", name="Åpne runden").click()
    assert "er passert" in coordinator.locator(".error-summary").inner_text()
    assert coordinator.evaluate("document.activeElement.classList.contains('error-summary')")
    check(coordinator, "past deadline refused")
    assert not ReportingCycle.objects.exists()
    coordinator.fill("#id_deadline", (datetime.date.today() + datetime.timedelta(days=30)).isoformat())
    coordinator.get_by_role("button", name="Åpne runden").click()
    coordinator.wait_for_url(f"**/arsmelding/{YEAR}/")
    assert "er åpnet med 3 innspill" in _message(coordinator)
    check(coordinator, "cycle opened")

    # The contact adds an activity from the unit page, with the arena picker.
    contact = new_page("kontakt")
    contact.goto(world["kf"].get_absolute_url())
    check(contact, "unit page")
    contact.get_by_role("link", name="Ny aktivitet").click()
    contact.wait_for_url("**/aktiviteter/ny/**")
    assert contact.input_value("#id_year") == str(YEAR)
    check(contact, "new activity form")
    contact.fill("#id_title", "Innlegg i helseforsamlingen")
    arenas = contact.get_by_role("combobox", name="Arenaer")
    arenas.focus()
    contact.keyboard.type("helsefor")
    contact.get_by_role("option", name="Verdens helseforsamling (WHA)").wait_for()
    contact.keyboard.press("ArrowDown")
    contact.keyboard.press("Enter")
    contact.get_by_role("button", name="Lagre").click()
    contact.wait_for_url(f"**{world['kf'].get_absolute_url()}")
    activity = Activity.objects.get(title="Innlegg i helseforsamlingen")
    assert (activity.year, list(activity.arenas.all()), list(activity.units.all())) == (
        YEAR, [world["wha"]], [world["kf"]]
    )  # fmt: skip

    # … finds the submission from the cycle page, and delivers after confirming.
    contact.goto(f"/arsmelding/{YEAR}/")
    check(contact, "cycle as contact")
    contact.get_by_role("link", name="Divisjon for kvalitet og forløp").first.click()
    contact.wait_for_url("**/innspill/**")
    submission_url = contact.url
    assert "Innlegg i helseforsamlingen" in contact.content()
    new_activity = contact.get_by_role("link", name="Ny aktivitet")
    assert re.search(rf"\?unit={world['kf'].pk}&year={YEAR}&next=", new_activity.get_attribute("href"))
    # "Lever innspillet …" looks like none of its neighbours; secondary actions are outlined, not filled.
    looks = {
        name: _look(contact.get_by_role(role, name=name))
        for role, name in (
            ("link", "Lever innspillet …"),
            ("link", "Ny aktivitet"),
            ("button", "Lagre merknaden"),
            ("button", "Fyll ut på nytt fra registeret"),
        )
    }
    assert looks["Lever innspillet …"] not in [looks["Ny aktivitet"], looks["Lagre merknaden"]]
    assert looks["Ny aktivitet"][0] == looks["Lagre merknaden"][0] == "rgb(255, 255, 255)"
    check(contact, "submission (draft)")
    contact.get_by_role("link", name="Lever innspillet …").click()
    assert contact.get_by_role("heading", level=1).inner_text().endswith("?")
    assert "1 aktivitet\n" in contact.locator("main").inner_text() + "\n"
    check(contact, "confirm delivery")
    contact.get_by_role("button", name="Ja, lever innspillet").click()
    assert "Innspillet er levert." in _message(contact)
    assert Submission.objects.get(unit=world["kf"]).status == Submission.Status.SUBMITTED
    check(contact, "submission (delivered)")

    # The coordinator returns it with a comment.
    coordinator.goto(submission_url)
    assert "Innlegg i helseforsamlingen" in coordinator.content()
    assert "leverte innspillet (1 aktivitet, 0 deltakelser)" in coordinator.locator("main").inner_text()
    check(coordinator, "submission to review")
    primary = _look(coordinator.get_by_role("button", name="Godkjenn", exact=True))
    assert primary != _look(coordinator.get_by_role("button", name="Send tilbake med kommentar"))
    assert primary[0] != "rgb(255, 255, 255)"  # the primary action is filled
    coordinator.fill("#id_comment", "Skriv hva innlegget handlet om.")
    coordinator.get_by_role("button", name="Send tilbake med kommentar").click()
    assert "sendt tilbake" in _message(coordinator)
    assert Submission.objects.get(unit=world["kf"]).status == Submission.Status.RETURNED

    # The contact corrects the activity (and comes back to the submission) and delivers again.
    contact.goto(submission_url)
    assert "Skriv hva innlegget handlet om." in contact.content()
    check(contact, "submission (returned)")
    contact.get_by_role("link", name=re.compile(r"^Endre\W+Innlegg i helseforsamlingen")).click()
    contact.wait_for_url("**/endre/**")
    check(contact, "edit activity")
    contact.fill("#id_description", "Norges innlegg om pasientsikkerhet.")
    contact.get_by_role("button", name="Lagre").click()
    contact.wait_for_url(submission_url)
    assert "Norges innlegg om pasientsikkerhet." in contact.content()
    contact.get_by_role("link", name="Lever innspillet …").click()
    contact.get_by_role("button", name="Ja, lever innspillet").click()
    assert "Innspillet er levert." in _message(contact)

    # Approving the cycle and issuing are refused while units are not approved.
    coordinator.goto(f"/arsmelding/{YEAR}/")
    assert coordinator.get_by_role("button", name=re.compile("Utgi årsmeldingen")).count() == 0
    coordinator.get_by_role("button", name="Godkjenn rapporteringsrunden").click()
    assert "kan ikke godkjennes før alle innspill er godkjent" in _message(coordinator)
    check(coordinator, "cycle approval refused")
    # A request to issue anyway (a page left open, a crafted form) is refused with the reason.
    with coordinator.expect_navigation():
        coordinator.evaluate(
            """year => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = `/arsmelding/${year}/utgi/`;
                form.innerHTML = `<input name="csrfmiddlewaretoken"
                    value="${document.querySelector('[name=csrfmiddlewaretoken]').value}">
                    <input name="layout" value="unit">`;
                document.body.append(form);
                form.submit();
            }""",
            YEAR,
        )
    assert "kan ikke utgis før rapporteringsrunden er godkjent" in _message(coordinator)
    assert not IssuedReport.objects.filter(is_draft=False).exists()

    # The coordinator approves KF's submission, then the units without a contact in one step, then the cycle.
    coordinator.goto(submission_url)
    coordinator.get_by_role("button", name="Godkjenn", exact=True).click()
    assert "Innspillet er godkjent." in _message(coordinator)
    check(coordinator, "submission approved")
    coordinator.goto(f"/arsmelding/{YEAR}/")
    coordinator.get_by_role("button", name="Lever og godkjenn alle uten kontakt").click()
    assert "Hdir, Smittevernteamet" in _message(coordinator)
    assert set(Submission.objects.values_list("status", flat=True)) == {Submission.Status.APPROVED}
    coordinator.get_by_role("button", name="Godkjenn rapporteringsrunden").click()
    assert f"Rapporteringsrunden for {YEAR} er godkjent." in _message(coordinator)
    check(coordinator, "cycle approved")

    # The report is issued.
    coordinator.get_by_role("button", name="Utgi årsmeldingen (HTML, Word og PDF)").click()
    coordinator.wait_for_url("**/arsmelding/utgave/**")
    issued = IssuedReport.objects.get(is_draft=False)
    assert issued.status == IssuedReport.Status.DONE, issued.error
    assert coordinator.get_by_role("link", name=re.compile("PDF")).count() >= 1
    check(coordinator, "issued report")

    # The dashboard's charts say which bar is which year.
    coordinator.goto(f"/oversikt/?year={YEAR}")
    legend = coordinator.locator(".chart-legend").first
    assert legend.inner_text().split("\n") == [f"{YEAR} (mørk)", f"{YEAR - 1} (lys)"]
    check(coordinator, "dashboard")

    # The contact's edit of that year is refused: no "Endre", and the edit page says why.
    contact.goto(activity.get_absolute_url())
    check(contact, "activity (locked)")
    assert contact.get_by_role("link", name="Endre", exact=True).count() == 0
    response = contact.goto(f"/aktiviteter/{activity.pk}/endre/")
    assert response.status == 403
    assert "er låst" in contact.locator("main").inner_text()
    check(contact, "edit refused")
    contact.goto(submission_url)
    assert contact.get_by_role("link", name="Lever innspillet …").count() == 0
    check(contact, "submission (approved, locked)")

    # … until the submission is reopened (by the coordinator, as the cycle is approved); then it saves.
    coordinator.goto(submission_url)
    coordinator.fill("#id_reason", "KF må rette innlegget.")
    coordinator.get_by_role("button", name="Åpne innspillet igjen").click()
    assert "åpnet igjen" in _message(coordinator)
    check(coordinator, "submission reopened")
    contact.goto(f"/aktiviteter/{activity.pk}/endre/")
    contact.fill("#id_description", "Norges innlegg om pasientsikkerhet og legemidler.")
    contact.get_by_role("button", name="Lagre").click()
    assert contact.get_by_text("Endringene er lagret.").is_visible()
    activity.refresh_from_db()
    assert activity.description == "Norges innlegg om pasientsikkerhet og legemidler."

    # A reader sees no "Import" in the menu; a list page fits at 390 px.
    reader = new_page("leser")
    reader.goto("/aktiviteter/")
    assert reader.get_by_role("link", name="Import").count() == 0
    check(reader, "activity list as reader")
    reader.set_viewport_size({"width": 390, "height": 844})
    assert reader.locator(".site-header").bounding_box()["height"] < 220  # a compact header at 390 px

    print(f"{len(check.pages)} pages checked at 1280 and 390 px")
    assert check.problems == {}
