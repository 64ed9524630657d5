import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.clock import VIETNAM
from tests.catalog.factories import ProductFactory
from tests.core.factories import pdf_bytes
from tests.partner.factories import ProducerFactory
from traceability import services
from traceability.models import BusinessStep, Certification, Inspection, Lot, TraceEvent, TradeItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def url(name, **kwargs):
    return reverse(f"traceability-dashboard:{name}", kwargs=kwargs)


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def lot_post(**changes):
    data = {
        "product": "",
        "code": "LN-NEW-1",
        "produced_on": days_ago(2).isoformat(),
        "packed_on": "",
        "expires_on": days_ago(-20).isoformat(),
        "quantity": "320.5",
        "unit": "KGM",
        "growing_area": "Đồi Cà mới",
        "growing_area_code": "",
        "origin_commune": "",
    }
    data.update(changes)
    return data


def b_state(world):
    """Everything of B's that A must not change."""
    lot = Lot.objects.get(pk=world["b_lot"].pk)
    return {
        "lot": (lot.code, lot.product_id, lot.quantity, lot.is_published, lot.growing_area),
        "events": sorted(lot.events.values_list("pk", "business_step", "place", "event_time")),
        "inspections": sorted(lot.inspections.values_list("pk", "kind", "result")),
        "certifications": sorted(
            Certification.objects.filter(producer=world["b"]).values_list("pk", "number", "valid_to")
        ),
        "trade_items": list(TradeItem.objects.filter(product=world["honey"]).values_list("gtin", "brand")),
    }


def test_a_producer_lists_its_own_lots_only(client, lots_world):
    client.force_login(lots_world["a_user"])
    page = text(client.get(url("lot-list")))
    assert "Lots of HTX Vải" in page
    assert "A-LOT-1" in page and "Vải thiều thử" in page
    assert "B-LOT-1" not in page and "HTX Mật ong" not in page and "Mật ong thử" not in page


def test_the_lot_list_filters_by_product_and_code(client, lots_world):
    a, lychee = lots_world["a"], lots_world["lychee"]
    other = ProductFactory(title="Vải sấy thử", stockrecords__partner=a)
    services.lot_create(
        producer=a, product=other, code="SAY-9", produced_on=days_ago(1), quantity=Decimal("5")
    )
    client.force_login(lots_world["a_user"])
    page = text(client.get(url("lot-list"), {"product": other.pk}))
    assert "SAY-9" in page and "A-LOT-1" not in page
    page = text(client.get(url("lot-list"), {"q": "a-lot"}))
    assert "A-LOT-1" in page and "SAY-9" not in page
    page = text(client.get(url("lot-list"), {"product": lychee.pk, "q": "SAY"}))
    assert "No lot matches these filters." in page


def test_a_producer_cannot_choose_another_producer(client, lots_world):
    client.force_login(lots_world["a_user"])
    for name in ("lot-list", "lot-create", "certification-list", "certification-create"):
        assert client.get(url(name), {"producer": lots_world["b"].pk}).status_code == 404, name


def test_a_producer_of_two_producers_chooses_with_producer(client, lots_world):
    second = ProducerFactory(name="HTX Xoài")
    second.users.add(lots_world["a_user"])
    mango = ProductFactory(title="Xoài thử", stockrecords__partner=second)
    services.lot_create(producer=second, product=mango, code="XOAI-1", produced_on=days_ago(1), quantity=1)
    client.force_login(lots_world["a_user"])
    page = text(client.get(url("lot-list"), {"producer": second.pk}))
    assert "Lots of HTX Xoài" in page and "XOAI-1" in page and "A-LOT-1" not in page
    page = text(client.get(url("lot-create"), {"producer": second.pk}))
    assert f'<option value="{mango.pk}">Xoài thử</option>' in page
    assert "Vải thiều thử" not in page


def test_a_producer_creates_a_lot_with_its_first_step(client, lots_world, commune):
    client.force_login(lots_world["a_user"])
    lychee = lots_world["lychee"]
    response = client.post(url("lot-create"), lot_post(product=lychee.pk, origin_commune=commune.pk))
    lot = Lot.objects.get(code="LN-NEW-1")
    assert response.status_code == 302 and response["Location"] == url("lot-detail", pk=lot.pk)
    assert (lot.producer, lot.product, lot.quantity, lot.origin_commune) == (
        lots_world["a"],
        lychee,
        Decimal("320.500"),
        commune,
    )
    event = lot.events.get()
    assert (event.business_step, event.place, event.actor) == (
        BusinessStep.COMMISSIONING,
        "Đồi Cà mới",
        "HTX Vải",
    )
    page = text(client.get(response["Location"]))
    assert "Lot LN-NEW-1 is saved. Add its steps, then publish it." in page
    assert "Harvest or production (lot created)" in page


