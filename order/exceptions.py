from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.apps.order.exceptions import UnableToPlaceOrder


class InsufficientStock(UnableToPlaceOrder):
    """Someone bought the last units between the basket page and the order button."""

    def __init__(self, shortages):
        # shortages: [(product title, quantity wanted, quantity still available)]
        self.shortages = shortages
        super().__init__(
            "; ".join(f"{title}: {wanted} > {available}" for title, wanted, available in shortages)
        )

    def messages(self):
        result = []
        for title, wanted, available in self.shortages:
            if available <= 0:
                result.append(_("“%(title)s” has just sold out.") % {"title": title})
            else:
                result.append(
                    ngettext(
                        "Only %(available)d unit of “%(title)s” is left (you asked for %(wanted)d).",
                        "Only %(available)d units of “%(title)s” are left (you asked for %(wanted)d).",
                        available,
                    )
                    % {"title": title, "available": available, "wanted": wanted}
                )
        return result
