"""What a reader meets in a page, for the tests that read back offices for English left
(tests/dashboard/test_backoffice_language.py, tests/cms/test_admin_vietnamese.py).

`page_texts(html)` gives the page's text fragments: text nodes outside `<script>`, `<style>`,
`<template>`, `<textarea>` (someone's own writing) and `<noscript>`; the attributes read out or
shown (`placeholder`, `title`, `aria-label`, `aria-description`, `alt`) and an input button's
value (a `<button>`'s value is sent, never shown). Elements marked `hidden`, `aria-hidden` or
`lang="en"` (a product's English, shown as such) are skipped with everything inside them. The
values under `json_keys` of `<script type="application/json">` blocks are read too: Wagtail's
sidebar, which React draws from JSON.
"""

import json
from html.parser import HTMLParser

UNREAD_ELEMENTS = {"script", "style", "template", "textarea", "noscript"}
READ_ATTRIBUTES = {"placeholder", "title", "aria-label", "aria-description", "alt"}
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
}  # fmt: skip


class PageText(HTMLParser):
    def __init__(self, json_keys: frozenset = frozenset()):
        super().__init__(convert_charrefs=True)
        self.json_keys = json_keys
        self.texts: list[str] = []
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, a JSON block)

    def skipping(self) -> bool:
        return any(skipped for _tag, skipped, _json in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = (
            tag in UNREAD_ELEMENTS
            or "hidden" in attributes
            or attributes.get("aria-hidden") == "true"
            or (attributes.get("lang") or "").startswith("en")
        )
        is_json = tag == "script" and attributes.get("type") == "application/json"
        if not self.skipping() and not (skipped and tag not in UNREAD_ELEMENTS):
            self.texts += [value for name, value in attrs if name in READ_ATTRIBUTES and value]
            if tag == "input" and attributes.get("type") in {"submit", "button", "reset"}:
                self.texts.append(attributes.get("value") or "")
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, skipped, is_json))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skipping():
            self.texts.append(data)
        elif self.json_keys and self.stack and self.stack[-1][2] and data.strip():
            # Only a JSON block right inside the page's readable part.
            if not any(skipped for _tag, skipped, _json in self.stack[:-1]):
                self.texts.extend(_json_texts(json.loads(data), self.json_keys))


def _json_texts(value, keys):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in keys and isinstance(item, str):
                yield item
            else:
                yield from _json_texts(item, keys)
    elif isinstance(value, list):
        for item in value:
            yield from _json_texts(item, keys)


def page_texts(html: str, *, json_keys: frozenset = frozenset()) -> list[str]:
    """The text fragments a reader meets in `html`, stripped, empty ones left out."""
    parser = PageText(json_keys)
    parser.feed(html)
    return [text for text in (text.strip() for text in parser.texts) if text]
