"""A real OpenID Connect provider for the tests: node-oidc-provider (tests/oidc/provider) run with node on
127.0.0.1, and a browser stand-in that signs in through its login and consent pages."""

import json
import re
import select
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

PROVIDER_DIR = Path(__file__).resolve().parents[1] / "oidc" / "provider"
CLIENT_ID, CLIENT_SECRET = "arena-test", "a-client-secret-for-tests-only-0123456789"
REDIRECT_URI = "http://testserver/oidc/callback/"


class Provider:
    def __init__(self, directory: Path, accounts: dict):
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is missing: run scripts/system-deps.sh")
        if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
            subprocess.run(
                ["npm", "ci", "--no-audit", "--no-fund", "--silent"],
                cwd=PROVIDER_DIR,
                check=True,
                timeout=600,
            )
        self.accounts_file = directory / "accounts.json"
        clients = directory / "clients.json"
        clients.write_text(
            json.dumps(
                [{"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [REDIRECT_URI]}]
            )
        )
        self.accounts = dict(accounts)
        self._write()
        self.process = subprocess.Popen(
            [node, "provider.js", str(self.accounts_file), str(clients)],
            cwd=PROVIDER_DIR,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready, _w, _x = select.select([self.process.stdout], [], [], 30)
        line = self.process.stdout.readline() if ready else ""
        if not line.startswith("issuer "):
            self.stop()
            raise RuntimeError(f"the OpenID provider did not start: {line!r}")
        self.issuer = line.split()[1]

    def _write(self) -> None:
        self.accounts_file.write_text(json.dumps(self.accounts))

    def set_account(self, login: str, **claims) -> None:
        """Change (or add) a person's claims at the provider; the next sign-in sees them."""
        self.accounts[login] = {**self.accounts.get(login, {}), **claims}
        self._write()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def sign_in(client, login: str, next_url: str = ""):
    """Sign in as `login` the way a browser would: Arena's "Logg inn med Entra ID" link, the provider's login
    page, its consent page, back to Arena's callback. Returns the callback's response."""
    response = client.get("/oidc/authenticate/" + (f"?next={next_url}" if next_url else ""))
    assert response.status_code == 302, response
    url = response["Location"]
    browser = requests.Session()
    for _step in range(12):
        if url.startswith("http://testserver/"):
            parts = urlsplit(url)
            return client.get(parts.path + "?" + parts.query)
        page = browser.get(url, allow_redirects=False, timeout=10)
        if page.is_redirect:
            url = urljoin(url, page.headers["Location"])
            continue
        assert page.status_code == 200, page.text[:500]
        action = re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1)
        if 'name="login"' in page.text:
            data = {"prompt": "login", "login": login, "password": "any"}
        else:
            assert 'value="consent"' in page.text, page.text[:500]
            data = {"prompt": "consent"}
        answer = browser.post(urljoin(url, action), data=data, allow_redirects=False, timeout=10)
        assert answer.is_redirect, answer.text[:500]
        url = urljoin(url, answer.headers["Location"])
    raise AssertionError("sign-in did not come back to Arena")
