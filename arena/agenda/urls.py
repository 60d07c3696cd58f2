"""URLs of arena.agenda, mounted at /agenda/; paths are Norwegian, URL names English."""

from django.urls import path

from arena.agenda import views

urlpatterns = [
    path("", views.calendar_month, name="agenda-calendar"),
    path("liste/", views.calendar_list, name="agenda-list"),
    path("moter/ny/", views.meeting_edit, name="agenda-meeting-create"),
    path("moter/<id:pk>/", views.meeting_detail, name="agenda-meeting"),
    path("moter/<id:pk>/endre/", views.meeting_edit, name="agenda-meeting-edit"),
    path("moter/<id:pk>/avlys/", views.meeting_cancel, name="agenda-meeting-cancel"),
    path("moter/<id:pk>/mote.ics", views.meeting_ics, name="agenda-meeting-ics"),
    path("moter/<id:pk>/notater/", views.session_notes, name="agenda-notes"),
    path("moter/<id:pk>/notater/samlet.docx", views.notes_docx, name="agenda-notes-docx"),
    path("moter/<id:pk>/notater/<str:action>/", views.session_action, name="agenda-notes-action"),
    path("notater/<id:pk>/", views.note_detail, name="agenda-note"),
    path("notater/<id:pk>/<str:action>/", views.note_action, name="agenda-note-action"),
    path("forpliktelser/", views.obligation_list, name="agenda-obligations"),
    path("forpliktelser/ny/", views.obligation_edit, name="agenda-obligation-create"),
    path("forpliktelser/<id:pk>/endre/", views.obligation_edit, name="agenda-obligation-edit"),
    path("forpliktelser/frister/", views.generate, name="agenda-generate"),
    path("forfalte/", views.overdue_list, name="agenda-overdue"),
    path("frister/<id:pk>/levert/", views.deadline_deliver, name="agenda-deadline-deliver"),
    path("kalender/", views.feeds_page, name="agenda-feeds"),
    path("kalender/forny/", views.token_renew, name="agenda-token-renew"),
    path("kalender/enhet/<id:pk>.ics", views.unit_ics, name="agenda-unit-ics"),
    path("kalender/arena/<id:pk>.ics", views.arena_ics, name="agenda-arena-ics"),
    path("kalender/<str:token>/arena.ics", views.feed, name="agenda-feed"),
    path("kalender/<str:token>/enhet/<id:pk>.ics", views.feed_unit, name="agenda-feed-unit"),
    path("kalender/<str:token>/arena/<id:pk>.ics", views.feed_arena, name="agenda-feed-arena"),
]
