"""Editorial texts in a real browser: the coordinator writes a chapter introduction with a link and a footnote,
previews and saves it; a unit's introduction with an unsafe link is refused with a message, then saved; the
report shown in Arena carries both, with its footnote list. axe on each page at 1280 and 390 px."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from arena.reporting import cycle as flow
from arena.reporting.models import EditorialText
from tests.browser.test_pages import _axe_serious, world  # noqa: F401 - the shared register fixture

pytestmark = pytest.mark.django_db(transaction=True)


def _axe_both(page, problems, label):
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        problems[f"{label} @{width}"] = _axe_serious(page)


def test_write_preview_and_save_editorial_texts(new_page, world):  # noqa: F811
    problems = {}
    coordinator = get_user_model().objects.get(username="koordinator")
    cycle = flow.open_cycle(2020, datetime.date.today() + datetime.timedelta(days=30), "", by=coordinator)
    page = new_page("koordinator")
    page.goto("/arsmelding/2020/tekster/")
    page.fill(
        "#id_kap-chapter_enhetene",
        "Enhetene *innleder* selv.[^1]\n\n[^1]: Se [kilden](https://example.org/).",
    )
    page.get_by_role("button", name="Forhåndsvis").click()
    preview = page.get_by_role(
        "region", name="Forhåndsvisning: 3 Enhetenes internasjonale arbeid (oppsett etter enhet)"
    )
    assert preview.locator("em").inner_text() == "innleder"
    assert preview.get_by_role("link", name="kilden").get_attribute("href") == "https://example.org/"
    _axe_both(page, problems, "texts preview")
    assert not EditorialText.objects.exists()
    page.get_by_role("button", name="Lagre").click()
    assert EditorialText.objects.get(chapter="enhetene").text.startswith("Enhetene *innleder*")

    page.goto(cycle.submissions.get(unit=world["kf"]).get_absolute_url())
    page.fill("#id_tekst-intro", "KF innleder med [lenke](javascript:alert(1)).")
    page.get_by_role("button", name="Lagre tekstene").click()
    assert "er ikke tillatt" in page.get_by_role("alert").inner_text()
    _axe_both(page, problems, "unit texts refused")
    page.fill("#id_tekst-intro", "KF innleder med [lenke](https://example.org/kf).")
    page.get_by_role("button", name="Lagre tekstene").click()
    assert EditorialText.objects.get(unit=world["kf"], kind="unit_intro").text.endswith(
        "(https://example.org/kf)."
    )

    page.goto("/arsmelding/2020/visning/unit/")
    assert page.locator("#fn-1").inner_text().startswith("Se kilden")
    assert page.get_by_role("link", name="lenke").get_attribute("href") == "https://example.org/kf"
    _axe_both(page, problems, "report preview")
    assert {label: found for label, found in problems.items() if found} == {}
