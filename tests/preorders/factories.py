import datetime
from decimal import Decimal

import factory

from preorders.models import PreorderBook, Reservation
from seasons.models import HarvestWindow


def lychee_season(product) -> HarvestWindow:
    """Every year's main lychee crop, 1 June to 15 July."""
    return HarvestWindow.objects.create(
        product=product, kind="main", start_month=6, start_day=1, end_month=7, end_day=15
    )


class PreorderBookFactory(factory.django.DjangoModelFactory):
    """An open book of 10 for next year's June-July season (dates given, not read)."""

    class Meta:
        model = PreorderBook

    product = factory.SubFactory("tests.catalog.factories.ProductFactory")
    producer = factory.LazyAttribute(lambda book: book.product.stockrecords.first().partner)
    starts_on = factory.LazyFunction(lambda: datetime.date(datetime.date.today().year + 1, 6, 1))
    ends_on = factory.LazyFunction(lambda: datetime.date(datetime.date.today().year + 1, 7, 15))
    capacity = 10
    unit_price = Decimal(150000)


class ReservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reservation

    book = factory.SubFactory(PreorderBookFactory)
    quantity = 1
    name = factory.Sequence(lambda n: f"Người mua {n}")
    phone = factory.Sequence(lambda n: f"+8491234{n:04d}")
    line1 = "Số 1, thôn Kép"
