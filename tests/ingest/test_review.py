"""Review and commit: what is stored for review, decisions, the one-transaction commit, and that importing
the same document again proposes nothing the register already has."""

import pytest

from arena.ingest import review
from arena.ingest.errors import DocumentError
from arena.ingest.linking import Gazetteer
from arena.ingest.models import ImportBatch, Proposal
from arena.ingest.proposals import propose
from arena.ingest.readers import read_bytes
from arena.register.models import Activity, Alias, Arena, Engagement, Organisation, SourceDocument
from arena.register.permissions import Access

SYSTEM = Access.system()

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("units_db")]

CONTRIBUTION = """# Innspill fra FF 2021

## 3.2 Divisjon for folkehelse og forebygging

### Ernæring

Divisjonen deltar i Nordisk arbeidsgruppe for kosthold, mat og toksikologi (NKMT) og leder arbeidet med
de nordiske ernæringsanbefalingene (NNR) sammen med Sverige.

### Psykisk helse

Divisjonen deltar i Nordic Working Group on Rare Diseases under Nordisk ministerråd.
"""


def document():
    return read_bytes(CONTRIBUTION.encode(), "innspill-ff-2021.md")


def fresh_proposals(doc):
    return propose(doc, Gazetteer.from_register())


def accept_all(batch):
    for proposal in batch.proposals.all():
        review.decide(proposal, "accept", SYSTEM)


def test_stores_only_what_is_new_and_commits_it_in_one_go():
    doc = document()
    batch = review.store(doc, fresh_proposals(doc), by=SYSTEM)
    kinds = sorted(batch.proposals.values_list("kind", flat=True))
    assert kinds.count("entity") == 1 and kinds.count("engagement") == 3 and kinds.count("activity") == 2
    new = batch.proposals.get(kind="entity")
    assert new.payload["name"] == "Nordic Working Group on Rare Diseases"
    assert new.payload["parent"] == "Nordisk ministerråd"
    engagement = batch.proposals.filter(kind="engagement").get(
        payload__entity="Nordisk arbeidsgruppe for kosthold, mat og toksikologi"
    )
    assert (engagement.section, batch.text[engagement.start : engagement.end]) == (
        "3.2 Divisjon for folkehelse og forebygging › Ernæring",
        engagement.payload["evidence"],
    )
    accept_all(batch)
    counts = review.commit(batch, by=SYSTEM)
    assert counts == {
        "organisations": 0,
        "arenas": 1,
        "aliases": 0,
        "engagements": 3,
        "activities": 2,
        "merged": 0,
        "ended": 0,
    }
    arena = Arena.objects.get(name="Nordic Working Group on Rare Diseases")
    assert arena.organisation.key == "ncm" and arena.kind == "working_group"
    source = SourceDocument.objects.get(sha256=doc.sha256)
    assert source.title == "Innspill fra FF 2021" and source.year == 2021
    nnr = Engagement.objects.get(arena__key="nnr2022")
    assert (nnr.unit.key, nnr.role, nnr.source, nnr.source_section) == (
        "ff",
        "lead",
        source,
        "3.2 Divisjon for folkehelse og forebygging › Ernæring",
    )
    # the title is written from the paragraph, not its heading ("Ernæring")
    activity = Activity.objects.get(
        source=source, title="Deltar i Nordisk arbeidsgruppe for kosthold, mat og toksikologi (NKMT)"
    )
    assert set(activity.arenas.values_list("key", flat=True)) == {"nkmt", "nnr2022"}
    assert list(activity.countries.values_list("code", flat=True)) == ["SE"]
    assert activity.main_area.code == "ikke-smittsomme-sykdommer"
    batch.refresh_from_db()
    assert batch.status == "committed" and batch.source == source
    assert set(batch.proposals.values_list("status", flat=True)) == {"committed"}


def test_importing_the_same_document_again_proposes_nothing_already_in_the_register():
    doc = document()
    batch = review.store(doc, fresh_proposals(doc), by=SYSTEM)
    accept_all(batch)
    review.commit(batch, by=SYSTEM)
    rows = {m: m.objects.count() for m in (Arena, Engagement, Activity, Alias, ImportBatch)}
    again = fresh_proposals(document())
    assert all(e.known for e in again.entities)
    assert all(link.known for link in again.links)
    assert all(a.known for a in again.activities)
    assert review.store(document(), again, by=SYSTEM) is None
    assert review.commit(batch, by=SYSTEM) == {
        "organisations": 0,
        "arenas": 0,
        "aliases": 0,
        "engagements": 0,
        "activities": 0,
        "merged": 0,
        "ended": 0,
    }
    assert rows == {m: m.objects.count() for m in rows}


def test_a_document_waiting_for_review_is_not_stored_twice():
    doc = document()
    batch = review.store(doc, fresh_proposals(doc), by=SYSTEM)
    with pytest.raises(DocumentError, match=f"import nr. {batch.pk}"):
        review.store(document(), fresh_proposals(document()), by=SYSTEM)


