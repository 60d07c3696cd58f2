"""Template context shared by every page."""

from django.conf import settings


def arena(request):
    return {"organisation_name": settings.ORGANISATION_NAME}
