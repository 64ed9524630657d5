from oscar.apps.dashboard.catalogue import formsets
from oscar.core.loading import get_model

from core.permissions import user_is_staff

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


class StockRecordFormSet(formsets.StockRecordFormSet):
    """Oscar's stock records, without an empty extra row for a producer whose product already
    has its own record: a producer sells a product from one stock, its own."""

    def __init__(self, product_class, user, *args, **kwargs):
        instance = kwargs.get("instance")
        if not user_is_staff(user) and instance is not None and instance.pk:
            if StockRecord.objects.filter(product=instance, partner__users=user).exists():
                self.extra = 0
        super().__init__(product_class, user, *args, **kwargs)


class ProductRecommendationFormSet(formsets.ProductRecommendationFormSet):
    """A producer may recommend its own products and any public one, never another producer's
    unpublished product (Oscar's form takes any product id)."""

    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        if not user_is_staff(user):
            allowed = Product.objects.filter(is_public=True) | Product.objects.filter(
                stockrecords__partner__users=user
            )
            for form in self.forms:
                form.fields["recommendation"].queryset = allowed.distinct()
