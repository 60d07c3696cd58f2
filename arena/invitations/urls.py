from django.urls import path

from arena.invitations import views

urlpatterns = [
    path("", views.invitation_list, name="invitation-list"),
    path("ny/", views.invitation_new, name="invitation-new"),
    path("oversikt/", views.overview, name="invitation-overview"),
    path("<id:pk>/", views.invitation_detail, name="invitation"),
    path("<id:pk>/vedlegg/<id:attachment_pk>/", views.attachment, name="invitation-attachment"),
    path("<id:pk>/<str:action>/", views.invitation_action, name="invitation-action"),
]
