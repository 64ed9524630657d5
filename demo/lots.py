"""Demo lots with their story (`data/lots.toml`): pack details, lots, supply-chain steps, a
VietGAP certification and an inspection, for a few demo products.

Objects are looked up by natural key (a product's trade item, a lot's code, a certificate's
number) and only the missing ones are created, through the services, so the rules producers
follow hold for the demo too and the step can run any number of times.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

from core.clock import VIETNAM, vietnam_today
from demo.dates import date_from
from demo.products import upc
from demo.records import data_file
from traceability import services
from traceability.models import Certification, Lot, TradeItem, gtin_check_digit

Product = get_model("catalogue", "Product")


def _decimal(number: int | float | str) -> Decimal:
    return Decimal(str(number))


def _demo_gtin(item_reference: str) -> str:
    """A GTIN-13 in GS1's restricted-circulation prefix 200, which no real product carries."""
    digits = "200" + item_reference.zfill(9)
    return digits + str(gtin_check_digit(digits))


@dataclass(frozen=True)
class DemoStep:
    step: str  # BusinessStep value
    days_after: int  # days after the harvest or production day
    at: str  # "HH:MM", Vietnam time
    place: str
    actor: str = ""  # "" = the producer
    description: str = ""
    action: str = "OBSERVE"
    quantity: Decimal | None = None
    unit: str = ""


@dataclass(frozen=True)
class DemoLot:
    code: str
    quantity: Decimal
    produced: str  # the harvest or production day, a demo date (`demo.dates`)
    unit: str = "KGM"
    shelf_days: int | None = None  # use-by: so many days after `produced`
    packed_days_after: int = 0
    growing_area: str = ""
    growing_area_code: str = ""
    steps: tuple[DemoStep, ...] = ()
    inspection: dict | None = None

    def __post_init__(self):
        date_from(self.produced, today=datetime.date(2001, 1, 1))  # a typo fails on import

    @classmethod
    def from_record(cls, record: dict) -> "DemoLot":
        steps = [
            {**step, "quantity": _decimal(step["quantity"])} if "quantity" in step else step
            for step in record.get("steps", ())
        ]
        return cls(
            **{
                **record,
                "quantity": _decimal(record["quantity"]),
                "steps": tuple(DemoStep(**step) for step in steps),
            }
        )

    def produced_on(self, today: datetime.date) -> datetime.date:
        return date_from(self.produced, today=today)

    def expires_on(self, today: datetime.date) -> datetime.date | None:
        if self.shelf_days is None:
            return None
        return self.produced_on(today) + datetime.timedelta(days=self.shelf_days)


@dataclass(frozen=True)
class DemoTrace:
    sku: str  # DemoProduct.sku
    trade_item: dict
    lots: tuple[DemoLot, ...]
    certification: dict | None = None

    @classmethod
    def from_record(cls, record: dict) -> "DemoTrace":
        trade_item = dict(record["trade_item"])
        if "gtin_item_reference" in trade_item:
            trade_item = {"gtin": _demo_gtin(trade_item.pop("gtin_item_reference")), **trade_item}
        return cls(
            sku=record["sku"],
            trade_item=trade_item,
            lots=tuple(DemoLot.from_record(lot) for lot in record["lots"]),
            certification=record.get("certification"),
        )


TRACES = [DemoTrace.from_record(record) for record in data_file("lots")["traces"]]


def _at(day: datetime.date, hhmm: str) -> datetime.datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=VIETNAM)


def _lot(*, data: DemoLot, product, producer, today) -> Lot:
    """The lot with what has happened to it by now: a step or an inspection still to come
    (a lot harvested yesterday has not shipped yet) is left out, and it is packed by today."""
    produced_on = data.produced_on(today)
    now = timezone.now()
    lot = services.lot_create(
        producer=producer,
        product=product,
        code=data.code,
        produced_on=produced_on,
        packed_on=min(produced_on + datetime.timedelta(days=data.packed_days_after), today),
        expires_on=data.expires_on(today),
        quantity=data.quantity,
        unit=data.unit,
        growing_area=data.growing_area,
        growing_area_code=data.growing_area_code,
        origin_commune=producer.commune,
    )
    for step in data.steps:
        event_time = _at(produced_on + datetime.timedelta(days=step.days_after), step.at)
        if event_time > now:
            continue
        services.trace_event_create(
            producer=producer,
            lot=lot,
            business_step=step.step,
            event_time=event_time,
            actor=step.actor or producer.name,
            place=step.place,
            description=step.description,
            action=step.action,
            commune=producer.commune,
            quantity=step.quantity,
            unit=step.unit,
        )
    if data.inspection:
        inspection = dict(data.inspection)
        inspected_on = produced_on + datetime.timedelta(days=inspection.pop("days_after"))
        if inspected_on <= today:
            services.inspection_create(producer=producer, lot=lot, inspected_on=inspected_on, **inspection)
    return services.lot_publish(lot=lot)


def demo_lots() -> tuple[int, int]:
    """The demo trade items, lots (published, with their steps and inspection) and
    certifications that are missing; (created, already there), counted in lots."""
    today = vietnam_today()
    created = existing = 0
    for trace in TRACES:
        product = Product.objects.filter(upc=upc(trace.sku)).first()
        record = product.stockrecords.select_related("partner__commune").first() if product else None
        if record is None:
            continue
        producer = record.partner
        if not TradeItem.objects.filter(product=product).exists():
            services.trade_item_save(producer=producer, product=product, **trace.trade_item)
        if (
            trace.certification
            and not Certification.objects.filter(
                producer=producer, number=trace.certification["number"]
            ).exists()
        ):
            valid_from = date_from(trace.certification["valid_from"], today=today)
            services.certification_create(
                producer=producer,
                products=[product],
                scheme=trace.certification["scheme"],
                issuer=trace.certification["issuer"],
                number=trace.certification["number"],
                valid_from=valid_from,
                valid_to=valid_from + datetime.timedelta(days=trace.certification["valid_days"]),
            )
        for data in trace.lots:
            if Lot.objects.filter(product=product, code=data.code).exists():
                existing += 1
                continue
            _lot(data=data, product=product, producer=producer, today=today)
            created += 1
    return created, existing
