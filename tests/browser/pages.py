"""What browser tests share: reading the Vietnamese site as a user reads it, and screenshots."""

import os
import re
from pathlib import Path

from django.utils import translation

TIMEOUT_MS = 15_000
SHOTS = Path(os.environ.get("BROWSER_SHOTS_DIR", "/tmp/browser-shots"))


def vi(message):
    """What the Vietnamese site shows for `message`, a msgid or a lazy label (the project's
    translation catalogues decide, so the test follows them as they are filled in)."""
    with translation.override("vi"):
        return translation.gettext(message) if isinstance(message, str) else str(message)


def squash(text):
    """Text with every run of whitespace (no-break spaces included) as one plain space."""
    return " ".join(text.split())


def vnd(amount):
    """300000 -> "300.000 ₫", as the shop writes đồng once whitespace is squashed."""
    return f"{int(amount):,}".replace(",", ".") + " ₫"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_in(page, email, password):
    """Through the back office's login page, to the dashboard."""
    page.goto("/shop/dashboard/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/shop/dashboard/$"))
