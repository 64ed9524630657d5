"""Reading the site's pages as a browser does: forms with their hidden fields, links, the order
number on the thank-you page, the search page's fallback notice."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

# search/selectors.py's FALLBACK_NOTICE, in English and in the Vietnamese of the .po file: the
# search page shows it when it answers from the database instead of the search cluster.
FALLBACK_NOTICES = (
    "Search is running in a simpler mode for the moment",
    "Tìm kiếm đang tạm chạy ở chế độ đơn giản",
)

# checkout/thank_you.html: "Order <strong>NUMBER</strong> is placed" in either language.
_ORDER_NUMBER = re.compile(r"<strong>\s*([0-9A-Za-z-]{3,40})\s*</strong>")
_ERROR = re.compile(r'class="[^"]*(?:invalid-feedback|errorlist|alert-danger)[^"]*"[^>]*>(.*?)</', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_PRODUCT_LINK = re.compile(r'href="([^"#?]*/catalogue/[^"#?/]+_\d+/)"')


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    selects: dict[str, list[str]] = field(default_factory=dict)  # name: option values
    submits: list[tuple[str, str]] = field(default_factory=list)  # (name, value) of the buttons


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(Form(action=attrs.get("action", ""), method=attrs.get("method", "get").lower()))
            return
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            name = attrs.get("name")
            if not name:
                return
            if kind == "submit":
                form.submits.append((name, attrs.get("value", "")))
            elif kind in ("radio", "checkbox"):
                if "checked" in attrs or name not in form.fields:
                    form.fields[name] = attrs.get("value", "on")
            else:
                form.fields[name] = attrs.get("value", "")
        elif tag == "button" and attrs.get("name"):
            form.submits.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea" and attrs.get("name"):
            form.fields[attrs["name"]] = ""
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            form.selects[self._select] = []
            form.fields.setdefault(self._select, "")
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            form.selects[self._select].append(value)
            if "selected" in attrs:
                form.fields[self._select] = value

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def forms(page: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(page)
    return parser.forms


def form_posting_to(page: str, fragment: str) -> Form | None:
    """The first POST form whose action contains `fragment` (the page's own URL when empty)."""
    for form in forms(page):
        if form.method == "post" and fragment in form.action:
            return form
    return None


def form_with_field(page: str, name: str) -> Form | None:
    for form in forms(page):
        if form.method == "post" and (name in form.fields or name in form.selects):
            return form
    return None


def product_links(page: str, base: str) -> list[str]:
    """Absolute URLs of the product pages a page links to, each once, in order."""
    seen: dict[str, None] = {}
    for href in _PRODUCT_LINK.findall(page):
        seen.setdefault(urljoin(base, html.unescape(href)), None)
    return list(seen)


def form_errors(page: str) -> list[str]:
    """The messages a refused form shows (Bootstrap's and Django's error classes)."""
    found = [" ".join(html.unescape(_TAG.sub(" ", text)).split()) for text in _ERROR.findall(page)]
    return [text for text in found if text][:5]


def order_number(page: str) -> str | None:
    """The number the thank-you page gives for the order just placed."""
    match = _ORDER_NUMBER.search(page)
    return match.group(1) if match else None


def fallback_notice_shown(page: str) -> bool:
    text = html.unescape(page)
    return any(notice in text for notice in FALLBACK_NOTICES)
