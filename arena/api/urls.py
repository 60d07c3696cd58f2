"""/api/v1/ (one route set per resource), the OpenAPI schema and its documentation pages (served offline)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from arena.api.views import VIEWSETS

router = DefaultRouter(use_regex_path=False)
router.include_format_suffixes = False
for name, viewset in VIEWSETS.items():
    router.register(name, viewset, basename=f"api-{name}")

# The API answers for itself (401 with WWW-Authenticate, not a redirect to the sign-in page).
for pattern in router.urls:
    login_not_required(pattern.callback)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path(
        "docs/",
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("redoc/", login_not_required(SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
]
