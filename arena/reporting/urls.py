"""URLs of arena.reporting, mounted at /arsmelding/; paths are Norwegian, URL names English."""

from django.urls import path

from arena.reporting import views

urlpatterns = [
    path("", views.index, name="reporting-index"),
    path("ny/", views.open_cycle, name="reporting-open"),
    path("<year:year>/", views.cycle_detail, name="reporting-cycle"),
    path("<year:year>/tekster/", views.texts, name="reporting-texts"),
    path("<year:year>/godkjenn/", views.approve_cycle, name="reporting-approve"),
    path(
        "<year:year>/godkjenn-uten-kontakt/",
        views.approve_without_contact,
        name="reporting-approve-without-contact",
    ),
    path("<year:year>/innspill/<id:unit>/", views.submission_detail, name="reporting-submission"),
    path(
        "<year:year>/innspill/<id:unit>/lever/bekreft/",
        views.confirm_submit,
        name="reporting-submission-confirm",
    ),
    path("<year:year>/innspill/<id:unit>/tekster/", views.unit_texts, name="reporting-unit-texts"),
    path(
        "<year:year>/innspill/<id:unit>/<str:action>/",
        views.submission_action,
        name="reporting-submission-action",
    ),
    path("<year:year>/visning/<str:layout>/", views.preview, name="reporting-preview"),
    path("<year:year>/utgi/", views.issue, name="reporting-issue"),
    path("<year:year>/utkast/", views.draft, name="reporting-draft"),
    path("utgave/<id:pk>/", views.issued_detail, name="reporting-issued"),
    path("utgave/<id:pk>/lag-igjen/", views.retry, name="reporting-retry"),
    path("utgave/<id:pk>/<str:fmt>/", views.download, name="reporting-download"),
]
