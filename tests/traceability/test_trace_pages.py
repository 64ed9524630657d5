import csv
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from tests.traceability.conftest import GTIN_13

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode()


def test_digital_link_shows_everything_the_trace_page_lists(client, public_lot):
    # Given a published lot with a GTIN-13, certificate, certification, test and events
    url = f"/01/{GTIN_13.zfill(14)}/10/LN-2025-07"
    assert public_lot.get_absolute_url() == url

    # When a buyer opens its Digital Link
    response = client.get(url)

    # Then the page shows product, OCOP certificate, producer, origin, lot, proofs and steps
    assert response.status_code == 200
    text = _text(response)
    certificate = public_lot.product.certificates.get()
    for expected in [
        "Vải thiều Lục Ngạn thử",
        "OCOP 5★",
        "123/QĐ-UBND",
        date_format(certificate.valid_to, "SHORT_DATE_FORMAT"),
        "HTX Vải thiều Hồng Xuân thử",
        "Thôn Hồng Xuân",
        "Vải thiều Lục Ngạn – chỉ dẫn địa lý",
        "VN-BG-LN-0042",
        "Đồi Hồng Xuân",
        "Xã Lục Ngạn, Tỉnh Bắc Ninh",
        "Huyện Lục Ngạn, Tỉnh Bắc Giang",
        "LN-2025-07",
        date_format(public_lot.produced_on, "SHORT_DATE_FORMAT"),
        date_format(public_lot.packed_on, "SHORT_DATE_FORMAT"),
        date_format(public_lot.expires_on, "SHORT_DATE_FORMAT"),
        "VietGAP",
        "VG-0099",
        "Trung tâm Chứng nhận VietGAP thử",
        "Dư lượng thuốc bảo vệ thực vật",
        "Phòng thử nghiệm thử",
        "Xưởng đóng gói Hồng Xuân",
        "Xưởng sấy Hồng Xuân",
        "TCVN 12827:2019",
        public_lot.product.get_absolute_url(),
        "mailto:",
    ]:
        assert expected in text, expected
    # the timeline is in time order: harvest, packing, processing
    assert text.index("Thu hoạch vải chín") < text.index("Xưởng đóng gói Hồng Xuân") < text.index("Xưởng sấy")
    # and the processed lot it became is linked
    assert "SAY-01" in text


def test_short_link_shows_the_same_lot(client, public_lot):
    response = client.get(f"/t/{public_lot.short_code}")
    assert response.status_code == 200
    assert "LN-2025-07" in _text(response)
    assert (
        f'<link rel="canonical" href="http://localhost:8000/01/{GTIN_13.zfill(14)}/10/LN-2025-07">'
        in _text(response)
    )


def test_short_gtins_are_redirected_to_the_canonical_14_digit_link(client, public_lot):
    response = client.get(f"/01/{GTIN_13}/10/LN-2025-07")
    assert response.status_code == 301
    assert response["Location"] == f"/01/{GTIN_13.zfill(14)}/10/LN-2025-07"


def test_english_page_under_en_prefix(client, public_lot):
    response = client.get(f"/en/t/{public_lot.short_code}")
    assert response.status_code == 200
    text = _text(response)
    assert "Supply chain" in text
    assert "Valid until" in text


def test_schema_org_marks_the_lot_as_some_products_with_its_digital_link(client, public_lot):
    response = client.get(public_lot.get_absolute_url())
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', _text(response), re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "SomeProducts"
    assert data["hasGS1DigitalLink"] == f"http://localhost:8000/01/{GTIN_13.zfill(14)}/10/LN-2025-07"
    assert data["gtin14"] == GTIN_13.zfill(14)


def test_certificate_badge_is_gone_once_the_certificate_expired(client, public_lot):
    certificate = public_lot.product.certificates.get()
    certificate.valid_to = public_lot.produced_on
    certificate.valid_from = public_lot.produced_on.replace(year=public_lot.produced_on.year - 3)
    certificate.save()
    text = _text(client.get(public_lot.get_absolute_url()))
    assert "OCOP 5★" not in text
    assert "123/QĐ-UBND" not in text


@pytest.mark.parametrize(
    "url",
    [
        "/t/zzzzzzzz",
        "/01/00000000000000/10/LN-2025-07",
        f"/01/{GTIN_13.zfill(14)}/10/NOPE",
        "/01/12345/10/LN-2025-07",
        "/01/abcdefghijklmn/10/LN-2025-07",
    ],
)
def test_unknown_codes_get_a_helpful_404(client, public_lot, url):
    response = client.get(url)
    assert response.status_code == 404
    text = _text(response)
    assert "Không tìm thấy mã truy xuất" in text or "Trace code not found" in text
    assert f'action="{reverse("search:search")}"' in text
    assert "Vải thiều Lục Ngạn thử" not in text


