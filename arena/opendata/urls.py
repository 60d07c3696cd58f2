from django.urls import path

from arena.opendata import views

urlpatterns = [
    path("", views.index, name="opendata-index"),
    path("catalog.ttl", views.catalog, {"fmt": "ttl"}, name="opendata-catalog-ttl"),
    path("catalog.jsonld", views.catalog, {"fmt": "jsonld"}, name="opendata-catalog-jsonld"),
    path("<str:key>.csv", views.dataset_file, {"fmt": "csv"}, name="opendata-csv"),
    path("<str:key>.json", views.dataset_file, {"fmt": "json"}, name="opendata-json"),
]
