"""The register in a real browser: sign in, search, edit and save, the conflict warning, a refused edit,
keyboard use, and an axe-core check of every page type."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from arena.register.models import Activity, Arena, Engagement, Organisation, Person, Unit, UnitRole

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Arena-passord-1"


@pytest.fixture
def world(django_user_model):
    coordinating = Unit.objects.create(name="Avdeling global helse", abbreviation="ASGH", kind="department",
                                       is_coordinator=True)  # fmt: skip
    kf = Unit.objects.create(name="Divisjon for kvalitet og forløp", abbreviation="KF", kind="division")
    who = Organisation.objects.create(
        name="Verdens helseorganisasjon", abbreviation="WHO", kind="international"
    )
    arena = Arena.objects.create(name="Verdens helseforsamling", abbreviation="WHA", kind="governing_body",
                                 organisation=who)  # fmt: skip
    engagement = Engagement.objects.create(unit=kf, arena=arena, role="participant")
    hod = Organisation.objects.create(
        name="Helse- og omsorgsdepartementet", abbreviation="HOD", kind="national_ministry"
    )
    partner_engagement = Engagement.objects.create(
        partner=hod, arena=arena, role="lead", note="Leder delegasjonen."
    )
    activity = Activity.objects.create(
        year=2020, title="Nasjonal legemiddelberedskap", description="Kartlegging."
    )
    activity.units.set([kf])
    activity.arenas.set([arena])

    def user(username, unit=None, role=None):
        u = django_user_model.objects.create_user(username, password=PASSWORD, first_name=username.title())
        if unit:
            person = Person.objects.create(given_name=username, family_name="Test", user=u)
            UnitRole.objects.create(person=person, unit=unit, role=role)
        return u

    user("koordinator", coordinating, UnitRole.Role.COORDINATOR)
    user("leser")
    return {"kf": kf, "who": who, "arena": arena, "engagement": engagement, "activity": activity, "hod": hod,
            "partner_engagement": partner_engagement}  # fmt: skip


def test_sign_in_and_see_the_units(new_page, world):
    page = new_page("leser")
    assert page.locator("h1").inner_text() == "Arena"
    assert page.get_by_role("link", name="Divisjon for kvalitet og forløp").is_visible()


def test_wrong_password_is_explained(new_page, world):
    page = new_page()
    page.goto("/logg-inn/")
    page.fill("#id_username", "leser")
    page.fill("#id_password", "feil")
    page.click("main form button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")  # focus moved there


def test_search_from_the_header_finds_compounds(new_page, world):
    page = new_page("leser")
    page.fill("#site-search-q", "beredskap")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=beredskap")
    page.get_by_role("link", name="Nasjonal legemiddelberedskap (2020)").click()
    assert page.locator("h1").inner_text().startswith("Nasjonal legemiddelberedskap")


def test_edit_and_save(new_page, world):
    page = new_page("koordinator")
    page.goto(world["activity"].get_absolute_url())
    page.get_by_role("link", name="Endre").click()
    page.fill("#id_title", "Nasjonal legemiddelberedskap og lagre")
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_text("Endringene er lagret.").is_visible()
    assert "Nasjonal legemiddelberedskap og lagre" in page.locator("h1").inner_text()
    world["activity"].refresh_from_db()
    assert world["activity"].title == "Nasjonal legemiddelberedskap og lagre"


def test_conflict_warning_keeps_both_versions(new_page, world):
    url = f"/aktiviteter/{world['activity'].pk}/endre/"
    first, second = new_page("koordinator"), new_page("koordinator")
    first.goto(url)
    second.goto(url)
    first.fill("#id_title", "Første lagring")
    first.get_by_role("button", name="Lagre").click()
    first.wait_for_url(f"**{world['activity'].get_absolute_url()}")
    second.fill("#id_title", "Andre lagring")
    second.get_by_role("button", name="Lagre").click()
    alert = second.locator("#conflict")
    assert alert.is_visible()
    assert "Første lagring" in alert.inner_text()
    assert second.input_value("#id_title") == "Andre lagring"
    world["activity"].refresh_from_db()
    assert world["activity"].title == "Første lagring"


def test_refused_edit(new_page, world):
    page = new_page("leser")
    page.goto(world["activity"].get_absolute_url())
    assert page.get_by_role("link", name="Endre").count() == 0
    response = page.goto(f"/aktiviteter/{world['activity'].pk}/endre/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Ingen tilgang"


def test_skip_link_is_the_first_tab_stop_and_focus_is_visible(new_page, world):
    page = new_page("leser")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hopp til hovedinnhold"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def _axe_serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_every_page_type_passes_axe(new_page, world):
    anonymous = new_page()
    problems = {}
    for url in ("/", "/logg-inn/"):
        anonymous.goto(url)
        problems[f"anonymous {url}"] = _axe_serious(anonymous)
    page = new_page("koordinator")
    w = world
    urls = [
        "/", "/enheter/", "/organisasjoner/", "/arenaer/", "/deltakelser/", "/aktiviteter/", "/oversikt/",
        "/sok/?q=beredskap", w["kf"].get_absolute_url(), w["who"].get_absolute_url(), w["arena"].get_absolute_url(),
        w["engagement"].get_absolute_url(), w["activity"].get_absolute_url(), w["hod"].get_absolute_url(),
        w["partner_engagement"].get_absolute_url(), "/sok/?q=HOD",
        f"/aktiviteter/{w['activity'].pk}/endre/", f"/aktiviteter/{w['activity'].pk}/historikk/",
        "/aktiviteter/ny/", "/finnes-ikke/",
    ]  # fmt: skip
    for url in urls:
        page.goto(url)
        problems[url] = _axe_serious(page)
    reader = new_page("leser")
    reader.goto(f"/aktiviteter/{w['activity'].pk}/endre/")
    problems["403"] = _axe_serious(reader)
    assert {url: found for url, found in problems.items() if found} == {}


def test_the_axe_check_does_catch_problems(new_page):
    page = new_page()
    page.set_content('<html lang="nb"><body><main><input type="text"><img src="x.png"></main></body></html>')
    found = " ".join(_axe_serious(page))
    assert "label" in found and "image-alt" in found


def test_pages_send_a_content_security_policy_they_pass(new_page, world):
    # Every browser test fails on a CSP violation (conftest); this one visits the pages the others do not.
    page = new_page("koordinator")
    response = page.goto("/arsmelding/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    for url in ("/arsmelding/", "/import/", "/admin/", "/arenaer/", "/oversikt/"):
        page.goto(url)
    assert page.csp_violations == []


def test_the_csp_check_does_catch_a_violation(new_page, world):
    new_page.expect_csp_violations = True
    page = new_page("leser")
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.ran = true";
        document.head.appendChild(s);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.ran === undefined")
    assert any("script-src" in v for v in page.csp_violations)
