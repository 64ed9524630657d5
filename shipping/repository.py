from django.db.models import prefetch_related_objects
from oscar.apps.shipping import repository
from oscar.core.loading import get_class

ProducerDelivery = get_class("shipping.methods", "ProducerDelivery")


class Repository(repository.Repository):
    methods = (ProducerDelivery(),)

    def get_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        # Oscar asks each line's product class whether it needs delivery, one query a line;
        # the classes of every line come in one query instead (a variant's from its parent).
        if basket.id is not None:
            prefetch_related_objects(
                list(basket.all_lines()), "product__product_class", "product__parent__product_class"
            )
        return super().get_shipping_methods(basket, shipping_addr=shipping_addr, **kwargs)
