"""Oscar's product page (found by `get_class("catalogue.views", ...)`), reading the product
with what the page shows already fetched."""

from oscar.apps.catalogue import views

from catalog.selectors import product_detail_queryset


class ProductDetailView(views.ProductDetailView):
    def get_queryset(self):
        return product_detail_queryset()
