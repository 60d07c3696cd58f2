"""URLs of arena.monitoring, mounted at /folge-med/; paths are Norwegian, URL names English."""

from django.urls import path

from arena.monitoring import views

urlpatterns = [
    path("", views.item_list, name="monitoring-items"),
    path("notiser/ny/", views.item_edit, name="monitoring-item-create"),
    path("notiser/<id:pk>/", views.item_detail, name="monitoring-item"),
    path("notiser/<id:pk>/endre/", views.item_edit, name="monitoring-item-edit"),
    path("land/<str:code>/", views.country_timeline, name="monitoring-country"),
    path("tema/<slug:key>/", views.topic_timeline, name="monitoring-topic"),
    path("situasjoner/<id:pk>/", views.situation_detail, name="monitoring-situation"),
    path("vurderinger/<id:pk>/", views.assessment_detail, name="monitoring-assessment"),
    path("vurderinger/<id:pk>/endre/", views.assessment_edit, name="monitoring-assessment-edit"),
    path("rapporter/<id:pk>/", views.report_detail, name="monitoring-report"),
    path("rapporter/versjoner/<id:pk>/<str:fmt>/", views.report_file, name="monitoring-report-file"),
    path("strommer/", views.feed_list, name="monitoring-feeds"),
    path("strommer/<id:pk>/hent/", views.feed_poll, name="monitoring-feed-poll"),
    path("strommer/oppforinger/<id:pk>/<str:decision>/", views.entry_decide, name="monitoring-entry"),
]
