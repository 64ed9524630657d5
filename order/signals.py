"""Signals of the order app, for apps that hold something of an order's and must give it back.

`order_cancelled` is sent, inside the transaction that cancels it, whenever an order becomes
cancelled: `order.fulfilment.order_cancel` (a failed or abandoned payment, an unpaid order
released after its `pay_by`), or a producer cancelling the last part still live. Receivers
(pre-orders and visits give their capacity back) run in that transaction, so what they write
commits or rolls back with the cancellation. kwargs: `order`, `reason` (the last part's
reason for cancelling, as the buyer reads it).
"""

from django.dispatch import Signal

order_cancelled = Signal()
