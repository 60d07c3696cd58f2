"""`python -m arena import FILE [--year] --dry-run --json`: the documented JSON, nothing stored."""

import json

import pytest
from django.core.management import call_command

from arena.ingest.models import ImportBatch, Proposal
from arena.register.models import Activity, Alias, Arena, Engagement, Organisation, SourceDocument

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("units_db")]
REGISTER = (Organisation, Arena, Alias, Engagement, Activity, SourceDocument, ImportBatch, Proposal)


@pytest.fixture(scope="module")
def dry_run_2020(units_db, report_2020, django_db_blocker):
    import io

    out, err = io.StringIO(), io.StringIO()
    with django_db_blocker.unblock():
        call_command(
            "import", str(report_2020), "--dry-run", "--json", "--year", "2020", stdout=out, stderr=err
        )
    return json.loads(out.getvalue()), err.getvalue()


def test_dry_run_prints_the_documented_json_and_stores_nothing(report_2020):
    before = {m: m.objects.count() for m in REGISTER}
    data = json.loads(_run(report_2020))
    assert before == {m: m.objects.count() for m in REGISTER}
    assert set(data) == {"format", "document", "units", "entities", "links", "activities"}
    assert data["document"]["year"] == 2020 and data["document"]["title"] == "Internasjonal årsmelding 2020"
    assert {"abbreviation", "name", "aliases"} <= set(data["units"][0])
    entity = data["entities"][0]
    assert {"name", "abbreviation", "aliases", "kind", "known", "mentions"} <= set(entity)
    assert {"unit", "entity", "role", "evidence"} <= set(data["links"][0])
    assert {"unit", "title", "entities", "priority_areas", "span"} <= set(data["activities"][0])


def _run(path, *args):
    import io

    out = io.StringIO()
    call_command("import", str(path), "--dry-run", "--json", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_2020_report_through_the_command_line(dry_run_2020):
    data, summary = dry_run_2020
    assert "Ingenting er lagret" in summary
    units = {u["abbreviation"] or u["name"]: u for u in data["units"]}
    assert {"Hdir", "AS", "ASGH", "FF", "DH", "HK", "KF", "Smittevernteamet"} <= set(units)
    assert "KF-divisjonen" in units["KF"]["aliases"]
    entities = {e["name"]: e for e in data["entities"]}
    who = entities["Verdens helseorganisasjon"]
    assert who["known"] and who["kind"] == "organisation" and {"WHO", "WHOs", "WHO's"} <= set(who["mentions"])
    assert entities["Helse- og omsorgsdepartementet"]["kind"] == "national_partner"
    assert entities["EØS-midlene 2014–2021"]["kind"] == "programme"
    assert entities["Nordisk legemiddelforum"]["kind"] == "arena"
    assert entities["New Zealand"]["kind"] == "country"
    links = {(link["unit"], link["entity"], link["role"]) for link in data["links"]}
    assert ("KF", "Nordisk legemiddelforum", "participant") in links
    assert ("Hdir", "Joint Action om beredskap mot biologisk og kjemisk terror", "lead") in links
    assert ("FF", "WHOs nettverk av kontaktpunkter for voldsforebygging", "contact_point") in links
    assert ("AS", "Working for Health – flerpartnerfond", "member") in links
    evidence = next(link for link in data["links"] if link["entity"] == "Nordisk legemiddelforum")
    assert evidence["evidence"].startswith("Videre deltar KF-divisjonen på møter i Nordisk legemiddelforum")
    assert evidence["section"].endswith("Universell helsedekning › Tilgang til legemidler")
    activity = next(a for a in data["activities"] if a["section"].endswith("› Tobakk"))
    assert (
        activity["title"] == "Deltar i EU-kommisjon om tobakksdirektivet"
    )  # from the paragraph, not "Tobakk"
    assert activity["unit"] == "FF" and activity["priority_areas"] == ["Ikke-smittsomme sykdommer"]
    assert "Joint Action om tobakkskontroll" in activity["entities"]
    start, end = activity["span"]
    assert activity["text"].startswith("FF-divisjonen deltar i EU-kommisjon om tobakksdirektivet")
    assert end - start == len(activity["text"])


def test_without_dry_run_the_proposals_are_stored_for_review(report_2019):
    import io

    out = io.StringIO()
    call_command("import", str(report_2019), stdout=out)
    batch = ImportBatch.objects.get()
    assert f"import nr. {batch.pk}" in out.getvalue()
    assert batch.year == 2019 and batch.proposals.filter(kind="engagement").count() > 40
    assert not Engagement.objects.exists()  # nothing in the register until the coordinator commits


def test_activities_report_the_year_not_the_outlooks(report_2019):
    data = json.loads(_run(report_2019))
    sections = [a["section"] for a in data["activities"]]
    assert any(s.startswith("3.4 Divisjon for helseøkonomi og kompetanse") for s in sections)
    assert not any(
        ("fremover" in s.split(" › ")[-1]) or "neste årene" in s or s.startswith(("Forord", "Sammendrag"))
        for s in sections
    )
    kf = [a for a in data["activities"] if a["unit"] == "KF"]
    assert kf and all(a["year"] == 2019 for a in kf)
