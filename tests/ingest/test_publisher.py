"""Whose text it is: `--publisher` and the upload page's publisher field (arena/ingest/publisher.py)."""

import io
import json

import pytest
from django.core.management import call_command

from arena.ingest.proposals import propose
from arena.ingest.readers import read_bytes
from arena.register.models import Engagement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("units_db")]

TEXT = (
    "Internasjonalt samarbeid\n\n"
    "Folkehelseinstituttet er nasjonalt kontaktpunkt for Det internasjonale helsereglementet (IHR). "
    "FHI deltar også i ECDCs rådgivende forum. Vi samarbeider med Helse Nord om beredskap.\n"
)


def document():
    return read_bytes(TEXT.encode(), "fhi-side.txt")


def names(proposals):
    return {e.name for e in proposals.entities}


def test_without_a_publisher_the_publisher_is_an_entity_and_its_statements_the_directorates():
    proposals = propose(document())
    assert "Folkehelseinstituttet" in names(proposals)
    assert all(link.holder == "unit" for link in proposals.links)


def test_the_publishers_own_names_are_not_entities_and_its_statements_are_its_engagements():
    proposals = propose(document(), publisher="FHI")
    assert "Folkehelseinstituttet" not in names(proposals)
    assert {"Det internasjonale helsereglementet", "Helse Nord RHF"} <= names(proposals)
    held = {(link.entity, link.register_role) for link in proposals.links if link.holder == "publisher"}
    assert ("Det internasjonale helsereglementet", "contact_point") in held
    assert all(link.unit_pk is None for link in proposals.links if link.holder == "publisher")
    assert proposals.document["publisher"]["name"] == "Folkehelseinstituttet"
    assert not any(u.name == "Folkehelseinstituttet" for u in proposals.units)


def test_a_publisher_the_register_does_not_know_is_kept_by_its_name():
    proposals = propose(
        read_bytes(b"Fjordsamarbeidet deltar i eHealth Network.\n", "x.txt"), publisher="Fjordsamarbeidet"
    )
    assert "Fjordsamarbeidet" not in names(proposals)
    assert proposals.document["publisher"] == {"name": "Fjordsamarbeidet", "organisation_pk": None}


def test_the_cli_takes_a_publisher_and_stores_its_engagements_for_review_only(tmp_path):
    path = tmp_path / "fhi-side.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import",
        str(path),
        "--dry-run",
        "--json",
        "--publisher",
        "Folkehelseinstituttet",
        stdout=out,
        stderr=io.StringIO(),
    )
    data = json.loads(out.getvalue())
    assert data["document"]["publisher"]["name"] == "Folkehelseinstituttet"
    assert any(link["holder"] == "publisher" for link in data["links"])
    before = Engagement.objects.count()
    call_command("import", str(path), "--publisher", "FHI", stdout=io.StringIO())
    assert Engagement.objects.count() == before


def test_the_upload_page_takes_a_publisher(client, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from arena.ingest.models import ImportBatch, Proposal

    client.force_login(django_user_model.objects.create_superuser("koordinator", password="x-Passord-42"))
    text = TEXT + "\nFHI leder også det nye Kysthelsenettverket.\n"
    upload = SimpleUploadedFile("fhi-side.txt", text.encode(), content_type="text/plain")
    response = client.post("/import/", {"file": upload, "publisher": "FHI"})
    assert response.status_code == 302
    batch = ImportBatch.objects.latest("pk")
    entity_names = {p.payload.get("name") for p in batch.proposals.filter(kind=Proposal.Kind.ENTITY)}
    assert "Kysthelsenettverket" in entity_names and "Folkehelseinstituttet" not in entity_names
    held = batch.proposals.filter(kind=Proposal.Kind.ENGAGEMENT)
    assert held and all(p.payload["holder"] == "publisher" and p.payload["unit_pk"] is None for p in held)


def _commit_all(batch):
    from arena.ingest import review
    from arena.register.permissions import Access

    for proposal in batch.proposals.all():
        review.decide(proposal, "accept", by=Access.system())
    return review.commit(batch, by=Access.system())


def test_import_with_a_publisher_commits_the_publishers_engagements_as_a_national_partners(tmp_path):
    from arena.ingest.models import ImportBatch
    from arena.register.models import Organisation

    path = tmp_path / "fhi-side.txt"
    path.write_text(TEXT + "\nFHI leder også det nye Kysthelsenettverket.\n", encoding="utf-8")
    call_command("import", str(path), "--publisher", "FHI", stdout=io.StringIO())
    counts = _commit_all(ImportBatch.objects.latest("pk"))
    fhi = Organisation.objects.get(abbreviation="FHI", kind__in=Organisation.NATIONAL_KINDS)
    held = {(e.arena.name, e.role) for e in Engagement.objects.filter(partner=fhi)}
    assert ("Det internasjonale helsereglementet", "contact_point") in held
    assert ("Kysthelsenettverket", "lead") in held  # a new arena, created by the same commit
    assert counts["engagements"] == len(held)
    assert not Engagement.objects.filter(partner=fhi, unit__isnull=False).exists()
    # a second import of the same text proposes none of them again
    out = io.StringIO()
    call_command("import", str(path), "--publisher", "FHI", stdout=out)
    assert "ingenting er lagret" in out.getvalue()


def test_a_publisher_that_is_not_a_national_partner_gets_no_engagements_stored(tmp_path):
    from arena.ingest.models import ImportBatch

    path = tmp_path / "ecdc-side.txt"
    path.write_text("ECDC leder det nye Kysthelsenettverket.\n", encoding="utf-8")
    call_command("import", str(path), "--publisher", "ECDC", stdout=io.StringIO())
    batch = ImportBatch.objects.latest("pk")
    assert not batch.proposals.filter(kind="engagement").exists()
