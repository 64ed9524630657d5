"""Content in the page's language, with the Vietnamese it falls back to marked as such
(`core.localized`): a product's title and description, a product group's name, a producer's
name, on the English site wherever their English is missing.

- `{% localized_text obj "title" %}`: the text, escaped; on a page in another language than the
  text's, in `<span lang="vi">`. `source_html=` gives HTML to show in place of the source text
  (the search's highlighted title, already escaped by the search layer).
- `{% localized_html obj "description" %}`: rich text through `core.html`'s allow-list; when it
  fell back, in `<div lang="vi">`.
- `{{ obj|localized:"title" }}`: the plain text (a `<title>`, a meta tag, an attribute,
  JSON-LD), nothing marked.
- `{% localized_lang obj "title" %}`: ` lang="vi"` when the text fell back, else nothing, for
  the element that holds it (`<h1{% localized_lang product "title" %}>`).
- `{% source_lang %}`: ` lang="vi"` on a page not in Vietnamese, for text that is only ever
  Vietnamese (the search's snippets of descriptions).
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core.html import html_clean
from core.localized import active_language, localized, source_language

register = template.Library()


def _lang_attr(text) -> str:
    return format_html(' lang="{}"', text.language) if text.fell_back and text.text else ""


@register.simple_tag
def localized_text(obj, field, source_html=None):
    text = localized(obj, field)
    shown = mark_safe(source_html) if source_html and text.language == source_language() else text.text  # noqa: S308  escaped by the search layer
    if not text.fell_back or not text.text:
        return conditional_escape(shown)
    return format_html('<span lang="{}">{}</span>', text.language, shown)


@register.simple_tag
def localized_html(obj, field):
    text = localized(obj, field)
    cleaned = mark_safe(html_clean(text.text))  # noqa: S308  (the allow-list has just cleaned it)
    if not text.fell_back or not text.text:
        return cleaned
    return format_html('<div lang="{}">{}</div>', text.language, cleaned)


@register.filter(name="localized")
def localized_plain(obj, field) -> str:
    return localized(obj, field).text


@register.simple_tag
def localized_lang(obj, field):
    return _lang_attr(localized(obj, field))


@register.simple_tag
def source_lang():
    language = source_language()
    return format_html(' lang="{}"', language) if active_language() != language else ""
