"""Reads of lots for the public: the trace page, its QR, exports and the JSON API.

Everything public goes through `lot_get_public`, which only ever finds a published lot of a
public product, so a tampered or guessed URL cannot reach a producer's unpublished data.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from oscar.core.loading import get_model

from core.mails import site_url
from traceability.models import Certification, Inspection, Lot, TraceEvent

Product = get_model("catalogue", "Product")

GTIN_LENGTHS = (8, 12, 13, 14)
_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")


def gtin_canonical(value: str) -> str | None:
    """The 14-digit form of a GTIN typed in a URL (8, 12, 13 or 14 digits), or None."""
    if not (value.isascii() and value.isdigit()) or len(value) not in GTIN_LENGTHS:
        return None
    return value.zfill(14)


def public_lot_queryset() -> QuerySet:
    """Published lots of public products, with what the trace page shows fetched up front."""
    return (
        Lot.objects.published()
        .filter(product__is_public=True)
        .select_related(
            "product__trade_item",
            "producer__commune__province",
            "producer__legacy_district__province",
            "origin_commune__province",
            "product__origin_commune__province",
            "product__origin_district__province",
        )
        .prefetch_related(
            "product__certificates",
            "product__images",
            "origin_commune__legacy_districts__province",
            Prefetch("inspections", queryset=Inspection.objects.order_by("-inspected_on", "-pk")),
            Prefetch(
                "events",
                queryset=TraceEvent.objects.select_related(
                    "commune__province", "output_lot__product__trade_item"
                ),
            ),
        )
    )


def lot_get_public(*, gtin: str | None = None, lot_code: str | None = None, short_code: str | None = None):
    """The published lot a trace URL names, or None (unknown, unpublished, or product hidden)."""
    lots = public_lot_queryset()
    if short_code is not None:
        return lots.filter(short_code=short_code.strip().lower()).first()
    if gtin is None or lot_code is None:
        return None
    gtin14 = gtin_canonical(gtin)
    if gtin14 is None:
        return None
    return lots.filter(product__trade_item__gtin=gtin14, code=lot_code).first()


def lot_published_for_product(*, product_id: int) -> QuerySet:
    """The published lots of a public product (the product's EPCIS export)."""
    return public_lot_queryset().filter(product_id=product_id).order_by("produced_on", "pk")


def lot_recent_for_product(*, product_id: int, limit: int) -> list:
    """The product's newest published lots, with only what a link to their trace page needs
    (the product page lists them; the trace page itself reads `public_lot_queryset`)."""
    return list(
        Lot.objects.published()
        .filter(product_id=product_id, product__is_public=True)
        .select_related("product__trade_item")
        .order_by("-produced_on", "-pk")[:limit]
    )


def event_local_time(event) -> datetime.datetime:
    """The event's time on the clock of the place it happened (its stored zone offset)."""
    match = _OFFSET.match(event.event_time_zone_offset or "")
    if not match:
        return timezone.localtime(event.event_time)
    sign, hours, minutes = match.groups()
    delta = datetime.timedelta(hours=int(hours), minutes=int(minutes))
    return event.event_time.astimezone(datetime.timezone(-delta if sign == "-" else delta))


def lot_public_url(lot, *, short: bool = False) -> str:
    """The absolute link printed on packs: in the default language, so with no `/en/` prefix."""
    with translation.override(settings.LANGUAGE_CODE):
        return site_url(lot.get_short_url() if short else lot.get_absolute_url())


def trade_item_of(product):
    return getattr(product, "trade_item", None)


@dataclass
class TimelineStep:
    event: TraceEvent
    time: datetime.datetime
    output_lot: Lot | None = None  # only when that lot is public itself


@dataclass
class Trace:
    """What a lot's trace page shows, in the order it shows it."""

    lot: Lot
    product: object
    producer: object
    trade_item: object
    certificate: object  # the OCOP certificate in force today, or None
    certifications: list = field(default_factory=list)
    inspections: list = field(default_factory=list)
    timeline: list = field(default_factory=list)
    made_from: list = field(default_factory=list)  # public lots this lot was processed from
    applied_standards: list = field(default_factory=list)
    legacy_districts: list = field(default_factory=list)
    url: str = ""
    short_url: str = ""
    today: datetime.date | None = None

    @property
    def image(self):
        images = list(self.product.images.all())
        return images[0] if images else None


def lot_trace(*, lot) -> Trace:
    """Everything the trace page of a published lot shows, from `lot_get_public`'s prefetches.

    Certifications come from the producer and must cover this product; an expired one is
    still listed (a buyer may check what held at harvest) and the page marks it expired.
    """
    today = timezone.localdate()
    product = lot.product
    trade_item = trade_item_of(product)
    certifications = list(
        Certification.objects.filter(producer_id=lot.producer_id, products=product).order_by(
            "-valid_to", "-pk"
        )
    )
    public_ids = set(
        Lot.objects.published()
        .filter(
            product__is_public=True, pk__in=[e.output_lot_id for e in lot.events.all() if e.output_lot_id]
        )
        .values_list("pk", flat=True)
    )
    timeline = [
        TimelineStep(
            event=event,
            time=event_local_time(event),
            output_lot=event.output_lot if event.output_lot_id in public_ids else None,
        )
        for event in sorted(lot.events.all(), key=lambda e: (e.event_time, e.pk))
    ]
    made_from = list(
        Lot.objects.published()
        .filter(product__is_public=True, events__output_lot=lot)
        .distinct()
        .select_related("product__trade_item")
        .order_by("produced_on", "pk")
    )
    standards = trade_item.applied_standards.splitlines() if trade_item else []
    commune = lot.origin_commune
    return Trace(
        lot=lot,
        product=product,
        producer=lot.producer,
        trade_item=trade_item,
        certificate=product.ocop_certificate(on=today),
        certifications=certifications,
        inspections=list(lot.inspections.all()),
        timeline=timeline,
        made_from=made_from,
        applied_standards=[line.strip() for line in standards if line.strip()],
        legacy_districts=list(commune.legacy_districts.all()) if commune else [],
        url=lot_public_url(lot),
        short_url=lot_public_url(lot, short=True),
        today=today,
    )


def lot_digital_link(lot) -> str | None:
    """The lot's GS1 Digital Link on GS1's resolver, when its product has a GTIN."""
    trade_item = trade_item_of(lot.product)
    if trade_item is None or not trade_item.gtin:
        return None
    return f"https://id.gs1.org/01/{trade_item.gtin14}/10/{lot.code}"


def lot_schema_org(trace: Trace) -> dict:
    """schema.org `SomeProducts` for the page: a lot is some products, not one (GS1 DL guide)."""
    product = trace.product
    data = {
        "@context": "https://schema.org",
        "@type": "SomeProducts",
        "name": product.get_title(),
        "url": trace.url,
        "productionDate": trace.lot.produced_on.isoformat(),
        "manufacturer": {"@type": "Organization", "name": trace.producer.name},
    }
    if trace.image is not None:
        data["image"] = site_url(trace.image.original.url)
    if trace.trade_item is not None and trace.trade_item.gtin:
        data["gtin14"] = trace.trade_item.gtin14
        data["hasGS1DigitalLink"] = trace.url
    if trace.trade_item is not None and trace.trade_item.brand:
        data["brand"] = {"@type": "Brand", "name": trace.trade_item.brand}
    return data
