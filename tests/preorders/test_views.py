"""The buyer's pages: the product page's offer, the reserve form (phone first, kept as typed
when refused), the reservation's page by its token and its cancel button, the rate limit."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.clock import vietnam_today
from preorders import services
from preorders.models import Reservation, ReservationStatus
from preorders.views import RATE_LIMIT
from seasons.selectors import season_on
from tests.catalog.factories import ProductFactory
from tests.preorders.factories import PreorderBookFactory, ReservationFactory, lychee_season
from tests.traceability.factories import LotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def book():
    product = ProductFactory(title="Vải thiều thử", stockrecords__price=120000)
    lychee_season(product)
    # Out of season whatever day the tests run: the next season is a year or more away.
    today = datetime.date.today()
    return PreorderBookFactory(
        product=product,
        starts_on=datetime.date(today.year + 1, 6, 1)
        if today.month >= 6
        else datetime.date(today.year, 6, 1),
        ends_on=datetime.date(today.year + 1, 7, 15)
        if today.month >= 6
        else datetime.date(today.year, 7, 15),
        capacity=10,
    )


def typed(commune, **extra):
    return {
        "quantity": "3",
        "phone": "0912 345 678",
        "name": "Nguyễn Thị Hoa",
        "email": "hoa@example.com",
        "province": commune.province_id,
        "commune": commune.pk,
        "line1": "Số 12, thôn Kép",
        **extra,
    }


def reserve_url(book, language="vi"):
    with translation.override(language):
        return reverse("preorders:reserve", kwargs={"book_pk": book.pk})


def test_the_product_page_offers_the_next_season_out_of_season(client, book):
    page = client.get(book.product.get_absolute_url()).content.decode()
    assert "Đặt trước vụ tới" in page
    assert "Còn 10 để đặt trước" in page
    assert reserve_url(book) in page


def test_the_product_page_offers_nothing_when_the_book_is_closed_or_full(client, book, commune):
    book.is_open = False
    book.save()
    assert "Đặt trước vụ tới" not in client.get(book.product.get_absolute_url()).content.decode()


def test_a_guest_reserves_and_sees_the_reservation(client, book, commune):
    response = client.post(reserve_url(book), typed(commune))

    reservation = Reservation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/dat-truoc/phieu/{reservation.token}/"
    assert (reservation.quantity, reservation.user, reservation.language) == (3, None, "vi")
    assert reservation.commune == commune
    page = client.get(response["Location"]).content.decode()
    assert "Đã ghi nhận đơn đặt trước của bạn" in page
    assert "Hủy đặt trước" in page


def test_a_reservation_in_english_is_kept_in_english(client, book, commune):
    response = client.post(reserve_url(book, "en"), typed(commune))
    assert response["Location"].startswith("/en/dat-truoc/phieu/")
    assert Reservation.objects.get().language == "en"


def test_a_signed_in_buyer_reserves_on_their_account(client, book, commune, django_user_model):
    buyer = django_user_model.objects.create_user("hoa", "hoa@example.com", "x", first_name="Hoa")
    client.force_login(buyer)
    assert 'value="hoa@example.com"' in client.get(reserve_url(book)).content.decode()
    client.post(reserve_url(book), typed(commune))
    assert Reservation.objects.get().user == buyer


def test_a_reservation_over_capacity_comes_back_as_typed_with_the_reason(client, book, commune):
    response = client.post(reserve_url(book), typed(commune, quantity="11", name="Trần Văn Bình"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Vụ này chỉ còn 10 để đặt trước: bạn đặt 11. Chưa lưu gì." in page
    assert 'value="Trần Văn Bình"' in page and 'value="11"' in page
    assert not Reservation.objects.exists()


@pytest.mark.parametrize("quantity", ["0", "-2", "hai"])
def test_a_quantity_that_is_not_a_positive_number_is_refused(client, book, commune, quantity):
    response = client.post(reserve_url(book), typed(commune, quantity=quantity))
    assert response.status_code == 400
    assert not Reservation.objects.exists()


def test_a_bad_phone_number_is_refused(client, book, commune):
    response = client.post(reserve_url(book), typed(commune, phone="12345"))
    assert response.status_code == 400
    assert "phone" in response.context["form"].errors
    assert not Reservation.objects.exists()


def test_choosing_the_province_without_javascript_keeps_what_was_typed(client, book, commune):
    response = client.post(reserve_url(book), {**typed(commune), "action": "choose-province", "commune": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Nguyễn Thị Hoa"' in page
    assert "is-invalid" not in page
    assert not Reservation.objects.exists()


def test_the_buyer_cancels_a_waiting_reservation_once(client, book, commune):
    location = client.post(reserve_url(book), typed(commune))["Location"]
    token = location.rstrip("/").split("/")[-1]
    cancel = reverse("preorders:cancel", kwargs={"token": token})

    assert client.post(cancel).status_code == 302
    assert Reservation.objects.get().status == ReservationStatus.CANCELLED
    page = client.get(location).content.decode()
    assert "Đơn đặt trước này đã hủy." in page and "Hủy đặt trước</button>" not in page
    again = client.post(cancel)
    assert again.status_code == 400
    assert "không thể hủy" in again.content.decode()


def test_an_unknown_token_is_not_found(client, book):
    assert client.get(reverse("preorders:reservation", kwargs={"token": "khong-co"})).status_code == 404


def test_a_closed_book_shows_no_form_and_refuses_a_post(client, book, commune):
    services.book_set_open(book=book, is_open=False)
    page = client.get(reserve_url(book)).content.decode()
    assert "Nhà sản xuất không nhận đặt trước cho vụ này." in page and "<form action" not in page
    assert client.post(reserve_url(book), typed(commune)).status_code == 400
    assert not Reservation.objects.exists()


def test_reservations_are_limited_per_phone(client, book, commune):
    for number in range(RATE_LIMIT):
        assert client.post(reserve_url(book), typed(commune, quantity="1")).status_code == 302, number
    response = client.post(reserve_url(book), typed(commune, quantity="1"))
    assert response.status_code == 429
    assert Reservation.objects.count() == RATE_LIMIT


def test_a_private_products_book_is_not_found(client, book):
    book.product.is_public = False
    book.product.save()
    assert client.get(reserve_url(book)).status_code == 404


def test_the_page_names_no_other_reservation(client, book, commune):
    client.post(reserve_url(book), typed(commune, name="Người thứ nhất"))
    client.post(reserve_url(book), typed(commune, name="Người thứ hai", phone="0987 654 321"))
    first, second = Reservation.objects.order_by("pk")
    page = client.get(reverse("preorders:reservation", kwargs={"token": second.token})).content.decode()
    assert "Người thứ hai" in page and not re.search("Người thứ nhất", page)


def test_the_page_of_a_reservation_turned_into_an_order_links_to_its_pay_page(client, book, commune):
    client.post(reserve_url(book), typed(commune))
    services.reservations_convert(book=book, lot=LotFactory(product=book.product, is_published=True))
    reservation = Reservation.objects.get()

    page = client.get(reverse("preorders:reservation", kwargs={"token": reservation.token})).content.decode()

    assert "Đơn đặt trước của bạn đã thành đơn hàng." in page
    assert reservation.order.get_pay_url() in page
    assert "Hủy đặt trước</button>" not in page


def test_a_lapsed_reservation_says_so(client, book, commune):
    client.post(reserve_url(book), typed(commune))
    Reservation.objects.update(status=ReservationStatus.LAPSED)
    reservation = Reservation.objects.get()
    page = client.get(reverse("preorders:reservation", kwargs={"token": reservation.token})).content.decode()
    assert "Đơn hàng không được thanh toán đúng hạn: đơn đã hủy và đơn đặt trước đã hết hiệu lực." in page


def test_a_signed_in_buyer_sees_their_reservations_only(client, book, commune, django_user_model):
    client.post(reserve_url(book), typed(commune, name="Khách vãng lai"))
    buyer = django_user_model.objects.create_user("lan", "lan@example.com", "x")
    client.force_login(buyer)
    client.post(reserve_url(book), typed(commune, quantity="2", phone="0987 654 321"))
    mine = reverse("preorders:mine")

    page = client.get(mine).content.decode()

    [own] = Reservation.objects.filter(user=buyer)
    assert reverse("preorders:reservation", kwargs={"token": own.token}) in page
    assert page.count("/dat-truoc/phieu/") == 1
    assert mine in client.get(reverse("preorders:reservation", kwargs={"token": own.token})).content.decode()
    client.logout()
    assert client.get(mine).status_code == 302


def test_in_season_the_harvest_waits_for_the_pre_order_buyers(client, commune):
    today = vietnam_today()
    starts, ends = today - datetime.timedelta(days=3), today + datetime.timedelta(days=20)
    product = ProductFactory(title="Vải thiều đang vụ")
    product.harvest_windows.create(
        kind="main",
        start_month=starts.month,
        start_day=starts.day,
        end_month=ends.month,
        end_day=ends.day,
        crosses_new_year=(ends.month, ends.day) < (starts.month, starts.day),
    )
    span = season_on(product_id=product.pk, on=today)
    book = PreorderBookFactory(product=product, starts_on=span.starts_on, ends_on=span.ends_on)
    reservation = ReservationFactory(book=book, commune=commune)

    page = client.get(product.get_absolute_url()).content.decode()
    assert "Đang giao hàng cho khách đặt trước" in page
    assert "Đặt trước vụ tới" not in page

    reservation.status = ReservationStatus.ORDERED
    reservation.save()
    assert "Đang giao hàng cho khách đặt trước" not in client.get(product.get_absolute_url()).content.decode()
