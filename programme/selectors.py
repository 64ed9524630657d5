"""Reads for the OCOP programme figures: certified products over time against the plan,
certificates about to expire, sales by product group and place, fair results, and buyer
inquiries.

Counting rules, said once:
- A product counts as OCOP on a day when one of its certificates is in force that day: active
  and within its dates. A revoked certificate stopped on the day it was revoked, a superseded
  one the day before its successor took effect, so past year-ends read as they were then.
- A product's first certificate is a new OCOP product in that programme year; a later one with
  more stars than the one before it is an upgrade (nâng hạng). 1–2★ are never certified.
- The product group is the product's root category (QĐ 148 groups); the place is the
  product's origin (current commune and province, and the legacy district), falling back to
  the producer's address when the product has none.
- Sales follow the producers' own rule (sales.selectors): order lines of parts that were not
  cancelled, a line cancelled on its own left out; goods only, delivery fees are not counted
  per product. Days and months are Vietnam's (Asia/Ho_Chi_Minh).
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Locale

from catalog.certificates import certificates_in_state
from catalog.models import CertificateState, CertificateStatus
from core.clock import VIETNAM
from fairs.models import ApplicationStatus, FairListing, FairPage
from inquiries.models import Inquiry, InquiryStatus
from order.models import Fulfilment, FulfilmentStatus, Line
from sales.selectors import SalesPeriod

Certificate = get_model("catalogue", "Certificate")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")

STARS = (3, 4, 5)
FIRST_YEAR = 2019  # QĐ 1048/QĐ-TTg: the first national criteria


# Products: group and place -----------------------------------------------------------------


@dataclass(frozen=True)
class ProductFacts:
    group: str
    commune: str  # "Xã Lục Ngạn, Tỉnh Bắc Ninh"
    district: str  # "Huyện Lục Ngạn (Bắc Giang)"


UNKNOWN = "—"


def product_facts(*, product_ids, producers: dict | None = None) -> dict[int, ProductFacts]:
    """{product id: its group and places}; `producers` ({product id: Partner}) gives the
    fallback address for products without an origin of their own."""
    producers = producers or {}
    roots = {node.path: node.name for node in Category.get_root_nodes()}
    groups = {}
    for product_id, path in (
        ProductCategory.objects.filter(product_id__in=product_ids)
        .order_by("category__path")
        .values_list("product_id", "category__path")
    ):
        groups.setdefault(product_id, roots.get(path[: Category.steplen], UNKNOWN))
    products = Product.objects.filter(pk__in=product_ids).select_related(
        "origin_commune__province", "origin_district__province"
    )
    facts = {}
    for product in products:
        producer = producers.get(product.pk)
        commune = product.origin_commune or (producer.commune if producer else None)
        district = product.origin_district or (producer.legacy_district if producer else None)
        facts[product.pk] = ProductFacts(
            group=groups.get(product.pk, UNKNOWN),
            commune=f"{commune.full_name}, {commune.province.full_name}" if commune else UNKNOWN,
            district=f"{district.full_name} ({district.province.name})" if district else UNKNOWN,
        )
    return facts


# Certificates over time --------------------------------------------------------------------


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, VIETNAM).date()


def certificate_last_day(certificate) -> datetime.date | None:
    """The last day `certificate` backed a badge, or None if it never did."""
    last = certificate.valid_to
    if certificate.status == CertificateStatus.SUPERSEDED:
        successor = getattr(certificate, "superseded_by", None)
        if successor is not None:
            return min(last, successor.valid_from - datetime.timedelta(days=1))
        if certificate.status_changed_at is None:
            return None
        return min(last, _local_day(certificate.status_changed_at) - datetime.timedelta(days=1))
    if certificate.status == CertificateStatus.REVOKED:
        if certificate.status_changed_at is None:
            return None
        return min(last, _local_day(certificate.status_changed_at) - datetime.timedelta(days=1))
    return last


@dataclass
class YearFigures:
    year: int
    on: datetime.date  # the year's last day, or today for the current year
    stars: dict[int, int] = field(default_factory=lambda: dict.fromkeys(STARS, 0))
    new: int = 0  # products certified for the first time in this programme year
    new_five: int = 0  # products reaching 5★ this programme year
    upgrades: int = 0  # products moved up a star level this programme year

    @property
    def total(self) -> int:
        return sum(self.stars.values())


@dataclass
class CertifiedProducts:
    years: list[YearFigures]
    # {dimension: {label: {year: count}}}, dimension "group", "commune" or "district"
    by: dict[str, dict[str, dict[int, int]]]


def _all_certificates():
    return list(
        Certificate.objects.select_related(
            "producer__commune__province", "producer__legacy_district__province"
        )
        .prefetch_related("superseded_by")
        .order_by("product_id", "valid_from", "pk")
    )


def _in_force(certificates, on: datetime.date) -> dict[int, "Certificate"]:
    """{product id: the certificate backing its badge on `on`}: the latest one in force."""
    chosen = {}
    for certificate in certificates:
        last = certificate_last_day(certificate)
        if last is None or not (certificate.valid_from <= on <= last):
            continue
        current = chosen.get(certificate.product_id)
        if current is None or certificate.valid_from >= current.valid_from:
            chosen[certificate.product_id] = certificate
    return chosen


def programme_years(*, today: datetime.date, certificates=None) -> list[int]:
    first = min(
        [certificate.programme_year for certificate in certificates or ()] + [today.year],
    )
    return list(range(max(first, FIRST_YEAR), today.year + 1))


def certified_products(*, today: datetime.date) -> CertifiedProducts:
    """OCOP products per year: in force at each year's end (today for this year) by stars,
    group and place; new products, 5★ and upgrades per programme year."""
    certificates = _all_certificates()
    years = programme_years(today=today, certificates=certificates)
    figures = {year: YearFigures(year=year, on=min(datetime.date(year, 12, 31), today)) for year in years}
    facts = product_facts(
        product_ids={certificate.product_id for certificate in certificates},
        producers={certificate.product_id: certificate.producer for certificate in certificates},
    )
    by = {"group": defaultdict(Counter), "commune": defaultdict(Counter), "district": defaultdict(Counter)}
    for year, row in figures.items():
        for product_id, certificate in _in_force(certificates, row.on).items():
            row.stars[certificate.stars] += 1
            fact = facts.get(product_id)
            for dimension in by:
                by[dimension][getattr(fact, dimension) if fact else UNKNOWN][year] += 1
    previous = {}
    for certificate in certificates:  # in order of product, then date
        if certificate.product_id in previous:
            before = previous[certificate.product_id]
            upgraded = certificate.stars > before.stars
        else:
            before, upgraded = None, False
        row = figures.get(certificate.programme_year)
        if row is not None:
            row.new += before is None
            row.upgrades += upgraded
            row.new_five += certificate.stars == 5 and (before is None or before.stars < 5)
        previous[certificate.product_id] = certificate
    return CertifiedProducts(
        years=[figures[year] for year in years],
        by={
            dimension: {label: dict(counts) for label, counts in rows.items()}
            for dimension, rows in by.items()
        },
    )


def certificates_expiring(*, today: datetime.date) -> list:
    """Certificates in force that end within the warning period (90 days), soonest first."""
    return list(
        certificates_in_state(Certificate.objects.all(), state=CertificateState.EXPIRING, on=today)
        .select_related("product", "producer")
        .order_by("valid_to", "pk")
    )


# Sales ---------------------------------------------------------------------------------------


@dataclass
class SalesRow:
    label: str
    orders: int
    units: int
    revenue: Decimal


def live_lines():
    """Order lines that count as sold: sales.selectors' rule, for every producer at once."""
    cancelled_part = Fulfilment.objects.filter(
        order=OuterRef("order"), partner=OuterRef("partner"), status=FulfilmentStatus.CANCELLED
    )
    return Line.objects.exclude(status=FulfilmentStatus.CANCELLED).filter(~Exists(cancelled_part))


