import datetime
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from order.direct import DirectLine, order_place_direct

Order = get_model("order", "Order")

PAY_BY = datetime.datetime(2027, 6, 12, 3, 0, tzinfo=datetime.UTC)  # 10:00 on 12/06/2027 in Vietnam


@pytest.fixture
def order(shopper, products, committed):
    """A guest's cash-on-delivery order of both `products`: a part for HTX Vải, one for HTX Mật ong."""
    with committed():
        shopper.checkout("cod", *products)
    return Order.objects.get()


@pytest.fixture
def direct_order(products, commune):
    """An order placed for a guest (order.direct), not paid yet, to pay by PAY_BY, in Vietnamese:
    2 × Vải thiều thử at 120.000 ₫ (HTX Vải), 1 × Mật ong thử at 85.000 ₫ (HTX Mật ong),
    30.000 ₫ of delivery each: 385.000 ₫."""
    lychee, honey = products
    return order_place_direct(
        lines=[
            DirectLine(product=lychee, quantity=2, unit_price=Decimal(120000)),
            DirectLine(product=honey, quantity=1, unit_price=Decimal(85000)),
        ],
        email="hoa@example.com",
        shipping_address={
            "first_name": "Nguyễn Thị Hoa",
            "phone_number": "0912 345 678",
            "line1": "Số 12, thôn Kép",
            "commune": commune,
        },
        shipping_charge=Decimal(30000),
        pay_by=PAY_BY,
        language="vi",
    )
