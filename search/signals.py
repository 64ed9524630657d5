"""Index updates for saves made anywhere: Oscar's dashboard, the admin, loaders and services.

Oscar and Django's admin save these models directly, so signals are the one seam that sees
every change; each receiver only names the products to index again.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from .indexing import products_reindex_on_commit

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
Lot = get_model("traceability", "Lot")
HarvestWindow = get_model("seasons", "HarvestWindow")


@receiver([post_save, post_delete], sender=Product, dispatch_uid="search_product")
def product_changed(sender, instance, **kwargs):
    products_reindex_on_commit([instance.parent_id or instance.pk])


@receiver([post_save, post_delete], sender=StockRecord, dispatch_uid="search_stockrecord")
@receiver([post_save, post_delete], sender=Certificate, dispatch_uid="search_certificate")
@receiver([post_save, post_delete], sender=ProductCategory, dispatch_uid="search_product_category")
@receiver([post_save, post_delete], sender=Lot, dispatch_uid="search_lot")
@receiver([post_save, post_delete], sender=HarvestWindow, dispatch_uid="search_harvest_window")
def product_part_changed(sender, instance, **kwargs):
    products_reindex_on_commit([instance.product_id])


@receiver(post_save, sender=Partner, dispatch_uid="search_partner")
def producer_changed(sender, instance, **kwargs):
    products_reindex_on_commit(instance.stockrecords.values_list("product_id", flat=True))


@receiver(post_save, sender=Category, dispatch_uid="search_category")
def category_changed(sender, instance, created, **kwargs):
    if not created:
        products_reindex_on_commit(
            ProductCategory.objects.filter(category__path__startswith=instance.path).values_list(
                "product_id", flat=True
            )
        )
