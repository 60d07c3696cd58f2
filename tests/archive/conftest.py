"""Fixtures for the archive tests: the arkivmelding XML Schema from ../shared/standards (beside the checkout,
as in CI; never copied into the project), issued report files in a temporary directory, and a quickly issued
report (a year without data, so generating it takes a moment, not the full report's time)."""

import pytest

from tests.conftest import REPORTS

SCHEMA = REPORTS.parent / "standards" / "noark5-arkivmelding" / "arkivmelding.xsd"


@pytest.fixture(scope="session")
def arkivmelding_schema():
    import xmlschema

    if not SCHEMA.exists():
        pytest.fail(
            f"the arkivmelding schema is not at {SCHEMA}: the project expects ../shared beside the checkout"
        )
    return xmlschema.XMLSchema(str(SCHEMA))


@pytest.fixture(autouse=True)
def report_files(settings, tmp_path):
    settings.REPORTING_FILES_DIR = str(tmp_path / "reports")
    settings.REPORTING_BACKGROUND = False
    settings.ARENA_BASE_URL = "https://arena.example.no"


@pytest.fixture
def issue(personas, approved_cycle):
    """`issue(year, layout)`: a report issued by the coordinator from the year's approved cycle, done."""
    from arena.reporting.issuing import issue_report
    from arena.reporting.models import ReportingCycle

    def make(year=1995, layout="unit"):
        if not ReportingCycle.objects.filter(year=year).exists():
            approved_cycle(year)
        issued = issue_report(year, layout, by=personas.users["coordinator"], background=False)
        assert issued.status == issued.Status.DONE, issued.error
        return issued

    return make
