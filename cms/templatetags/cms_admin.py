"""Our name in Wagtail's admin (marketplace/templates/wagtailadmin/: login, title, sidebar)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def admin_site_name():
    """The name staff know the site by: WAGTAIL_SITE_NAME ("Chợ OCOP Bắc Giang")."""
    return settings.WAGTAIL_SITE_NAME
