"""The agenda in the Django admin: the coordinator's only, and writing through the write path (one version
labelled "admin", attributed; an inline deletion attributed too; SEQUENCE raised on a calendar change)."""

import pytest
from django.urls import reverse

from arena.agenda import notes
from arena.agenda.meetings import add_item
from arena.agenda.models import AgendaItem


def _meeting_form(meeting, items, **changed):
    local = meeting.local_start, meeting.local_end
    data = {
        "arena": meeting.arena_id, "series": meeting.series_id or "", "kind": meeting.kind, "name": meeting.name,
        "starts_at_0": local[0].strftime("%Y-%m-%d"), "starts_at_1": local[0].strftime("%H:%M:%S"),
        "ends_at_0": local[1].strftime("%Y-%m-%d"), "ends_at_1": local[1].strftime("%H:%M:%S"),
        "time_zone": meeting.time_zone, "place": meeting.place, "online_url": "", "description": "",
        "document_links": "", "status": meeting.status,
        "norway_has_delegation": "on" if meeting.norway_has_delegation else "",
        "items-TOTAL_FORMS": len(items), "items-INITIAL_FORMS": len(items), "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for index, item in enumerate(items):
        prefix = f"items-{index}-"
        data |= {f"{prefix}id": item.pk, f"{prefix}meeting": meeting.pk, f"{prefix}position": item.position,
                 f"{prefix}number": item.number, f"{prefix}title": item.title, f"{prefix}unit": item.unit_id or "",
                 f"{prefix}suggested_unit": item.suggested_unit_id or "", f"{prefix}area": item.area_id or "",
                 f"{prefix}confirmed": "on" if item.confirmed else "", f"{prefix}note_deadline": ""}  # fmt: skip
    return data | changed


@pytest.fixture(autouse=True)
def staff(personas):
    for name in ("coordinator", "contact_kf"):  # the admin site is for staff; Access decides the rest
        personas.users[name].is_staff = True
        personas.users[name].save()


@pytest.mark.parametrize("name", ["meetingseries", "meeting", "briefingnote", "obligation"])
def test_coordinator_only(as_persona, agenda, name):
    url = reverse(f"admin:agenda_{name}_changelist")
    assert as_persona("coordinator").get(url).status_code == 200
    assert as_persona("contact_kf").get(url).status_code == 403


def test_admin_writes_through_the_write_path(as_persona, agenda):
    session = agenda.session
    keep = add_item(session, "Antimicrobial resistance", number="11.2", by=agenda.coordinator)
    drop = add_item(session, "Duplicate item", number="11.9", by=agenda.coordinator)
    note = notes.confirm_item(keep, agenda.personas.kf, None, by=agenda.coordinator)
    client = as_persona("coordinator")
    url = reverse("admin:agenda_meeting_change", args=[session.pk])
    assert client.get(url).status_code == 200
    before = session.sequence
    keep.refresh_from_db()
    data = _meeting_form(session, [keep, drop], place="Online", **{"items-1-DELETE": "on"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    session.refresh_from_db()
    coordinator = agenda.personas.users["coordinator"]
    version = session.history.order_by("-history_id").first()
    assert session.place == "Online" and session.sequence == before + 1
    assert (version.history_user, version.history_change_reason) == (coordinator, "admin")
    assert session.history.count() == 2  # created, then one version for the whole admin save
    assert not AgendaItem.objects.filter(pk=drop.pk).exists()
    deleted = AgendaItem.history.filter(id=drop.pk, history_type="-").get()
    assert deleted.history_user == coordinator
    # A note's text is sanitised; its workflow fields are read-only there.
    note_url = reverse("admin:agenda_briefingnote_change", args=[note.pk])
    page = client.get(note_url).content.decode()
    assert 'name="status"' not in page and 'name="approved_at"' not in page
    response = client.post(
        note_url,
        {"unit": agenda.personas.kf.pk, "deadline": "", "background": "<p>Ok</p><script>x()</script>",
         "position": "Norge støtter.", "intervention": "", "coordinator_comment": ""},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    note.refresh_from_db()
    assert note.background == "<p>Ok</p>" and note.history.first().history_change_reason == "admin"


def test_a_deadline_moved_in_the_admin_gets_a_higher_sequence(as_persona, agenda):
    import datetime

    from arena.agenda.models import Deadline, Obligation
    from arena.register import changes

    obligation = changes.save(
        Obligation(name="OECD Health Data", organisation=agenda.who, unit=agenda.personas.kf, due_month=6),
        by=agenda.coordinator,
    )
    deadline = changes.save(
        Deadline(obligation=obligation, period="2031", due_on=datetime.date(2031, 6, 1)),
        by=agenda.coordinator,
    )
    data = {
        "name": obligation.name, "description": "", "organisation": agenda.who.pk, "arena": "",
        "unit": agenda.personas.kf.pk, "recurrence": "yearly", "due_month": 6, "due_day": 1,
        "remind_days_before": 14, "is_active": "on", "key": "",
        "deadlines-TOTAL_FORMS": 1, "deadlines-INITIAL_FORMS": 1, "deadlines-MIN_NUM_FORMS": 0,
        "deadlines-MAX_NUM_FORMS": 1000, "deadlines-0-id": deadline.pk, "deadlines-0-obligation": obligation.pk,
        "deadlines-0-period": "2031", "deadlines-0-due_on": "2031-06-15", "deadlines-0-delivered_by": "",
        "deadlines-0-delivered_at_0": "", "deadlines-0-delivered_at_1": "", "deadlines-0-remark": "",
    }  # fmt: skip
    client = as_persona("coordinator")
    response = client.post(reverse("admin:agenda_obligation_change", args=[obligation.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    deadline.refresh_from_db()
    assert deadline.due_on == datetime.date(2031, 6, 15) and deadline.sequence == 1
    assert deadline.history.first().history_change_reason == "admin"
