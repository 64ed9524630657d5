"""Delivery as the marketplace charges it: one fee per producer in the basket."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import Base
from oscar.core import prices
from oscar.core.loading import get_model

ProducerShippingRate = get_model("shipping", "ProducerShippingRate")

# Used only while staff have not saved a default rate (a migration creates one).
FALLBACK_RATE = ProducerShippingRate(fee=Decimal(30000), free_above=Decimal(500000))


@dataclass(frozen=True)
class ProducerCharge:
    """What one producer's part of a basket costs to deliver."""

    partner: object
    subtotal: Decimal
    fee: Decimal
    free_above: Decimal | None

    @property
    def charge(self):
        if self.free_above is not None and self.subtotal >= self.free_above:
            return Decimal(0)
        return self.fee

    @property
    def missing_for_free(self):
        """How much more from this producer makes delivery free; None when it cannot or already is."""
        if self.free_above is None or self.charge == 0:
            return None
        return self.free_above - self.subtotal


def producer_charges(basket):
    """The delivery charge of each producer in the basket, in the order of the basket's lines."""
    subtotals = defaultdict(Decimal)
    partners = {}
    lines = list(basket.all_lines())
    prefetch_related_objects(lines, "stockrecord__partner")  # one query, not one a line
    for line in lines:
        if not line.stockrecord_id:
            continue
        partner = line.stockrecord.partner
        partners[partner.pk] = partner
        subtotals[partner.pk] += line.line_price_incl_tax_incl_discounts or 0
    return charges_for(partners=list(partners.values()), subtotals=subtotals)


def charges_for(*, partners, subtotals: dict[int, Decimal]) -> list[ProducerCharge]:
    """The delivery charge of each of `partners` for its subtotal ({partner id: đồng}): its own
    rate, else the default; one query. The basket's rule, and an order placed outside the
    basket (a pre-order at harvest) uses it too."""
    if not partners:
        return []
    rates = {
        rate.partner_id: rate
        for rate in ProducerShippingRate.objects.filter(Q(partner__in=partners) | Q(partner__isnull=True))
    }
    default = rates.get(None, FALLBACK_RATE)
    charges = []
    for partner in partners:
        rate = rates.get(partner.pk, default)
        charges.append(ProducerCharge(partner, subtotals[partner.pk], rate.fee, rate.free_above))
    return charges


class ProducerDelivery(Base):
    code = "producer-delivery"
    name = _("Delivery by each producer")
    description = _(
        "Each producer sends its own parcel. The fee is per producer and is waived when "
        "your order from that producer reaches its free-delivery amount."
    )

    def calculate(self, basket):
        total = sum((charge.charge for charge in producer_charges(basket)), Decimal(0))
        return prices.Price(currency=basket.currency, excl_tax=total, incl_tax=total)
