"""Playwright drives Debian's Chromium (`/usr/bin/chromium`; `playwright install` is never run)
against pytest-django's live server. Without Chromium the tests are skipped, unless
BROWSER_TESTS_REQUIRED is set (CI), which makes that an error. Screenshots of the key pages go
to /tmp/browser-shots/ (BROWSER_SHOTS_DIR to change it).

Every page fails its test on a JavaScript error or on anything the Content-Security-Policy
refuses (a `securitypolicyviolation` event in any frame, or Chromium's "Refused to ..." console
message): the policy is enforced in tests as in production."""

import os
import shutil

import pytest

from tests.browser.pages import TIMEOUT_MS

CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]

# Playwright's init scripts and bindings are not subject to the page's policy.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(`${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
    + ` in ${event.documentURI} (${event.sourceFile || "?"}:${event.lineNumber})`);
}, true);
"""


def csp_refusal(text):
    return text.startswith("Refused to") or "Content Security Policy" in text


def _unavailable(reason):
    if os.environ.get("BROWSER_TESTS_REQUIRED"):
        pytest.fail(f"BROWSER_TESTS_REQUIRED is set but {reason}")
    pytest.skip(reason)


def chromium_and_playwright():
    """Debian's Chromium and Playwright's `sync_playwright`, or the test is skipped (failed
    when BROWSER_TESTS_REQUIRED is set)."""
    executable = shutil.which("chromium")
    if not executable:
        _unavailable("Debian's Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    return executable, sync_playwright


@pytest.fixture
def chromium():
    # Function-scoped: Playwright's event loop must be gone before the test's tables are
    # emptied, or Django refuses to run the flush ("async context").
    executable, sync_playwright = chromium_and_playwright()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(monkeypatch, live_server, chromium):
    # Playwright's sync API keeps an event loop in this thread, which Django takes for an
    # async context; the ORM calls the test makes between pages are plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    context = chromium.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    refused = []
    context.expose_function("__cspViolation", lambda text: refused.append(text))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: csp_refusal(message.text) and refused.append(message.text))
    page.csp_refused = refused  # for the test that checks this check (tests/browser/test_csp.py)
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the pages: {errors}"
    assert not refused, f"Content-Security-Policy violations: {refused}"
