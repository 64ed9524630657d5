"""Wagtail admin hooks of the project: the script that does what Wagtail's inline scripts did,
which the Content-Security-Policy refuses (see marketplace/static/marketplace/js/wagtail-admin-init.js)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def csp_inline_script_replacement():
    return format_html('<script src="{}"></script>', static("marketplace/js/wagtail-admin-init.js"))
