"""Proposing an arena or organisation and the coordinator's decisions, without HTTP."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from arena.notifications.models import Notification
from arena.register import changes
from arena.register.models import Activity, Alias, Arena, Engagement, LogEntry, Organisation
from arena.register.names import find_arenas
from arena.register.permissions import Access, without_pending
from arena.suggestions import merging, service
from arena.suggestions.duplicates import candidates
from arena.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db


def _propose(world, name="Arbeidsgruppe for antimikrobiell resistens", abbreviation="AMR-AG", by=None):
    arena = Arena(kind=Arena.Kind.WORKING_GROUP, name=name, abbreviation=abbreviation, organisation=world.who)
    return service.propose(arena, by=by or world.contact, reason="Vi deltar fra i år.")


def test_a_contact_proposes_an_arena_seen_by_them_and_the_coordinator_only(world):
    suggestion = _propose(world)
    arena = suggestion.arena
    assert suggestion.status == Suggestion.Status.PENDING
    assert arena.history.count() == 1 and arena.history.first().history_user == world.contact
    assert LogEntry.objects.filter(action="suggestions.proposed", object_id=arena.pk).exists()
    for user, sees in (
        (world.contact, True),
        (world.coordinator, True),
        (world.other, False),
        (world.reader, False),
    ):
        assert Access.of(user).visible(Arena.objects.all()).filter(pk=arena.pk).exists() is sees, user
    assert not without_pending(Arena.objects.all()).filter(pk=arena.pk).exists()
    # the coordinators hear of it
    coordinator_notes = Notification.objects.filter(recipient=world.coordinator, kind="suggestions.proposed")
    assert coordinator_notes.count() == 1


def test_the_proposer_uses_it_at_once_and_others_do_not_see_engagements_in_it(world):
    arena = _propose(world).arena
    engagement = Engagement(unit=world.personas.kf, arena=arena, role=Engagement.Role.MEMBER)
    changes.save(engagement, by=world.contact)
    changes.save(world.activity, by=world.contact, relations={"arenas": [world.assembly, arena]})
    assert Access.of(world.other).visible(Engagement.objects.all()).filter(pk=engagement.pk).count() == 0
    assert Access.of(world.contact).visible(Engagement.objects.all()).filter(pk=engagement.pk).count() == 1


def test_readers_may_not_propose_and_contacts_may_not_decide(world):
    with pytest.raises(PermissionDenied):
        _propose(world, by=world.reader)
    suggestion = _propose(world)
    for decide in (service.accept, service.reject):
        with pytest.raises(PermissionDenied):
            decide(suggestion, by=world.contact)
    with pytest.raises(PermissionDenied):
        merging.merge(suggestion, into=world.assembly, by=world.contact)
    assert (
        Access.of(world.contact).can_propose_entry() and not Access.of(world.contact).can_decide_suggestions()
    )
    assert Access.of(world.coordinator).can_decide_suggestions()
    assert not Access.of(world.reader).can_propose_entry()
    # proposing is not a way around the register's create rule
    assert not Access.of(world.contact).can_create(Arena)


def test_an_invalid_proposal_stores_nothing(world):
    with pytest.raises(ValidationError):
        _propose(world, name="verdens HELSEFORSAMLING", abbreviation="")
    assert not Suggestion.objects.exists()
    assert Arena.objects.count() == 1


def test_duplicate_candidates_by_name_abbreviation_and_near_spelling(world):
    access = Access.of(world.contact)
    exact = candidates(Arena, ["Something else", "WHA"], access=access)
    assert [c.record for c in exact] == [world.assembly] and exact[0].exact
    near = candidates(Arena, ["Verdens helseforsamlinga"], access=access)
    assert [c.record for c in near] == [world.assembly] and not near[0].exact
    assert candidates(Organisation, ["World Health Organisation"], access=access)[0].record == world.who
    # someone else's pending proposal is not offered
    hidden = _propose(world, by=world.other).arena
    assert hidden not in [c.record for c in candidates(Arena, [hidden.name], access=access)]


def test_accept_makes_it_an_ordinary_entry_and_tells_the_proposer(world):
    suggestion = service.accept(_propose(world), by=world.coordinator, comment="Fint")
    assert suggestion.status == Suggestion.Status.ACCEPTED and suggestion.decided_by == world.coordinator
    assert Access.of(world.reader).visible(Arena.objects.all()).filter(pk=suggestion.arena_id).exists()
    assert Notification.objects.filter(recipient=world.contact, kind="suggestions.decided").count() == 1
    with pytest.raises(service.DecisionError):
        service.accept(suggestion, by=world.coordinator)


def test_merge_moves_every_reference_keeps_the_name_and_is_logged(world):
    suggestion = _propose(world, name="World Health Assembly plenary", abbreviation="WHA-P")
    proposed = suggestion.arena
    child = Arena.objects.create(kind=Arena.Kind.COMMITTEE, name="Komité A", parent=proposed)
    changes.save(world.activity, by=world.contact, relations={"arenas": [proposed]})
    other_activity = Activity.objects.create(year=2020, title="Begge")
    other_activity.units.add(world.personas.kf)
    other_activity.arenas.add(world.assembly, proposed)
    engagement = changes.save(
        Engagement(unit=world.personas.kf, arena=proposed, role=Engagement.Role.LEAD), by=world.contact
    )
    duplicate = changes.save(  # KF already takes part in the assembly: this one would repeat it
        Engagement(unit=world.personas.kf, arena=proposed, role=Engagement.Role.PARTICIPANT), by=world.contact
    )
    preview = merging.references(proposed)
    assert {(r.model.__name__, r.field) for r in preview} == {
        ("Activity", "arenas"),
        ("Engagement", "arena"),
        ("Arena", "parent"),
    }

    merging.merge(suggestion, into=world.assembly, by=world.coordinator)

    assert not Arena.objects.filter(pk=proposed.pk).exists()
    assert list(world.activity.arenas.all()) == [world.assembly]
    assert list(other_activity.arenas.all()) == [world.assembly]
    engagement.refresh_from_db()
    child.refresh_from_db()
    assert engagement.arena == world.assembly and child.parent == world.assembly
    assert not Engagement.objects.filter(pk=duplicate.pk).exists()
    # the proposed names are other names of the existing arena, so linking and search know them
    assert list(find_arenas("World Health Assembly plenary")) == [world.assembly]
    assert list(find_arenas("wha-p")) == [world.assembly]
    assert Alias.objects.filter(arena=world.assembly, kind=Alias.Kind.ALIAS).count() == 2
    # traceable: versions of the moved records, the merge on the target's log, the proposal's decision
    action = f"suggestion:{suggestion.pk}"
    assert world.activity.history.first().history_change_reason == action
    assert engagement.history.first().history_change_reason == action
    assert world.assembly.history.first().history_change_reason == action
    entry = LogEntry.objects.get(action="suggestions.merged", object_id=world.assembly.pk)
    assert entry.data["moved"] == 4 and entry.data["removed"] == 1
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.MERGED and suggestion.merged_into_arena == world.assembly
    assert Notification.objects.filter(recipient=world.contact, kind="suggestions.decided").exists()


def test_merge_refuses_a_target_of_another_kind(world):
    suggestion = _propose(world)
    with pytest.raises(service.DecisionError):
        merging.merge(suggestion, into=world.who, by=world.coordinator)
    with pytest.raises(service.DecisionError):
        merging.merge(suggestion, into=suggestion.arena, by=world.coordinator)
    assert Suggestion.objects.get().is_pending


def test_reject_only_while_unused(world):
    used = _propose(world)
    changes.save(world.activity, by=world.contact, relations={"arenas": [used.arena]})
    with pytest.raises(service.DecisionError):
        service.reject(used, by=world.coordinator)
    assert Arena.objects.filter(pk=used.arena_id).exists()

    unused = _propose(world, name="Et ubrukt forum", abbreviation="")
    arena_pk = unused.arena_id
    service.reject(unused, by=world.coordinator, comment="Finnes ikke")
    unused.refresh_from_db()
    assert unused.status == Suggestion.Status.REJECTED and unused.arena is None
    assert not Arena.objects.filter(pk=arena_pk).exists()
    assert Arena.history.filter(id=arena_pk, history_type="-").get().history_user == world.coordinator


def test_an_organisation_proposal_merges_partners_and_arenas(world):
    organisation = Organisation(
        kind=Organisation.Kind.INTERNATIONAL, name="Verdens helseorg.", abbreviation=""
    )
    suggestion = service.propose(organisation, by=world.contact)
    arena = Arena.objects.create(kind=Arena.Kind.NETWORK, name="Et nettverk", organisation=organisation)
    world.activity.partners.add(organisation)
    merging.merge(suggestion, into=world.who, by=world.coordinator)
    arena.refresh_from_db()
    assert arena.organisation == world.who
    assert list(world.activity.partners.all()) == [world.who]
    assert world.who in Organisation.objects.filter(aliases__normalized="verdens helseorg.")


def test_the_coordinators_own_proposal_is_accepted_at_once(world):
    suggestion = _propose(world, by=world.coordinator)
    assert suggestion.status == Suggestion.Status.ACCEPTED
    assert not Notification.objects.filter(kind="suggestions.proposed").exists()
    assert Access.of(world.reader).sees_pending(suggestion.arena)


def test_old_unused_pending_proposals_are_ordinary_dates(world):
    # a pending entry's period and names behave as any arena's
    suggestion = _propose(world)
    suggestion.arena.starts_on = datetime.date(2020, 1, 1)
    changes.save(suggestion.arena, by=world.coordinator)
    assert suggestion.arena.history.count() == 2
