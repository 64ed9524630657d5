"""The product search page and the search box's suggestions."""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy
from django.views import View
from oscar.core.loading import get_model

from search.forms import ProductSearchForm
from search.selectors import page_search, product_suggestions

from .catalogue import ProductListView

Product = get_model("catalogue", "Product")


class FacetedSearchView(ProductListView):
    """Products matching the words, tones ignored, with facets; CMS pages listed apart."""

    template_name = "oscar/search/results.html"
    summary = gettext_lazy("Search results")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = context["results"]
        if results is not None and results.query.page == 1:
            context["pages"] = page_search(text=results.query.text)
        return context


class SuggestionsView(View):
    """JSON for the search box: `{"query": ..., "suggestions": [{"name", "url"}]}`."""

    def get(self, request):
        form = ProductSearchForm({"q": request.GET.get("q", "")})
        if not form.is_valid():
            return JsonResponse({"error": form.errors["q"][0]}, status=400)
        text = form.cleaned_data["q"]
        suggestions = product_suggestions(text=text)
        urls = {
            product.pk: product.get_absolute_url()
            for product in Product.objects.filter(pk__in=[s.pk for s in suggestions]).only("pk", "slug")
        }
        return JsonResponse(
            {
                "query": text,
                "suggestions": [{"name": s.name, "url": urls[s.pk]} for s in suggestions if s.pk in urls],
            }
        )
