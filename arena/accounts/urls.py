from django.urls import path

from arena.accounts import views
from arena.api import pages as api_pages

urlpatterns = [
    path("passord/", views.PasswordChangeView.as_view(), name="password-change"),
    path("api-nokler/", api_pages.token_list, name="api-tokens"),
    path("api-nokler/<id:pk>/trekk-tilbake/", api_pages.token_revoke, name="api-token-revoke"),
]