def test_bad_lot_input_is_refused_with_the_typed_values_kept(client, lots_world):
    client.force_login(lots_world["a_user"])
    data = lot_post(product=lots_world["lychee"].pk, expires_on=days_ago(5).isoformat())
    page = text(client.post(url("lot-create"), data))
    assert "The expiry date cannot be before the harvest or production date." in page
    assert 'value="LN-NEW-1"' in page and 'value="Đồi Cà mới"' in page and 'value="320.5"' in page
    assert not Lot.objects.filter(code="LN-NEW-1").exists()


def test_a_duplicate_lot_code_is_refused_on_its_field(client, lots_world):
    client.force_login(lots_world["a_user"])
    page = text(client.post(url("lot-create"), lot_post(product=lots_world["lychee"].pk, code="A-LOT-1")))
    assert "This product already has a lot with the code “A-LOT-1”." in page
    assert Lot.objects.filter(product=lots_world["lychee"]).count() == 1


def test_a_forged_product_of_another_producer_is_refused(client, lots_world):
    client.force_login(lots_world["a_user"])
    before = b_state(lots_world)
    page = text(client.post(url("lot-create"), lot_post(product=lots_world["honey"].pk)))
    assert "Choose one of the products you sell." in page
    assert not Lot.objects.filter(code="LN-NEW-1").exists()
    assert b_state(lots_world) == before


def test_a_producer_edits_its_lot(client, lots_world):
    client.force_login(lots_world["a_user"])
    lot = lots_world["a_lot"]
    data = lot_post(product=lots_world["lychee"].pk, code="A-LOT-1", quantity="99", expires_on="")
    response = client.post(url("lot-update", pk=lot.pk), data)
    assert response.status_code == 302
    lot.refresh_from_db()
    assert (lot.quantity, lot.expires_on, lot.growing_area) == (Decimal("99.000"), None, "Đồi Cà mới")


def test_a_published_lots_code_cannot_change(client, lots_world):
    client.force_login(lots_world["a_user"])
    lot = services.lot_publish(lot=lots_world["a_lot"])
    data = lot_post(product=lots_world["lychee"].pk, code="CHANGED", quantity="77")
    response = client.post(url("lot-update", pk=lot.pk), data)
    assert response.status_code == 302  # the disabled field keeps the code; the rest is saved
    lot.refresh_from_db()
    assert (lot.code, lot.quantity) == ("A-LOT-1", Decimal("77.000"))


def test_the_lot_page_shows_its_story_and_links_to_its_trace_page(client, lots_world):
    client.force_login(lots_world["a_user"])
    lot = services.lot_publish(lot=lots_world["a_lot"])
    page = text(client.get(url("lot-detail", pk=lot.pk)))
    assert f'href="{lot.get_absolute_url()}"' in page
    assert "Harvest or production (lot created)" in page and "Đồi vải A" in page
    assert "Unpublish" in page


def test_publish_and_unpublish(client, lots_world):
    client.force_login(lots_world["a_user"])
    lot = lots_world["a_lot"]
    assert client.get(url("lot-publish", pk=lot.pk)).status_code == 405
    client.post(url("lot-publish", pk=lot.pk))
    assert Lot.objects.get(pk=lot.pk).is_published is True
    client.post(url("lot-unpublish", pk=lot.pk))
    assert Lot.objects.get(pk=lot.pk).is_published is False


def test_another_producers_objects_are_not_found_and_stay_unchanged(client, lots_world):
    w = lots_world
    client.force_login(w["a_user"])
    before = b_state(w)
    routes = [
        ("lot-detail", w["b_lot"].pk),
        ("lot-update", w["b_lot"].pk),
        ("lot-publish", w["b_lot"].pk),
        ("lot-unpublish", w["b_lot"].pk),
        ("event-create", w["b_lot"].pk),
        ("event-update", w["b_event"].pk),
        ("event-delete", w["b_event"].pk),
        ("inspection-create", w["b_lot"].pk),
        ("inspection-update", w["b_inspection"].pk),
        ("inspection-delete", w["b_inspection"].pk),
        ("trade-item", w["honey"].pk),
        ("certification-update", w["b_certification"].pk),
        ("certification-delete", w["b_certification"].pk),
    ]
    forged = lot_post(product=w["honey"].pk, code="HACKED", quantity="1", place="X", actor="X", number="X")
    for name, pk in routes:
        if name not in ("lot-publish", "lot-unpublish"):
            assert client.get(url(name, pk=pk)).status_code == 404, f"GET {name}"
        expected = 405 if name == "lot-detail" else 404  # a page to read only
        assert client.post(url(name, pk=pk), forged).status_code == expected, f"POST {name}"
    assert b_state(w) == before


