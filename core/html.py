"""Rich text that producers, applicants and buyers write, made safe to show as HTML.

One allow-list for every such field, applied with nh3 (the maintained successor of bleach)
when the text is saved and again when it is rendered: the second pass covers rows written
before the first existed, or by a path that skipped it. Anything not on the list goes: the
tags are dropped (their text stays), `<script>` and `<style>` with their content, every
attribute but a link's address, and every address but http, https and mailto.
"""

import html
import re

import nh3
from django.utils.html import strip_tags

TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "ul",
        "ol",
        "li",
        "h3",
        "h4",
        "blockquote",
        "a",
    }
)
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with what they hold, not only their tags: their text is code, not prose.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
LINK_REL = "nofollow noopener noreferrer"
# The edges of blocks and line breaks, which part words once the tags are gone.
_BREAKS = re.compile(r"<(?:br|/?(?:p|h3|h4|li|ul|ol|blockquote|div))\b[^>]*>", re.IGNORECASE)


def html_clean(text: str | None) -> str:
    """`text` with only the allowed tags, attributes and link schemes; "" for None."""
    if not text:
        return ""
    return nh3.clean(
        str(text),
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def html_text(text: str | None) -> str:
    """The words of rich text, for plain-text uses (the search index, JSON-LD, meta tags):
    no tags, entities read back (the cleaning writes `&` as `&amp;`), one space between words."""
    return " ".join(html.unescape(strip_tags(_BREAKS.sub(" ", text or ""))).split())
