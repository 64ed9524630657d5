"""The site's sections (news, fairs, the programme…) for the header and the footer."""

from django import template
from django.utils import translation

from cms import menus

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """Live pages marked "show in menus" under the home page of the active language, each with
    `title` and `url`: from the cache (`cms.menus`), and read once per request, since the
    header and the footer both show them."""
    language = translation.get_language() or "vi"
    request = context.get("request")
    cached = getattr(request, "_menu_pages", None)
    if cached is None or cached[0] != language:
        cached = (language, menus.menu_section_list(request=request, language_code=language))
        if request is not None:
            request._menu_pages = cached
    return cached[1]
