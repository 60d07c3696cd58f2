"""OpenID Connect sign-in (mozilla-django-oidc), shaped for Microsoft Entra ID.

On when `ARENA_OIDC_ISSUER` and `ARENA_OIDC_CLIENT_ID` are set (settings.ARENA_OIDC_ENABLED); the views answer
404 otherwise and the backend does nothing. The provider's endpoints come from its discovery document
(`ISSUER/.well-known/openid-configuration`, read once per process) unless given explicitly.

The library is used for the protocol (authorization code flow with state, nonce and PKCE; the ID token's
signature checked against the provider's keys); this module adds what it leaves out — the token's issuer and
audience are checked — and takes the person's claims from the ID token itself: Entra puts `oid` and `roles`
there, not in its userinfo answer. Who the person is and what they may do is arena.accounts.sso.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from arena.accounts.sso import SignInRefused, sign_in

log = logging.getLogger(__name__)

# mozilla-django-oidc setting -> key of the provider's discovery document
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
}


class ProviderUnavailable(Exception):
    pass


@lru_cache(maxsize=4)
def discovery(issuer: str) -> dict:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"{url}: {error}") from error
    if document.get("issuer") != issuer:
        raise ProviderUnavailable(f"{url} names issuer {document.get('issuer')!r}, not {issuer!r}")
    return document


def oidc_setting(attr: str, *default):
    """mozilla-django-oidc's settings, with the provider's endpoints from discovery unless set explicitly."""
    if attr in DISCOVERED and not getattr(settings, attr, ""):
        try:
            return discovery(settings.ARENA_OIDC_ISSUER)[DISCOVERED[attr]]
        except KeyError as error:
            raise ProviderUnavailable(f"discovery document has no {DISCOVERED[attr]}") from error
    return import_from_settings(attr, *default)


def enabled() -> bool:
    return bool(getattr(settings, "ARENA_OIDC_ENABLED", False))


class EntraBackend(OIDCAuthenticationBackend):
    """Signs in from the provider's callback only (never for a user name and password)."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        # Settings are read when used, not here: the backend is built for every local sign-in too.
        self.UserModel = get_user_model()

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_JWKS_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: "")
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        if not enabled() or request is None or "nonce" not in kwargs or "username" in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)  # signature, expiry, nonce
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != settings.ARENA_OIDC_ISSUER:
            raise SuspiciousOperation(f"ID token from issuer {payload.get('iss')!r}")
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation(f"ID token for audience {audience!r}")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        try:
            return sign_in(payload, issuer=payload["iss"])
        except SignInRefused as refusal:
            log.info("SSO refused %s: %s", payload.get(settings.ARENA_OIDC_ID_CLAIM), refusal)
            self.request.sso_refusal = str(refusal)
            return None


@method_decorator(login_not_required, name="dispatch")
class SignInView(OIDCAuthenticationRequestView):
    """ "Logg inn med Entra ID": off to the provider's sign-in page (state, nonce and PKCE in the session)."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # endpoints are looked up in get(), where a failure can be shown

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable as error:
            log.warning("SSO: provider unavailable: %s", error)
            messages.error(
                request,
                _("%(provider)s svarer ikke akkurat nå. Prøv igjen om litt, eller logg inn med passord.")
                % {"provider": settings.ARENA_OIDC_PROVIDER_NAME},
            )
            return redirect("login")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: the code is exchanged, the ID token checked, the person
    signed in (arena.accounts.sso.sign_in) or told why not."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except (requests.RequestException, ProviderUnavailable) as error:
            log.warning("SSO: provider unavailable at callback: %s", error)
            return self.login_failure()

    def login_failure(self):
        refusal = getattr(self.request, "sso_refusal", None)
        messages.error(
            self.request,
            refusal
            or _("Innloggingen med %(provider)s ble avbrutt eller mislyktes. Prøv igjen.")
            % {"provider": settings.ARENA_OIDC_PROVIDER_NAME},
        )
        return redirect("login")
