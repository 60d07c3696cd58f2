"""An invitation through the browser: the coordinator uploads a saved e-mail, Arena routes it to KF (which leads
the arena), the KF contact forwards it to FF, the FF contact accepts, and the meeting is in FF's calendar feed.
Each invitation page passes axe."""

import pytest

from tests.browser.test_pages import _axe_serious
from tests.invitations.conftest import eml, invitation_world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Arena-passord-1"


@pytest.fixture
def people(invitation_world):  # noqa: F811
    for user in invitation_world.personas.users.values():
        user.set_password(PASSWORD)
        user.save()
    return invitation_world


def test_arrives_forwarded_accepted_in_ff_calendar(new_page, people, tmp_path):
    ff = people.personas.ff
    path = tmp_path / "ern.eml"
    path.write_bytes(eml())

    coordinator = new_page("koordinator")
    coordinator.goto("/invitasjoner/ny/")
    assert _axe_serious(coordinator) == []
    coordinator.set_input_files("#id_file", str(path))
    coordinator.get_by_role("button", name="Last opp").click()
    coordinator.wait_for_url("**/invitasjoner/*/")
    assert "Divisjon for kvalitet og forløp" in coordinator.locator("dl.facts").inner_text()
    detail_url = coordinator.url

    kf = new_page("kontakt-kf")
    kf.goto("/invitasjoner/")
    assert _axe_serious(kf) == []
    kf.get_by_role(
        "link", name="Invitation: European Reference Networks board of Member States"
    ).first.click()
    assert _axe_serious(kf) == []
    kf.select_option("#id_forward-unit", str(ff.pk))
    kf.fill("#id_forward-reason", "Gjelder forebygging, FF følger opp.")
    kf.get_by_role("button", name="Videresend til enheten").click()
    kf.wait_for_load_state()
    assert "Videresendt" in kf.locator("dl.facts").inner_text()
    assert kf.get_by_role("button", name="Takk ja").count() == 0  # no longer KF's to answer

    ff_page = new_page("kontakt-ff")
    ff_page.goto(detail_url)
    ff_page.get_by_label("Kontakt-Ff Test").check()
    ff_page.get_by_role("button", name="Takk ja").click()
    ff_page.wait_for_url("**/agenda/moter/*/")
    feed = ff_page.request.get(f"/agenda/kalender/enhet/{ff.pk}.ics").text().replace("\r\n ", "")
    assert "SUMMARY:Invitation: European Reference Networks board of Member States" in feed
    assert "DTSTART;TZID=Europe/Oslo:20300312T090000" in feed

    coordinator.goto("/invitasjoner/oversikt/")
    assert _axe_serious(coordinator) == []
