"""The shop's pricing strategy: Oscar's default (first stock record, stock required, no tax
shown apart: Vietnamese prices include VAT), plus fair prices.

While a trade fair runs (its first to its last day, Vietnam time), a product a producer shows
there with a fair price sells at that price everywhere the shop prices it: product page,
basket, checkout and the order, because they all ask the strategy. The application must be
approved and the fair's page published; a fair price above the usual price is ignored.
An order keeps the prices it was placed at, so it is untouched when the fair ends.

The fair prices come through `partner.pricing`, the hook the fairs app plugs into: partner
never imports fairs.
"""

from decimal import Decimal

from oscar.apps.partner import strategy
from oscar.apps.partner.prices import FixedPrice

from partner.pricing import fair_prices_running


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


class Default(strategy.UseFirstStockRecord, strategy.StockRequired, FairPricing, strategy.Structured):
    """Oscar's Default strategy with fair prices."""


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
