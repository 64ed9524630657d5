"""The figures page and its CSV files, as a producer, staff and strangers see them."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.clock import vietnam_today
from sales.selectors import sales_period
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
URLS = (
    "sales-dashboard:figures",
    "sales-dashboard:figures-months-csv",
    "sales-dashboard:figures-products-csv",
)


def heading(page):
    return re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)


def page_of(response):
    assert response.status_code == 200
    return response.content.decode()


def test_a_producer_sees_its_own_figures_as_a_chart_and_tables(client, sales):
    client.force_login(sales["a_user"])
    page = page_of(client.get(reverse("sales-dashboard:figures")))
    assert "HTX Vải" in heading(page)
    assert f"570.000{NBSP}₫" in page and f"510.000{NBSP}₫" in page and f"60.000{NBSP}₫" in page
    assert "Vải thiều thử" in page and f"450.000{NBSP}₫" in page and "Vải sấy thử" in page
    chart = re.search(r"<svg .*?</svg>", page, re.S).group()
    assert 'role="img"' in chart
    assert chart.count('class="bar"') == 12
    assert f">800.000{NBSP}₫</text>" in chart
    assert vietnam_today().strftime("%m/%Y") in chart
    # The table gives the same months.
    table = re.search(
        r'<table class="table table-striped table-sm sales-months">.*?</table>', page, re.S
    ).group()
    assert table.count("<tr>") == 14  # head, 12 months, total


def test_another_producers_sales_never_show(client, sales):
    client.force_login(sales["a_user"])
    page = page_of(client.get(reverse("sales-dashboard:figures")))
    for marker in ("HTX Mật ong", "Mật ong thử", "270.000", sales["b_only"].number, "b-only@example.com"):
        assert marker not in page


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("producer", ["other", "missing", "not-a-number"])
def test_a_producer_cannot_open_anothers_figures(client, sales, name, producer):
    client.force_login(sales["a_user"])
    value = {"other": sales["b"].pk, "missing": 999999, "not-a-number": "abc"}[producer]
    assert client.get(reverse(name), {"producer": value}).status_code == 404


def test_a_producer_with_two_producers_starts_on_the_first_and_may_choose(client, sales):
    second = ProducerFactory(name="HTX Xoài")
    second.users.add(sales["a_user"])
    client.force_login(sales["a_user"])
    page = page_of(client.get(reverse("sales-dashboard:figures")))
    assert "HTX Vải" in heading(page)
    assert f'<option value="{second.pk}">HTX Xoài</option>' in page
    assert f"570.000{NBSP}₫" in page

    page = page_of(client.get(reverse("sales-dashboard:figures"), {"producer": second.pk}))
    assert "HTX Xoài" in heading(page)
    assert f'<option value="{second.pk}" selected>HTX Xoài</option>' in page
    assert "Vải thiều thử" not in page and f"570.000{NBSP}₫" not in page
    assert f"months.csv?producer={second.pk}" in page


def test_staff_may_open_any_producers_figures(client, sales, django_user_model):
    staff = django_user_model.objects.create_user("staff", "staff@example.com", "pw", is_staff=True)
    client.force_login(staff)
    page = page_of(client.get(reverse("sales-dashboard:figures"), {"producer": sales["b"].pk}))
    assert "HTX Mật ong" in heading(page)
    assert "Mật ong thử" in page and f"330.000{NBSP}₫" in page  # 270.000 + 60.000
    assert "Vải thiều thử" not in page
    assert (
        client.get(reverse("sales-dashboard:figures-products-csv"), {"producer": sales["b"].pk}).status_code
        == 200
    )


@pytest.mark.parametrize("name", URLS)
def test_people_who_are_not_producers_are_sent_to_the_login_page(client, sales, django_user_model, name):
    login = reverse("dashboard:login")
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(login)

    client.force_login(django_user_model.objects.create_user("buyer", "buyer@example.com", "pw"))
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(login)

    # A producer's former team member: the permission, but no producer any more.
    sales["a"].users.remove(sales["a_user"])
    client.force_login(sales["a_user"])
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(login)


def test_the_monthly_csv_holds_every_month_in_whole_dong(client, sales):
    client.force_login(sales["a_user"])
    with translation.override("en"):
        response = client.get(reverse("sales-dashboard:figures-months-csv"))
    months = sales_period(months=12, today=vietnam_today()).months
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{sales["a"].code}-sales-by-month-{months[-1]:%Y-%m}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    expected = (
        "Month,Orders,Goods (VND),Delivery fees (VND),Revenue (VND)\r\n"
        + "".join(f"{month:%Y-%m},0,0,0,0\r\n" for month in months[:-1])
        + f"{months[-1]:%Y-%m},2,510000,60000,570000\r\n"
    )
    assert response.content.decode("utf-8-sig") == expected


def test_the_top_products_csv_keeps_vietnamese_titles(client, sales):
    client.force_login(sales["a_user"])
    with translation.override("en"):
        response = client.get(reverse("sales-dashboard:figures-products-csv"))
    assert (
        response.content
        == ("\ufeffProduct,Units,Revenue (VND)\r\nVải thiều thử,3,450000\r\nVải sấy thử,1,60000\r\n").encode()
    )
    # In Vietnamese (the default) too, the file starts with the byte order mark Excel needs.
    vietnamese = client.get(reverse("sales-dashboard:figures-products-csv"))
    assert vietnamese.content.startswith(b"\xef\xbb\xbf")
    assert "Vải thiều thử,3,450000\r\n" in vietnamese.content.decode("utf-8-sig")
