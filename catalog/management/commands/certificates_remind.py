"""Remind producers and the OCOP office before certificates end.

Run it once a day from cron, for example at 06:00:

    0 6 * * *  cd /srv/ocop && .venv/bin/python manage.py certificates_remind

It mails the producer's people and the staff 90 and 30 days before a certificate's valid-to
date, once each (a `CertificateReminder` row per certificate and threshold). The search index
of products whose badge changed with the date is search's job, from the same cron:
`manage.py search_index badges`.
"""

import datetime
import sys

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from catalog import certificates


class Command(BaseCommand):
    help = "Mail OCOP certificate reminders 90 and 30 days before expiry."

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
        self.stdout.write(_("%(sent)d certificate reminders sent.") % {"sent": sent})
