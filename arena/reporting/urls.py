"""URLs of arena.reporting, mounted at /arsmelding/; paths are Norwegian, URL names English."""

from django.urls import path

from arena.reporting import views

urlpatterns = [
    path("", views.index, name="reporting-index"),
    path("ny/", views.open_cycle, name="reporting-open"),
    path("<int:year>/", views.cycle_detail, name="reporting-cycle"),
    path("<int:year>/tekster/", views.texts, name="reporting-texts"),
    path("<int:year>/godkjenn/", views.approve_cycle, name="reporting-approve"),
    path("<int:year>/innspill/<int:unit>/", views.submission_detail, name="reporting-submission"),
    path(
        "<int:year>/innspill/<int:unit>/<str:action>/",
        views.submission_action,
        name="reporting-submission-action",
    ),
    path("<int:year>/visning/<str:layout>/", views.preview, name="reporting-preview"),
    path("<int:year>/utgi/", views.issue, name="reporting-issue"),
    path("utgave/<int:pk>/", views.issued_detail, name="reporting-issued"),
    path("utgave/<int:pk>/<str:fmt>/", views.download, name="reporting-download"),
]
