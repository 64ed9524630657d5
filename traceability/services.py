"""Writes to lots, trade items, certifications, inspections and supply-chain events.

Every write is on behalf of one producer: it may name only products it sells (it has a stock
record for them) and lots of its own, whoever types (the producer's people, or staff helping
them). Views look objects up within what the user may see, so another producer's id is a 404
there; the checks here keep the rule when a service is called from anywhere else.

The search document of a product does not use lots, certifications or events today, so these
writes do not reindex anything.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.clock import VIETNAM
from traceability.models import (
    BusinessStep,
    Certification,
    EventAction,
    EventType,
    Inspection,
    Lot,
    TraceEvent,
    TradeItem,
)

VIETNAM_OFFSET = "+07:00"  # no daylight saving time in Vietnam

LOT_FIELDS = (
    "product",
    "code",
    "produced_on",
    "packed_on",
    "expires_on",
    "quantity",
    "unit",
    "growing_area_code",
    "growing_area",
    "origin_commune",
)
# Printed labels carry the product's GTIN and the lot code: once a lot is public they stay.
LOT_FIELDS_FIXED_WHEN_PUBLISHED = ("product", "code")
TRADE_ITEM_FIELDS = ("gtin", "brand", "geographical_indication", "applied_standards")
CERTIFICATION_FIELDS = ("scheme", "scheme_name", "issuer", "number", "valid_from", "valid_to", "scan")
INSPECTION_FIELDS = ("inspected_on", "kind", "inspector", "report_number", "result", "summary", "report")
EVENT_FIELDS = (
    "event_type",
    "action",
    "event_time",
    "business_step",
    "description",
    "actor",
    "place",
    "place_code",
    "commune",
    "quantity",
    "unit",
    "output_lot",
)


def _product_check(*, producer, product, field="product"):
    if product is None or not product.stockrecords.filter(partner=producer).exists():
        raise ValidationError({field: _("Choose one of the products you sell.")})


def _lot_check(*, producer, lot, field="lot"):
    if lot is not None and lot.producer_id != producer.pk:
        raise ValidationError({field: _("Choose one of your own lots.")})


def _code_check(*, lot):
    """One code per product, compared without case: "LN-01" and "ln-01" on two labels would
    send buyers to the wrong lot."""
    clash = Lot.objects.filter(product=lot.product, code__iexact=lot.code).exclude(pk=lot.pk)
    if lot.code and lot.product_id and clash.exists():
        raise ValidationError(
            {"code": _("This product already has a lot with the code “%(code)s”.") % {"code": lot.code}}
        )


def _changes_apply(instance, changes, allowed):
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(instance, field, value)


def lot_start_of(day: datetime.date) -> datetime.datetime:
    """The time a lot's first step is recorded at: the start of its harvest or production day
    in Vietnam, since the form asks for a day, not an hour."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=VIETNAM)


def _commissioning_place(lot) -> str:
    if lot.growing_area:
        return lot.growing_area
    commune = lot.origin_commune or lot.producer.commune
    return commune.full_name if commune else lot.producer.name


@transaction.atomic
def lot_create(
    *,
    producer,
    product,
    code: str,
    produced_on: datetime.date,
    quantity,
    unit: str = "KGM",
    packed_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
    growing_area_code: str = "",
    growing_area: str = "",
    origin_commune=None,
) -> Lot:
    """A new, unpublished lot, with its first EPCIS event: an ObjectEvent ADD, step
    commissioning, at the growing area on the production day, so every lot has its origin."""
    _product_check(producer=producer, product=product)
    lot = Lot(
        producer=producer,
        product=product,
        code=code.strip(),
        produced_on=produced_on,
        packed_on=packed_on,
        expires_on=expires_on,
        quantity=quantity,
        unit=unit,
        growing_area_code=growing_area_code,
        growing_area=growing_area,
        origin_commune=origin_commune,
    )
    _code_check(lot=lot)
    lot.full_clean()
    lot.save()
    event = TraceEvent(
        lot=lot,
        event_type=EventType.OBJECT,
        action=EventAction.ADD,
        event_time=lot_start_of(produced_on),
        event_time_zone_offset=VIETNAM_OFFSET,
        business_step=BusinessStep.COMMISSIONING,
        actor=producer.name,
        place=_commissioning_place(lot),
        place_code=growing_area_code,
        commune=origin_commune or producer.commune,
        quantity=quantity,
        unit=unit,
    )
    event.full_clean()
    event.save()
    return lot


