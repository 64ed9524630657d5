"""The site's sections for the header and the footer, kept in the cache between requests.

Every public page shows them (`{% menu_pages %}`), and reading them costs a tree query, a view
restriction query, the specific pages and their URLs. They change only when staff publish,
unpublish, move or delete a page, restrict its view, or change a site, so the titles and URLs
are cached per language and host, and any of those writes drops the cache (`core.caching`).
The timeout bounds how long another process's own cache (the default per-process one) or a
page read while a write commits can show an old menu.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import post_page_move

from cms import selectors
from core.caching import cache_forget

CACHE_KEY = "cms:menu-sections"
CACHE_TIMEOUT = 10 * 60


@dataclass(frozen=True)
class MenuSection:
    """`lang` is the page's language when it is not the menu's (a section the English home has
    not translated, shown in Vietnamese), else ""."""

    title: str
    url: str
    lang: str = ""


def menu_section_list(*, request, language_code: str) -> list[MenuSection]:
    """The live, public pages marked "show in menus" under the home page of `language_code`,
    as their titles and their URLs as seen from `request`'s host (relative on this site)."""
    key = (language_code, request.get_host() if request is not None else "")
    known = cache.get(CACHE_KEY) or {}
    if key in known:
        return known[key]
    sections = [
        MenuSection(
            title=page.title,
            url=page.get_url(request=request),
            lang="" if page.locale.language_code == language_code else page.locale.language_code,
        )
        for page in selectors.menu_page_list(language_code=language_code)
    ]
    cache.set(CACHE_KEY, {**known, key: sections}, CACHE_TIMEOUT)
    return sections


def menu_sections_forget(**kwargs) -> None:
    """Drop the cached sections: a page, a view restriction or a site changed."""
    cache_forget(CACHE_KEY)


def menu_receivers_connect() -> None:
    """Called from `CmsConfig.ready()`, once every page model is known."""
    for model in {Page, PageViewRestriction, Site, *get_page_models()}:
        for signal in (post_save, post_delete):
            signal.connect(menu_sections_forget, sender=model, dispatch_uid=f"cms_menu_{model._meta.label}")
    post_page_move.connect(menu_sections_forget, dispatch_uid="cms_menu_move")
