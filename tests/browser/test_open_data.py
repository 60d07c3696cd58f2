"""The open-data page in a real browser, signed out: it passes axe-core and its Content-Security-Policy, and
its links lead to the files."""

import pytest

from tests.browser.test_pages import _axe_serious, world  # noqa: F401 - the shared small register

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_open_data_page_signed_out(new_page, world, settings):  # noqa: F811
    settings.ARENA_OPEN_DATA = True
    page = new_page()
    response = page.goto("/data/")
    assert response.status == 200
    assert _axe_serious(page) == []
    with page.expect_response(lambda r: r.url.endswith("/data/aktiviteter.csv")) as csv_response:
        page.evaluate("() => fetch(document.querySelector('a[href=\"aktiviteter.csv\"]').href)")
    assert csv_response.value.status == 200
    assert "Nasjonal legemiddelberedskap" in csv_response.value.text()
