"""Traceability records: trade items (GTINs), lots, certifications, inspections, events."""

import datetime
from decimal import Decimal

import factory
import time_machine
from django.utils import timezone
from oscar.core.loading import get_model

from core.clock import VIETNAM
from tests.catalog.factories import CategoryFactory, ProductFactory
from tests.partner.factories import ProducerFactory
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
from traceability.selectors import SEASONAL_PRODUCT_SETS

Category = get_model("catalogue", "Category")


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


# --- a lychee season on a fixed clock (lots that tell the truth) ---------------------------
# The season's lots are made on 20/06/2026; the last of them may be eaten until 01/07/2026 and
# has expired on 02/07/2026.

MADE = datetime.date(2026, 6, 20)
LAST_DAY = datetime.date(2026, 7, 1)
EXPIRED = datetime.date(2026, 7, 2)


def clock(day: datetime.date, hour: int = 9):
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=VIETNAM), tick=False
    )


def row_of(page: str, code: str) -> str:
    return next(row for row in page.split("<tr>") if f">{code}</a>" in row)


def fresh_produce_set():
    """The OCOP product set of fresh produce (made by the demo's reference data, or here)."""
    slug = SEASONAL_PRODUCT_SETS[0]
    return Category.objects.filter(slug=slug).first() or CategoryFactory(name="Nông sản tươi sống", slug=slug)


def season_make() -> dict:
    """A fresh lychee (harvested in June: one lot expired already, one good until 01/07, one
    unpublished lot good until December), a honey (one lot good until 01/07) and rice noodles
    (no lots at all), each of its own producer."""
    with clock(MADE):
        lychee = ProductFactory(
            title="Vải thiều tươi thử",
            stockrecords__partner=ProducerFactory(name="HTX Vải tươi"),
            stockrecords__num_in_stock=200,
            category=fresh_produce_set(),
        )
        honey = ProductFactory(
            title="Mật ong hoa vải thử", stockrecords__partner=ProducerFactory(name="HTX Ong")
        )
        noodles = ProductFactory(title="Mỳ Chũ thử", stockrecords__partner=ProducerFactory(name="HTX Mỳ"))
        early = LotFactory(
            product=lychee,
            code="VAI-0528",
            produced_on=datetime.date(2026, 5, 28),
            expires_on=datetime.date(2026, 6, 18),
            is_published=True,
        )
        peak = LotFactory(
            product=lychee,
            code="VAI-0610",
            produced_on=datetime.date(2026, 6, 10),
            expires_on=LAST_DAY,
            is_published=True,
        )
        draft = LotFactory(
            product=lychee,
            code="VAI-NHAP",
            produced_on=datetime.date(2026, 6, 15),
            expires_on=datetime.date(2026, 12, 31),
        )
        honey_lot = LotFactory(
            product=honey,
            code="ONG-03",
            produced_on=datetime.date(2026, 3, 1),
            expires_on=LAST_DAY,
            is_published=True,
        )
    return {
        "lychee": lychee,
        "honey": honey,
        "noodles": noodles,
        "early": early,
        "peak": peak,
        "draft": draft,
        "honey_lot": honey_lot,
    }
