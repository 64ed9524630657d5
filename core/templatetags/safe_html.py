"""`{% load safe_html %}{{ value|clean_html }}`: rich text shown as HTML, through the allow-list
of `core.html`. Use it wherever a template would write a user's text with `|safe`."""

from django import template
from django.utils.safestring import mark_safe

from core.html import html_clean, html_text

register = template.Library()


@register.filter
def clean_html(value) -> str:
    return mark_safe(html_clean(value))  # noqa: S308  (the allow-list has just cleaned it)


@register.filter
def plain_text(value) -> str:
    """The words of rich text, escaped as any text (for meta tags)."""
    return html_text(value)