def sales_by(*, period: SalesPeriod) -> dict[str, list[SalesRow]]:
    """Sales of orders placed in `period`, by product group, commune and legacy district,
    highest revenue first."""
    lines = list(
        live_lines()
        .filter(order__date_placed__gte=period.since, order__date_placed__lt=period.until)
        .select_related("partner__commune__province", "partner__legacy_district__province")
    )
    producers = {line.product_id: line.partner for line in lines if line.product_id}
    facts = product_facts(product_ids=set(producers), producers=producers)
    tables = {}
    for dimension in ("group", "commune", "district"):
        orders, units, revenue = defaultdict(set), Counter(), defaultdict(Decimal)
        for line in lines:
            fact = facts.get(line.product_id)
            label = getattr(fact, dimension) if fact else UNKNOWN
            orders[label].add(line.order_id)
            units[label] += line.quantity
            revenue[label] += line.line_price_incl_tax or Decimal(0)
        tables[dimension] = sorted(
            (SalesRow(label, len(orders[label]), units[label], revenue[label]) for label in orders),
            key=lambda row: (-row.revenue, row.label),
        )
    return tables


# Fairs -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FairResult:
    fair: FairPage
    exhibitors: int
    listings: int
    orders: int
    revenue: Decimal
    inquiries: int


