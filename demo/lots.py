"""Demo lots with their story: pack details, lots, supply-chain steps, a VietGAP certification
and an inspection, for a few demo products.

Every number a source does not give is made up and marked "MINHHOA" (lot codes, growing
area codes, certificate and report numbers). The demo GTIN uses GS1's restricted-circulation
prefix 200, which no real product carries. Dates are counted back from today, so every step
lies in the past: the lychee lots in the last June (the season's peak), the honey in March
(when lychee flowers).

Objects are looked up by natural key (a product's trade item, a lot's code, a certificate's
number) and only the missing ones are created, through the services, so the rules producers
follow hold for the demo too and the step can run any number of times.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

from core.clock import VIETNAM
from demo.products import PRODUCTS
from traceability import services
from traceability.models import BusinessStep, Certification, Lot, TradeItem, gtin_check_digit

Product = get_model("catalogue", "Product")


def _demo_gtin(item_reference: str) -> str:
    digits = "200" + item_reference.zfill(9)
    return digits + str(gtin_check_digit(digits))


@dataclass(frozen=True)
class DemoStep:
    step: str  # BusinessStep
    days_after: int  # days after the harvest or production day
    at: str  # "HH:MM", Vietnam time
    actor: str  # "" = the producer
    place: str
    description: str = ""
    action: str = "OBSERVE"
    quantity: Decimal | None = None
    unit: str = ""


@dataclass(frozen=True)
class DemoLot:
    code: str
    days_before_today: int | None  # None: on `month_day` (month, day), its last passing
    month_day: tuple[int, int] = (6, 1)
    quantity: Decimal = Decimal("0")
    unit: str = "KGM"
    shelf_days: int | None = None
    packed_days_after: int = 0
    growing_area: str = ""
    growing_area_code: str = ""
    steps: tuple[DemoStep, ...] = ()
    inspection: dict | None = None


@dataclass(frozen=True)
class DemoTrace:
    sku: str  # DemoProduct.sku
    trade_item: dict
    lots: tuple[DemoLot, ...]
    certification: dict | None = None


LYCHEE_AREA = "Vùng trồng vải Hồng Giang, Lục Ngạn"
TRACES = [
    DemoTrace(
        sku="vai-thieu-luc-ngan-2kg",
        trade_item={
            "gtin": _demo_gtin("100001"),
            "brand": "Vải thiều Hồng Xuân",
            "geographical_indication": "Chỉ dẫn địa lý “Lục Ngạn” cho sản phẩm vải thiều",
            "applied_standards": "TCVN 11892-1:2017 (VietGAP – trồng trọt)\nTCCS 01:2025/HX (minh họa)",
        },
        certification={
            "scheme": "vietgap",
            "issuer": "Tổ chức chứng nhận VietGAP (minh họa)",
            "number": "VietGAP-TT-001-MINHHOA",
            "days_valid_before_today": 300,
            "days_valid": 730,
        },
        lots=(
            DemoLot(
                code="LN-0610-MINHHOA",
                days_before_today=None,
                month_day=(6, 10),
                quantity=Decimal("1200"),
                shelf_days=21,
                growing_area=LYCHEE_AREA,
                growing_area_code="BG-LN-017-MINHHOA",
                steps=(
                    DemoStep(
                        step=BusinessStep.OTHER,
                        days_after=-20,
                        at="07:00",
                        actor="",
                        place=LYCHEE_AREA,
                        description=(
                            "Phun chế phẩm sinh học phòng sâu đục cuống quả theo hướng dẫn VietGAP; "
                            "thời gian cách ly 14 ngày trước thu hoạch."
                        ),
                    ),
                    DemoStep(
                        step=BusinessStep.PACKING,
                        days_after=0,
                        at="10:30",
                        actor="",
                        place="Nhà sơ chế HTX Hồng Xuân",
                        description="Chọn quả, cắt cành, đóng thùng xốp 2 kg có đá khô.",
                        quantity=Decimal("1150"),
                        unit="KGM",
                    ),
                    DemoStep(
                        step=BusinessStep.STORING,
                        days_after=0,
                        at="14:00",
                        actor="",
                        place="Kho lạnh HTX Hồng Xuân (2–5 °C)",
                        quantity=Decimal("575"),
                        unit="XBX",
                    ),
                    DemoStep(
                        step=BusinessStep.SHIPPING,
                        days_after=1,
                        at="04:30",
                        actor="",
                        place="Kho lạnh HTX Hồng Xuân",
                        description="Xe lạnh giao cho khách đặt qua sàn và đại lý ở Hà Nội.",
                        quantity=Decimal("575"),
                        unit="XBX",
                    ),
                ),
                inspection={
                    "kind": "Dư lượng thuốc bảo vệ thực vật",
                    "inspector": "Phòng thử nghiệm (minh họa)",
                    "report_number": "KQ-0608-MINHHOA",
                    "result": "passed",
                    "summary": "Không phát hiện dư lượng vượt giới hạn tối đa cho phép.",
                    "days_after": -2,
                },
            ),
            DemoLot(
                code="LN-0614-MINHHOA",
                days_before_today=None,
                month_day=(6, 14),
                quantity=Decimal("900"),
                shelf_days=21,
                growing_area=LYCHEE_AREA,
                growing_area_code="BG-LN-017-MINHHOA",
                steps=(
                    DemoStep(
                        step=BusinessStep.PACKING,
                        days_after=0,
                        at="11:00",
                        actor="",
                        place="Nhà sơ chế HTX Hồng Xuân",
                        quantity=Decimal("880"),
                        unit="KGM",
                    ),
                    DemoStep(
                        step=BusinessStep.STORING,
                        days_after=0,
                        at="15:00",
                        actor="",
                        place="Kho lạnh HTX Hồng Xuân (2–5 °C)",
                        quantity=Decimal("440"),
                        unit="XBX",
                    ),
                    DemoStep(
                        step=BusinessStep.SHIPPING,
                        days_after=1,
                        at="05:00",
                        actor="",
                        place="Kho lạnh HTX Hồng Xuân",
                        quantity=Decimal("440"),
                        unit="XBX",
                    ),
                ),
            ),
        ),
    ),
    DemoTrace(
        sku="mat-ong-hoa-vai-500ml",
        trade_item={"brand": "Mật ong Hằng Hiếu", "applied_standards": "TCCS 02:2025/HH (minh họa)"},
        lots=(
            DemoLot(
                code="MO-0325-MINHHOA",
                days_before_today=None,
                month_day=(3, 25),
                quantity=Decimal("400"),
                unit="XBO",
                shelf_days=730,
                packed_days_after=3,
                growing_area="Đàn ong đặt trong vườn vải Lục Ngạn",
                steps=(
                    DemoStep(
                        step=BusinessStep.PACKING,
                        days_after=3,
                        at="08:00",
                        actor="",
                        place="Xưởng chiết rót HTX Hằng Hiếu",
                        description="Lọc, hạ thủy phần và chiết chai 500 ml.",
                        quantity=Decimal("400"),
                        unit="XBO",
                    ),
                    DemoStep(
                        step=BusinessStep.STORING,
                        days_after=3,
                        at="16:00",
                        actor="",
                        place="Kho HTX Hằng Hiếu",
                    ),
                ),
            ),
        ),
    ),
    DemoTrace(
        sku="cha-ga-500g",
        trade_item={
            "brand": "Xanh Yên Thế",
            "geographical_indication": "Chỉ dẫn địa lý “Yên Thế” cho sản phẩm gà đồi",
            "applied_standards": "TCCS 01:2025/XYT (minh họa)",
        },
        lots=(
            DemoLot(
                code="CG-MINHHOA-01",
                days_before_today=5,
                quantity=Decimal("300"),
                unit="H87",
                shelf_days=30,
                steps=(
                    DemoStep(
                        step=BusinessStep.PACKING,
                        days_after=0,
                        at="13:00",
                        actor="",
                        place="Xưởng chế biến HTX Nông nghiệp Xanh Yên Thế",
                        description="Hút chân không, dán tem QR truy xuất.",
                        quantity=Decimal("300"),
                        unit="H87",
                    ),
                    DemoStep(
                        step=BusinessStep.STORING,
                        days_after=0,
                        at="15:00",
                        actor="",
                        place="Kho mát 0–4 °C của hợp tác xã",
                    ),
                ),
            ),
        ),
    ),
]


def _last(month_day: tuple[int, int], today: datetime.date) -> datetime.date:
    """That day of this year if it has passed with a week to spare for its steps, else last year's."""
    this_year = datetime.date(today.year, *month_day)
    if this_year + datetime.timedelta(days=7) <= today:
        return this_year
    return this_year.replace(year=today.year - 1)


