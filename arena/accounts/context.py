"""Template context for the sign-in page: whether single sign-on is on, and the provider's name."""

from django.conf import settings


def sign_in(request) -> dict:
    return {
        "oidc_enabled": getattr(settings, "ARENA_OIDC_ENABLED", False),
        "oidc_provider_name": getattr(settings, "ARENA_OIDC_PROVIDER_NAME", ""),
    }
