import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    """Oscar's checkout, forked for the marketplace's address form and payment methods."""

    name = "checkout"

    def ready(self):
        super().ready()
        self.card_action_view = get_class("checkout.views", "CardActionView")
        self.card_return_view = get_class("checkout.views", "CardReturnView")

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            path("card-action/", self.card_action_view.as_view(), name="card-action"),
            path("card-return/", self.card_return_view.as_view(), name="card-return"),
        ]
        return urls
