"""Oscar's catalogue and category pages, answered from the marketplace's own layer.

Oscar resolves these classes with `get_class("search.views", ...)`; they replace the
haystack views so that haystack is never asked anything.
"""

from urllib.parse import unquote

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_model

from catalog import selectors as catalog_selectors

Category = get_model("catalogue", "Category")


class ProductListView(ListView):
    context_object_name = "products"

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE


class CatalogueView(ProductListView):
    """All public products."""

    template_name = "oscar/catalogue/browse.html"

    def get_queryset(self):
        return catalog_selectors.product_card_queryset().order_by("title", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("All products")
        return context


class ProductCategoryView(ProductListView):
    """Public products of one OCOP product group or product set, sub-groups included."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category.objects.browsable(), pk=kwargs["pk"])
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return catalog_selectors.product_list_for_category(category=self.category).order_by("title", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        context["subcategories"] = self.category.get_children().browsable()
        return context
