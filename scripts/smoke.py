"""Production smoke test: start `python -m arena serve --production` (gunicorn + worker) on a fresh database,
then, as a browser behind a TLS-terminating proxy would: sign in, open a page, fetch a static file, open and
approve a reporting cycle (issuing is refused before), issue a report, wait for the worker to finish it, and
download the PDF. Prints the time each step took.

    python scripts/smoke.py [--database-url URL]     (default: a fresh SQLite file in a temporary directory)

A PostgreSQL database named in URL is dropped and created afresh first (through the server's `postgres`
database), so name one of its own.

Used by .ci/run with PostgreSQL. Exits non-zero on the first failure, with the server's log.
"""

import argparse
import datetime
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Smoke-test-passord-1"


class Browser:
    """Just enough of a browser: cookies (also Secure ones: the proxy speaks HTTPS to the user), the proxy's
    X-Forwarded-Proto header, CSRF token and Referer."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Host": "arena.example.no",
            "X-Forwarded-Proto": "https",
            "Referer": "https://arena.example.no/logg-inn/",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(value)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, dict(response.headers), data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_postgres(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(
            sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(name))
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    if args.database_url.startswith("postgres"):
        fresh_postgres(args.database_url)
    data_dir = Path(tempfile.mkdtemp(prefix="arena-smoke-"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARENA_")}
    env.update(
        ARENA_DEBUG="false",
        ARENA_SECRET_KEY=secrets.token_urlsafe(50),
        ARENA_ALLOWED_HOSTS="arena.example.no",
        ARENA_PROXY_SSL_HEADER="X-Forwarded-Proto",
        ARENA_DATA_DIR=str(data_dir),
        DATABASE_URL=args.database_url or f"sqlite:///{data_dir / 'arena.sqlite3'}",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
        ARENA_WEB_WORKERS="2",
    )
    timings = {}
    started = time.monotonic()
    log = open(data_dir / "serve.log", "w")  # noqa: SIM115 - kept open for the server's lifetime
    server = subprocess.Popen(
        [sys.executable, "-m", "arena", "serve", "--production", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        browser = Browser(port)
        while True:  # serve migrates first; the superuser is made once the tables exist
            try:
                status, _h, _b = browser.request("GET", "/logg-inn/")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() - started > 180:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.5)
        timings["start (migrate, collectstatic, gunicorn, worker)"] = time.monotonic() - started
        subprocess.run(
            [sys.executable, "-m", "arena", "createsuperuser", "--noinput", "--username", "smoke",
             "--email", "smoke@example.no"],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )  # fmt: skip
        step = time.monotonic()
        status, headers, body = browser.request("GET", "/logg-inn/")
        assert status == 200, status
        assert "default-src 'self'" in headers.get("Content-Security-Policy", ""), headers
        assert "max-age=31536000" in headers.get("Strict-Transport-Security", ""), headers
        css = re.search(rb'href="(/static/[^"]+\.css)"', body).group(1).decode()
        status, headers, _b = browser.request("GET", css)
        assert status == 200, (css, status)
        status, _h, _b = browser.request("POST", "/logg-inn/", {"username": "smoke", "password": PASSWORD})
        assert status == 302 and "sessionid" in browser.cookies, (status, browser.cookies)
        status, _h, body = browser.request("GET", "/arsmelding/")
        assert status == 200 and "Årsmelding".encode() in body, status
        timings["sign in, a page, a static file"] = time.monotonic() - step

        step = time.monotonic()
        # A permanent version is issued only from an approved cycle: open 1995's (an empty year, no
        # submissions), see issuing refused while it is open, approve it, then issue.
        deadline = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
        status, headers, _b = browser.request(
            "POST", "/arsmelding/ny/", {"year": "1995", "deadline": deadline}
        )
        assert status == 302 and headers["Location"].endswith("/arsmelding/1995/"), (status, headers)
        status, headers, _b = browser.request("POST", "/arsmelding/1995/utgi/", {"layout": "unit"})
        assert status == 302 and "/utgave/" not in headers["Location"], ("issued before approval", headers)
        status, headers, _b = browser.request("POST", "/arsmelding/1995/godkjenn/", {})
        assert status == 302, status
        status, headers, _b = browser.request("POST", "/arsmelding/1995/utgi/", {"layout": "unit"})
        assert status == 302 and "/utgave/" in headers["Location"], (status, headers)
        version = headers["Location"].replace("https://arena.example.no", "")
        while True:
            status, _h, body = browser.request("GET", version)
            assert status == 200, status
            if b"Feilet" in body:
                raise SystemExit("the report failed: " + body.decode()[:2000])
            if b'href="' + version.encode() + b'pdf/"' in body:
                break
            if time.monotonic() - step > 300:
                raise SystemExit("the worker did not finish the report within 300 s")
            time.sleep(0.5)
        status, _h, pdf = browser.request("GET", version + "pdf/")
        assert status == 200 and pdf.startswith(b"%PDF"), status
        timings["open and approve a cycle, issue a report, worker finishes it, download PDF"] = (
            time.monotonic() - step
        )
    except BaseException:
        log.flush()
        print((data_dir / "serve.log").read_text()[-5000:], file=sys.stderr)
        raise
    finally:
        server.terminate()
        code = server.wait(60)
    assert code == 0, f"serve exited with {code} on SIGTERM"
    timings["total"] = time.monotonic() - started
    for name, seconds in timings.items():
        print(f"smoke: {name}: {seconds:.1f} s")
    print("smoke: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
