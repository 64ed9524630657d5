"""Oscar's analytics counters, where reading a page never waits on them.

Oscar counts a product view in the request that shows it: a write on every GET.
On SQLite, the embedded default, a write waits for the one write lock, so a product page would
wait up to the busy timeout (20 s) while an import writes, and then fail. Here the view counter
is written once the response has gone out (`request_finished`), and a database
that is busy costs a missed count, logged, never the buyer's page. The counters of basket
additions and placed orders are written once the request's transaction has committed: inside
it, on PostgreSQL, a basket addition (its product's counter row locked, the new line's key
on the stock record checked at commit) and a checkout (the stock record locked, then the same
counter row) waited for each other, and PostgreSQL ended one with "deadlock detected", a 500
(found by the fault drill, stackdrill). (Oscar's search counter listens for a signal our
search pages do not send.)
"""

import logging
import threading

from django.core.signals import request_finished
from django.db import DatabaseError, transaction
from django.dispatch import receiver
from oscar.apps.analytics import receivers as oscar_receivers
from oscar.apps.basket.signals import basket_addition
from oscar.apps.catalogue.signals import product_viewed
from oscar.apps.order.signals import order_placed

logger = logging.getLogger(__name__)

product_viewed.disconnect(oscar_receivers.receive_product_view)
basket_addition.disconnect(oscar_receivers.receive_basket_addition)
order_placed.disconnect(oscar_receivers.receive_order_placed)

_waiting = threading.local()


def _later(record, **kwargs):
    if not hasattr(_waiting, "records"):
        _waiting.records = []
    _waiting.records.append((record, kwargs))


@receiver(product_viewed, dispatch_uid="analytics.product_view_later")
def product_view_later(sender, product, user, **kwargs):
    _later(oscar_receivers.receive_product_view, sender=sender, product=product, user=user, **kwargs)


def _write(record, record_kwargs) -> None:
    try:
        record(**record_kwargs)
    except DatabaseError:
        logger.warning("Analytics counter not written (%s): the database is busy", record.__name__)


@receiver(basket_addition, dispatch_uid="analytics.basket_addition_after_commit")
def basket_addition_after_commit(sender, **kwargs):
    transaction.on_commit(
        lambda: _write(oscar_receivers.receive_basket_addition, {"sender": sender, **kwargs})
    )


@receiver(order_placed, dispatch_uid="analytics.order_placed_after_commit")
def order_placed_after_commit(sender, **kwargs):
    transaction.on_commit(lambda: _write(oscar_receivers.receive_order_placed, {"sender": sender, **kwargs}))


@receiver(request_finished, dispatch_uid="analytics.counters_write")
def counters_write(**kwargs):
    records, _waiting.records = getattr(_waiting, "records", []), []
    for record, record_kwargs in records:
        _write(record, record_kwargs)
