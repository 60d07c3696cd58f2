"""The 2019 report imported into the demo register: what is stored is recognised ("finnes"), committing every
proposal as proposed creates no duplicate engagement or activity, and undoing the batch restores every table
of the register exactly. The report is read and proposed once for the module."""

import pytest
from django.apps import apps

from arena.ingest import review, undo
from arena.ingest.models import ImportBatch, Proposal
from arena.ingest.proposals import propose
from arena.ingest.readers import read_document
from arena.register import changes
from arena.register.models import Activity, Engagement, LogEntry
from arena.register.models.base import active_in_year
from arena.register.permissions import Access

SYSTEM = Access.system()

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


@pytest.fixture(scope="module")
def imported(demo_db, report_2019, django_db_blocker):
    with django_db_blocker.unblock():
        document = read_document(report_2019)
        return document, propose(document)


def register_rows() -> dict[str, list[dict]]:
    """Every row of every register table (relation tables included), history and activity log left out."""
    rows = {}
    for model in apps.get_app_config("register").get_models(include_auto_created=True):
        if model._meta.object_name.startswith("Historical") or model is LogEntry:
            continue
        rows[model._meta.label] = list(model.objects.order_by("pk").values())
    return rows


def engagement_keys() -> list[tuple]:
    rows = Engagement.objects.filter(active_in_year(2019))
    return sorted(rows.values_list("unit_id", "partner_id", "arena_id", "role"), key=str)


def accept_all(batch, exclude=()):
    for proposal in batch.proposals.exclude(pk__in=exclude):
        review.decide(proposal, "accept", SYSTEM)


def test_what_the_register_has_is_shown_as_known_and_identical_links_are_grouped(imported):
    document, proposals = imported
    batch = review.store(document, proposals, by=SYSTEM)
    engagements = batch.proposals.filter(kind=Proposal.Kind.ENGAGEMENT)
    salt = engagements.get(payload__entity="WHOs europeiske salthandlingsnettverk")
    assert salt.known and salt.status == Proposal.Status.KNOWN and salt.unit.abbreviation == "FF"
    assert salt.payload["existing"]["label"] == "Medlem"
    audit = engagements.get(payload__entity="Revisjonsutvalget")
    assert audit.known and audit.unit.abbreviation == "HK"
    # the directorate-level statement in chapter 2 is the division's whose seat it is
    svalbard = engagements.get(payload__entity="Svalbardgruppen")
    assert svalbard.unit.abbreviation == "AS" and svalbard.payload["moved_from"] == "Hdir" and svalbard.known
    # a new, more specific role is the one real difference proposed beside what is stored
    ern = engagements.filter(
        payload__entity="Europeiske referansenettverk", known=False, unit__abbreviation="KF"
    )
    assert {p.payload["register_role"] for p in ern} == {"observer", "board_member"}
    assert all(p.payload["existing"]["label"] == "Deltaker" for p in ern)
    keys = [(p.payload["unit_pk"], p.payload["entity_ref"], p.payload["register_role"]) for p in engagements]
    assert len(keys) == len(set(keys))
    grouped = [p for p in engagements if p.payload["more_evidence"]]
    assert len(grouped) >= 5 and all(
        e["text"] != p.payload["evidence"] for p in grouped for e in p.payload["more_evidence"]
    )
    titles = list(
        batch.proposals.filter(kind=Proposal.Kind.ACTIVITY).values_list("payload__title", flat=True)
    )
    headings = {s["title"] for s in batch.sections}
    assert titles and not headings & set(titles)
    assert not {"EU", "WHO", "Samarbeid og arbeidsflater"} & set(titles)


def test_commit_everything_as_proposed_then_undo_restores_the_register_exactly(imported):
    document, proposals = imported
    before = register_rows()
    engagements_before = engagement_keys()
    activities_before = set(Activity.objects.values_list("year", "title"))
    batch = review.store(document, proposals, by=SYSTEM)
    known = batch.proposals.filter(known=True)
    assert known.filter(kind=Proposal.Kind.ENGAGEMENT).count() >= 40
    assert known.filter(kind=Proposal.Kind.ACTIVITY).count() >= 15
    # a partial commit: the rest stays reviewable
    first = list(batch.proposals.filter(kind=Proposal.Kind.ENGAGEMENT, known=False)[:3])
    for proposal in first:
        review.decide(proposal, "accept", SYSTEM)
    assert review.commit(batch, by=SYSTEM)["engagements"] >= 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.OPEN
    with pytest.raises(ValueError, match="allerede lagret"):
        review.decide(first[0], "reject", SYSTEM)
    accept_all(batch, exclude=[p.pk for p in first])
    counts = review.commit(batch, by=SYSTEM)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED
    assert counts["activities"] == batch.proposals.filter(kind="activity", known=False).count()
    after = engagement_keys()
    assert len(after) > len(engagements_before)
    assert len(after) - len(set(after)) == len(engagements_before) - len(set(engagements_before))
    created = Activity.objects.filter(source=batch.source, year=2019).exclude(
        pk__in=[a["id"] for a in before["register.Activity"]]
    )
    assert created.count() == counts["activities"]
    assert not activities_before & set(created.values_list("year", "title"))

    result = undo.undo(batch, by=SYSTEM)
    assert result["deleted"] >= counts["activities"] + counts["engagements"]
    assert register_rows() == before
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.UNDONE
    assert changes.log_entries(batch)[0].action == undo.UNDONE
    with pytest.raises(undo.UndoRefused):
        undo.undo(batch, by=SYSTEM)


