"""Oscar's product page (found by `get_class("catalogue.views", ...)`), reading the product
with what the page shows already fetched, from the cache while no write changed it."""

from django.http import Http404
from oscar.apps.catalogue import views

from catalog import cards
from catalog.selectors import product_detail_queryset


class ProductDetailView(views.ProductDetailView):
    def get_queryset(self):
        return product_detail_queryset()

    def get_object(self, queryset=None):
        if hasattr(self, "object"):
            return self.object
        if queryset is not None or self.pk_url_kwarg not in self.kwargs:
            return super().get_object(queryset)
        try:
            pk = int(self.kwargs[self.pk_url_kwarg])
        except (TypeError, ValueError) as error:
            raise Http404 from error
        product = cards.product_detail_cached(pk=pk)
        if product is None:
            raise Http404
        return product
