"""Oscar's recently viewed products (found by `get_class("customer.history", ...)`), read with
what their product cards show, so that the product page's queries do not grow with the
shopper's history: the same relations as `catalog.selectors.product_card_queryset`."""

from django.db.models import Prefetch, prefetch_related_objects
from oscar.apps.customer import history
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


class CustomerHistoryManager(history.CustomerHistoryManager):
    @classmethod
    def get(cls, request):
        products = super().get(request)
        if len(products) < 2:
            # Alone, it is most often the product page's own product, which the list leaves
            # out: fetching its cards' relations would cost more than it saves.
            return products
        prefetch_related_objects(
            products,
            "product_class",
            "origin_commune__province",
            "origin_district",
            "children",
            "images",
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
            "certificates",
        )
        return products
