"""The site's sections (news, fairs, the programme…) for the header and the footer."""

from django import template
from django.utils import translation

from cms import selectors

register = template.Library()


@register.simple_tag
def menu_pages():
    """Live pages marked "show in menus" under the home page of the active language."""
    return selectors.menu_page_list(language_code=translation.get_language() or "vi")
