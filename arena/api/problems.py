"""Errors as JSON problem details (RFC 9457, `application/problem+json`) in bokmål: every error the API gives —
validation, permissions, authentication, conflicts, missing preconditions, not found, throttling — has `type`,
`title`, `status` and `detail`, and validation errors add `errors` (field → messages)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM = "application/problem+json"
TYPE_BASE = "https://arena.helsedirektoratet.no/problemer/"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy(
        "Posten er endret siden du hentet den (If-Match stemmer ikke). Hent den på nytt og prøv igjen."
    )
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = gettext_lazy(
        "Send versjonen du endrer i If-Match (ETag fra GET), så ingen endring går tapt."
    )
    default_code = "precondition_required"


class InUse(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("Posten er i bruk og kan ikke slettes.")
    default_code = "in_use"


TITLES = {
    400: gettext_lazy("Ugyldige data"),
    401: gettext_lazy("Ikke innlogget"),
    403: gettext_lazy("Ingen tilgang"),
    404: gettext_lazy("Finnes ikke"),
    405: gettext_lazy("Metoden er ikke tillatt"),
    406: gettext_lazy("Formatet kan ikke leveres"),
    409: gettext_lazy("Konflikt"),
    412: gettext_lazy("Endret av andre"),
    415: gettext_lazy("Ukjent innholdstype"),
    428: gettext_lazy("Versjon mangler"),
    429: gettext_lazy("For mange forespørsler"),
}


def _messages(detail) -> dict | list:
    if isinstance(detail, dict):
        return {key: _messages(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [str(item) if not isinstance(item, dict | list) else _messages(item) for item in detail]
    return [str(detail)]


def handle(exc, context):
    """DRF's exception handler, reshaped into problem details."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Finnes ikke."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or _("Du har ikke tilgang til å gjøre dette."))
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    body = {
        "type": TYPE_BASE + (getattr(exc, "default_code", None) or str(code)),
        "title": str(TITLES.get(code, _("Feil"))),
        "status": code,
    }
    detail = getattr(exc, "detail", None)
    if isinstance(exc, exceptions.ValidationError) or isinstance(detail, dict | list):
        body["detail"] = _("Noen av verdiene er ugyldige.")
        errors = _messages(detail)
        body["errors"] = errors if isinstance(errors, dict) else {"non_field_errors": errors}
    else:
        body["detail"] = str(detail) if detail is not None else body["title"]
    headers = {k: v for k, v in response.items() if k.lower() != "content-type"}
    return Response(body, status=code, headers=headers, content_type=PROBLEM)
