"""Browser tests: Debian's Chromium driven by Playwright (executable_path, no browser download) against
pytest-django's live server, with axe-core (bundled by axe-playwright-python) for accessibility checks."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("ARENA_CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run scripts/system-deps.sh (installs Debian's chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """A fresh browser context (own cookies) per call; `new_page(username)` signs in through the form."""
    contexts = []
    csp_violations = []

    def make(username=None, password="Arena-passord-1"):
        context = browser.new_context(base_url=live_server.url, locale="nb-NO")
        contexts.append(context)
        page = context.new_page()
        # Chromium reports every Content-Security-Policy violation on the console; none may occur.
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text
                and csp_violations.append(f"{page.url}: {message.text}")
            ),
        )
        page.csp_violations = csp_violations
        if username:
            page.goto("/logg-inn/")
            page.fill("#id_username", username)
            page.fill("#id_password", password)
            page.click("main form button[type=submit]")
            page.wait_for_url(f"{live_server.url}/")
        return page

    yield make
    for context in contexts:
        context.close()
    assert csp_violations == [] or getattr(make, "expect_csp_violations", False), csp_violations
