import pytest

from tests.catalog.factories import ProductFactory
from tests.partner.factories import ProducerFactory


@pytest.fixture
def seller(db, producer_user):
    """A verified producer with a login, its own mail address and a phone, and a public product."""
    producer = ProducerFactory(
        name="HTX Vải thiều Hồng Xuân", email="htx@hongxuan.example", phone="+84912345678", is_verified=True
    )
    product = ProductFactory(title="Vải thiều sấy khô", stockrecords__partner=producer)
    user = producer_user(producer, "giamdoc@hongxuan.example")
    return {"producer": producer, "product": product, "user": user, "record": product.stockrecords.get()}
