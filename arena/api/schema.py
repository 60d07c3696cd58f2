"""How the OpenAPI schema describes Arena's token sign-in."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "arena.api.auth.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "«Token <nøkkel>». Lag en nøkkel under Konto → API-nøkler.",
        }
