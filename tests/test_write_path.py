"""The one write path, action by action: each user action makes exactly one new version (or, for a workflow
step, one log entry), attributed to the person who acted; and the unit page's queries do not grow with the
number of roles shown (Access is computed once per request)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from arena.ingest import review
from arena.ingest.proposals import propose
from arena.ingest.readers import read_bytes
from arena.register import changes
from arena.register.changes import latest_history_id
from arena.register.models import Activity, Arena, LogEntry, Organisation, Person, UnitRole
from arena.register.permissions import Access
from arena.reporting import cycle as flow

SYSTEM = Access.system()


def counts(obj) -> tuple[int, int]:
    """(versions of obj, log entries in all)."""
    return obj.history.count(), LogEntry.objects.count()


def newest(obj):
    return obj.history.order_by("-history_date", "-history_id").first()


def test_web_edit_is_one_version_by_the_editor(personas, as_persona):
    activity = Activity(year=2021, title="Nordisk samarbeid", kind="participation")
    changes.save(activity, by=SYSTEM, relations={"units": [personas.kf]})
    before = counts(activity)
    data = {"year": 2021, "title": "Nordisk samarbeid om kvalitet", "kind": "participation",
            "units": [personas.kf.pk, personas.kf_department.pk], "based_on": latest_history_id(activity)}  # fmt: skip
    response = as_persona("contact_kf").post(reverse("record-edit", args=["aktiviteter", activity.pk]), data)
    assert response.status_code == 302
    assert counts(activity) == (before[0] + 1, before[1])
    version = newest(activity)
    assert version.history_user == personas.users["contact_kf"] and version.history_change_reason == "web"
    assert sorted(row.unit_id for row in version.units.all()) == sorted(
        [personas.kf.pk, personas.kf_department.pk]
    )


def test_alias_edit_is_one_version_of_its_owner_with_the_names(personas, as_persona):
    who = Organisation(name="Verdens helseorganisasjon", abbreviation="WHO", kind="international")
    changes.save(who, by=SYSTEM)
    before = counts(who)
    data = {"name": who.name, "abbreviation": "WHO", "kind": "international", "other_names": "World Health Organisation",
            "based_on": latest_history_id(who)}  # fmt: skip
    assert (
        as_persona("coordinator")
        .post(reverse("record-edit", args=["organisasjoner", who.pk]), data)
        .status_code
        == 302
    )
    assert counts(who) == (before[0] + 1, before[1])
    assert newest(who).other_names == ["World Health Organisation"]
    assert newest(who).history_user == personas.users["coordinator"]


def test_import_commit_makes_one_version_per_record_with_its_links(personas, reference_free_register):
    document = read_bytes(
        "# Innspill fra KF 2021\n\n## Divisjon for kvalitet og forløp\n\nDivisjonen deltar i Verdens "
        "helseforsamling (WHA) og i samarbeid med Sverige om pasientsikkerhet i 2021.\n".encode(),
        "innspill-kf-2021.md",
    )
    coordinator = personas.users["coordinator"]
    batch = review.store(document, propose(document, year=2021), by=coordinator)
    for proposal in batch.proposals.all():
        review.decide(proposal, "accept", coordinator)
    logs = LogEntry.objects.count()
    review.commit(batch, by=coordinator)
    activity = Activity.objects.get(year=2021)
    assert activity.history.count() == 1  # not one per .set()/.add()
    version = newest(activity)
    assert version.history_user == coordinator and version.history_change_reason == f"import:{batch.pk}"
    assert [row.arena_id for row in version.arenas.all()] == [reference_free_register.pk]
    assert [row.unit_id for row in version.units.all()] == [personas.kf.pk]
    assert LogEntry.objects.count() == logs + 1
    entry = LogEntry.objects.get(action=review.COMMITTED)
    assert entry.actor == coordinator and entry.data["activities"] == 1


@pytest.fixture
def reference_free_register(personas):
    """The one arena the import links to, and the country it names."""
    from arena.register.models import Country

    Country.objects.create(code="SE", code3="SWE", name="Sverige", name_en="Sweden")
    wha = Arena(name="Verdens helseforsamling", abbreviation="WHA", kind="governing_body")
    changes.save(wha, by=SYSTEM)
    return wha


def test_submission_delivered_is_one_log_entry_by_the_contact_and_resubmission_keeps_both(personas):
    activity = Activity(year=2021, title="Nordisk samarbeid", kind="participation")
    changes.save(activity, by=SYSTEM, relations={"units": [personas.kf]})
    cycle = flow.open_cycle(
        2021, datetime.date(2032, 1, 31), by=personas.users["coordinator"], units=[personas.kf]
    )
    submission = cycle.submissions.get()
    before = LogEntry.objects.count()
    flow.submit(submission, by=personas.users["contact_kf"])
    assert LogEntry.objects.count() == before + 1
    flow.return_submission(submission, by=personas.users["coordinator"], comment="Mangler utsyn.")
    flow.submit(submission, by=personas.users["coordinator"])
    delivered = LogEntry.objects.filter(action=flow.SUBMITTED, object_id=submission.pk).order_by("when", "pk")
    assert [e.actor for e in delivered] == [personas.users["contact_kf"], personas.users["coordinator"]]
    assert delivered[0].data == {"activities": 1, "engagements": 0}


def test_restore_is_one_version_and_one_log_entry_by_the_coordinator(personas):
    activity = Activity(year=2021, title="Riktig tittel", kind="participation")
    changes.save(activity, by=SYSTEM, relations={"units": [personas.kf]})
    first = latest_history_id(activity)
    activity.title = "Feil tittel"
    changes.save(activity, by=personas.users["contact_kf"])
    before = counts(activity)
    changes.restore(activity, first, by=personas.users["coordinator"])
    assert counts(activity) == (before[0] + 1, before[1] + 1)
    assert newest(activity).history_user == personas.users["coordinator"]
    assert LogEntry.objects.get(action="register.restored").actor == personas.users["coordinator"]


def test_contact_cannot_write_outside_their_units_through_the_services(personas):
    from django.core.exceptions import PermissionDenied

    activity = Activity(year=2021, title="FF-arbeid", kind="participation")
    with pytest.raises(PermissionDenied):
        changes.save(activity, by=personas.users["contact_kf"], relations={"units": [personas.ff]})
    assert not Activity.objects.exists()


def _unit_page_queries(client, unit) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(unit.get_absolute_url())
    assert response.status_code == 200
    return len(context.captured_queries)


def test_unit_page_queries_do_not_grow_with_roles(personas, as_persona):
    client = as_persona("coordinator")
    one = _unit_page_queries(client, personas.kf)
    for i in range(5):
        person = Person.objects.create(given_name=f"Person {i}", family_name="Test")
        UnitRole.objects.create(person=person, unit=personas.kf, role=UnitRole.Role.MEMBER)
    six = _unit_page_queries(client, personas.kf)
    assert one == six, (one, six)
