"""URLs of arena.ingest (mounted at /import/)."""

from django.urls import path

from arena.ingest import views

urlpatterns = [
    path("", views.batch_list, name="ingest-list"),
    path("<id:pk>/", views.batch_detail, name="ingest-batch"),
    path("<id:pk>/lagre/", views.batch_commit, name="ingest-commit"),
    path("<id:pk>/angre/", views.batch_undo, name="ingest-undo"),
    path("<id:pk>/forslag/<id:proposal_pk>/slaa-sammen/", views.proposal_merge, name="ingest-merge"),
]
