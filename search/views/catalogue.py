"""Oscar's catalogue and category pages, answered by the search layer.

Oscar resolves these classes with `get_class("search.views", ...)`; they replace the
haystack views so that haystack is never asked anything. Browsing, a category and a text
search are the same request with different fixed parts, so they share one view.
"""

import dataclasses
from urllib.parse import unquote

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from search.forms import ProductSearchForm
from search.queries import FACETS, SORTS
from search.selectors import facet_list, product_search

Category = get_model("catalogue", "Category")


class ProductListView(TemplateView):
    """A page of products for the request's words, filters, sort order and page number."""

    summary = _("All products")

    def fixed_category(self) -> str:
        return ""

    def get(self, request, *args, **kwargs):
        self.form = ProductSearchForm(request.GET)
        if not self.form.is_valid():
            return self.render_to_response(self.get_context_data(results=None), status=400)
        results = product_search(query=self.form.product_query(category=self.fixed_category()))
        return self.render_to_response(self.get_context_data(results=results))

    def get_context_data(self, *, results, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, summary=self.summary, sorts=SORTS, results=results)
        context["query"] = self.form.cleaned_data.get("q", "") if results else self.request.GET.get("q", "")
        if results is None:
            return context
        paginator = Paginator(range(results.total), results.query.per_page)
        try:
            page_obj = paginator.page(results.query.page)
        except EmptyPage:
            page_obj = None
        facets = [
            dataclasses.replace(
                facet,
                options=[
                    dataclasses.replace(option, url=_toggled(self.request.GET, facet.name, option.key))
                    for option in facet.options
                ],
            )
            for facet in facet_list(results)
        ]
        context.update(
            # Read only when used: the page shows its cards from the cache (catalog/cards.py).
            products=SimpleLazyObject(lambda: results.products),
            paginator=paginator,
            page_obj=page_obj,
            facets=facets,
            selected_options=[
                (facet, option) for facet in facets for option in facet.options if option.selected
            ],
            clear_filters_url=_without_filters(self.request.GET),
            when=_when_filter(self.request.GET, results.query),
        )
        return context


# The season and visit-date filters' parameters (search.queries: fixed parts of the request).
WHEN_PARAMS = ("in_season", "visit_from", "visit_to")


@dataclasses.dataclass(frozen=True)
class WhenFilter:
    """The filter panel's "in season" toggle and visit-date form, and their chips."""

    in_season: bool
    in_season_url: str  # the page with "in season" toggled
    visit_from: str  # ISO dates for the date inputs, "" when not set
    visit_to: str
    hidden: list[tuple[str, str]]  # the other parameters, kept by the date form
    chips: list[tuple[str, str]]  # (label, the page without it)

    @property
    def active(self) -> bool:
        return bool(self.chips)

    @property
    def count(self) -> int:
        return len(self.chips)


def _when_filter(params: QueryDict, query) -> WhenFilter:
    toggled = params.copy()
    if query.in_season:
        toggled.pop("in_season", None)
    else:
        toggled["in_season"] = "1"
    toggled.pop("page", None)
    chips = []
    if query.in_season:
        chips.append((str(_("In season")), "?" + toggled.urlencode()))
    if query.visit_from or query.visit_to:
        without = params.copy()
        for name in ("visit_from", "visit_to", "page"):
            without.pop(name, None)
        start = query.visit_from.strftime("%d/%m/%Y") if query.visit_from else "…"
        end = query.visit_to.strftime("%d/%m/%Y") if query.visit_to else "…"
        chips.append(
            (
                str(_("Visit date: %(start)s – %(end)s")) % {"start": start, "end": end},
                "?" + without.urlencode(),
            )
        )
    hidden = [
        (key, value)
        for key, values in params.lists()
        if key not in ("visit_from", "visit_to", "page")
        for value in values
    ]
    return WhenFilter(
        in_season=query.in_season,
        in_season_url="?" + toggled.urlencode(),
        visit_from=query.visit_from.isoformat() if query.visit_from else "",
        visit_to=query.visit_to.isoformat() if query.visit_to else "",
        hidden=hidden,
        chips=chips,
    )


def _toggled(params: QueryDict, name: str, key: str) -> str:
    """The query string with facet value `key` ticked or unticked, back on page 1."""
    params = params.copy()
    values = params.getlist(name)
    params.setlist(name, [value for value in values if value != key] if key in values else [*values, key])
    params.pop("page", None)
    return "?" + params.urlencode()


def _without_filters(params: QueryDict) -> str:
    params = params.copy()
    for name in (*FACETS, *WHEN_PARAMS):
        params.pop(name, None)
    params.pop("page", None)
    return "?" + params.urlencode()


class CatalogueView(ProductListView):
    """All public products."""

    template_name = "oscar/catalogue/browse.html"


class ProductCategoryView(ProductListView):
    """Public products of one OCOP product group or product set, sub-groups included."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category.objects.browsable(), pk=kwargs["pk"])
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def fixed_category(self) -> str:
        return self.category.slug

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        context["subcategories"] = self.category.get_children().browsable()
        return context
