"""The register's read-only pages; paths are Norwegian, URL names English."""

from django.urls import path

from arena.web import editing, pickers_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sok/", views.search_page, name="search"),
    path("land/", views.country_list, name="country-list"),
    path("land/<str:code>/", views.country_detail, name="country-detail"),
    path("omrader/", views.area_list, name="area-list"),
    path("omrader/<id:pk>/", views.area_detail, name="area-detail"),
    path("oversikt/", views.dashboard, name="dashboard"),
    path("enheter/", views.unit_list, name="unit-list"),
    path("enheter/<id:pk>/", views.unit_detail, name="unit-detail"),
    path("personer/<id:pk>/", views.person_detail, name="person-detail"),
    path("organisasjoner/", views.organisation_list, name="organisation-list"),
    path("organisasjoner/<id:pk>/", views.organisation_detail, name="organisation-detail"),
    path("arenaer/", views.arena_list, name="arena-list"),
    path("arenaer/<id:pk>/", views.arena_detail, name="arena-detail"),
    path("deltakelser/", views.engagement_list, name="engagement-list"),
    path("deltakelser/<id:pk>/", views.engagement_detail, name="engagement-detail"),
    path("aktiviteter/", views.activity_list, name="activity-list"),
    path("aktiviteter/<id:pk>/", views.activity_detail, name="activity-detail"),
    path("velg/<str:kind>/", pickers_views.picker, name="picker"),
    # Editing, history and restore for every register record; `section` is the list path (EDITABLE keys).
    path("<str:section>/ny/", editing.edit, name="record-create"),
    path("<str:section>/<id:pk>/endre/", editing.edit, name="record-edit"),
    path("<str:section>/<id:pk>/historikk/", editing.history, name="record-history"),
    path(
        "<str:section>/<id:pk>/historikk/<id:history_id>/gjenopprett/",
        editing.restore_version,
        name="record-restore",
    ),
]
