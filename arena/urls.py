"""Top-level URL configuration: admin, authentication, language switch and the web app."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

import arena.web.converters  # noqa: F401 - registers the <year:…> and <id:…> path converters

urlpatterns = [
    path("admin/", admin.site.urls),
    path("logg-inn/", auth_views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # The language switch works before sign-in too, so the sign-in page can be read in English.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("konto/", include("arena.accounts.urls")),
    path("oidc/", include("arena.accounts.oidc_urls")),
    path("varsler/", include("arena.notifications.urls")),
    path("import/", include("arena.ingest.urls")),
    path("api/", include("arena.api.urls")),
    path("arsmelding/", include("arena.reporting.urls")),
    path("data/", include("arena.opendata.urls")),
    path("agenda/", include("arena.agenda.urls")),
    path("invitasjoner/", include("arena.invitations.urls")),
    path("folge-med/", include("arena.monitoring.urls")),
    path("forslag/", include("arena.suggestions.urls")),
    path("", include("arena.web.urls")),
]
