"""Fixtures for import tests: a module-wide register with the reference data and the directorate's units
(no engagements or activities, so nothing a document proposes is known yet), the two reports, and small
documents made on the fly."""

from pathlib import Path

import pytest

from tests.conftest import REPORTS

REPO = Path(__file__).resolve().parents[2]
REPORT_2019 = REPORTS / "internasjonal-arsmelding-2019.txt"
REPORT_2020 = REPORTS / "internasjonal-arsmelding-2020.txt"


def need_reports():
    if not REPORT_2019.exists() or not REPORT_2020.exists():
        pytest.fail(f"the reports are not in {REPORTS}: the project expects ../shared beside the checkout")


@pytest.fixture(scope="session")
def report_2019():
    need_reports()
    return REPORT_2019


@pytest.fixture(scope="session")
def report_2020():
    need_reports()
    return REPORT_2020
