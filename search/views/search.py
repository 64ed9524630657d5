"""Product search page."""

from django.utils.translation import gettext_lazy as _

from catalog import selectors as catalog_selectors

from .catalogue import ProductListView


class FacetedSearchView(ProductListView):
    """Products whose name, producer, group or origin matches the query, tones ignored."""

    template_name = "oscar/search/results.html"

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()
        return catalog_selectors.product_search(text=self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        context["summary"] = _("Search results")
        return context