@transaction.atomic
def lot_update(*, lot: Lot, **changes) -> Lot:
    """Change a lot's fields; the automatic first event follows a new production day.

    A lot that was ever published keeps its product and code, even once unpublished: labels
    printed meanwhile carry its link.
    """
    if lot.first_published_at:
        fixed = [
            field
            for field in LOT_FIELDS_FIXED_WHEN_PUBLISHED
            if field in changes and changes[field] != getattr(lot, field)
        ]
        if fixed:
            raise ValidationError(
                {
                    field: _("A published lot keeps its product and code: its labels carry them.")
                    for field in fixed
                }
            )
    old_start = lot_start_of(lot.produced_on)
    if "code" in changes:
        changes["code"] = changes["code"].strip()
    _changes_apply(lot, changes, LOT_FIELDS)
    _product_check(producer=lot.producer, product=lot.product)
    _code_check(lot=lot)
    lot.full_clean()
    lot.save()
    if lot_start_of(lot.produced_on) != old_start:
        lot.events.filter(business_step=BusinessStep.COMMISSIONING, event_time=old_start).update(
            event_time=lot_start_of(lot.produced_on)
        )
    return lot


@transaction.atomic
def lot_publish(*, lot: Lot) -> Lot:
    """Give the lot its public trace page."""
    if not lot.is_published:
        lot.is_published = True
        lot.first_published_at = lot.first_published_at or timezone.now()
        lot.save(update_fields=["is_published", "first_published_at", "updated"])
    return lot


@transaction.atomic
def lot_unpublish(*, lot: Lot) -> Lot:
    """Take the lot's trace page down (a recall, a mistake): its links then answer not found."""
    if lot.is_published:
        lot.is_published = False
        lot.save(update_fields=["is_published", "updated"])
    return lot


@transaction.atomic
def trade_item_save(
    *,
    producer,
    product,
    gtin: str = "",
    brand: str = "",
    geographical_indication: str = "",
    applied_standards: str = "",
) -> TradeItem:
    """Create or change what every pack of the product carries."""
    _product_check(producer=producer, product=product)
    trade_item = TradeItem.objects.filter(product=product).first() or TradeItem(product=product)
    gtin = "".join(gtin.split())
    if gtin.isdigit() and len(gtin) in (8, 12, 13):
        gtin = gtin.zfill(14)  # one stored form per GTIN, as Digital Link URLs carry it
    if gtin != trade_item.gtin and product.lots.filter(first_published_at__isnull=False).exists():
        raise ValidationError(
            {"gtin": _("Labels of this product's lots carry its GTIN: it cannot change any more.")}
        )
    if gtin and TradeItem.objects.filter(gtin=gtin).exclude(product=product).exists():
        raise ValidationError({"gtin": _("Another product already has this GTIN.")})
    trade_item.gtin = gtin
    trade_item.brand = brand
    trade_item.geographical_indication = geographical_indication
    trade_item.applied_standards = applied_standards
    trade_item.full_clean()
    trade_item.save()
    return trade_item


def _certification_products_check(*, producer, products):
    products = list(products)
    if not products:
        raise ValidationError({"products": _("Choose the products this certificate covers.")})
    for product in products:
        _product_check(producer=producer, product=product, field="products")
    return products


