"""Wagtail admin hooks of the project: our admin stylesheet (marketplace/css/wagtail-admin.css),
and the script that does what Wagtail's inline scripts did, which the Content-Security-Policy
refuses (see marketplace/static/marketplace/js/wagtail-admin-init.js)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def csp_inline_script_replacement():
    return format_html('<script src="{}"></script>', static("marketplace/js/wagtail-admin-init.js"))


@hooks.register("insert_global_admin_css")
def admin_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("marketplace/css/wagtail-admin.css"))
