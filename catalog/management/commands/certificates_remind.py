"""Remind producers and the OCOP office before certificates end, and keep badges in search.

Run it once a day from cron, for example at 06:00:

    0 6 * * *  cd /srv/ocop && .venv/bin/python manage.py certificates_remind

It mails the producer's people and the staff 90 and 30 days before a certificate's valid-to
date, once each (a `CertificateReminder` row per certificate and threshold), and indexes
again the products whose OCOP badge changed since the index last saw them: a certificate
that lapsed or came into force by date alone saves nothing, so no signal does it. Search
already hides lapsed stars at query time; this brings the stored documents in step.
"""

import datetime
import sys

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from catalog import certificates
from search.indexing import products_index


class Command(BaseCommand):
    help = "Mail OCOP certificate reminders 90 and 30 days before expiry and reindex changed badges."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="The day to act as (YYYY-MM-DD); today by default.",
        )

    def handle(self, *args, **options):
        today = options["today"] or timezone.localdate()
        quiet = options["verbosity"] == 0 or not sys.stderr.isatty()
        due = certificates.reminders_due(on=today)
        sent = 0
        for certificate, days_before in tqdm(due, desc="Certificates", unit="reminder", disable=quiet):
            sent += certificates.certificate_remind(
                certificate=certificate, days_before=days_before, on=today
            )
        product_ids = certificates.badge_changed_product_ids(on=today)
        if product_ids:
            products_index(product_ids=product_ids)
        self.stdout.write(
            _("%(sent)d certificate reminders sent; %(products)d products indexed again.")
            % {"sent": sent, "products": len(product_ids)}
        )
