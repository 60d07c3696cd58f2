import json

import pytest

from arena.api import tokens
from arena.register.models import Arena, Organisation
from arena.register.permissions import Access


class Api:
    """The Django test client speaking JSON to /api/v1/ with a persona's token (none for anonymous)."""

    def __init__(self, client, token=None):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}

    def _call(self, method, path, data=None, **headers):
        url = path if path.startswith("/") else f"/api/v1/{path}"
        body = {} if data is None else {"data": json.dumps(data), "content_type": "application/json"}
        return getattr(self.client, method)(url, **body, **self.headers, **headers)

    def get(self, path, **params):
        url = path if path.startswith("/") else f"/api/v1/{path}"
        return self.client.get(url, params, **self.headers)

    def post(self, path, data, **headers):
        return self._call("post", path, data, **headers)

    def put(self, path, data, **headers):
        return self._call("put", path, data, **headers)

    def patch(self, path, data, **headers):
        return self._call("patch", path, data, **headers)

    def delete(self, path, **headers):
        return self._call("delete", path, None, **headers)


@pytest.fixture
def world(personas):
    who = Organisation.objects.create(
        name="Verdens helseorganisasjon", abbreviation="WHO", name_en="World Health Organization"
    )
    wha = Arena.objects.create(
        name="Verdens helseforsamling", abbreviation="WHA", organisation=who, kind=Arena.Kind.GOVERNING_BODY
    )
    return personas, who, wha


@pytest.fixture
def api_as(client, personas):
    """`api_as(persona)`: an Api client authenticated by a token of that persona."""
    made = {}

    def make(name):
        if name not in made:
            user = personas.user(name)
            token = None if user is None else tokens.create(user, "test", by=Access.system())[1]
            made[name] = Api(client, token)
        return made[name]

    return make
