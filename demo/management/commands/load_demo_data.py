"""Load the demo site: reference data, then producers, products, pictures and home pages."""

from django.conf import settings
from django.core.management.base import CommandError

from demo.loader import demo_data_steps
from demo.loading import LoadCommand
from demo.reference import reference_data_steps


class Command(LoadCommand):
    help = (
        "Load the reference data and a demo catalogue of real Bắc Giang OCOP products with their "
        "producers (illustrative prices). Safe to run again: only what is missing is created, and "
        "objects already there are never changed."
    )
    what = "demo data"

    def handle(self, *args, **options):
        if not settings.MARKETPLACE_DEMO_DATA_ALLOWED:
            # The demo has well-known logins (admin/admin, the producers' ocop-demo).
            raise CommandError(
                "The demo data is refused here (MARKETPLACE_DEMO_DATA_ALLOWED is off, as under the "
                "production settings): it would create logins whose passwords everyone knows. "
                "Load the reference data with load_reference_data."
            )
        return super().handle(*args, **options)

    def steps(self):
        return reference_data_steps() + demo_data_steps()
