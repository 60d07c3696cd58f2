"""Proposed register entries under /forslag/."""

from django.urls import path

from arena.suggestions import views

urlpatterns = [
    path("", views.suggestion_list, name="suggestion-list"),
    path("ny/<str:kind>/", views.propose, name="suggestion-propose"),
    path("<id:pk>/", views.suggestion_detail, name="suggestion-detail"),
    path("<id:pk>/godta/", views.accept, name="suggestion-accept"),
    path("<id:pk>/avvis/", views.reject, name="suggestion-reject"),
    path("<id:pk>/slaa-sammen/", views.merge, name="suggestion-merge"),
]
