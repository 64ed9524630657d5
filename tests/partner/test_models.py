"""Producers and their stock records: VND prices are whole đồng and never negative."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.catalog.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stockrecord():
    return ProductFactory().stockrecords.get()


def test_fractional_price_is_refused(stockrecord):
    stockrecord.price = Decimal("150000.50")

    with pytest.raises(ValidationError) as error:
        stockrecord.full_clean()

    assert "price" in error.value.message_dict


def test_negative_price_is_refused_by_validation_and_by_the_database(stockrecord):
    stockrecord.price = Decimal("-1")

    with pytest.raises(ValidationError):
        stockrecord.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        stockrecord.save()


def test_producer_full_address_reads_street_commune_and_province(demo_data):
    from oscar.core.loading import get_model

    producer = get_model("partner", "Partner").objects.get(code="htx-hong-xuan")

    assert producer.commune.province.name == "Bắc Ninh"
    assert producer.full_address.endswith(f"{producer.commune.full_name}, Tỉnh Bắc Ninh")
