"""Reads of the catalogue shared by Oscar's views, Wagtail pages and the search layer.

Every list of products comes with what a product card needs already fetched (stock
records with their producer, images, origin), so a page costs the same number of
queries whether it shows one product or a full page of them.
"""

from collections.abc import Sequence

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
ListingChange = get_model("catalogue", "ListingChange")


def product_card_queryset() -> QuerySet:
    """Public, browsable products with everything a product card shows."""
    # Not Oscar's base_queryset(): cards show no product options, and its option look-ups
    # would cost two queries and two subqueries a page for nothing.
    return (
        Product.objects.browsable()
        .select_related("product_class", "origin_commune__province", "origin_district")
        .prefetch_related(
            "children",
            "images",
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
            "certificates",
        )
    )


def product_detail_queryset() -> QuerySet:
    """Products with what their page shows fetched up front: images, browsable product groups,
    stock records with their producer and its address, certificates, origin and class,
    recommendations, the count of approved reviews and Oscar's "has options" flags (the basket
    form), so the page's queries do not grow with what it lists."""
    Option = get_model("catalogue", "Option")
    ProductReview = get_model("reviews", "ProductReview")
    ProductRecommendation = get_model("catalogue", "ProductRecommendation")
    approved_reviews = (
        ProductReview.objects.filter(product=OuterRef("pk"), status=ProductReview.APPROVED)
        .order_by()
        .values("product")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Product.objects.prefetch_browsable_categories()
        .select_related(
            "product_class",
            "parent__product_class",
            "origin_commune__province",
            "origin_district__province",
            # The pack's GTIN (traceability's trade item; in catalog.cards.CARD_MODELS, so a
            # change to it forgets the cached page), shown under "Mã vạch".
            "trade_item",
        )
        .annotate(
            has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
            # Oscar's cached property of the same name, read here rather than by its own query.
            num_approved_reviews=Coalesce(Subquery(approved_reviews), 0),
        )
        .prefetch_related(
            "images",
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.select_related("partner__commune__province"),
            ),
            "certificates",
            Prefetch(
                "primary_recommendations",
                queryset=ProductRecommendation.objects.select_related("recommendation"),
            ),
        )
    )


def product_list_by_ids(*, product_ids: Sequence[int]) -> list:
    """The public products among `product_ids`, in the order given."""
    products = product_card_queryset().in_bulk(list(product_ids))
    return [products[pk] for pk in product_ids if pk in products]


def product_group_list() -> QuerySet:
    """The OCOP product groups (top-level categories) shown to shoppers: those with at least
    one product on sale in them or their subgroups; an empty group would lead to an empty page."""
    on_sale = Product.objects.browsable().filter(categories__path__startswith=OuterRef("path"))
    return Category.get_root_nodes().browsable().filter(Exists(on_sale))


def listing_changes_waiting_counts() -> dict[str, int]:
    """How many new listings and changes to published ones wait for the office (one query)."""
    waiting = ListingChange.objects.filter(status=ListingChange.Status.PENDING)
    counts = waiting.aggregate(
        new=Count("pk", filter=Q(kind=ListingChange.Kind.NEW)),
        change=Count("pk", filter=Q(kind=ListingChange.Kind.CHANGE)),
    )
    return {"new": counts["new"], "change": counts["change"]}
