"""The monitoring log in a real browser: a team member logs a week's items by pasting e-mails, writes the
week's assessment of a watched country, and the monthly report goes draft → review → issued; its PDF passes
the annual report's PDF/A checks, and the pages pass axe."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group

from arena.monitoring.models import MonitoringItem, Situation, SituationReport
from arena.monitoring.situations import save_situation
from arena.register.models import Country
from arena.register.permissions import MONITORING_TEAM_GROUP, Access
from arena.reporting.pdfa import check_pdfa

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Arena-passord-1"

MAILS = (
    "Emne: Sverige anbefaler hjemmekontor\nDato: 16.03.2020\n\nFolkhälsomyndigheten ber alle som kan, arbeide "
    "hjemmefra i Sverige.",
    "Emne: Sverige går over til fjernundervisning\nDato: 17.03.2020\n\nGymnas og universiteter i Sverige "
    "underviser på nett fra i dag.",
    "Emne: Sverige forbereder flere intensivplasser\nDato: 19.03.2020\n\nRegionene i Sverige planlegger for "
    "flere pasienter på intensiv.",
)


def _axe_serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def situation(django_user_model, settings, tmp_path):
    settings.REPORTING_FILES_DIR = str(tmp_path / "reports")
    sweden, _ = Country.objects.get_or_create(
        code="SE", defaults={"code3": "SWE", "name": "Sverige", "name_en": "Sweden"}
    )
    member = django_user_model.objects.create_user("folgemed", password=PASSWORD, first_name="Fia")
    member.groups.add(Group.objects.get_or_create(name=MONITORING_TEAM_GROUP)[0])
    return save_situation(
        Situation(name="Covid-19-pandemien", starts_on=datetime.date(2020, 1, 1)),
        by=Access.system(),
        countries=[sweden],
    )


def test_a_week_logged_assessed_and_reported(new_page, live_server, situation):
    page = new_page("folgemed", PASSWORD)
    problems = {}
    for mail in MAILS:
        page.goto("/folge-med/notiser/ny/")
        page.fill("#id_text", mail)
        page.click("text=Fyll ut skjemaet fra teksten")
        assert page.input_value("#id_country_names") == "Sverige"
        problems.setdefault("item form", _axe_serious(page))
        page.click("text=Lagre notisen")
        page.wait_for_selector("text=Notisen er lagret.")
    assert MonitoringItem.objects.count() == 3
    problems["item"] = _axe_serious(page)
    page.goto("/folge-med/")
    problems["list"] = _axe_serious(page)

    page.goto(situation.get_absolute_url())
    problems["situation"] = _axe_serious(page)
    page.select_option("#id_country", label="Sverige")
    page.fill("#id_week_of", "2020-03-18")
    page.click("text=Åpne vurderingen")
    page.fill("#id_measures", "Råd framfor påbud; hjemmekontor og fjernundervisning.")
    page.fill("#id_lessons", "Tillit gjør at frivillige råd følges.")
    problems["assessment form"] = _axe_serious(page)
    page.click("text=Lagre vurderingen")
    page.wait_for_selector("text=Vurderingen er lagret.")
    assessment = situation.assessments.get()
    assert assessment.items.count() == 3 and assessment.week == 12

    page.goto(situation.get_absolute_url())
    page.select_option("#id_kind", "monthly")
    page.fill("#id_day", "2020-03-18")
    page.click("text=Lag utkast")
    page.click("text=Send til gjennomgang")
    page.click("text=Gi ut rapporten")
    page.wait_for_selector("text=Rapporten gis ut.")
    report = SituationReport.objects.get()
    assert report.status == "issued"
    version = report.versions.get()
    assert version.status == "done", version.error
    problems["report"] = _axe_serious(page)
    pdf = page.request.get(f"/folge-med/rapporter/versjoner/{version.pk}/pdf/")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert check_pdfa(pdf.body()) == []
    page.goto(situation.get_absolute_url())
    assert page.locator("text=v1 (PDF)").count() == 1
    for name, url in (
        ("country timeline", "/folge-med/land/SE/"),
        ("assessment", assessment.get_absolute_url()),
        ("feeds", "/folge-med/strommer/"),
        ("report preview", f"{report.get_absolute_url()}?preview=1"),
    ):
        page.goto(url)
        problems[name] = _axe_serious(page)
    assert {k: v for k, v in problems.items() if v} == {}
