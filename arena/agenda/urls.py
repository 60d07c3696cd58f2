"""URLs of arena.agenda, mounted at /agenda/; paths are Norwegian, URL names English."""

from django.urls import path

from arena.agenda.views import calendar, feeds, meetings, notes, obligations

urlpatterns = [
    path("", calendar.calendar_month, name="agenda-calendar"),
    path("liste/", calendar.calendar_list, name="agenda-list"),
    path("moter/ny/", meetings.meeting_edit, name="agenda-meeting-create"),
    path("moter/<id:pk>/", meetings.meeting_detail, name="agenda-meeting"),
    path("moter/<id:pk>/endre/", meetings.meeting_edit, name="agenda-meeting-edit"),
    path("moter/<id:pk>/avlys/", meetings.meeting_cancel, name="agenda-meeting-cancel"),
    path("moter/<id:pk>/mote.ics", meetings.meeting_ics, name="agenda-meeting-ics"),
    path("moter/<id:pk>/notater/", notes.session_notes, name="agenda-notes"),
    path("moter/<id:pk>/notater/samlet.docx", notes.notes_docx, name="agenda-notes-docx"),
    path("moter/<id:pk>/notater/<str:action>/", notes.session_action, name="agenda-notes-action"),
    path("notater/<id:pk>/", notes.note_detail, name="agenda-note"),
    path("notater/<id:pk>/<str:action>/", notes.note_action, name="agenda-note-action"),
    path("forpliktelser/", obligations.obligation_list, name="agenda-obligations"),
    path("forpliktelser/ny/", obligations.obligation_edit, name="agenda-obligation-create"),
    path("forpliktelser/<id:pk>/endre/", obligations.obligation_edit, name="agenda-obligation-edit"),
    path("forpliktelser/frister/", obligations.generate, name="agenda-generate"),
    path("forfalte/", obligations.overdue_list, name="agenda-overdue"),
    path("frister/<id:pk>/levert/", obligations.deadline_deliver, name="agenda-deadline-deliver"),
    path("kalender/", feeds.feeds_page, name="agenda-feeds"),
    path("kalender/forny/", feeds.token_renew, name="agenda-token-renew"),
    path("kalender/enhet/<id:pk>.ics", feeds.unit_ics, name="agenda-unit-ics"),
    path("kalender/arena/<id:pk>.ics", feeds.arena_ics, name="agenda-arena-ics"),
    path("kalender/<str:token>/arena.ics", feeds.feed, name="agenda-feed"),
    path("kalender/<str:token>/enhet/<id:pk>.ics", feeds.feed_unit, name="agenda-feed-unit"),
    path("kalender/<str:token>/arena/<id:pk>.ics", feeds.feed_arena, name="agenda-feed-arena"),
]
