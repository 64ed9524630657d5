"""The Django and Wagtail sites take their host from MARKETPLACE_BASE_URL (marketplace/sites.py),
links in mails use it, and the production settings refuse the migrations' placeholder hosts."""

import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.sites.models import Site as DjangoSite
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site as WagtailSite

from marketplace.checks import check_hosts
from marketplace.sites import sites_sync_after_migrate

pytestmark = pytest.mark.django_db


def test_the_migrated_database_links_to_the_configured_host(settings):
    base = urlsplit(settings.MARKETPLACE_BASE_URL)

    assert DjangoSite.objects.get_current().domain == base.netloc
    assert WagtailSite.objects.get(is_default_site=True).root_url == f"{base.scheme}://{base.netloc}"


def test_migrate_writes_the_configured_host_into_both_sites(settings):
    settings.MARKETPLACE_BASE_URL = "https://cho.ocop-bacgiang.vn"

    sites_sync_after_migrate(sender=apps.get_app_config("wagtailcore"), using="default")

    django_site = DjangoSite.objects.get(pk=settings.SITE_ID)
    wagtail_site = WagtailSite.objects.get(is_default_site=True)
    assert (django_site.domain, django_site.name) == ("cho.ocop-bacgiang.vn", "cho.ocop-bacgiang.vn")
    assert (wagtail_site.hostname, wagtail_site.port) == ("cho.ocop-bacgiang.vn", 443)
    assert wagtail_site.root_url == "https://cho.ocop-bacgiang.vn"
    DjangoSite.objects.clear_cache()
    WagtailSite.clear_site_root_paths_cache()


def test_the_sync_command_keeps_a_port(settings):
    settings.MARKETPLACE_BASE_URL = "http://cho.ocop-bacgiang.vn:8080/"

    call_command("sites_sync")

    assert DjangoSite.objects.get(pk=settings.SITE_ID).domain == "cho.ocop-bacgiang.vn:8080"
    assert WagtailSite.objects.get(is_default_site=True).root_url == "http://cho.ocop-bacgiang.vn:8080"
    DjangoSite.objects.clear_cache()
    WagtailSite.clear_site_root_paths_cache()


def test_the_password_reset_mail_links_to_the_configured_host(client, public_host, django_user_model):
    django_user_model.objects.create_user(username="buyer", email="buyer@example.org", password="pw-1234-xyz")

    response = client.post(reverse("password-reset"), {"email": "buyer@example.org"})

    assert response.status_code == 302
    (message,) = mail.outbox
    links = re.findall(r"https?://[^\s\"<>]+", message.body)
    assert links
    assert all(link.startswith(public_host + "/") for link in links), links
    assert any("/password-reset/confirm/" in link for link in links)


def test_the_check_passes_outside_production(settings):
    settings.MARKETPLACE_PUBLIC_HOST_REQUIRED = False
    settings.MARKETPLACE_BASE_URL = "http://localhost:8000"

    assert check_hosts(None) == []


def test_the_check_refuses_a_placeholder_base_url_in_production(settings):
    settings.MARKETPLACE_PUBLIC_HOST_REQUIRED = True
    settings.MARKETPLACE_BASE_URL = "http://localhost:8000"

    assert [error.id for error in check_hosts(None)] == ["marketplace.E004"]


def test_the_check_refuses_sites_still_on_placeholder_hosts_in_production(settings):
    settings.MARKETPLACE_PUBLIC_HOST_REQUIRED = True
    settings.MARKETPLACE_BASE_URL = "https://cho.ocop-bacgiang.vn"
    DjangoSite.objects.filter(pk=settings.SITE_ID).update(domain="example.com")
    WagtailSite.objects.filter(is_default_site=True).update(hostname="localhost", port=80)

    errors = check_hosts(None)

    assert [error.id for error in errors] == ["marketplace.E005"]
    assert "'example.com'" in errors[0].msg and "'localhost'" in errors[0].msg


def test_the_check_passes_once_the_sites_are_synced(settings, public_host):
    settings.MARKETPLACE_PUBLIC_HOST_REQUIRED = True

    assert check_hosts(None) == []
