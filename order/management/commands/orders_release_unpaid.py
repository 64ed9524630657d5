"""Cancel orders whose payment never came, so their stock goes back on sale.

Bank transfers are waited for MARKETPLACE_TRANSFER_HOURS (48 by default), card payments that
stopped at the bank's confirmation step MARKETPLACE_CARD_PAYMENT_HOURS (1). Run it from cron,
for example every 15 minutes:

    */15 * * * *  cd /srv/ocop && .venv/bin/python manage.py orders_release_unpaid
"""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from order.settlement import order_release_unpaid, orders_overdue


class Command(BaseCommand):
    help = (
        "Cancel orders whose bank transfer or card payment did not arrive in time, giving their stock back."
    )

    def handle(self, *args, **options):
        orders = list(orders_overdue(now=timezone.now()))
        released = 0
        for order in tqdm(orders, desc="Unpaid orders", unit="order", disable=options["verbosity"] == 0):
            released += order_release_unpaid(order=order)
        self.stdout.write(
            _("%(released)d of %(found)d overdue orders cancelled; their stock is back on sale.")
            % {"released": released, "found": len(orders)}
        )
