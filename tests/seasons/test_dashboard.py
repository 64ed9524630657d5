"""Producers edit their products' harvest windows in the back office (issue 19, item 2): their
own products only, staff all; the model's refusals in Vietnamese with what was typed kept;
changes apply at once and reindex the product."""

import datetime

import pytest
from django.urls import reverse

from seasons.models import HarvestKind, HarvestWindow
from tests.catalog.factories import ProductFactory
from tests.partner.factories import ProducerFactory
from tests.seasons.factories import HarvestWindowFactory
from tests.traceability.factories import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def lychee(db):
    return ProductFactory(
        title="Vải thiều quầy thử", stockrecords__partner=ProducerFactory(name="HTX Vải Quầy")
    )


@pytest.fixture
def grower(client, lychee, producer_user):
    client.force_login(producer_user(lychee.stockrecords.get().partner, "vai@example.com"))
    return client


def windows_url(product):
    return reverse("seasons-dashboard:product-windows", kwargs={"pk": product.pk})


def early(**fields):
    data = {
        "kind": "early",
        "start_day": "20",
        "start_month": "5",
        "end_day": "10",
        "end_month": "6",
        "year": "",
        "note": "Vải lai chín sớm",
    }
    data.update(fields)
    return data


def test_a_producer_adds_a_window_that_applies_at_once_and_reindexes(grower, lychee, monkeypatch, committed):
    reindexed = []
    monkeypatch.setattr("search.signals.products_reindex_on_commit", lambda ids: reindexed.extend(ids))
    with committed():
        response = grower.post(windows_url(lychee), early())
    assert response.status_code == 302
    window = HarvestWindow.objects.get(product=lychee)
    assert (
        window.kind,
        window.start_month,
        window.start_day,
        window.end_month,
        window.end_day,
        window.year,
    ) == (HarvestKind.EARLY, 5, 20, 6, 10, None)
    assert lychee.pk in reindexed
    with clock(datetime.date(2026, 12, 7)):
        page = grower.get(windows_url(lychee)).content.decode()
    assert "Vụ sớm" in page and "20/05" in page and "10/06" in page
    assert "Đang hết mùa: vụ tới bắt đầu từ 20/05/2027." in page


def test_a_window_ending_before_it_starts_is_refused_in_vietnamese_and_the_form_keeps_what_was_typed(
    grower, lychee
):
    response = grower.post(windows_url(lychee), early(end_month="4", end_day="30", note="Ghi chú đã gõ"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ngày kết thúc vụ thu hoạch đứng trước ngày bắt đầu" in html
    assert 'value="Ghi chú đã gõ"' in html and 'value="20"' in html
    assert not HarvestWindow.objects.exists()


def test_a_day_the_month_lacks_and_a_second_every_year_window_of_a_crop_are_refused(grower, lychee):
    html = grower.post(windows_url(lychee), early(end_month="6", end_day="31")).content.decode()
    assert "Tháng này không có ngày đó." in html
    HarvestWindowFactory(
        product=lychee, kind=HarvestKind.EARLY, start_month=5, start_day=15, end_month=6, end_day=1
    )
    response = grower.post(windows_url(lychee), early())
    assert response.status_code == 400
    assert "đã có mùa vụ hằng năm cho vụ này" in response.content.decode()
    assert HarvestWindow.objects.count() == 1


def test_a_year_window_is_added_beside_the_every_year_one_and_edited_and_deleted(grower, lychee):
    every_year = HarvestWindowFactory(product=lychee)
    assert (
        grower.post(
            windows_url(lychee),
            early(kind="main", year="2027", start_day="5", start_month="6", end_day="25", end_month="7"),
        ).status_code
        == 302
    )
    year_window = HarvestWindow.objects.get(product=lychee, year=2027)
    edit = reverse("seasons-dashboard:window-update", kwargs={"pk": year_window.pk})
    form = grower.get(edit).content.decode()
    assert 'value="2027"' in form
    assert (
        grower.post(
            edit, early(kind="main", year="2027", start_day="8", start_month="6", end_day="25", end_month="7")
        ).status_code
        == 302
    )
    year_window.refresh_from_db()
    assert year_window.start_day == 8
    delete = reverse("seasons-dashboard:window-delete", kwargs={"pk": year_window.pk})
    assert "Xóa" in grower.get(delete).content.decode()
    assert grower.post(delete).status_code == 302
    assert list(HarvestWindow.objects.filter(product=lychee)) == [every_year]


def test_another_producer_s_product_and_windows_are_not_found(grower, lychee):
    other = ProductFactory(stockrecords__partner=ProducerFactory())
    window = HarvestWindowFactory(product=other)
    assert grower.get(windows_url(other)).status_code == 404
    assert grower.post(windows_url(other), early()).status_code == 404
    for name in ("seasons-dashboard:window-update", "seasons-dashboard:window-delete"):
        url = reverse(name, kwargs={"pk": window.pk})
        assert grower.get(url).status_code == 404
        assert grower.post(url, early()).status_code == 404
    assert HarvestWindow.objects.filter(product=other).count() == 1


def test_staff_edit_every_product_s_windows_and_buyers_are_sent_to_log_in(client, staff_client, lychee):
    assert staff_client.post(windows_url(lychee), early()).status_code == 302
    staff_client.logout()
    response = client.get(windows_url(lychee))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_product_editor_links_to_the_windows(grower, lychee):
    html = grower.get(reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk})).content.decode()
    assert f'href="{windows_url(lychee)}"' in html
