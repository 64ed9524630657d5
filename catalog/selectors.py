"""Reads of the catalogue shared by Oscar's views, Wagtail pages and the search layer.

Every list of products comes with what a product card needs already fetched (stock
records with their producer, images, origin), so a page costs the same number of
queries whether it shows one product or a full page of them.
"""

from collections.abc import Sequence

from django.db.models import Q, QuerySet
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


def product_card_queryset() -> QuerySet:
    """Public, browsable products with everything a product card shows."""
    return (
        Product.objects.browsable()
        .base_queryset()
        .select_related("origin_commune__province", "origin_district")
        .prefetch_related("stockrecords__partner")
    )


def product_list_by_ids(*, product_ids: Sequence[int]) -> list:
    """The public products among `product_ids`, in the order given."""
    products = product_card_queryset().in_bulk(list(product_ids))
    return [products[pk] for pk in product_ids if pk in products]


def product_list_for_category(*, category) -> QuerySet:
    """Public products in `category` or any of its descendants."""
    categories = Category.get_tree(category)
    return product_card_queryset().filter(categories__in=categories).distinct()


def product_group_list() -> QuerySet:
    """The OCOP product groups (top-level categories) shown to shoppers."""
    return Category.get_root_nodes().browsable()


def product_search(*, text: str) -> QuerySet:
    """Public products whose name, description, producer, group or origin contains `text`.

    A plain database match; the search layer (search/) replaces it with tone folding,
    ranking and facets.
    """
    queryset = product_card_queryset()
    if not text:
        return queryset.none()
    matches = (
        Q(title__icontains=text)
        | Q(description__icontains=text)
        | Q(stockrecords__partner__name__icontains=text)
        | Q(categories__name__icontains=text)
        | Q(origin_commune__name__icontains=text)
        | Q(origin_district__name__icontains=text)
        | Q(origin_district__province__name__icontains=text)
    )
    matching_ids = Product.objects.filter(matches).values("pk")
    return queryset.filter(pk__in=matching_ids).order_by("title", "pk")
