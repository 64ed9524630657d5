"""Give back the stock that orders hold without a payment or a producer behind them.

- Orders whose payment never came: bank transfers are waited for MARKETPLACE_TRANSFER_HOURS
  (48 by default), card payments that stopped at the bank's confirmation step
  MARKETPLACE_CARD_PAYMENT_HOURS (1). Orders placed for the buyer (pre-orders at harvest,
  visits: `order.direct`) are waited for until their `pay_by`, whatever the buyer chose but
  cash on delivery (a card at the bank's step gets MARKETPLACE_CARD_PAYMENT_HOURS more).
- Producers' parts of cash-on-delivery orders that the producer did not confirm within
  MARKETPLACE_COD_CONFIRM_HOURS (72): nothing is paid before delivery, so without this one
  anonymous order could hold a product's whole stock for ever.

Run it from cron, for example every 15 minutes:

    */15 * * * *  cd /srv/ocop && .venv/bin/python manage.py orders_release_unpaid
"""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from order.settlement import order_release_unpaid, orders_overdue, part_release_unconfirmed, parts_unconfirmed


class Command(BaseCommand):
    help = (
        "Cancel orders whose bank transfer or card payment did not arrive in time (or by their "
        "pay-by deadline), and producers' parts of cash-on-delivery orders never confirmed, giving "
        "their stock back."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        quiet = options["verbosity"] == 0
        orders = list(orders_overdue(now=now))
        released = 0
        for order in tqdm(orders, desc="Unpaid orders", unit="order", disable=quiet):
            released += order_release_unpaid(order=order)
        self.stdout.write(
            _("%(released)d of %(found)d overdue orders cancelled; their stock is back on sale.")
            % {"released": released, "found": len(orders)}
        )
        parts = list(parts_unconfirmed(now=now))
        cancelled = 0
        for part in tqdm(parts, desc="Unconfirmed parts", unit="part", disable=quiet):
            cancelled += part_release_unconfirmed(part=part)
        self.stdout.write(
            _("%(cancelled)d of %(found)d unconfirmed cash-on-delivery parts cancelled.")
            % {"cancelled": cancelled, "found": len(parts)}
        )
