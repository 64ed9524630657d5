"""Reads of lots for the public: the trace page, its QR, exports and the JSON API; and the one
place that says whether a lot is still good to sell, ship or call a product's current lot.

Everything public goes through `lot_get_public`, which only ever finds a published lot of a
public product, so a tampered or guessed URL cannot reach a producer's unpublished data.

A lot is expired on a date once its use-by date (`Lot.expires_on`) lies before that date, on
Vietnam's clock (`core.clock`); a lot without one never expires. What follows from it reads
these selectors, never the field directly:

- `lot_is_expired(lot, on=...)`, `lot_is_usable(lot, on=...)` (published and not expired: what
  may be shipped), `lots_current(product_id=..., on=...)` (a product's current lots);
- `product_lots_all_expired(product_id=..., on=...)` and, for many products in one query,
  `products_lots_all_expired(on=...)`: the product has published lots and none is current;
- `product_sale_holds(on)`: those products as the shop's strategy refuses them
  (`partner.sale_holds`): "out of season" for fresh produce, with the months its lots were
  harvested, else "temporarily out of stock: lots expired". A product with no lots is unaffected.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core.clock import vietnam_today
from core.mails import site_url
from partner.sale_holds import SaleHold
from traceability.models import Certification, Inspection, Lot, TraceEvent

Product = get_model("catalogue", "Product")

# The OCOP product sets (category slugs, `catalog.services.PRODUCT_GROUPS`) of fresh seasonal
# produce: when all their lots have expired the harvest is over, and the shop says "out of season".
SEASONAL_PRODUCT_SETS = ("nong-san-tuoi-song",)

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


def lot_is_expired(lot, *, on: datetime.date | None = None) -> bool:
    """Whether `lot` is past its use-by date on `on` (today in Vietnam by default)."""
    return lot.is_expired_on(on or vietnam_today())


def lot_is_usable(lot, *, on: datetime.date | None = None) -> bool:
    """Whether `lot` may go out to a buyer on `on`: published and not past its use-by date."""
    return lot.is_published and not lot_is_expired(lot, on=on)


def lots_current(*, product_id: int, on: datetime.date | None = None) -> QuerySet:
    """The product's current lots on `on`: published and not expired, newest first."""
    return (
        Lot.objects.published()
        .unexpired(on=on or vietnam_today())
        .filter(product_id=product_id)
        .order_by("-produced_on", "-pk")
    )


def products_lots_all_expired(*, on: datetime.date | None = None, product_ids=None) -> set[int]:
    """Ids of the products (among `product_ids`, else all) that have published lots, every
    one of them expired on `on`: one query."""
    on = on or vietnam_today()
    lots = Lot.objects.published()
    if product_ids is not None:
        lots = lots.filter(product_id__in=list(product_ids))
    current = Q(expires_on__isnull=True) | Q(expires_on__gte=on)
    return set(
        lots.values("product_id")
        .annotate(current=Count("pk", filter=current))
        .filter(current=0)
        .values_list("product_id", flat=True)
    )


def product_lots_all_expired(*, product_id: int, on: datetime.date | None = None) -> bool:
    """Whether the product has published lots and every one is expired on `on`."""
    return product_id in products_lots_all_expired(on=on, product_ids=[product_id])


def months_text(months) -> str:
    """Months as a shop writes them: in Vietnamese by number after "tháng" ("6", "5–7",
    "1, 5–6"), in English by name ("June", "May–July", "January, May–June")."""
    runs: list[list[int]] = []
    for month in sorted(set(months)):
        if runs and month == runs[-1][-1] + 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    numbered = (translation.get_language() or settings.LANGUAGE_CODE).startswith("vi")

    def name(month: int) -> str:
        return str(month) if numbered else str(MONTHS[month])

    return ", ".join(name(run[0]) if len(run) == 1 else f"{name(run[0])}–{name(run[-1])}" for run in runs)


def product_sale_holds(on: datetime.date) -> dict[int, SaleHold]:
    """{product id: why it cannot be bought on `on`} for the products whose every published
    lot has expired; registered with `partner.sale_holds` (`TraceabilityConfig.ready()`).
    Fresh produce is out of season, with the months its lots were harvested; anything else is
    temporarily out of stock. Two queries, three when some fresh produce is held."""
    held = products_lots_all_expired(on=on)
    if not held:
        return {}
    seasonal = set(
        Product.objects.filter(pk__in=held, categories__slug__in=SEASONAL_PRODUCT_SETS).values_list(
            "pk", flat=True
        )
    )
    months = defaultdict(set)
    if seasonal:
        for product_id, produced_on in (
            Lot.objects.published().filter(product_id__in=seasonal).values_list("product_id", "produced_on")
        ):
            months[product_id].add(produced_on.month)
    holds = {}
    for product_id in held:
        if product_id in seasonal:
            holds[product_id] = SaleHold(
                code="out-of-season",
                message=_("Out of season (harvested in %(months)s)")
                % {"months": months_text(months[product_id])},
                short_message=_("Out of season"),
            )
        else:
            holds[product_id] = SaleHold(
                code="lots-expired",
                message=_("Temporarily out of stock: its lots have expired"),
                short_message=_("Temporarily out of stock"),
            )
    return holds


def lot_recent_for_product(*, product_id: int, limit: int, on: datetime.date | None = None) -> list:
    """The product's newest current lots (published, not expired), with only what a link to
    their trace page needs (the product page lists them; the trace page itself reads
    `public_lot_queryset`). An expired lot is never shown as the product's lot."""
    return list(
        lots_current(product_id=product_id, on=on)
        .filter(product__is_public=True)
        .select_related("product__trade_item")[:limit]
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
    expired: bool = False  # the lot is past its use-by date today
    current_lots: list = field(default_factory=list)  # the product's current lots, when this one expired

    @property
    def image(self):
        images = list(self.product.images.all())
        return images[0] if images else None


def lot_trace(*, lot) -> Trace:
    """Everything the trace page of a published lot shows, from `lot_get_public`'s prefetches.

    Certifications come from the producer and must cover this product; an expired one is
    still listed (a buyer may check what held at harvest) and the page marks it expired.
    """
    today = vietnam_today()
    expired = lot_is_expired(lot, on=today)
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
        expired=expired,
        current_lots=lot_recent_for_product(product_id=product.pk, limit=3, on=today) if expired else [],
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
