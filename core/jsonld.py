"""schema.org JSON-LD for the head of public pages, built from dicts, never by concatenation.

What people typed (a product's title, a producer's name) ends up inside a `<script>` element,
so everything that could end that element or open a comment in it is escaped as JSON allows.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# What could end the script element or open a comment inside it, escaped as JSON allows.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_dumps(data: dict) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


def json_ld_script(data: dict) -> SafeString:
    """`<script type="application/ld+json">` holding `data`."""
    # Safe: json_ld_dumps escapes every character that could leave the script element.
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(json_ld_dumps(data)),  # noqa: S308
    )