def _at(day: datetime.date, hhmm: str) -> datetime.datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=VIETNAM)


def _lot(*, data: DemoLot, product, producer, today) -> Lot:
    produced_on = (
        _last(data.month_day, today)
        if data.days_before_today is None
        else today - datetime.timedelta(days=data.days_before_today)
    )
    lot = services.lot_create(
        producer=producer,
        product=product,
        code=data.code,
        produced_on=produced_on,
        packed_on=produced_on + datetime.timedelta(days=data.packed_days_after),
        expires_on=produced_on + datetime.timedelta(days=data.shelf_days) if data.shelf_days else None,
        quantity=data.quantity,
        unit=data.unit,
        growing_area=data.growing_area,
        growing_area_code=data.growing_area_code,
        origin_commune=producer.commune,
    )
    for step in data.steps:
        services.trace_event_create(
            producer=producer,
            lot=lot,
            business_step=step.step,
            event_time=_at(produced_on + datetime.timedelta(days=step.days_after), step.at),
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
        days_after = inspection.pop("days_after")
        services.inspection_create(
            producer=producer,
            lot=lot,
            inspected_on=produced_on + datetime.timedelta(days=days_after),
            **inspection,
        )
    return services.lot_publish(lot=lot)


def demo_lots() -> tuple[int, int]:
    """The demo trade items, lots (published, with their steps and inspection) and
    certifications that are missing; (created, already there), counted in lots."""
    skus = {data.sku: data for data in PRODUCTS}
    today = timezone.localdate()
    created = existing = 0
    for trace in TRACES:
        product = Product.objects.filter(upc=skus[trace.sku].upc).first()
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
            valid_from = today - datetime.timedelta(days=trace.certification["days_valid_before_today"])
            services.certification_create(
                producer=producer,
                products=[product],
                scheme=trace.certification["scheme"],
                issuer=trace.certification["issuer"],
                number=trace.certification["number"],
                valid_from=valid_from,
                valid_to=valid_from + datetime.timedelta(days=trace.certification["days_valid"]),
            )
        for data in trace.lots:
            if Lot.objects.filter(product=product, code=data.code).exists():
                existing += 1
                continue
            _lot(data=data, product=product, producer=producer, today=today)
            created += 1
    return created, existing
