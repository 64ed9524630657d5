import pytest
from oscar.core.loading import get_model

Order = get_model("order", "Order")


@pytest.fixture
def order(shopper, products, committed):
    """A guest's cash-on-delivery order of both `products`: a part for HTX Vải, one for HTX Mật ong."""
    with committed():
        shopper.checkout("cod", *products)
    return Order.objects.get()
