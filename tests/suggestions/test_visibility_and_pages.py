"""Pending proposals stay out of others' lists, pickers, search, API, open data and the report; the pages."""

import pytest
from django.urls import reverse

from arena.opendata import datasets
from arena.register import changes, figures
from arena.register.models import Arena, Engagement, Organisation
from arena.register.search import search
from arena.reporting.builder import EditorialTexts, _load
from arena.suggestions import service
from arena.suggestions.models import Suggestion
from arena.web.pickers import suggest

pytestmark = pytest.mark.django_db

NAME = "Nettverk for tobakksfrie generasjoner"


@pytest.fixture
def pending(world):
    arena = Arena(kind=Arena.Kind.NETWORK, name=NAME, abbreviation="TFG")
    suggestion = service.propose(arena, by=world.contact, reason="Nytt nettverk")
    engagement = changes.save(
        Engagement(unit=world.personas.kf, arena=arena, role=Engagement.Role.MEMBER), by=world.contact
    )
    changes.save(world.activity, by=world.contact, relations={"arenas": [world.assembly, arena]})
    return suggestion, arena, engagement


def _ids(results):
    return {r["id"] for r in results}


def test_pending_entries_only_for_proposer_and_coordinator_everywhere(world, pending, client):
    _suggestion, arena, engagement = pending
    from arena.register.permissions import Access

    for user, sees in ((world.contact, True), (world.coordinator, True), (world.other, False)):
        access = Access.of(user)
        assert (arena.pk in _ids(suggest("arenaer", "tobakksfrie", access=access))) is sees
        found = search("tobakksfrie generasjoner", access=access)
        assert (arena in [h.obj for h in found.arenas]) is sees
        client.force_login(user)
        page = client.get(reverse("arena-list"))
        assert (NAME in page.content.decode()) is sees
        detail = client.get(arena.get_absolute_url())
        assert detail.status_code == (200 if sees else 404)
        assert not sees or "venter på koordinatorens avgjørelse" in detail.content.decode()
        engagements = client.get(reverse("engagement-list")).content.decode()
        assert (NAME in engagements or "TFG" in engagements) is sees
        api = client.get("/api/v1/arenas/", {"antall": 500}).json()
        assert (arena.pk in {row["id"] for row in api["results"]}) is sees
        api = client.get("/api/v1/engagements/").json()
        assert (engagement.pk in {row["id"] for row in api["results"]}) is sees
        export = client.get(reverse("api-arenas-export", args=["csv"]))
        assert (NAME in b"".join(export.streaming_content).decode()) is sees
    # the form validates against the same rule: another contact cannot post the pending arena's id
    client.force_login(world.other)
    response = client.post(reverse("record-create", args=["aktiviteter"]), {
        "year": 2020, "title": "Forsøk", "kind": "other", "units": [world.personas.ff.pk], "arenas": [arena.pk],
    })  # fmt: skip
    assert response.status_code == 200 and "arenas" in response.context["form"].errors
    # open data and the report leave out what the coordinator has not decided on
    assert arena.pk not in {row["id"] for row in datasets.arena_rows()}
    assert engagement.pk not in {row["id"] for row in datasets.engagement_rows()}
    data = _load(2020, EditorialTexts())
    assert engagement not in data.engagements
    assert [a for act in data.activities for a in act.arenas.all()] == [world.assembly]
    # nor do the figures (dashboard and report) count a pending organisation under its name
    partner = service.propose(
        Organisation(kind="ngo", name="Tobakksfritt nettverk"), by=world.contact
    ).organisation
    changes.save(world.activity, by=world.contact, add_relations={"partners": [partner]})
    rows = figures.by_organisation(2020).rows
    assert {r.label for r in rows if r.count} == {"WHO"}
    # the proposer's picker marks it as proposed
    labels = {r["id"]: r["label"] for r in suggest("arenaer", "tobakksfrie", access=Access.of(world.contact))}
    assert labels[arena.pk] == f"{NAME} (TFG) (foreslått)"
    # once accepted, everyone sees it
    service.accept(_suggestion, by=world.coordinator)
    assert arena.pk in _ids(suggest("arenaer", "tobakksfrie", access=Access.of(world.other)))
    assert arena.pk in {row["id"] for row in datasets.arena_rows()}


def test_propose_pages_candidates_then_proposal_then_coordinator_merges(world, client):
    url = reverse("suggestion-propose", args=["arenaer"])
    client.force_login(world.reader)
    assert client.get(url).status_code == 403
    client.force_login(world.contact)
    form = client.get(url, {"navn": "Verdens helseforsamlingen"})
    assert form.status_code == 200 and 'value="Verdens helseforsamlingen"' in form.content.decode()
    data = {
        "name": "Verdens helseforsamlingen",
        "abbreviation": "",
        "kind": "governing_body",
        "reason": "Typo?",
    }
    first = client.post(url, data)
    assert "Mente du" in first.content.decode() and str(world.assembly) in first.content.decode()
    assert not Suggestion.objects.exists()  # nothing stored before the proposer confirms
    answer = client.post(url, {**data, "confirmed": "1", "fragment": "1"})
    assert answer.status_code == 200 and answer.json()["label"].startswith("Verdens helseforsamlingen")
    suggestion = Suggestion.objects.get()
    assert answer.json()["id"] == suggestion.arena_id
    # the edit form's picker offers the proposal link to contacts
    edit = client.get(reverse("record-create", args=["aktiviteter"])).content.decode()
    assert 'data-propose="/forslag/ny/arenaer/"' in edit and "Finner du ikke arenaen?" in edit
    # the contact sees their own proposal, not the decision forms
    detail = client.get(suggestion.get_absolute_url())
    assert detail.status_code == 200 and "suggestion-merge" not in detail.content.decode()
    assert client.post(reverse("suggestion-accept", args=[suggestion.pk])).status_code == 403
    client.force_login(world.other)
    assert client.get(suggestion.get_absolute_url()).status_code == 404

    client.force_login(world.coordinator)
    listing = client.get(reverse("suggestion-list")).content.decode()
    assert "Verdens helseforsamlingen" in listing
    detail = client.get(suggestion.get_absolute_url()).content.decode()
    assert "Mulige dubletter" in detail and "Slå sammen" in detail
    merge_url = reverse("suggestion-merge", args=[suggestion.pk])
    preview = client.post(merge_url, {"target": world.assembly.pk})
    assert "Dette flyttes" in preview.content.decode()
    assert Suggestion.objects.get().is_pending  # a preview changes nothing
    done = client.post(merge_url, {"target": world.assembly.pk, "confirm": "1"})
    assert done.status_code == 302 and done["Location"] == world.assembly.get_absolute_url()
    assert Suggestion.objects.get().status == Suggestion.Status.MERGED
    assert world.assembly.aliases.filter(name="Verdens helseforsamlingen").exists()
