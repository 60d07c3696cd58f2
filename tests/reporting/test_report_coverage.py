"""The generated annual reports name the entities the originals name (evaluation/report_coverage.py, against the
hand annotations in evaluation/reference-*.json), and the measure can fail: an entity taken out of the register
is reported missing, and a name inside a longer name does not count."""

import importlib.util
import sys
from pathlib import Path

import pytest

from arena.ingest.linking import Gazetteer
from arena.register.models import Activity, Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]

REPO = Path(__file__).resolve().parents[2]
# The level reached (python evaluation/report_coverage.py prints the figures): every entity in both years.
FLOOR = {2019: 1.0, 2020: 1.0}


def load_module():
    spec = importlib.util.spec_from_file_location(
        "report_coverage", REPO / "evaluation" / "report_coverage.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


rc = load_module()


@pytest.fixture(scope="module")
def gazetteer(demo_db, django_db_blocker):
    with django_db_blocker.unblock():
        return Gazetteer.from_register()


@pytest.mark.parametrize(("year", "layout"), [(2019, "unit"), (2020, "area")])
def test_the_generated_report_names_what_the_original_names(year, layout, gazetteer):
    result = rc.coverage(rc.reference(year), rc.report_lines(year, layout), gazetteer, layout)
    assert result.share >= FLOOR[year], result.missing
    assert len(result.items) > 100
    assert all(row["annotated"] for row in result.by_kind().values())  # every kind is measured


def test_an_entity_taken_out_of_the_register_is_missing(gazetteer):
    """DSB is named in the 2020 report only as a partner of one activity: without that link it is missing."""
    dsb = Organisation.objects.get(key="dsb")
    activity = Activity.objects.get(year=2020, partners=dsb)
    activity.partners.remove(dsb)
    result = rc.coverage(rc.reference(2020), rc.report_lines(2020, "area"), gazetteer, "area")
    assert result.missing == ["DSB"]
    assert result.by_kind()["national_partner"]["missing"] == ["DSB"]
    assert result.share < FLOOR[2020]


def test_a_name_inside_a_longer_name_or_read_as_another_entity_does_not_count(gazetteer):
    reference = rc.reference(2020)

    def named(*lines):
        result = rc.coverage(reference, list(lines), gazetteer)
        return {item.name for item in result.items if item.index in result.named}

    # "EUs tredje helseprogram" is the programme: not the union, not the Commission
    assert named("Arbeidet i EUs tredje helseprogram.") == {"EUs helseprogram"}
    # genitive and inflected forms of a name count
    assert named("WHOs styre og Europarådets komité for bioetikk") >= {
        "WHOs styre",
        "Europarådets komité for bioetikk",
    }
    # the register reads "Emergency Medical Teams" as the EU's teams, so it does not name the WHO's initiative
    assert "WHOs Emergency Medical Teams" not in named("Emergency Medical Teams (EMT) ble sendt ut.")
    assert "WHOs Emergency Medical Teams" in named("WHOs Emergency Medical Teams-initiativ")
    # a lower-case word is not the abbreviation ("ud" is not UD), nor a part of a word
    assert named("vi sendte ud en melding om dsbx") == set()


def test_html_lines_keep_block_elements_apart():
    html = "<html><head><style>p{}</style></head><body><h2>WHO</h2><p>Noe om <abbr>EU</abbr>s arbeid</p></body></html>"
    assert rc.html_lines(html) == ["WHO", "Noe om EUs arbeid"]
