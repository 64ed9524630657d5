"""System checks for settings this marketplace depends on."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.core.checks import Error, Tags, register
from django.db import DatabaseError
from wagtail.models import Site as WagtailSite

from marketplace.sites import PLACEHOLDER_HOSTS, base_url_parts


@register(Tags.compatibility)
def check_currency(app_configs, **kwargs):
    if settings.OSCAR_DEFAULT_CURRENCY != "VND":
        return [
            Error(
                "OSCAR_DEFAULT_CURRENCY must be 'VND': prices are stored as whole đồng.",
                id="marketplace.E001",
            )
        ]
    return []


@register(Tags.compatibility)
def check_search_backend(app_configs, **kwargs):
    allowed = {"database", "elasticsearch", "opensearch"}
    errors = []
    if settings.SEARCH_BACKEND not in allowed:
        errors.append(
            Error(
                f"SEARCH_BACKEND must be one of {sorted(allowed)}, not {settings.SEARCH_BACKEND!r}.",
                id="marketplace.E002",
            )
        )
    elif settings.SEARCH_BACKEND != "database" and not settings.SEARCH_URL:
        errors.append(
            Error(
                f"SEARCH_BACKEND is {settings.SEARCH_BACKEND!r} but SEARCH_URL is empty.",
                id="marketplace.E003",
            )
        )
    return errors


@register(Tags.sites)
def check_hosts(app_configs, **kwargs):
    """Under the production settings, links must not point at the migrations' placeholder hosts."""
    if not settings.MARKETPLACE_PUBLIC_HOST_REQUIRED:
        return []
    hostname, _port = base_url_parts()
    if hostname in PLACEHOLDER_HOSTS:
        return [
            Error(
                f"MARKETPLACE_BASE_URL is {settings.MARKETPLACE_BASE_URL!r}: links in mails, the "
                "sitemap and feeds would point at it.",
                hint="Set MARKETPLACE_BASE_URL to the site's public address.",
                id="marketplace.E004",
            )
        ]
    try:
        django_host = DjangoSite.objects.filter(pk=settings.SITE_ID).values_list("domain", flat=True).first()
        wagtail_sites = WagtailSite.objects.filter(is_default_site=True)
        wagtail_host = wagtail_sites.values_list("hostname", flat=True).first()
    except DatabaseError:
        return []  # not migrated yet: `migrate` will write the host
    stale = [
        f"{name} says {host!r}"
        for name, host in (("the Django site", django_host), ("Wagtail's default site", wagtail_host))
        if host is not None and urlsplit(f"//{host}").hostname in PLACEHOLDER_HOSTS
    ]
    if stale:
        return [
            Error(
                f"{' and '.join(stale)}, not {hostname!r} (MARKETPLACE_BASE_URL).",
                hint="Run `manage.py sites_sync` (`migrate` stops at this check before it could).",
                id="marketplace.E005",
            )
        ]
    return []
