"""The review pages: upload, each proposal beside its source text, decisions, commit; coordinator-only
writes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arena.ingest.models import ImportBatch
from arena.register.models import Arena, Engagement

from .test_review import CONTRIBUTION

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("units_db")]


@pytest.fixture
def coordinator(client, django_user_model):
    from arena.register.models import Person, Unit, UnitRole

    user = django_user_model.objects.create_user(username="koord", password="x")
    person = Person.objects.create(given_name="Koordinator", family_name="Test", user=user)
    UnitRole.objects.create(
        person=person, unit=Unit.objects.get(is_coordinator=True), role=UnitRole.Role.COORDINATOR
    )
    client.force_login(user)
    return client


@pytest.fixture
def reader(django_user_model):
    from django.test import Client

    other = Client()
    other.force_login(django_user_model.objects.create_user(username="leser", password="x"))
    return other


def upload(client, name="innspill-ff-2021.md", data=None):
    data = CONTRIBUTION.encode() if data is None else data
    return client.post(reverse("ingest-list"), {"file": SimpleUploadedFile(name, data), "year": ""})


def test_upload_review_beside_the_source_and_commit(coordinator):
    response = upload(coordinator)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == batch.get_absolute_url()
    page = coordinator.get(batch.get_absolute_url()).content.decode()
    assert "Nordic Working Group on Rare Diseases" in page
    assert (
        "<mark>Divisjonen deltar i Nordic Working Group on Rare Diseases under Nordisk ministerråd.</mark>"
        in page
    )
    assert "Slå sammen" in page and "Lagre godtatte forslag i registeret" in page
    assert "participant" not in page.replace('value="participant"', "")  # the role's label, never its code
    rare = batch.proposals.get(kind="entity")
    nkmt = batch.proposals.get(
        kind="engagement", payload__entity__startswith="Nordisk arbeidsgruppe for kosthold"
    )
    others = batch.proposals.exclude(pk__in=[rare.pk, nkmt.pk])
    form = {f"decision-{p.pk}": "reject" for p in others}
    form |= {
        f"decision-{rare.pk}": "accept",
        f"name-{rare.pk}": "Nordisk arbeidsgruppe for sjeldne sykdommer",
        f"kind-{rare.pk}": "arena",
        f"decision-{nkmt.pk}": "accept",
        f"register_role-{nkmt.pk}": "member",
    }
    response = coordinator.post(batch.get_absolute_url(), form, follow=True)
    assert "Vurderingene er lagret" in response.content.decode()
    summary = coordinator.get(reverse("ingest-commit", args=[batch.pk])).content.decode()
    assert "Bekreft og lagre i registeret" in summary
    assert coordinator.post(reverse("ingest-commit", args=[batch.pk])).status_code == 200  # not confirmed
    assert not Engagement.objects.exists()
    response = coordinator.post(reverse("ingest-commit", args=[batch.pk]), {"bekreft": "ja"}, follow=True)
    assert "Lagret i registeret: 0 organisasjoner, 1 arena, 1 deltakelse og 0 aktiviteter." in (
        response.content.decode()
    )
    assert Arena.objects.filter(name="Nordisk arbeidsgruppe for sjeldne sykdommer").exists()
    assert Engagement.objects.get().role == "member"
    listing = coordinator.get(reverse("ingest-list")).content.decode()
    assert "Lagret i registeret" in listing


def test_bad_upload_shows_the_message_and_stores_nothing(coordinator):
    response = upload(coordinator, "tom.txt", b"")
    assert "Filen er tom." in coordinator.get(response.url).content.decode()
    assert not ImportBatch.objects.exists()


def test_readers_may_look_but_not_change(reader, coordinator):
    upload(coordinator)
    batch = ImportBatch.objects.get()
    assert reader.get(reverse("ingest-list")).status_code == 200
    page = reader.get(batch.get_absolute_url()).content.decode()
    assert "Nordic Working Group on Rare Diseases" in page and "Lagre vurderinger" not in page
    assert upload(reader).status_code == 403
    assert reader.post(batch.get_absolute_url(), {}).status_code == 403
    assert reader.post(reverse("ingest-commit", args=[batch.pk])).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("ingest-list"))
    assert response.status_code == 302 and "logg-inn" in response.url
