import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.clock import VIETNAM
from traceability import services
from traceability.models import (
    BusinessStep,
    Certification,
    EventAction,
    EventType,
    Inspection,
    Lot,
    TraceEvent,
    TradeItem,
    gtin_check_digit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def lot_data(**changes):
    data = {
        "code": "LN-2025-01",
        "produced_on": days_ago(3),
        "quantity": Decimal("250.5"),
        "unit": "KGM",
        "growing_area": "Đồi Cà",
        "growing_area_code": "VN-BG-LN-01",
    }
    data.update(changes)
    return data


def gtin(base="893850597400"):
    return base + str(gtin_check_digit(base))


def test_lot_create_records_the_lot_and_its_origin_event(lots_world, commune):
    # Given producer A and one of its products
    a, lychee = lots_world["a"], lots_world["lychee"]
    # When a lot is created
    lot = services.lot_create(producer=a, product=lychee, origin_commune=commune, **lot_data())
    # Then it is unpublished, with one commissioning ObjectEvent ADD at the growing area
    assert (lot.producer, lot.product, lot.code, lot.is_published) == (a, lychee, "LN-2025-01", False)
    event = lot.events.get()
    assert (event.event_type, event.action, event.business_step) == (
        EventType.OBJECT,
        EventAction.ADD,
        BusinessStep.COMMISSIONING,
    )
    assert event.event_time == datetime.datetime.combine(days_ago(3), datetime.time.min, tzinfo=VIETNAM)
    assert event.event_time_zone_offset == "+07:00"
    assert (event.actor, event.place, event.place_code, event.commune) == (
        "HTX Vải",
        "Đồi Cà",
        "VN-BG-LN-01",
        commune,
    )
    assert (event.quantity, event.unit) == (Decimal("250.500"), "KGM")


def test_lot_create_refuses_a_product_the_producer_does_not_sell(lots_world):
    with pytest.raises(ValidationError) as error:
        services.lot_create(producer=lots_world["a"], product=lots_world["honey"], **lot_data())
    assert error.value.message_dict == {"product": ["Choose one of the products you sell."]}
    assert not Lot.objects.filter(code="LN-2025-01").exists()
    # The world's own: two first steps and B's packing (the demo data's lots are elsewhere).
    assert TraceEvent.objects.filter(lot__producer__in=[lots_world["a"], lots_world["b"]]).count() == 3


def test_lot_code_is_unique_per_product_whatever_its_case(lots_world):
    a, lychee = lots_world["a"], lots_world["lychee"]
    with pytest.raises(ValidationError) as error:
        services.lot_create(producer=a, product=lychee, **lot_data(code="a-lot-1"))
    assert error.value.message_dict == {"code": ["This product already has a lot with the code “a-lot-1”."]}
    assert Lot.objects.filter(product=lychee).count() == 1


def test_the_same_code_is_free_for_another_product(lots_world):
    lot = services.lot_create(
        producer=lots_world["b"], product=lots_world["honey"], **lot_data(code="A-LOT-1")
    )
    assert lot.code == "A-LOT-1"


def test_lot_expiry_before_production_is_refused(lots_world):
    with pytest.raises(ValidationError) as error:
        services.lot_create(
            producer=lots_world["a"],
            product=lots_world["lychee"],
            **lot_data(produced_on=days_ago(3), expires_on=days_ago(4)),
        )
    assert error.value.message_dict == {
        "expires_on": ["The expiry date cannot be before the harvest or production date."]
    }
    assert not Lot.objects.filter(code="LN-2025-01").exists()


def test_lot_produced_in_the_future_is_refused(lots_world):
    with pytest.raises(ValidationError) as error:
        services.lot_create(
            producer=lots_world["a"], product=lots_world["lychee"], **lot_data(produced_on=days_ago(-1))
        )
    assert list(error.value.message_dict) == ["produced_on"]
    assert not Lot.objects.filter(code="LN-2025-01").exists()


def test_lot_update_moves_the_automatic_first_step_with_the_production_day(lots_world):
    lot = lots_world["a_lot"]
    services.lot_update(lot=lot, produced_on=days_ago(12), quantity=Decimal("90"))
    lot.refresh_from_db()
    assert (lot.produced_on, lot.quantity) == (days_ago(12), Decimal("90.000"))
    assert lot.events.get().event_time == services.lot_start_of(days_ago(12))


def test_lot_update_refuses_another_producers_product(lots_world):
    lot = lots_world["a_lot"]
    with pytest.raises(ValidationError) as error:
        services.lot_update(lot=lot, product=lots_world["honey"])
    assert list(error.value.message_dict) == ["product"]
    lot.refresh_from_db()
    assert lot.product == lots_world["lychee"]


def test_a_published_lot_keeps_its_code(lots_world):
    lot = services.lot_publish(lot=lots_world["a_lot"])
    with pytest.raises(ValidationError) as error:
        services.lot_update(lot=lot, code="A-LOT-2")
    assert error.value.message_dict == {
        "code": ["A published lot keeps its product and code: its labels carry them."]
    }
    assert Lot.objects.get(pk=lot.pk).code == "A-LOT-1"


def test_lot_publish_and_unpublish(lots_world):
    lot = lots_world["a_lot"]
    services.lot_publish(lot=lot)
    assert Lot.objects.get(pk=lot.pk).is_published is True
    services.lot_unpublish(lot=lot)
    assert Lot.objects.get(pk=lot.pk).is_published is False


def test_trace_event_in_the_future_is_refused(lots_world):
    lot = lots_world["a_lot"]
    with pytest.raises(ValidationError) as error:
        services.trace_event_create(
            producer=lots_world["a"],
            lot=lot,
            business_step=BusinessStep.SHIPPING,
            event_time=timezone.now() + datetime.timedelta(hours=2),
            actor="HTX Vải",
            place="Kho",
        )
    assert error.value.message_dict == {"event_time": ["An event cannot be dated in the future."]}
    assert lot.events.count() == 1


def test_trace_event_on_another_producers_lot_is_refused(lots_world):
    b_lot = lots_world["b_lot"]
    with pytest.raises(ValidationError) as error:
        services.trace_event_create(
            producer=lots_world["a"],
            lot=b_lot,
            business_step=BusinessStep.SHIPPING,
            event_time=timezone.now(),
            actor="A",
            place="Kho",
        )
    assert error.value.message_dict == {"lot": ["Choose one of your own lots."]}
    assert b_lot.events.count() == 2


def test_trace_event_output_lot_must_be_the_producers_own(lots_world):
    a_lot = lots_world["a_lot"]
    with pytest.raises(ValidationError) as error:
        services.trace_event_create(
            producer=lots_world["a"],
            lot=a_lot,
            event_type=EventType.TRANSFORMATION,
            action="",
            business_step=BusinessStep.COMMISSIONING_PROCESS,
            event_time=timezone.now(),
            actor="A",
            place="Xưởng sấy",
            output_lot=lots_world["b_lot"],
        )
    assert error.value.message_dict == {"output_lot": ["Choose one of your own lots."]}
    assert a_lot.events.count() == 1


def test_trace_event_into_an_own_lot_and_its_update_and_delete(lots_world):
    a = lots_world["a"]
    dried = services.lot_create(producer=a, product=lots_world["lychee"], **lot_data(code="SAY-1"))
    event = services.trace_event_create(
        producer=a,
        lot=lots_world["a_lot"],
        event_type=EventType.TRANSFORMATION,
        action="",
        business_step=BusinessStep.COMMISSIONING_PROCESS,
        event_time=timezone.now() - datetime.timedelta(hours=1),
        actor="Xưởng sấy A",
        place="Xưởng sấy",
        quantity=Decimal("80"),
        unit="KGM",
        output_lot=dried,
    )
    assert list(dried.input_events.all()) == [event]
    services.trace_event_update(event=event, place="Xưởng sấy mới")
    assert TraceEvent.objects.get(pk=event.pk).place == "Xưởng sấy mới"
    services.trace_event_delete(event=event)
    assert not TraceEvent.objects.filter(pk=event.pk).exists()


def test_trade_item_save_creates_then_changes(lots_world):
    a, lychee = lots_world["a"], lots_world["lychee"]
    services.trade_item_save(producer=a, product=lychee, gtin=gtin(), brand="Vải A")
    services.trade_item_save(producer=a, product=lychee, gtin=gtin(), brand="Vải A mới")
    item = TradeItem.objects.get(product=lychee)
    assert (item.gtin, item.brand, item.gtin14) == ("0" + gtin(), "Vải A mới", "0" + gtin())


def test_a_gtin_is_stored_once_whatever_its_length_and_fixed_once_lots_are_printed(lots_world):
    a, b = lots_world["a"], lots_world["b"]
    services.trade_item_save(producer=a, product=lots_world["lychee"], gtin="0" + gtin())
    with pytest.raises(ValidationError) as error:
        services.trade_item_save(producer=b, product=lots_world["honey"], gtin=gtin())  # the same GTIN-13
    assert error.value.message_dict == {"gtin": ["Another product already has this GTIN."]}

    services.lot_publish(lot=lots_world["a_lot"])
    services.lot_unpublish(lot=lots_world["a_lot"])
    with pytest.raises(ValidationError) as error:
        services.trade_item_save(producer=a, product=lots_world["lychee"], gtin="")
    assert list(error.value.message_dict) == ["gtin"]
    with pytest.raises(ValidationError) as error:
        services.lot_update(lot=lots_world["a_lot"], code="LN-KHAC")
    assert list(error.value.message_dict) == ["code"]
    assert TradeItem.objects.get(product=lots_world["lychee"]).gtin == "0" + gtin()


def test_trade_item_refuses_another_producers_product_and_a_wrong_check_digit(lots_world):
    with pytest.raises(ValidationError) as error:
        services.trade_item_save(producer=lots_world["a"], product=lots_world["honey"], brand="X")
    assert list(error.value.message_dict) == ["product"]
    with pytest.raises(ValidationError) as error:
        services.trade_item_save(producer=lots_world["a"], product=lots_world["lychee"], gtin="8938505974001")
    assert error.value.message_dict == {
        "gtin": ["The last digit of this GTIN does not match its check digit."]
    }
    assert not TradeItem.objects.filter(product__in=[lots_world["lychee"], lots_world["honey"]]).exists()


def test_trade_item_refuses_a_gtin_another_product_has(lots_world):
    services.trade_item_save(producer=lots_world["b"], product=lots_world["honey"], gtin=gtin())
    with pytest.raises(ValidationError) as error:
        services.trade_item_save(producer=lots_world["a"], product=lots_world["lychee"], gtin=gtin())
    assert error.value.message_dict == {"gtin": ["Another product already has this GTIN."]}
    assert not TradeItem.objects.filter(product=lots_world["lychee"]).exists()


def certification_data(**changes):
    data = {
        "scheme": "vietgap",
        "issuer": "Tổ chức chứng nhận",
        "number": "VG-01",
        "valid_from": days_ago(30),
        "valid_to": days_ago(-700),
    }
    data.update(changes)
    return data


def test_certification_create_update_delete(lots_world):
    a, lychee = lots_world["a"], lots_world["lychee"]
    scan = SimpleUploadedFile("vg.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    certification = services.certification_create(
        producer=a, products=[lychee], scan=scan, **certification_data()
    )
    assert list(certification.products.all()) == [lychee]
    assert certification.scan.name.startswith("traceability/certifications/vg")
    services.certification_update(certification=certification, number="VG-02", scan=None)
    certification.refresh_from_db()
    assert certification.number == "VG-02"
    assert certification.scan.name.startswith("traceability/certifications/vg")
    services.certification_delete(certification=certification)
    assert not Certification.objects.filter(producer=a).exists()


def test_certification_of_another_producers_product_is_refused(lots_world):
    with pytest.raises(ValidationError) as error:
        services.certification_create(
            producer=lots_world["a"],
            products=[lots_world["lychee"], lots_world["honey"]],
            **certification_data(),
        )
    assert error.value.message_dict == {"products": ["Choose one of the products you sell."]}
    assert not Certification.objects.filter(producer=lots_world["a"]).exists()


def test_certification_validity_must_end_after_it_starts(lots_world):
    with pytest.raises(ValidationError) as error:
        services.certification_create(
            producer=lots_world["a"],
            products=[lots_world["lychee"]],
            **certification_data(valid_from=days_ago(10), valid_to=days_ago(20)),
        )
    assert error.value.message_dict == {"valid_to": ["The end of validity must come after its start."]}
    assert not Certification.objects.filter(producer=lots_world["a"]).exists()


def test_inspection_on_another_producers_lot_or_in_the_future_is_refused(lots_world):
    with pytest.raises(ValidationError) as error:
        services.inspection_create(
            producer=lots_world["a"],
            lot=lots_world["b_lot"],
            inspected_on=days_ago(1),
            kind="Dư lượng",
            inspector="Phòng thử nghiệm",
            result="passed",
        )
    assert list(error.value.message_dict) == ["lot"]
    with pytest.raises(ValidationError) as error:
        services.inspection_create(
            producer=lots_world["a"],
            lot=lots_world["a_lot"],
            inspected_on=days_ago(-1),
            kind="Dư lượng",
            inspector="Phòng thử nghiệm",
            result="passed",
        )
    assert error.value.message_dict == {"inspected_on": ["An inspection cannot be dated in the future."]}
    assert Inspection.objects.filter(lot__producer__in=[lots_world["a"], lots_world["b"]]).count() == 1  # B's


def test_inspection_update_and_delete(lots_world):
    inspection = services.inspection_create(
        producer=lots_world["a"],
        lot=lots_world["a_lot"],
        inspected_on=days_ago(2),
        kind="Dư lượng",
        inspector="Phòng thử nghiệm",
        result="passed",
    )
    services.inspection_update(inspection=inspection, result="failed", summary="Vượt ngưỡng")
    assert Inspection.objects.get(pk=inspection.pk).result == "failed"
    services.inspection_delete(inspection=inspection)
    assert not Inspection.objects.filter(pk=inspection.pk).exists()
