"""The shop's strategy: Oscar's default (first stock record, stock required, no tax shown
apart: Vietnamese prices include VAT), plus what may be bought and fair prices.

Only what the shop shows can be bought: a product that is public and approved by the OCOP
office (`Product.is_on_sale`). Oscar asks the availability policy when a product is added to
a basket, when a line's quantity changes and again before an order is placed, so a draft's id
posted to the basket, or a product taken off the shop after it was added, is refused at each
step. A guest (no account) buys at most `MARKETPLACE_GUEST_MAX_QUANTITY` of one product, so
that one anonymous order cannot hold a producer's whole stock.

While a trade fair runs (its first to its last day, Vietnam time), a product a producer shows
there with a fair price sells at that price everywhere the shop prices it: product page,
basket, checkout and the order, because they all ask the strategy. The application must be
approved and the fair's page published; a fair price above the usual price is ignored.
An order keeps the prices it was placed at, so it is untouched when the fair ends.

The fair prices come through `partner.pricing`, the hook the fairs app plugs into: partner
never imports fairs. Likewise a product on hold (every published lot of it past its use-by
date: out of season, or its lots expired) is shown as such and refused, through
`partner.sale_holds`, the hook traceability plugs into; a product with no lots is unaffected.
"""

from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from oscar.apps.partner import availability, strategy
from oscar.apps.partner.prices import FixedPrice
from oscar.core.loading import get_model

from core.clock import vietnam_today
from partner.pricing import fair_prices_running
from partner.sale_holds import SaleHold, sale_holds_on

StockRecord = get_model("partner", "StockRecord")


class FairPrice(FixedPrice):
    """A fair price, which remembers the usual price it replaces and the fair it belongs to."""

    is_fair_price = True

    def __init__(self, currency, excl_tax, *, usual_excl_tax, fair_title, fair_ends_on):
        super().__init__(currency=currency, excl_tax=excl_tax, tax=Decimal("0"))
        self.usual_excl_tax = usual_excl_tax
        self.fair_title = fair_title
        self.fair_ends_on = fair_ends_on

    @property
    def usual_incl_tax(self):
        return self.usual_excl_tax

    @property
    def discount(self):
        return self.usual_excl_tax - self.excl_tax


class FairPricing(strategy.NoTax):
    """NoTax pricing, lowered to the fair price of a stock record shown at a running fair."""

    def fair_prices(self):
        # Read once per strategy, that is once per request: a page of 24 products costs one query.
        if not hasattr(self, "_fair_prices"):
            self._fair_prices = fair_prices_running()
        return self._fair_prices

    def pricing_policy(self, product, stockrecord):
        price = super().pricing_policy(product, stockrecord)
        if not price.exists:
            return price
        fair = self.fair_prices().get(stockrecord.pk)
        if fair is None or fair.price >= stockrecord.price:
            return price
        return FairPrice(
            currency=stockrecord.price_currency,
            excl_tax=fair.price,
            usual_excl_tax=stockrecord.price,
            fair_title=fair.fair_title,
            fair_ends_on=fair.ends_on,
        )


class GuestQuantityLimit(availability.Base):
    """Another availability, with at most `limit` of the product in one guest's basket."""

    def __init__(self, policy: availability.Base, limit: int):
        self.policy, self.limit = policy, limit
        self.code, self.message, self.dispatch_date = policy.code, policy.message, policy.dispatch_date

    @property
    def short_message(self):
        return self.policy.short_message

    def is_purchase_permitted(self, quantity):
        if quantity > self.limit:
            return False, _(
                "Without an account you can buy at most %(limit)d of a product; log in to buy more."
            ) % {"limit": self.limit}
        return self.policy.is_purchase_permitted(quantity)


class OnHold(availability.Unavailable):
    """Not for sale today, with the reason the shop shows (`partner.sale_holds`)."""

    def __init__(self, hold: SaleHold):
        self.hold = hold
        self.code, self.message = hold.code, hold.message

    @property
    def short_message(self):
        return self.hold.short_message


class OnSaleAndInStock(strategy.StockRequired):
    """Oscar's stock rule, for products on sale and not on hold only, and a guest's quantity limit."""

    def sale_holds(self) -> dict[int, SaleHold]:
        # Read once per strategy, that is once per request, like the fair prices.
        if not hasattr(self, "_sale_holds"):
            self._sale_holds = sale_holds_on(vietnam_today())
        return self._sale_holds

    def availability_policy(self, product, stockrecord):
        if not product.is_on_sale:
            return availability.Unavailable()
        holds = self.sale_holds()
        hold = holds.get(product.pk) or (holds.get(product.parent_id) if product.parent_id else None)
        if hold is not None:
            return OnHold(hold)
        policy = super().availability_policy(product, stockrecord)
        if self.request is not None and self.user is None and policy.is_available_to_buy:
            return GuestQuantityLimit(policy, settings.MARKETPLACE_GUEST_MAX_QUANTITY)
        return policy


# What pricing a basket line reads, fetched for all of a basket's lines at once: the product's
# stock records (Oscar's first-stock-record rule) and their producer, the product class
# (whether it tracks stock and needs delivery; a variant's comes from its parent) and the
# line's own stock record's producer (delivery is charged per producer).
BASKET_LINE_RELATED = (
    "product__product_class",
    "product__parent__product_class",
    "stockrecord__partner",
)


def basket_lines_prefetch(lines) -> None:
    """Fetch what pricing and delivery read for every line of `lines` in a fixed number of
    queries, rather than a few queries per line; lines already fetched are left as they are."""
    lines = [line for line in lines if not getattr(line, "_pricing_prefetched", False)]
    if not lines:
        return
    stockrecords = Prefetch("product__stockrecords", queryset=StockRecord.objects.select_related("partner"))
    prefetch_related_objects(lines, stockrecords, *BASKET_LINE_RELATED)
    for line in lines:
        line._pricing_prefetched = True


class Default(strategy.UseFirstStockRecord, OnSaleAndInStock, FairPricing, strategy.Structured):
    """Oscar's Default strategy with fair prices, selling only what the shop shows."""

    def fetch_for_line(self, line, stockrecord=None):
        # Oscar prices a line as its product: the product's first stock record, the product
        # class for stock tracking. Fetched here for the whole basket the line belongs to (the
        # basket's own cached lines), so a basket costs the same queries at 1 line or 30.
        basket = line._state.fields_cache.get("basket")  # set when read through basket.all_lines()
        cached = getattr(getattr(basket, "_lines", None), "_result_cache", None)
        if cached is not None and any(item is line for item in cached):
            basket_lines_prefetch(cached)
        else:
            basket_lines_prefetch([line])
        return super().fetch_for_line(line, stockrecord)


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
