"""Placing orders without selling what is not there.

Oscar allocates stock with an unconditional `F()` update, so two buyers of the last jar
would both get it. `OrderCreator` here locks the stock records of the basket (in primary-key
order, so concurrent checkouts cannot deadlock), checks what is left, and allocates inside the
same transaction; the lock is held until the order commits. On SQLite, which has no row locks,
it takes the database's write lock before reading the stock (`core.transactions`).
"""

from collections import Counter

from django.db import transaction
from oscar.apps.order import utils
from oscar.core.loading import get_class, get_model

from core.transactions import write_lock_take
from order.exceptions import InsufficientStock

Fulfilment = get_model("order", "Fulfilment")
StockRecord = get_model("partner", "StockRecord")
ProducerDelivery = get_class("shipping.methods", "ProducerDelivery")
producer_charges = get_class("shipping.methods", "producer_charges")


def reserve_stock(lines):
    """Lock the stock records of `lines` and raise `InsufficientStock` if any cannot be covered.

    Call inside a transaction: the locks last until it ends.
    """
    wanted = Counter()
    titles = {}
    for line in lines:
        if line.stockrecord_id and line.product.get_product_class().track_stock:
            wanted[line.stockrecord_id] += line.quantity
            titles[line.stockrecord_id] = line.product.get_title()
    write_lock_take()
    records = StockRecord.objects.select_for_update().filter(pk__in=wanted).order_by("pk")
    shortages = [
        (titles[record.pk], wanted[record.pk], max(record.net_stock_level, 0))
        for record in records
        if record.num_in_stock is not None and record.net_stock_level < wanted[record.pk]
    ]
    if shortages:
        raise InsufficientStock(shortages)


class OrderCreator(utils.OrderCreator):
    def place_order(self, basket, total, shipping_method, shipping_charge, *args, **kwargs):
        with transaction.atomic():
            reserve_stock(basket.all_lines())
            if shipping_method.code == ProducerDelivery.code:
                fees = {charge.partner.pk: charge.charge for charge in producer_charges(basket)}
            else:
                fees = {}
            order = super().place_order(basket, total, shipping_method, shipping_charge, *args, **kwargs)
            partners = order.lines.values_list("partner", flat=True).distinct().order_by("partner")
            Fulfilment.objects.bulk_create(
                Fulfilment(order=order, partner_id=partner_id, shipping_charge=fees.get(partner_id, 0))
                for partner_id in partners
            )
        return order
