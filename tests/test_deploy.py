"""Production settings: secure by default whenever debug is off, switched off only explicitly; the security
headers every response carries."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "ARENA_DEBUG": "false",
    "ARENA_SECRET_KEY": "k3y-" + "x7Q9pLm2" * 8,
    "ARENA_ALLOWED_HOSTS": "arena.example.no",
}


def _check_deploy(**env) -> str:
    # A clean production environment: none of Arena's variables, nor what other tests set for themselves
    # (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process).
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("ARENA_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(PRODUCTION, ARENA_DATA_DIR=os.environ.get("ARENA_DATA_DIR", str(ROOT / "var")), **env)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout + result.stderr


def test_check_deploy_reports_nothing_with_only_debug_off_a_key_and_hosts():
    assert "System check identified no issues (0 silenced)." in _check_deploy()


def test_https_is_switched_off_only_explicitly():
    out = _check_deploy(ARENA_HTTPS="false")
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in out


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client):
    response = client.get("/logg-inn/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
