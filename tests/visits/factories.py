"""Visits' test data: a tourism product (a service class: nothing shipped, no stock tracked)
of its producer at 350.000 ₫ per guest, and its sessions."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from oscar.core.loading import get_model

from tests.catalog.factories import ProductFactory
from visits.models import VisitSession


def tourism_class():
    return get_model("catalogue", "ProductClass").objects.get_or_create(
        name="Dịch vụ du lịch OCOP", defaults={"requires_shipping": False, "track_stock": False}
    )[0]


class TourismProductFactory(ProductFactory):
    title = factory.Sequence(lambda n: f"Du lịch bản thử {n}")
    product_class = factory.LazyFunction(tourism_class)
    stockrecords__price = Decimal("350000")
    stockrecords__num_in_stock = None


class VisitSessionFactory(factory.django.DjangoModelFactory):
    """A session in 10 days, 4 hours, 20 places, 350.000 ₫ per guest, guide in Vietnamese."""

    class Meta:
        model = VisitSession

    product = factory.SubFactory(TourismProductFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    duration_minutes = 240
    meeting_point = "Nhà văn hoá bản Ven, xã Xuân Lương"
    capacity = 20
    price = Decimal("350000")
    language = "vi"
