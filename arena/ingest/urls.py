"""URLs of arena.ingest (mounted at /import/)."""

from django.urls import path

from arena.ingest import views

urlpatterns = [
    path("", views.batch_list, name="ingest-list"),
    path("<id:pk>/", views.batch_detail, name="ingest-batch"),
    path("<id:pk>/lagre/", views.batch_commit, name="ingest-commit"),
]
