"""Point the Django and Wagtail sites at `MARKETPLACE_BASE_URL` (`migrate` does it too)."""

from django.core.management.base import BaseCommand

from marketplace.sites import sites_sync


class Command(BaseCommand):
    help = "Write MARKETPLACE_BASE_URL's host into the Django site and Wagtail's default site."
    # The hosts check (marketplace.E004) fails until this has run: it must not stop it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        sites_sync(using=database)
