"""The annotated references and the evaluation: well-formed, grounded in the reports, and the import's
quality stays above a floor (the figures themselves: `python evaluation/evaluate.py`)."""

import importlib.util
import json

import pytest

from arena.ingest.linking import Gazetteer
from arena.ingest.proposals import propose
from arena.ingest.readers import read_document

from .conftest import REPO, REPORTS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("units_db")]
REFERENCES = sorted((REPO / "evaluation").glob("reference-*.json"))
KINDS = {"organisation", "arena", "programme", "national_partner", "country"}
ROLES = {"participant", "lead", "contact_point", "member", "partner", "observer", "other"}
FLOOR = {"entities": (0.9, 0.9), "links": (0.8, 0.75)}  # (precision, recall)


def evaluation_module():
    spec = importlib.util.spec_from_file_location("evaluate", REPO / "evaluation" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", REFERENCES, ids=lambda p: p.stem)
def test_reference_is_well_formed_and_grounded_in_the_report(path, report_2019):
    reference = json.loads(path.read_text(encoding="utf-8"))
    names = [e["name"] for e in reference["entities"]]
    assert len(names) == len(set(names))
    assert all(e["kind"] in KINDS and e["surface_forms"] for e in reference["entities"])
    assert all(link["entity"] in names and link["role"] in ROLES for link in reference["links"])
    text = read_document(REPORTS / reference["document"]).text
    missing = [s for e in reference["entities"] for s in e["surface_forms"] if s not in text]
    assert missing == []


@pytest.mark.parametrize("path", REFERENCES, ids=lambda p: p.stem)
def test_quality_stays_above_the_floor(path, report_2019):
    reference = json.loads(path.read_text(encoding="utf-8"))
    proposals = propose(read_document(REPORTS / reference["document"]), Gazetteer.from_register())
    result = evaluation_module().score(reference, proposals)
    for part, (precision, recall) in FLOOR.items():
        assert result[part]["precision"] >= precision, (part, result[part])
        assert result[part]["recall"] >= recall, (part, result[part])


NON_SEED = REPO / "evaluation" / "non-seed"
NON_SEED_DOCUMENTS = json.loads((NON_SEED / "annotations.json").read_text(encoding="utf-8"))["documents"]


def test_the_non_seed_set_is_well_formed_and_grounded_in_its_texts():
    assert len(NON_SEED_DOCUMENTS) >= 10
    for reference in NON_SEED_DOCUMENTS:
        assert reference["url"].startswith("http") and reference["publisher"], reference["document"]
        names = [e["name"] for e in reference["entities"]]
        assert len(names) == len(set(names)), reference["document"]
        assert all(e["kind"] in KINDS and e["surface_forms"] for e in reference["entities"])
        text = (NON_SEED / reference["document"]).read_text(encoding="utf-8")
        missing = [s for e in reference["entities"] for s in e["surface_forms"] if s not in text]
        assert missing == [], reference["document"]


def test_non_seed_quality_stays_above_the_floor():
    module = evaluation_module()
    gazetteer = Gazetteer.from_register()
    results = {}
    for reference in NON_SEED_DOCUMENTS:
        document = read_document(NON_SEED / reference["document"])
        proposals = propose(document, gazetteer, publisher=reference["publisher"])
        results[reference["document"]] = module.score({"links": [], **reference}, proposals)
    total = module.total(results)["entities"]
    assert total["precision"] >= 0.85 and total["recall"] >= 0.85, total
