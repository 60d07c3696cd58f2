"""The agenda's pages that change data, as cases of tests/test_write_checklist.py (signed out → sign-in; a persona
without the right → refused and nothing written; the right persona → written and attributed).

Each case is (name, prepare, allowed, written, refused_with): `prepare(personas)` makes what the page needs
(through the write path, as the system) and returns (url, post data, context); `written(context, user)` says
whether the post stored what it should, attributed to `user`."""

import datetime
import io
import zoneinfo

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arena.agenda import feeds, log_actions, meetings, notes
from arena.agenda.models import AgendaItem, BriefingNote, Deadline, Meeting, Obligation
from arena.register import changes
from arena.register.changes import latest_history_id
from arena.register.models import Arena, Engagement, LogEntry, Organisation
from arena.register.permissions import Access

SYSTEM = Access.system()
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
COORDINATOR = {"coordinator"}
CONTACTS_KF = {"coordinator", "contact_kf"}
EVERYONE = {"coordinator", "contact_kf", "contact_ff", "reader"}


def _version_by(obj, user, action_prefix="web") -> bool:
    record = obj.history.order_by("-history_date", "-history_id").first()
    return (
        record is not None
        and record.history_user_id == user.pk
        and (record.history_change_reason or "").startswith(action_prefix)
    )


def _logged(action, user) -> bool:
    return LogEntry.objects.filter(action=action, actor=user).exists()


def _wha(p) -> Arena:
    who = changes.save(Organisation(name="Verdens helseorganisasjon", abbreviation="WHO", kind="international"),
                       by=SYSTEM)  # fmt: skip
    wha = changes.save(Arena(name="Verdens helseforsamling", abbreviation="WHA", kind="governing_body",
                             organisation=who), by=SYSTEM)  # fmt: skip
    changes.save(Engagement(unit=p.kf, arena=wha, role=Engagement.Role.PARTICIPANT), by=SYSTEM)
    return wha


def _session(p) -> Meeting:
    meeting = Meeting(
        arena=_wha(p),
        kind=Meeting.Kind.SESSION,
        name="WHA85",
        starts_at=datetime.datetime(2032, 5, 22, 10, tzinfo=OSLO),
        ends_at=datetime.datetime(2032, 5, 29, 17, tzinfo=OSLO),
    )
    return meetings.save_meeting(meeting, by=SYSTEM, units=[p.kf])


def _meeting_data(p, **changed):
    data = {"name": "EB171", "kind": "session", "arena": "WHA", "starts_at": "2032-06-01T09:00",
            "ends_at": "2032-06-02T17:00", "time_zone": "Europe/Oslo", "place": "Genève",
            "attendee_units": [p.kf.pk]}  # fmt: skip
    return data | changed


def create_meeting(p):
    _wha(p)
    return reverse("agenda-meeting-create"), _meeting_data(p), None


def meeting_created(_context, user):
    meeting = Meeting.objects.filter(name="EB171").first()
    return meeting is not None and _version_by(meeting, user)


def edit_meeting(p):
    meeting = _session(p)
    data = _meeting_data(p, name="WHA85 (endret)", based_on=latest_history_id(meeting))
    return reverse("agenda-meeting-edit", args=[meeting.pk]), data, meeting


def meeting_edited(meeting, user):
    meeting.refresh_from_db()
    return meeting.name == "WHA85 (endret)" and meeting.sequence == 1 and _version_by(meeting, user)


def cancel_meeting(p):
    meeting = _session(p)
    return reverse("agenda-meeting-cancel", args=[meeting.pk]), {}, meeting


def meeting_cancelled(meeting, user):
    meeting.refresh_from_db()
    return meeting.is_cancelled and _logged(log_actions.MEETING_CANCELLED, user)


def _agenda_file() -> SimpleUploadedFile:
    document = docx.Document()
    document.add_paragraph("11.2 Antimicrobial resistance")
    document.add_paragraph("11.3 Noncommunicable diseases")
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("agenda.docx", out.getvalue())


def import_agenda(p):
    meeting = _session(p)
    return reverse("agenda-notes-action", args=[meeting.pk, "import"]), {"file": _agenda_file()}, meeting


def agenda_imported(meeting, user):
    return meeting.items.count() == 2 and _logged(log_actions.AGENDA_IMPORTED, user)


def add_item(p):
    meeting = _session(p)
    url = reverse("agenda-notes-action", args=[meeting.pk, "add"])
    return url, {"number": "12", "title": "Pandemic agreement"}, meeting


def item_added(meeting, user):
    item = meeting.items.filter(title="Pandemic agreement").first()
    return item is not None and _version_by(item, user)


def _item(p) -> AgendaItem:
    return meetings.add_item(_session(p), "Antimicrobial resistance", number="11.2", by=SYSTEM)


def confirm_item(p):
    item = _item(p)
    data = {"item": item.pk, f"item{item.pk}-unit": p.kf.pk, f"item{item.pk}-deadline": "2032-05-01"}
    return reverse("agenda-notes-action", args=[item.meeting_id, "confirm"]), data, item


def item_confirmed(item, user):
    note = BriefingNote.objects.filter(item=item).first()
    return note is not None and _version_by(note, user) and _logged(log_actions.ITEM_CONFIRMED, user)


def confirm_all(p):
    item = _item(p)
    url = reverse("agenda-notes-action", args=[item.meeting_id, "confirm-all"])
    return url, {"deadline": "2032-05-01"}, item


