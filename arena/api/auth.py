"""`Authorization: Token <token>` for the API (DRF authentication class)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from arena.api import tokens


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ugyldig Authorization-felt: skriv «Token <nøkkel>»."))
        try:
            token = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Ugyldig API-nøkkel.")) from None
        user = tokens.user_for(token)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Ugyldig eller tilbaketrukket API-nøkkel."))
        return user, token

    def authenticate_header(self, request):
        return self.keyword
