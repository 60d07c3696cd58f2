"""The reporting cycle's new steps in a real browser: a past deadline refused in the form, delivering through the
confirmation step, units without a contact approved in one step, a draft offered before approval; axe on each
page at 1280 and 390 px."""

import datetime

import pytest

from arena.reporting.models import IssuedReport, ReportingCycle, Submission
from tests.browser.test_pages import _axe_serious, world  # noqa: F401 - the shared register fixture

pytestmark = pytest.mark.django_db(transaction=True)


def _axe_both(page, problems, label):
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        problems[f"{label} @{width}"] = _axe_serious(page)


def test_open_deliver_after_confirming_approve_without_contact_and_draft(new_page, world):  # noqa: F811
    problems = {}
    page = new_page("koordinator")
    page.goto("/arsmelding/")
    page.fill("#id_year", "2020")
    page.fill("#id_deadline", "2020-02-01")
    page.get_by_role("button", name="Åpne runden").click()
    assert "Fristen er passert" in page.content()
    _axe_both(page, problems, "refused deadline")
    assert not ReportingCycle.objects.exists()
    page.fill("#id_deadline", (datetime.date.today() + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Åpne runden").click()
    cycle = ReportingCycle.objects.get(year=2020)
    submission = cycle.submissions.get(unit=world["kf"])

    page.goto(submission.get_absolute_url())
    assert "Kartlegging." in page.content()  # the activity's description
    _axe_both(page, problems, "submission")
    page.get_by_role("link", name="Lever innspillet …").click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("?")
    _axe_both(page, problems, "confirm")
    page.get_by_role("button", name="Ja, lever innspillet").click()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED

    page.goto(cycle.get_absolute_url())
    _axe_both(page, problems, "cycle")
    page.get_by_role("button", name="Lag utkast (HTML, Word og PDF)").wait_for()
    page.get_by_role("button", name="Lever og godkjenn alle uten kontakt").click()
    assert set(cycle.submissions.values_list("status", flat=True)) == {Submission.Status.APPROVED}

    draft = IssuedReport.objects.create(
        year=2020, layout="unit", version=1, is_draft=True, status="done", issued_at=cycle.opened_at
    )
    page.goto(draft.get_absolute_url())
    assert "kan ikke arkiveres" in page.content()
    _axe_both(page, problems, "draft")
    assert {label: found for label, found in problems.items() if found} == {}