def test_undo_is_refused_when_a_record_changed_after_the_commit(imported):
    document, proposals = imported
    batch = review.store(document, proposals, by=SYSTEM)
    proposal = batch.proposals.filter(kind=Proposal.Kind.ACTIVITY, known=False).first()
    review.decide(proposal, "accept", SYSTEM)
    review.commit(batch, by=SYSTEM)
    proposal.refresh_from_db()
    activity = Activity.objects.get(pk=proposal.result_pk)
    activity.title = "Rettet etter importen"
    changes.save(activity, by=SYSTEM)
    with pytest.raises(undo.UndoRefused, match="endret etter at importen ble lagret"):
        undo.undo(batch, by=SYSTEM)
    assert Activity.objects.get(pk=activity.pk).title == "Rettet etter importen"
    batch.refresh_from_db()
    assert batch.committed_at is not None and batch.status != ImportBatch.Status.UNDONE


def test_review_page_filters_pages_changes_the_unit_merges_only_what_is_ticked_and_undoes(
    imported, client, django_user_model
):
    from django.urls import reverse

    from arena.register.models import Unit

    document, proposals = imported
    batch = review.store(document, proposals, by=SYSTEM)
    client.force_login(django_user_model.objects.create_superuser("koordinator-import"))
    ff = Unit.objects.get(abbreviation="FF")
    page = client.get(batch.get_absolute_url(), {"type": "engagement", "finnes": "ja", "enhet": ff.pk})
    text = page.content.decode()
    assert "Finnes: FF – Medlem" in text and "WHOs europeiske salthandlingsnettverk" in text
    assert ">participant<" not in text and "Rolle: participant" not in text
    first = client.get(batch.get_absolute_url()).content.decode()
    assert first.count('class="proposal"') == 20 and "Side 1 av" in first

    # the unit picker: a directorate-level activity credited to a division; back to the same filters
    activity = batch.proposals.filter(kind="activity", known=False, unit__kind="directorate").first()
    assert activity is not None
    as_unit = Unit.objects.get(abbreviation="AS")
    response = client.post(
        batch.get_absolute_url(),
        {
            f"decision-{activity.pk}": "accept",
            f"unit_pk-{activity.pk}": as_unit.pk,
            "tilbake": "type=activity",
        },
    )
    assert response.status_code == 302 and response.url.endswith("?type=activity")
    activity.refresh_from_db()
    assert activity.unit == as_unit and activity.payload["unit_pks"][0] == as_unit.pk

    # merge: field by field, only what is ticked is added
    known = next(
        p
        for p in batch.proposals.filter(kind="activity", known=True)
        if merge_additions(p, reverse("ingest-merge", args=[batch.pk, p.pk]), client)
    )
    url = reverse("ingest-merge", args=[batch.pk, known.pk])
    target = Activity.objects.get(pk=known.payload["existing"]["id"])
    arenas_before = set(target.arenas.values_list("pk", flat=True))
    offered = merge_additions(known, url, client)
    field, value = offered[0]
    client.post(url, {"med": target.pk, field: value})
    confirm = client.get(reverse("ingest-commit", args=[batch.pk])).content.decode()
    assert "Bekreft og lagre i registeret" in confirm
    client.post(reverse("ingest-commit", args=[batch.pk]), {"bekreft": "ja"})
    target.refresh_from_db()
    added = {name: set(getattr(target, name).values_list("pk", flat=True)) for name in review.MERGE_FIELDS}
    assert int(value) in added[field]
    for other_field, other_value in offered[1:]:
        if other_field != field:
            assert int(other_value) not in added[other_field]
    if field != "arenas":
        assert added["arenas"] == arenas_before

    response = client.post(reverse("ingest-undo", args=[batch.pk]), {"bekreft": "ja"}, follow=True)
    assert "Importen er angret" in response.content.decode()
    target.refresh_from_db()
    assert set(target.arenas.values_list("pk", flat=True)) == arenas_before


def merge_additions(proposal, url, client) -> list[tuple[str, str]]:
    """(field, value) of every addition the merge page offers to tick."""
    import re

    page = client.get(url).content.decode()
    return re.findall(
        r'<input type="checkbox" name="(arenas|partners|countries|units|areas)" value="(\d+)"', page
    )
