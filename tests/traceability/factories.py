"""Traceability records: trade items (GTINs), lots, certifications, inspections, events."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from tests.catalog.factories import ProductFactory
from traceability.models import (
    BusinessStep,
    Certification,
    CertificationScheme,
    EventAction,
    EventType,
    Inspection,
    Lot,
    TraceEvent,
    TradeItem,
)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class TradeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TradeItem

    product = factory.SubFactory(ProductFactory)


class LotFactory(factory.django.DjangoModelFactory):
    """An unpublished lot of 100 kg produced 10 days ago, of the product's producer."""

    class Meta:
        model = Lot

    product = factory.SubFactory(ProductFactory)
    producer = factory.LazyAttribute(lambda lot: lot.product.stockrecords.first().partner)
    code = factory.Sequence(lambda n: f"LO-{n:04d}")
    produced_on = factory.LazyFunction(lambda: days_ago(10))
    quantity = Decimal("100")


class CertificationFactory(factory.django.DjangoModelFactory):
    """A VietGAP certification in force (from 200 days ago to 500 days ahead); `products=[...]`
    says what it covers."""

    class Meta:
        model = Certification

    producer = factory.SubFactory("tests.partner.factories.ProducerFactory")
    scheme = CertificationScheme.VIETGAP
    issuer = "Trung tâm Chứng nhận VietGAP thử"
    number = factory.Sequence(lambda n: f"VG-{n:04d}")
    valid_from = factory.LazyFunction(lambda: days_ago(200))
    valid_to = factory.LazyFunction(lambda: days_ago(-500))

    @factory.post_generation
    def products(self, create, extracted, **kwargs):
        if create and extracted:
            self.products.add(*extracted)


class InspectionFactory(factory.django.DjangoModelFactory):
    """A passed test of the lot, the day after it was produced."""

    class Meta:
        model = Inspection

    lot = factory.SubFactory(LotFactory)
    inspected_on = factory.LazyAttribute(
        lambda inspection: inspection.lot.produced_on + datetime.timedelta(days=1)
    )
    kind = "Dư lượng thuốc bảo vệ thực vật"
    inspector = "Phòng thử nghiệm thử"
    result = Inspection.Result.PASSED


class TraceEventFactory(factory.django.DjangoModelFactory):
    """An observation of the lot at 08:00 on the day it was produced."""

    class Meta:
        model = TraceEvent

    lot = factory.SubFactory(LotFactory)
    event_type = EventType.OBJECT
    action = EventAction.OBSERVE
    event_time = factory.LazyAttribute(
        lambda event: timezone.make_aware(datetime.datetime.combine(event.lot.produced_on, datetime.time(8)))
    )
    business_step = BusinessStep.PACKING
    actor = factory.LazyAttribute(lambda event: event.lot.producer.name)
    place = "Xưởng đóng gói"
