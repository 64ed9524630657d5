"""The staff page of programme figures: charts drawn by the site, tables, CSV files, access."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.programme.conftest import vietnam

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_the_day(time_machine):
    time_machine.move_to(vietnam(2026, 3, 15, 10), tick=False)


def test_staff_see_the_charts_and_tables(client, office, programme, on_the_day):
    client.force_login(office)

    response = client.get(reverse("programme-dashboard:figures"))

    assert response.status_code == 200
    text = response.text
    assert text.count("<svg") == 11  # every section but the expiring list and inquiries by fair
    assert 'id="chart-stars-title"' in text
    assert 'id="chart-targets-title"' in text
    assert "SAP-HET-HAN" in text
    assert reverse("catalog-dashboard:certificate-list") + "?state=expiring" in text
    assert "Hội chợ OCOP tháng Hai" in text
    assert "270.000" in text
    assert "Kế hoạch 495/KH-UBND" in text
    assert reverse("programme-dashboard:csv", kwargs={"table": "sales-by-group"}) in text


def test_the_page_reads_in_english(client, office, programme, on_the_day):
    client.force_login(office)
    with translation.override("en"):
        url = reverse("programme-dashboard:figures")

    response = client.get(url)

    assert response.status_code == 200
    assert "OCOP products in force at the end of each year, by stars" in response.text


def test_the_stars_table_as_csv(client, office, programme, on_the_day):
    client.force_login(office)
    with translation.override("en"):
        url = reverse("programme-dashboard:csv", kwargs={"table": "stars"})

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ocop-stars-2026-03-15.csv"' in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").splitlines() == [
        "Year,3★,4★,5★,Total in the shop's register,Total reported by the province,Counted on",
        "2023,2,0,0,2,253,2023-12-31",
        "2024,3,1,0,4,290,2024-12-31",
        "2025,1,2,1,4,,2025-12-31",
        "2026,1,2,1,4,,2026-03-15",
    ]


def test_the_sales_table_as_csv_in_whole_dong(client, office, programme, on_the_day):
    client.force_login(office)
    with translation.override("en"):
        url = reverse("programme-dashboard:csv", kwargs={"table": "sales-by-group"})

    lines = client.get(url).content.decode("utf-8-sig").splitlines()

    assert lines == [
        "Product group,Orders,Units,Revenue (VND)",
        "Thực phẩm,2,4,270000",
        "Đồ uống,1,1,200000",
        "Total,,5,470000",
    ]


def test_an_unknown_table_is_not_found(client, office):
    client.force_login(office)

    assert client.get(reverse("programme-dashboard:csv", kwargs={"table": "salaries"})).status_code == 404


def test_producers_are_sent_to_the_login(client, producer_user, programme):
    client.force_login(producer_user(programme["a"], "a@htx.example"))

    for url in (
        reverse("programme-dashboard:figures"),
        reverse("programme-dashboard:csv", kwargs={"table": "stars"}),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]
