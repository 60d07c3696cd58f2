"""Helpers shared by the agenda's views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse


def show_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def with_nav(context: dict) -> dict:
    context.setdefault("nav_section", "agenda")
    return context


def ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
