"""Demo trade fairs: the fair list under the Vietnamese home page, one fair to come (in about
three weeks, two booth types, open for applications) and one past fair in the archive with
three demo producers as exhibitors and their fair prices.

Names, venues and dates are made up and marked "(minh hoạ)" (demo); dates are counted from
today, so the upcoming fair stays upcoming whenever the demo is loaded. Pages are looked up
by slug and exhibitors by producer code: only what is missing is created, and the step can
run any number of times.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Site

from cms.models import HomePage
from demo.products import PRODUCTS
from fairs.models import ApplicationStatus, BoothApplication, BoothType, FairIndexPage, FairListing, FairPage

StockRecord = get_model("partner", "StockRecord")

INDEX_SLUG = "hoi-cho"
UPCOMING_SLUG = "hoi-cho-ocop-bac-giang-2026"
PAST_SLUG = "tuan-le-vai-thieu-va-ocop-luc-ngan"

# (producer code, product SKU, booth number, fair price in đồng)
PAST_EXHIBITORS = (
    ("htx-hong-xuan", "vai-thieu-luc-ngan-2kg", "A-01", Decimal("99000")),
    ("htx-hang-hieu", "mat-ong-hoa-vai-500ml", "A-02", Decimal("129000")),
    ("htx-xanh-yen-the", "cha-ga-500g", "B-05", Decimal("105000")),
)


def _home() -> HomePage | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site else None
    return root if isinstance(root, HomePage) else None


def _index(home) -> tuple[FairIndexPage, bool]:
    index = FairIndexPage.objects.child_of(home).first()
    if index:
        return index, False
    index = FairIndexPage(
        title="Hội chợ và triển lãm",
        slug=INDEX_SLUG,
        show_in_menus=True,
        intro=(
            "Hội chợ, triển lãm và tuần lễ sản phẩm OCOP nơi các chủ thể Bắc Giang giới thiệu và bán "
            "sản phẩm, kèm giá ưu đãi trên sàn trong những ngày diễn ra hội chợ."
        ),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index, True


def _fair(index, *, slug, booth_types, **fields) -> tuple[FairPage, bool]:
    fair = FairPage.objects.child_of(index).filter(slug=slug).first()
    if fair:
        return fair.specific, False
    fair = FairPage(slug=slug, **fields)
    fair.booth_types = [BoothType(**booth_type) for booth_type in booth_types]
    index.add_child(instance=fair)
    fair.save_revision().publish()
    return fair, True


def _upcoming(index, today) -> tuple[FairPage, bool]:
    starts_on = today + datetime.timedelta(days=21)
    return _fair(
        index,
        slug=UPCOMING_SLUG,
        title="Hội chợ OCOP Bắc Giang 2026 (minh hoạ)",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=3),
        application_deadline=starts_on - datetime.timedelta(days=7),
        format="hybrid",
        venue_name="Quảng trường 3/2 (minh hoạ)",
        venue_address="Đường Hùng Vương, phường Bắc Giang, tỉnh Bắc Ninh",
        map_url="https://www.openstreetmap.org/?mlat=21.2731&mlon=106.1946#map=17/21.2731/106.1946",
        online_url="https://ocop.localhost/hoi-cho-truc-tuyen",
        organiser="Sở Công Thương tỉnh Bắc Ninh (minh hoạ)",
        intro=(
            "Bốn ngày giới thiệu sản phẩm OCOP 3 đến 5 sao của Bắc Giang: gian hàng tại quảng trường và "
            "gian hàng trực tuyến, giá hội chợ áp dụng cả trên sàn. Dữ liệu minh hoạ."
        ),
        body="<p>Khu sản phẩm OCOP 4–5 sao, khu nông sản tươi, khu ẩm thực và khu thanh toán không dùng "
        "tiền mặt. Chủ thể OCOP đăng ký gian hàng trong trang quản trị bán hàng.</p>",
        booth_types=[
            {
                "name": "Gian tiêu chuẩn 3 × 3 m",
                "description": "Bàn, hai ghế, điện chiếu sáng",
                "capacity": 60,
                "fee": Decimal("2500000"),
                "sort_order": 0,
            },
            {
                "name": "Gian góc 3 × 6 m",
                "description": "Hai mặt thoáng, gần sân khấu",
                "capacity": 12,
                "fee": Decimal("5000000"),
                "sort_order": 1,
            },
        ],
    )


def _past(index, today) -> tuple[FairPage, bool]:
    starts_on = today - datetime.timedelta(days=160)
    return _fair(
        index,
        slug=PAST_SLUG,
        title="Tuần lễ vải thiều và sản phẩm OCOP Lục Ngạn (minh hoạ)",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=2),
        application_deadline=starts_on - datetime.timedelta(days=10),
        format="physical",
        venue_name="Sân vận động phường Chũ (minh hoạ)",
        venue_address="Phường Chũ, tỉnh Bắc Ninh",
        map_url="https://www.openstreetmap.org/?mlat=21.3720&mlon=106.5870#map=16/21.3720/106.5870",
        organiser="UBND phường Chũ (minh hoạ)",
        intro="Ba ngày quảng bá vải thiều Lục Ngạn và đặc sản OCOP vùng vải. Dữ liệu minh hoạ.",
        booth_types=[
            {"name": "Gian tiêu chuẩn 3 × 3 m", "capacity": 40, "fee": Decimal("1500000"), "sort_order": 0},
        ],
    )


def _past_exhibitors(fair) -> tuple[int, int]:
    skus = {data.sku: data for data in PRODUCTS}
    records = {
        (record.partner.code, record.partner_sku): record
        for record in StockRecord.objects.filter(
            partner_sku__in=[sku for _, sku, _, _ in PAST_EXHIBITORS]
        ).select_related("partner")
    }
    office = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    booth_type = fair.booth_types.first()
    created = existing = 0
    for code, sku, booth_number, fair_price in PAST_EXHIBITORS:
        record = records.get((code, sku))
        if record is None or sku not in skus:
            continue
        if BoothApplication.objects.filter(fair=fair, producer=record.partner).exists():
            existing += 1
            continue
        # Straight to "approved": the services refuse applications to a fair that is over.
        application = BoothApplication(
            fair=fair,
            booth_type=booth_type,
            producer=record.partner,
            status=ApplicationStatus.APPROVED,
            booth_number=booth_number,
            message="Đăng ký gian hàng (minh hoạ).",
            reviewed_by=office,
            reviewed_at=timezone.now(),
        )
        application.full_clean(exclude=["submitted_by"])
        application.save()
        price = fair_price if fair_price < record.price else None
        FairListing.objects.create(application=application, stockrecord=record, fair_price=price)
        created += 1
    return created, existing


def demo_fairs() -> tuple[int, int]:
    """The fair list, the upcoming and the past fair, and the past fair's exhibitors;
    (created, already there), counted in pages and exhibitors."""
    home = _home()
    if home is None:
        return 0, 0
    today = timezone.localdate()
    created = existing = 0
    index, new = _index(home)
    created, existing = created + new, existing + (not new)
    upcoming, new = _upcoming(index, today)
    created, existing = created + new, existing + (not new)
    past, new = _past(index, today)
    created, existing = created + new, existing + (not new)
    more, already = _past_exhibitors(past)
    return created + more, existing + already