@transaction.atomic
def certification_create(
    *,
    producer,
    products,
    scheme: str,
    issuer: str,
    number: str,
    valid_from: datetime.date,
    valid_to: datetime.date,
    scheme_name: str = "",
    scan=None,
) -> Certification:
    products = _certification_products_check(producer=producer, products=products)
    certification = Certification(
        producer=producer,
        scheme=scheme,
        scheme_name=scheme_name,
        issuer=issuer,
        number=number.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    if scan:
        certification.scan = scan
    certification.full_clean()
    certification.save()
    certification.products.set(products)
    return certification


@transaction.atomic
def certification_update(*, certification: Certification, products=None, **changes) -> Certification:
    if products is not None:
        products = _certification_products_check(producer=certification.producer, products=products)
    if "scan" in changes and changes["scan"] is None:
        changes.pop("scan")  # no new file: keep the one there is
    _changes_apply(certification, changes, CERTIFICATION_FIELDS)
    certification.full_clean()
    certification.save()
    if products is not None:
        certification.products.set(products)
    return certification


@transaction.atomic
def certification_delete(*, certification: Certification) -> None:
    scan = certification.scan
    certification.delete()
    if scan:
        transaction.on_commit(lambda: scan.storage.delete(scan.name))


@transaction.atomic
def inspection_create(
    *,
    producer,
    lot: Lot,
    inspected_on: datetime.date,
    kind: str,
    inspector: str,
    result: str,
    report_number: str = "",
    summary: str = "",
    report=None,
) -> Inspection:
    _lot_check(producer=producer, lot=lot)
    inspection = Inspection(
        lot=lot,
        inspected_on=inspected_on,
        kind=kind,
        inspector=inspector,
        report_number=report_number,
        result=result,
        summary=summary,
    )
    if report:
        inspection.report = report
    inspection.full_clean()
    inspection.save()
    return inspection


@transaction.atomic
def inspection_update(*, inspection: Inspection, **changes) -> Inspection:
    if "report" in changes and changes["report"] is None:
        changes.pop("report")
    _changes_apply(inspection, changes, INSPECTION_FIELDS)
    inspection.full_clean()
    inspection.save()
    return inspection


@transaction.atomic
def inspection_delete(*, inspection: Inspection) -> None:
    report = inspection.report
    inspection.delete()
    if report:
        transaction.on_commit(lambda: report.storage.delete(report.name))


def _event_save(event: TraceEvent) -> TraceEvent:
    _lot_check(producer=event.lot.producer, lot=event.output_lot, field="output_lot")
    if event.output_lot_id and event.output_lot_id == event.lot_id:
        raise ValidationError({"output_lot": _("A lot cannot be made from itself.")})
    event.event_time_zone_offset = VIETNAM_OFFSET
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def trace_event_create(
    *,
    producer,
    lot: Lot,
    business_step: str,
    event_time: datetime.datetime,
    actor: str,
    place: str,
    event_type: str = EventType.OBJECT,
    action: str = EventAction.OBSERVE,
    description: str = "",
    place_code: str = "",
    commune=None,
    quantity=None,
    unit: str = "",
    output_lot=None,
) -> TraceEvent:
    """One more step of the lot's story; its time must not be in the future."""
    _lot_check(producer=producer, lot=lot)
    return _event_save(
        TraceEvent(
            lot=lot,
            event_type=event_type,
            action=action,
            event_time=event_time,
            business_step=business_step,
            description=description,
            actor=actor,
            place=place,
            place_code=place_code,
            commune=commune,
            quantity=quantity,
            unit=unit,
            output_lot=output_lot,
        )
    )


@transaction.atomic
def trace_event_update(*, event: TraceEvent, **changes) -> TraceEvent:
    _changes_apply(event, changes, EVENT_FIELDS)
    return _event_save(event)


@transaction.atomic
def trace_event_delete(*, event: TraceEvent) -> None:
    event.delete()