def test_edit_merge_and_reject():
    doc = document()
    batch = review.store(doc, fresh_proposals(doc), by=SYSTEM)
    new = batch.proposals.get(kind="entity")
    target = Arena.objects.get(key="nordic-mental-health")
    review.decide(new, "merge", SYSTEM, merge=("arena", target.pk))
    rare = batch.proposals.filter(kind="engagement").get(
        payload__entity="Nordic Working Group on Rare Diseases"
    )
    review.decide(rare, "accept", SYSTEM, edits={"register_role": "member"})
    nnr = batch.proposals.filter(kind="engagement").get(payload__entity__startswith="De nordiske")
    review.decide(nnr, "reject", SYSTEM)
    activity = batch.proposals.filter(kind="activity").first()
    review.decide(
        activity, "accept", SYSTEM, edits={"title": "Nordisk ernæringssamarbeid", "kind": "leadership"}
    )
    review.commit(batch, by=SYSTEM)
    assert Arena.objects.filter(name="Nordic Working Group on Rare Diseases").count() == 0
    assert "Nordic Working Group on Rare Diseases" in target.aliases.values_list("name", flat=True)
    assert Engagement.objects.filter(arena=target, role="member", unit__key="ff").exists()
    assert not Engagement.objects.filter(arena__key="nnr2022").exists()
    assert Activity.objects.get(title="Nordisk ernæringssamarbeid").kind == "leadership"
    with pytest.raises(ValueError):
        review.decide(new, "accept", SYSTEM)  # the batch is committed


def test_commit_is_one_transaction(monkeypatch):
    doc = document()
    batch = review.store(doc, fresh_proposals(doc), by=SYSTEM)
    accept_all(batch)
    before = {
        m: m.objects.count() for m in (Arena, Organisation, Engagement, Activity, SourceDocument, Alias)
    }

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Activity, "full_clean", broken)  # fails after the arena and engagements are made
    with pytest.raises(RuntimeError):
        review.commit(batch, by=SYSTEM)
    assert before == {m: m.objects.count() for m in before}
    batch.refresh_from_db()
    assert batch.status == "open"
    assert set(batch.proposals.values_list("status", flat=True)) == {Proposal.Status.ACCEPTED}


def test_an_ended_engagement_proposes_only_its_end_and_undo_reopens_it():
    from arena.ingest import undo
    from arena.register.models import Unit

    ff = Unit.objects.get(abbreviation="FF")
    nkmt = Arena.objects.get(key="nkmt")
    from arena.register import changes

    stored = changes.save(Engagement(unit=ff, arena=nkmt, role="member"), by=SYSTEM)
    text = (
        "# Innspill fra FF 2021\n\n## 3.2 Divisjon for folkehelse og forebygging\n\n"
        "Divisjonen deltok i Nordisk arbeidsgruppe for kosthold, mat og toksikologi (NKMT) frem til arbeidet "
        "ble avsluttet i 2021.\n"
    )
    doc = read_bytes(text.encode(), "innspill-ff-slutt-2021.md")
    batch = review.store(doc, fresh_proposals(doc), by=SYSTEM)
    proposal = batch.proposals.get(kind="engagement")
    assert not proposal.known and proposal.payload["ends_on"] == "2021-12-31"
    assert proposal.payload["existing"]["id"] == stored.pk
    review.decide(proposal, "accept", SYSTEM)
    for other in batch.proposals.exclude(pk=proposal.pk):
        review.decide(other, "reject", SYSTEM)
    counts = review.commit(batch, by=SYSTEM)
    assert counts["ended"] == 1 and counts["engagements"] == 0
    stored.refresh_from_db()
    assert str(stored.ends_on) == "2021-12-31"
    assert Engagement.objects.filter(arena=nkmt).count() == 1
    undo.undo(batch, by=SYSTEM)
    stored.refresh_from_db()
    assert stored.ends_on is None


def test_a_directorate_statement_goes_to_the_division_whose_chapter_names_the_same_arena():
    text = (
        "# Innspill 2021\n\n## 1 Samarbeid og arbeidsflater\n\n"
        "Helsedirektoratet deltar i Nordisk arbeidsgruppe for kosthold, mat og toksikologi (NKMT).\n\n"
        "## 3.2 Divisjon for folkehelse og forebygging\n\n"
        "Arbeidet i NKMT handler om kosthold og ernæring i de nordiske landene.\n"
    )
    doc = read_bytes(text.encode(), "innspill-2021.md")
    found = fresh_proposals(doc)
    link = next(link for link in found.links if link.entity.startswith("Nordisk arbeidsgruppe for kosthold"))
    assert (link.unit, link.moved_from, link.directorate) == ("FF", "Hdir", False)
    activity = found.activities[0]
    assert activity.units == ["FF"] and activity.moved_from == "Hdir"
    assert activity.title == "Deltar i Nordisk arbeidsgruppe for kosthold, mat og toksikologi (NKMT)"
