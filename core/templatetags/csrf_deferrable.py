"""`{% csrf_token %}`, except on a page served to everyone from the page cache.

Installed as a template builtin after Django's own (settings TEMPLATES), so every template,
Oscar's and Wagtail's included, gets this one. On a request marked `csrf_deferred` (see
marketplace/page_cache.py) the hidden field is left empty and no token is made, so the page
sets no cookie and can be shared; `static/js/csrf-deferred.js` fills the field before the form
is sent. Everywhere else it is Django's tag.
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html

register = template.Library()


class DeferrableCsrfTokenNode(CsrfTokenNode):
    def render(self, context):
        request = context.get("request")
        if request is not None and getattr(request, "csrf_deferred", False):
            return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="" data-csrf-deferred>')
        return super().render(context)


@register.tag(name="csrf_token")
def csrf_token(parser, token):
    return DeferrableCsrfTokenNode()