def event_post(**changes):
    data = {
        "business_step": "packing",
        "event_time": "2025-06-10T07:30",
        "description": "Đóng thùng 2 kg",
        "actor": "Xưởng A",
        "place": "Nhà sơ chế A",
        "place_code": "",
        "commune": "",
        "quantity": "",
        "unit": "",
        "event_type": "ObjectEvent",
        "action": "OBSERVE",
        "output_lot": "",
    }
    data.update(changes)
    return data


def test_an_event_time_is_read_as_vietnam_time(client, lots_world):
    client.force_login(lots_world["a_user"])
    lot = lots_world["a_lot"]
    with timezone.override("UTC"):
        response = client.post(url("event-create", pk=lot.pk), event_post())
    assert response.status_code == 302
    event = lot.events.get(business_step="packing")
    assert event.event_time == datetime.datetime(2025, 6, 10, 0, 30, tzinfo=datetime.UTC)
    assert event.event_time_zone_offset == "+07:00"
    page = text(client.get(url("event-update", pk=event.pk)))
    assert 'value="2025-06-10T07:30"' in page


def test_an_event_in_the_future_is_refused_with_the_typed_values_kept(client, lots_world):
    client.force_login(lots_world["a_user"])
    lot = lots_world["a_lot"]
    future = (timezone.localtime(timezone.now(), VIETNAM) + datetime.timedelta(days=1)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    page = text(client.post(url("event-create", pk=lot.pk), event_post(event_time=future)))
    assert "An event cannot be dated in the future." in page
    assert 'value="Nhà sơ chế A"' in page and f'value="{future}"' in page
    assert lot.events.count() == 1


def test_an_event_cannot_name_another_producers_lot_as_output(client, lots_world):
    client.force_login(lots_world["a_user"])
    lot = lots_world["a_lot"]
    before = b_state(lots_world)
    data = event_post(event_type="TransformationEvent", action="", output_lot=lots_world["b_lot"].pk)
    page = text(client.post(url("event-create", pk=lot.pk), data))
    assert "Choose one of your own lots." in page
    assert lot.events.count() == 1
    assert b_state(lots_world) == before


def test_a_producer_edits_and_deletes_an_event(client, lots_world):
    client.force_login(lots_world["a_user"])
    event = lots_world["a_lot"].events.get()
    data = event_post(business_step="commissioning", action="ADD", place="Đồi khác")
    assert client.post(url("event-update", pk=event.pk), data).status_code == 302
    assert TraceEvent.objects.get(pk=event.pk).place == "Đồi khác"
    assert "Delete “" in text(client.get(url("event-delete", pk=event.pk)))
    assert client.post(url("event-delete", pk=event.pk)).status_code == 302
    assert not TraceEvent.objects.filter(pk=event.pk).exists()


def inspection_post(**changes):
    data = {
        "inspected_on": days_ago(1).isoformat(),
        "kind": "Dư lượng thuốc BVTV",
        "inspector": "Phòng thử nghiệm A",
        "report_number": "KQ-1",
        "result": "passed",
        "summary": "",
    }
    data.update(changes)
    return data


def test_an_inspection_report_must_be_a_pdf_jpeg_or_png(client, lots_world):
    client.force_login(lots_world["a_user"])
    lot = lots_world["a_lot"]
    fake = SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    page = text(client.post(url("inspection-create", pk=lot.pk), inspection_post(report=fake)))
    assert "“report.pdf” is not a PDF, JPEG or PNG file." in page
    assert 'value="Phòng thử nghiệm A"' in page
    assert not lot.inspections.exists()
    real = SimpleUploadedFile("report.pdf", pdf_bytes("report"), content_type="application/pdf")
    assert client.post(url("inspection-create", pk=lot.pk), inspection_post(report=real)).status_code == 302
    inspection = lot.inspections.get()
    assert (inspection.kind, inspection.result) == ("Dư lượng thuốc BVTV", Inspection.Result.PASSED)
    assert re.fullmatch(r"traceability/inspections/report(_\w+)?\.pdf", inspection.report.name)


def test_an_upload_over_10_mb_is_refused(client, lots_world):
    client.force_login(lots_world["a_user"])
    lot = lots_world["a_lot"]
    big = SimpleUploadedFile(
        "big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (10 * 1024 * 1024), content_type="image/png"
    )
    page = text(client.post(url("inspection-create", pk=lot.pk), inspection_post(report=big)))
    assert "“big.png” is larger than 10 MB." in page
    assert not lot.inspections.exists()


def certification_post(products, **changes):
    data = {
        "scheme": "vietgap",
        "scheme_name": "",
        "issuer": "Tổ chức chứng nhận A",
        "number": "VG-A-1",
        "valid_from": days_ago(10).isoformat(),
        "valid_to": days_ago(-700).isoformat(),
        "products": [product.pk for product in products],
    }
    data.update(changes)
    return data


def test_a_producer_records_a_certification_and_sees_it_listed(client, lots_world):
    client.force_login(lots_world["a_user"])
    response = client.post(url("certification-create"), certification_post([lots_world["lychee"]]))
    assert response.status_code == 302
    certification = Certification.objects.get(number="VG-A-1")
    assert (certification.producer, list(certification.products.all())) == (
        lots_world["a"],
        [lots_world["lychee"]],
    )
    page = text(client.get(response["Location"]))
    assert "VG-A-1" in page and "B-CERT-1" not in page
    page = text(client.get(url("lot-detail", pk=lots_world["a_lot"].pk)))
    assert "VietGAP VG-A-1" in page


def test_a_certification_of_another_producers_product_is_refused(client, lots_world):
    client.force_login(lots_world["a_user"])
    data = certification_post([lots_world["lychee"], lots_world["honey"]])
    page = text(client.post(url("certification-create"), data))
    assert "Choose among the products you sell." in page
    assert 'value="VG-A-1"' in page
    assert not Certification.objects.filter(producer=lots_world["a"]).exists()


def test_the_pack_details_are_saved_for_a_product(client, lots_world):
    client.force_login(lots_world["a_user"])
    lychee, lot = lots_world["lychee"], lots_world["a_lot"]
    data = {"gtin": "8938505974002", "brand": "Vải A", "geographical_indication": "", "applied_standards": ""}
    response = client.post(url("trade-item", pk=lychee.pk) + f"?lot={lot.pk}", data)
    assert response.status_code == 302 and response["Location"] == url("lot-detail", pk=lot.pk)
    assert TradeItem.objects.filter(product=lychee).values_list("gtin", "brand").get() == (
        "08938505974002",
        "Vải A",
    )


def test_a_wrong_gtin_is_refused_on_its_field(client, lots_world):
    client.force_login(lots_world["a_user"])
    data = {"gtin": "8938505974001", "brand": "Vải A", "geographical_indication": "", "applied_standards": ""}
    page = text(client.post(url("trade-item", pk=lots_world["lychee"].pk), data))
    assert "The last digit of this GTIN does not match its check digit." in page
    assert 'value="Vải A"' in page
    assert not TradeItem.objects.filter(product=lots_world["lychee"]).exists()


def test_staff_see_every_producers_lots_and_may_edit_them(client, lots_world, django_user_model):
    staff = django_user_model.objects.create_user("staff", "staff@example.com", "pw", is_staff=True)
    client.force_login(staff)
    page = text(client.get(url("lot-list")))
    assert "Lots of all producers" in page and "A-LOT-1" in page and "B-LOT-1" in page
    b_lot = lots_world["b_lot"]
    data = lot_post(product=lots_world["honey"].pk, code="B-LOT-1", quantity="49", unit="XBO")
    assert client.post(url("lot-update", pk=b_lot.pk), data).status_code == 302
    assert Lot.objects.get(pk=b_lot.pk).quantity == Decimal("49.000")


def test_people_without_dashboard_access_are_sent_to_the_login_page(client, lots_world, django_user_model):
    shopper = django_user_model.objects.create_user("buyer", "buyer@example.com", "pw")
    for user in (None, shopper):
        if user:
            client.force_login(user)
        response = client.get(url("lot-list"))
        assert response.status_code == 302 and "login" in response["Location"]


def test_a_login_of_a_producer_without_dashboard_access_sees_nothing(client, lots_world):
    user = lots_world["a_user"]
    user.user_permissions.remove(Permission.objects.get(codename="dashboard_access"))
    client.force_login(user)
    assert client.get(url("lot-detail", pk=lots_world["a_lot"].pk)).status_code == 302


def test_the_lot_list_counts_each_lots_steps(client, lots_world):
    client.force_login(lots_world["b_user"])
    page = text(client.get(url("lot-list")))
    row = re.search(r"<tr>\s*<th scope=\"row\"><a [^>]*>B-LOT-1</a>.*?</tr>", page, re.S).group(0)
    assert '<td class="text-right">2</td>' in row