def _note(p, status=BriefingNote.Status.DRAFT) -> BriefingNote:
    item = _item(p)
    note = notes.confirm_item(item, p.kf, datetime.date(2032, 5, 1), by=SYSTEM)
    if status != BriefingNote.Status.DRAFT:
        notes.save_note(note, by=SYSTEM, background="Bakgrunn.", position="Norge støtter.", intervention="")
        notes.deliver(note, by=SYSTEM)
    return note


def note_step(action, status=BriefingNote.Status.DRAFT):
    def prepare(p):
        note = _note(p, status)
        data = {"background": "Resistens øker.", "position": "Norge støtter planen.", "intervention": "",
                "based_on": latest_history_id(note), "comment": "Legg til Norden."}  # fmt: skip
        return reverse("agenda-note-action", args=[note.pk, action]), data, note

    return prepare


def note_is(status, action):
    def check(note, user):
        note.refresh_from_db()
        return note.status == status and _version_by(note, user) and _logged(action, user)

    return check


def _obligation_data(p):
    return {"name": "OECD Health Data", "organisation": "WHO", "unit": p.kf.pk, "recurrence": "yearly",
            "due_month": 6, "due_day": 30, "remind_days_before": 14, "is_active": "on"}  # fmt: skip


def create_obligation(p):
    _wha(p)
    return reverse("agenda-obligation-create"), _obligation_data(p), None


def obligation_created(_context, user):
    obligation = Obligation.objects.filter(name="OECD Health Data").first()
    return obligation is not None and _version_by(obligation, user) and obligation.deadlines.exists()


def _obligation(p) -> Obligation:
    _wha(p)
    obligation = Obligation(name="Joint Questionnaire", organisation=Organisation.objects.get(abbreviation="WHO"),
                            unit=p.kf, due_month=4, due_day=15)  # fmt: skip
    return changes.save(obligation, by=SYSTEM)


def edit_obligation(p):
    obligation = _obligation(p)
    data = _obligation_data(p) | {"name": "Joint Questionnaire on health personnel"}
    return reverse("agenda-obligation-edit", args=[obligation.pk]), data, obligation


def obligation_edited(obligation, user):
    obligation.refresh_from_db()
    return obligation.name == "Joint Questionnaire on health personnel" and _version_by(obligation, user)


def generate(p):
    obligation = _obligation(p)
    return reverse("agenda-generate"), {"year": 2031}, obligation


def generated(obligation, user):
    return obligation.deadlines.filter(period="2031").exists() and _logged(
        log_actions.DEADLINES_GENERATED, user
    )


def deliver_deadline(p):
    deadline = changes.save(
        Deadline(obligation=_obligation(p), period="2030", due_on=datetime.date(2030, 4, 15)), by=SYSTEM
    )
    return reverse("agenda-deadline-deliver", args=[deadline.pk]), {"remark": "Sendt."}, deadline


def deadline_delivered(deadline, user):
    deadline.refresh_from_db()
    return deadline.delivered_by == user and _version_by(deadline, user)


def renew_token(p):
    return reverse("agenda-token-renew"), {}, {u.pk: feeds.token_for(u).token for u in p.users.values()}


def token_renewed(before, user):
    return feeds.token_for(user).token != before[user.pk] and _logged(log_actions.TOKEN_RENEWED, user)


CASES = [
    ("agenda: create a meeting", create_meeting, CONTACTS_KF, meeting_created, {"contact_ff": 400}),
    ("agenda: edit a meeting", edit_meeting, CONTACTS_KF, meeting_edited, {}),
    ("agenda: cancel a meeting", cancel_meeting, CONTACTS_KF, meeting_cancelled, {}),
    ("agenda: import an agenda", import_agenda, COORDINATOR, agenda_imported, {}),
    ("agenda: add an agenda item", add_item, COORDINATOR, item_added, {}),
    ("agenda: confirm an item's unit", confirm_item, COORDINATOR, item_confirmed, {}),
    ("agenda: confirm all suggestions", confirm_all, COORDINATOR, item_confirmed, {}),
    (
        "agenda: save a note",
        note_step("save"),
        CONTACTS_KF,
        note_is(BriefingNote.Status.DRAFT, log_actions.NOTE_SAVED),
        {},
    ),
    (
        "agenda: deliver a note",
        note_step("deliver"),
        CONTACTS_KF,
        note_is(BriefingNote.Status.DELIVERED, log_actions.NOTE_DELIVERED),
        {},
    ),
    (
        "agenda: return a note",
        note_step("return", BriefingNote.Status.DELIVERED),
        COORDINATOR,
        note_is(BriefingNote.Status.RETURNED, log_actions.NOTE_RETURNED),
        {},
    ),
    (
        "agenda: approve a note",
        note_step("approve", BriefingNote.Status.DELIVERED),
        COORDINATOR,
        note_is(BriefingNote.Status.APPROVED, log_actions.NOTE_APPROVED),
        {},
    ),
    ("agenda: create an obligation", create_obligation, COORDINATOR, obligation_created, {}),
    ("agenda: edit an obligation", edit_obligation, COORDINATOR, obligation_edited, {}),
    ("agenda: make a year's deadlines", generate, COORDINATOR, generated, {}),
    ("agenda: record a delivery", deliver_deadline, CONTACTS_KF, deadline_delivered, {}),
    ("agenda: renew the calendar address", renew_token, EVERYONE, token_renewed, {}),
]
