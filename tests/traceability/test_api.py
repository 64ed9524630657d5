import pytest

from tests.traceability.conftest import GTIN_13

pytestmark = pytest.mark.django_db


def test_trace_by_short_code(client, public_lot):
    response = client.get(f"/api/trace/{public_lot.short_code}")
    assert response.status_code == 200
    data = response.json()
    assert data["url"] == f"http://localhost:8000/01/{GTIN_13.zfill(14)}/10/LN-2025-07"
    assert data["product"]["name"] == "Vải thiều Lục Ngạn thử"
    assert data["product"]["gtin"] == GTIN_13.zfill(14)
    assert data["ocop_certificate"]["stars"] == 5
    assert data["ocop_certificate"]["decision_number"] == "123/QĐ-UBND"
    assert data["producer"]["phone"] == "+84912345678"
    assert data["origin"]["growing_area_code"] == "VN-BG-LN-0042"
    assert data["lot"]["code"] == "LN-2025-07"
    assert [c["number"] for c in data["certifications"]] == ["VG-0099"]
    assert [i["result"] for i in data["inspections"]] == ["passed"]
    assert [e["business_step"] for e in data["timeline"]] == [
        "commissioning",
        "packing",
        "creating_class_instance",
    ]
    assert data["timeline"][0]["time"].endswith("+07:00")
    assert data["applied_standards"] == ["TCVN 12827:2019", "VietGAP"]


def test_trace_by_digital_link_accepts_short_gtins(client, public_lot):
    for gtin in (GTIN_13, GTIN_13.zfill(14)):
        response = client.get(f"/api/trace/01/{gtin}/10/LN-2025-07")
        assert response.status_code == 200, gtin
        assert response.json()["lot"]["short_code"] == public_lot.short_code


def test_unknown_and_unpublished_lots_are_404_json(client, hidden_lots):
    for url in (
        "/api/trace/zzzzzzzz",
        f"/api/trace/{hidden_lots['unpublished'].short_code}",
        f"/api/trace/{hidden_lots['of_hidden_product'].short_code}",
        f"/api/trace/01/{GTIN_13}/10/BI-MAT-01",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "No published lot has this trace code."}


def test_openapi_schema_lists_the_trace_paths(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/trace/{short_code}" in paths
    assert "/api/trace/01/{gtin}/10/{lot}" in paths
    assert client.get("/api/docs").status_code == 200
