"""Mail trainees the day before each session of their course, once.

Run daily by the schedule (`marketplace/schedule.py`, systemd's ocop-training-remind.timer).
Each trainee registered for a course, with an e-mail, gets one mail per session: a
`SessionReminder` row per trainee and session, so a second run sends nothing.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from training.services import reminders_send


class Command(BaseCommand):
    help = "Mail trainees a reminder the day before each session of their training course."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            type=datetime.datetime.fromisoformat,
            help="The moment to act as (ISO 8601, with its offset); now by default.",
        )

    def handle(self, *args, **options):
        now = options["now"] or timezone.now()
        sent = reminders_send(now=now)
        self.stdout.write(_("%(sent)d session reminders sent.") % {"sent": sent})
