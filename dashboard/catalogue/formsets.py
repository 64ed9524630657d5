from oscar.apps.dashboard.catalogue import formsets
from oscar.core.loading import get_model

from core.permissions import user_is_staff

Product = get_model("catalogue", "Product")


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
