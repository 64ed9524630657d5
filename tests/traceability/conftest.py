import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from tests.catalog.factories import CertificateFactory, ProductFactory
from tests.partner.factories import ProducerFactory
from tests.places.factories import DistrictFactory
from tests.traceability.factories import (
    CertificationFactory,
    InspectionFactory,
    LotFactory,
    TraceEventFactory,
    TradeItemFactory,
    days_ago,
)
from traceability.models import (
    BusinessStep,
    CertificationScheme,
    EventAction,
    EventType,
    Inspection,
    gtin_check_digit,
)

Province = get_model("places", "Province")

# --- helper "trace": public trace pages, QR, labels, exports, API -------------------------

GTIN_13_BASE = "893850597419"
GTIN_13 = GTIN_13_BASE + str(gtin_check_digit(GTIN_13_BASE))


def _at(days_ago: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def public_lot(db, commune):
    """A published lychee lot with everything its trace page shows: a GTIN-13, an OCOP
    certificate in force, a VietGAP certification, a passed residue test and three events,
    the last one processing it into a published dried-lychee lot."""
    old_province, _ = Province.objects.get_or_create(
        code="T24",
        is_current=False,
        defaults={"name": "Bắc Giang", "kind": "tỉnh", "successor": commune.province},
    )
    legacy = DistrictFactory(code="LN-TEST", name="Lục Ngạn", province=old_province)
    commune.legacy_districts.add(legacy)
    producer = ProducerFactory(
        name="HTX Vải thiều Hồng Xuân thử",
        street_address="Thôn Hồng Xuân",
        commune=commune,
        phone="+84912345678",
        email="hongxuan@example.com",
    )
    product = ProductFactory(title="Vải thiều Lục Ngạn thử", stockrecords__partner=producer)
    TradeItemFactory(
        product=product,
        gtin=GTIN_13.zfill(14),  # stored in its 14-digit form, as trade_item_save keeps it
        brand="Vải Hồng Xuân",
        geographical_indication="Vải thiều Lục Ngạn – chỉ dẫn địa lý",
        applied_standards="TCVN 12827:2019\nVietGAP",
    )
    CertificateFactory(product=product, producer=producer, stars=5, decision_number="123/QĐ-UBND")
    lot = LotFactory(
        product=product,
        code="LN-2025-07",
        produced_on=days_ago(10),
        packed_on=days_ago(9),
        expires_on=days_ago(-20),
        quantity=Decimal("1200"),
        growing_area_code="VN-BG-LN-0042",
        growing_area="Đồi Hồng Xuân",
        origin_commune=commune,
        is_published=True,
    )
    CertificationFactory(producer=producer, products=[product], number="VG-0099")
    InspectionFactory(lot=lot, inspected_on=days_ago(9), report_number="KQ-77")
    dried = LotFactory(
        product__title="Vải sấy khô thử",
        product__stockrecords__partner=producer,
        code="SAY-01",
        produced_on=days_ago(5),
        quantity=Decimal("300"),
        is_published=True,
    )
    TraceEventFactory(
        lot=lot,
        action=EventAction.ADD,
        event_time=_at(10, 6),
        business_step=BusinessStep.COMMISSIONING,
        description="Thu hoạch vải chín",
        actor="HTX Vải thiều Hồng Xuân thử",
        place="Đồi Hồng Xuân",
        place_code="VN-BG-LN-0042",
        commune=commune,
        quantity=Decimal("1200"),
        unit="KGM",
    )
    TraceEventFactory(
        lot=lot,
        event_time=_at(9, 14),
        actor="Xưởng đóng gói Hồng Xuân",
        place_code="urn:epc:id:sgln:8938505.00001.0",
    )
    TraceEventFactory(
        lot=lot,
        event_type=EventType.TRANSFORMATION,
        action="",
        event_time=_at(6, 8),
        business_step=BusinessStep.COMMISSIONING_PROCESS,
        actor="Xưởng sấy Hồng Xuân",
        place="Xưởng sấy",
        quantity=Decimal("900"),
        unit="KGM",
        output_lot=dried,
    )
    return lot


@pytest.fixture
def hidden_lots(public_lot):
    """Lots no public URL may show: an unpublished one of the same product, and a published
    one of a product taken off the shop."""
    unpublished = LotFactory(
        product=public_lot.product,
        code="BI-MAT-01",
        produced_on=public_lot.produced_on,
        quantity=Decimal("5"),
        growing_area="Vườn bí mật chưa công bố",
    )
    of_hidden = LotFactory(
        product__title="Sản phẩm đã gỡ thử",
        product__is_public=False,
        product__stockrecords__partner=public_lot.producer,
        code="GO-01",
        produced_on=public_lot.produced_on,
        quantity=Decimal("5"),
        is_published=True,
    )
    return {"unpublished": unpublished, "of_hidden_product": of_hidden}


# --- helper "lots": the dashboard's lots, trade items, certifications, inspections, events ---


@pytest.fixture
def lots_world(products, producer_user):
    """Producers A (HTX Vải, the lychee) and B (HTX Mật ong, the honey), each with a login and
    a lot made through the services; B's lot also has a packing step, an inspection and a
    VietGAP certification."""
    from traceability import services

    lychee, honey = products
    a, b = lychee.stockrecords.get().partner, honey.stockrecords.get().partner
    today = timezone.localdate()
    a_lot = services.lot_create(
        producer=a,
        product=lychee,
        code="A-LOT-1",
        produced_on=today - datetime.timedelta(days=10),
        quantity=Decimal("100"),
        growing_area="Đồi vải A",
    )
    b_lot = services.lot_create(
        producer=b,
        product=honey,
        code="B-LOT-1",
        produced_on=today - datetime.timedelta(days=20),
        quantity=Decimal("50"),
        unit="XBO",
        growing_area="Rừng ong bí mật B",
    )
    b_event = services.trace_event_create(
        producer=b,
        lot=b_lot,
        business_step=BusinessStep.PACKING,
        event_time=_at(19, 9),
        actor="Xưởng chiết rót B",
        place="Xưởng B",
    )
    b_inspection = services.inspection_create(
        producer=b,
        lot=b_lot,
        inspected_on=today - datetime.timedelta(days=18),
        kind="Độ ẩm mật ong B",
        inspector="Phòng thử nghiệm B",
        result=Inspection.Result.PASSED,
    )
    b_certification = services.certification_create(
        producer=b,
        products=[honey],
        scheme=CertificationScheme.VIETGAP,
        issuer="Tổ chức chứng nhận B",
        number="B-CERT-1",
        valid_from=today - datetime.timedelta(days=100),
        valid_to=today + datetime.timedelta(days=600),
    )
    return {
        "a": a,
        "b": b,
        "a_user": producer_user(a, "a@lots.example"),
        "b_user": producer_user(b, "b@lots.example"),
        "lychee": lychee,
        "honey": honey,
        "a_lot": a_lot,
        "b_lot": b_lot,
        "b_event": b_event,
        "b_inspection": b_inspection,
        "b_certification": b_certification,
    }
