"""Fixtures for the open-data tests: the DCAT-AP-NO shapes from ../shared/standards (beside the checkout, as
in CI; never copied into the project) and an output directory."""

import pytest

from tests.conftest import REPORTS

SHAPES = REPORTS.parent / "standards" / "dcat-ap-no" / "DCAT-AP-NO-shacl_shapes_2.00.ttl"


@pytest.fixture(scope="session")
def dcat_shapes():
    from rdflib import Graph

    if not SHAPES.exists():
        pytest.fail(
            f"the DCAT-AP-NO shapes are not at {SHAPES}: the project expects ../shared beside the checkout"
        )
    return Graph().parse(SHAPES)


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.ARENA_BASE_URL = "https://arena.example.no"
