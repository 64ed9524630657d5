"""The Django and Wagtail sites take their host from `MARKETPLACE_BASE_URL`.

Password-reset mails build their links from Django's `Site`, the sitemap, feeds, hreflang and
every page's full URL from Wagtail's default `Site`. Both are rows in the database, created by
migrations as `example.com` and `localhost`; `sites_sync` writes the configured host into them
after every `migrate` (the `post_migrate` receiver below), so a deployment that sets
`MARKETPLACE_BASE_URL` and migrates links to itself.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db import DEFAULT_DB_ALIAS
from wagtail.models import Site as WagtailSite

DEFAULT_PORTS = {"http": 80, "https": 443}
# The hosts the migrations create, which no deployment serves.
PLACEHOLDER_HOSTS = {"example.com", "localhost"}


def base_url_parts() -> tuple[str, int]:
    """The host name and port of `MARKETPLACE_BASE_URL` ("https://cho.example.vn" -> 443)."""
    parts = urlsplit(settings.MARKETPLACE_BASE_URL)
    return (parts.hostname or "localhost"), (parts.port or DEFAULT_PORTS.get(parts.scheme, 80))


def sites_sync(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Django's current site and Wagtail's default site point at `MARKETPLACE_BASE_URL`."""
    hostname, port = base_url_parts()
    domain = urlsplit(settings.MARKETPLACE_BASE_URL).netloc or hostname
    DjangoSite.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": domain}
    )
    WagtailSite.objects.using(using).filter(is_default_site=True).update(hostname=hostname, port=port)
    DjangoSite.objects.clear_cache()
    WagtailSite.clear_site_root_paths_cache()


def sites_sync_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """`post_migrate` is sent once per app; the sites are written once, after Wagtail's."""
    if sender.label == "wagtailcore":
        sites_sync(using=using)