def test_unpublished_lots_and_hidden_products_are_never_shown(client, hidden_lots, public_lot):
    unpublished, of_hidden = hidden_lots["unpublished"], hidden_lots["of_hidden_product"]
    for url in [
        f"/t/{unpublished.short_code}",
        f"/01/{GTIN_13.zfill(14)}/10/BI-MAT-01",
        f"/t/{of_hidden.short_code}",
        reverse("traceability:lot-qr-svg", kwargs={"code": unpublished.short_code}),
        reverse("traceability:lot-qr-png", kwargs={"code": of_hidden.short_code}),
        reverse("traceability:lot-epcis", kwargs={"code": unpublished.short_code}),
        reverse("traceability:lot-data-items-json", kwargs={"code": unpublished.short_code}),
        reverse("traceability:lot-data-items-csv", kwargs={"code": of_hidden.short_code}),
        reverse("traceability:product-epcis", kwargs={"pk": of_hidden.product_id}),
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Vườn bí mật chưa công bố" not in response.content.decode(), url


def test_product_epcis_leaves_out_unpublished_lots(client, hidden_lots, public_lot):
    response = client.get(reverse("traceability:product-epcis", kwargs={"pk": public_lot.product_id}))
    assert response.status_code == 200
    events = json.loads(response.content)["epcisBody"]["eventList"]
    assert len(events) == 3
    assert "BI-MAT-01" not in response.content.decode()


def test_data_items_json_holds_the_ten_items_of_circular_02(client, public_lot):
    response = client.get(reverse("traceability:lot-data-items-json", kwargs={"code": public_lot.short_code}))
    data = response.json()
    assert [item["number"] for item in data["items"]] == list(range(1, 11))
    items = {item["key"]: item["value"] for item in data["items"]}
    assert items["product_name"] == "Vải thiều Lục Ngạn thử"
    assert items["producer_name"] == "HTX Vải thiều Hồng Xuân thử"
    assert items["traceability_code"]["lot_code"] == "LN-2025-07"
    assert items["shelf_life"]["expires_on"] == public_lot.expires_on.isoformat()
    assert items["applied_standards"] == ["TCVN 12827:2019", "VietGAP"]
    assert [stage["step"] for stage in items["stages"]] == [
        "commissioning",
        "packing",
        "creating_class_instance",
    ]
    assert items["stages"][0]["location_trace_code"] == "VN-BG-LN-0042"
    assert items["stages"][0]["event_time"].endswith("+07:00")


def test_data_items_csv_has_one_value_a_row(client, public_lot):
    response = client.get(reverse("traceability:lot-data-items-csv", kwargs={"code": public_lot.short_code}))
    assert response["Content-Type"] == "text/csv"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "number,item,field,value"
    assert "1,product_name,,Vải thiều Lục Ngạn thử" in lines
    assert "5,stages,[2].actor,Xưởng đóng gói Hồng Xuân" in lines


def test_lot_timeline_block_renders_only_published_lots(public_lot, hidden_lots):
    from traceability.blocks import LotTimelineBlock

    block = LotTimelineBlock()
    shown = block.render(block.to_python({"short_code": public_lot.short_code, "heading": ""}))
    hidden = block.render(
        block.to_python({"short_code": hidden_lots["unpublished"].short_code, "heading": ""})
    )
    assert "Thu hoạch vải chín" in shown
    assert public_lot.get_absolute_url() in shown
    assert hidden.strip() == ""


def test_data_items_csv_writes_formula_like_text_as_text(client, public_lot):
    product = public_lot.product
    product.title = '=HYPERLINK("http://evil.example","Bấm")'
    product.save()

    response = client.get(reverse("traceability:lot-data-items-csv", kwargs={"code": public_lot.short_code}))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["1", "product_name", "", '\'=HYPERLINK("http://evil.example","Bấm")'] in rows
    assert not any(cell.startswith("=") for row in rows for cell in row)


# --- HEAD and Link, as GS1 Digital Link resolvers answer ----------------------------------


def _trace_urls(lot):
    return [lot.get_absolute_url(), f"/t/{lot.short_code}"]


@pytest.mark.parametrize("which", [0, 1], ids=["digital-link", "short-link"])
def test_head_on_a_trace_page_answers_what_get_answers_without_a_body(client, public_lot, which):
    url = _trace_urls(public_lot)[which]

    get = client.get(url)
    head = client.head(url)

    assert head.status_code == get.status_code == 200
    assert head["Content-Type"] == get["Content-Type"] == "text/html; charset=utf-8"
    assert head["Content-Length"] == get["Content-Length"] == str(len(get.content))
    assert head["Link"] == get["Link"]
    assert head.content == b""


def test_head_on_a_short_gtin_link_redirects_like_get(client, public_lot):
    response = client.head(f"/01/{GTIN_13}/10/LN-2025-07")

    assert response.status_code == 301
    assert response["Location"] == f"/01/{GTIN_13.zfill(14)}/10/LN-2025-07"


def test_head_on_an_unknown_code_is_not_found(client, public_lot):
    response = client.head("/t/zzzzzzzz")

    assert response.status_code == 404
    assert response.content == b""


def test_trace_page_links_its_canonical_address_product_page_and_epcis_events(client, public_lot):
    product_page = f"http://localhost:8000{public_lot.product.get_absolute_url()}"

    response = client.get(f"/t/{public_lot.short_code}")

    links = response["Link"].split(", ")
    assert links == [
        f'<http://localhost:8000/01/{GTIN_13.zfill(14)}/10/LN-2025-07>; rel="canonical"; type="text/html"',
        f'<{product_page}>; rel="https://gs1.org/voc/pip"; type="text/html"',
        f'<http://localhost:8000/t/{public_lot.short_code}/epcis.jsonld>; rel="https://gs1.org/voc/epcis";'
        ' type="application/ld+json"',
    ]


def test_english_trace_page_links_the_english_product_page(client, public_lot):
    product_page = f"http://localhost:8000/en{public_lot.product.get_absolute_url()}"

    response = client.get(f"/en/t/{public_lot.short_code}")

    assert f'<{product_page}>; rel="https://gs1.org/voc/pip"; type="text/html"' in response["Link"]
