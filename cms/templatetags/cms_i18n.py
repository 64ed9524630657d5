"""The page being read, in the other languages of the site."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html

from core.localized import active_language

register = template.Library()


@register.simple_tag(takes_context=True)
def page_translation_url(context, language_code):
    """The address of the live translation of the current Wagtail page in `language_code`,
    when the language switch's usual way would miss it; otherwise "".

    Django's `set_language` only swaps the language prefix of the address. That finds the
    translation when it kept the page's slugs (the home page, a page copied as is), and then
    the switch keeps its button; a translation with its own slugs gets a link instead.
    """
    page = context.get("page")
    request = context.get("request")
    if request is None or page is None or not hasattr(page, "get_translations"):
        return ""
    if page.locale.language_code == language_code:
        return ""
    translation = page.get_translations().live().public().filter(locale__language_code=language_code).first()
    if translation is None:
        return ""
    url = translation.get_url(request)
    return "" if url == translate_url(request.path, language_code) else url


@register.simple_tag
def page_alternates(page):
    """[(language code, full URL)] of the page's live versions in every language, itself
    included, for `<link rel="alternate" hreflang>`; empty when it has no translation."""
    versions = page.get_translations(inclusive=True).live().public().select_related("locale")
    alternates = [(version.locale.language_code, version.full_url) for version in versions]
    return alternates if len(alternates) > 1 else []


@register.simple_tag
def page_lang(page):
    """` lang="vi"` for a page of another language than the request's (a Vietnamese article
    listed on the English home, `cms.selectors.pages_under_home`), else nothing."""
    language = page.locale.language_code
    return format_html(' lang="{}"', language) if language != active_language() else ""


@register.simple_tag
def source_lang():
    """` lang="vi"` on words kept in the site's own language only (the news categories, which
    have no translations) when the request's language is another, else nothing."""
    language = settings.LANGUAGE_CODE.split("-")[0].lower()
    return format_html(' lang="{}"', language) if language != active_language() else ""