def _fair_window(fair) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(fair.starts_on, datetime.time.min, tzinfo=VIETNAM)
    end = datetime.datetime.combine(
        fair.ends_on + datetime.timedelta(days=1), datetime.time.min, tzinfo=VIETNAM
    )
    return start, end


def fair_results(*, today: datetime.date) -> list[FairResult]:
    """Per past fair (ended before `today`, newest first): approved exhibitors, their fair
    listings, orders of the listed products placed during the fair and their revenue, and
    the inquiries written from the fair's page."""
    fairs = (
        FairPage.objects.live().filter(locale=Locale.get_default(), ends_on__lt=today).order_by("-starts_on")
    )
    results = []
    for fair in fairs:
        approved = fair.applications.filter(status=ApplicationStatus.APPROVED)
        listings = FairListing.objects.filter(application__in=approved)
        since, until = _fair_window(fair)
        lines = live_lines().filter(
            stockrecord__in=listings.values("stockrecord"),
            order__date_placed__gte=since,
            order__date_placed__lt=until,
        )
        results.append(
            FairResult(
                fair=fair,
                exhibitors=approved.count(),
                listings=listings.count(),
                orders=lines.values("order").distinct().count(),
                revenue=sum((line.line_price_incl_tax for line in lines), Decimal(0)),
                inquiries=Inquiry.objects.filter(fair=fair).count(),
            )
        )
    return results


# Inquiries -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InquiryMonth:
    month: datetime.date
    total: int
    answered: int


def inquiries_by_month(*, period: SalesPeriod) -> list[InquiryMonth]:
    """Inquiries received per month of `period` (answered or closed ones counted apart)."""
    counts, answered = Counter(), Counter()
    for created, status in Inquiry.objects.filter(
        created__gte=period.since, created__lt=period.until
    ).values_list("created", "status"):
        day = _local_day(created)
        month = datetime.date(day.year, day.month, 1)
        counts[month] += 1
        answered[month] += status != InquiryStatus.NEW
    return [InquiryMonth(month, counts[month], answered[month]) for month in period.months]


def inquiries_by_group(*, period: SalesPeriod) -> list[tuple[str, int]]:
    """Inquiries received in `period` per product group; those written to a producer without
    a product are counted as "no product"."""
    rows = list(
        Inquiry.objects.filter(created__gte=period.since, created__lt=period.until).values_list(
            "product_id", flat=True
        )
    )
    facts = product_facts(product_ids={pk for pk in rows if pk})
    counts = Counter(facts[pk].group if pk in facts else None for pk in rows)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0] or ""))


def inquiries_by_fair() -> list[tuple[FairPage, int, int]]:
    """(fair, inquiries, answered) for every fair with inquiries, newest fair first."""
    counts, answered = Counter(), Counter()
    for fair_id, status in Inquiry.objects.filter(fair__isnull=False).values_list("fair_id", "status"):
        counts[fair_id] += 1
        answered[fair_id] += status != InquiryStatus.NEW
    fairs = FairPage.objects.filter(pk__in=counts).order_by("-starts_on", "pk")
    return [(fair, counts[fair.pk], answered[fair.pk]) for fair in fairs]
