"""Pre-ordering lychees out of season in a real browser: a guest reserves from the product
page, the producer records the harvest's lot (published) and turns the reservations into
orders from its book, and the buyer opens the pay link of their reservation and chooses cash
on delivery."""

import datetime
import re

import pytest
from django.core import mail
from oscar.core.loading import get_model

from core.clock import vietnam_today
from core.vietnamese import fold
from order.models import PaymentMethod
from preorders import services
from preorders.models import Reservation, ReservationStatus
from tests.browser.pages import log_in, shot, vi
from tests.catalog.factories import ProductFactory
from tests.preorders.factories import lychee_season
from tests.traceability.factories import LotFactory

pytestmark = pytest.mark.browser

Order = get_model("order", "Order")


def out_of_season_lychee():
    """A lychee whose every-year season is not today's: the window starts 60 days ahead."""
    product = ProductFactory(
        title="Vải thiều Lục Ngạn thử", stockrecords__price=120000, stockrecords__num_in_stock=100
    )
    starts = vietnam_today() + datetime.timedelta(days=60)
    ends = starts + datetime.timedelta(days=30)
    lychee_season(product)
    product.harvest_windows.update(
        start_month=starts.month,
        start_day=min(starts.day, 28),
        end_month=ends.month,
        end_day=min(ends.day, 28),
        crosses_new_year=ends.month < starts.month,
    )
    return product


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_guest_reserves_lychees_the_producer_converts_and_the_buyer_pays(
    page, live_server, chromium, commune, producer_user, settings
):
    from playwright.sync_api import expect

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    lychee = out_of_season_lychee()
    producer = lychee.stockrecords.get().partner
    producer_user(producer, "xa-vien@htx-vai.example")  # password "pw"
    book = services.book_open(product=lychee, producer=producer, capacity=300)

    # The product page, out of season, offers the next harvest.
    page.goto(lychee.get_absolute_url())
    offer = page.locator(".preorder-offer")
    expect(offer).to_contain_text(vi("Reserve from the next harvest"))
    expect(offer).to_contain_text("Còn 300 để đặt trước")
    shot(page, "preorders-1-offer")
    offer.get_by_role("link", name=vi("Reserve now")).click()

    # Phone first, the address as at the checkout.
    expect(page).to_have_url(re.compile(rf"/dat-truoc/{book.pk}/$"))
    page.get_by_label(vi("Quantity")).fill("4")
    page.get_by_label(vi("Phone number")).fill("0912 345 678")
    page.get_by_label(vi("Full name")).fill("Nguyễn Thị Hoa")
    page.get_by_label(vi("E-mail (optional)")).fill("hoa@example.com")
    page.get_by_label(vi("Province or city")).select_option(str(commune.province_id))
    communes = page.locator("select[name=commune]")
    expect(communes.locator(f'option[value="{commune.pk}"]')).to_have_text(commune.full_name)
    box = page.get_by_role("combobox", name=vi("Commune or ward"))
    box.fill(fold(commune.name).lower())
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_text([commune.full_name])
    box.press("ArrowDown")
    box.press("Enter")
    page.get_by_label(vi("House number, street, hamlet")).fill("Số 12, thôn Kép")
    shot(page, "preorders-2-form")
    page.get_by_role("button", name=vi("Reserve"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/dat-truoc/phieu/[\w-]+/$"))
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi nhận đơn đặt trước của bạn")
    reservation_url = page.url
    reservation = Reservation.objects.get()
    assert (reservation.quantity, reservation.status) == (4, ReservationStatus.WAITING)
    shot(page, "preorders-3-reserved")

    # The harvest comes early: the producer's lot is recorded and published, then the book's
    # waiting reservations become orders.
    lot = LotFactory(product=lychee, is_published=True, code="VAI-SOM-01")
    context = chromium.new_context(base_url=live_server.url, locale="vi-VN")
    producer_page = context.new_page()
    log_in(producer_page, "xa-vien@htx-vai.example", "pw")
    producer_page.goto("/shop/dashboard/preorders/")
    producer_page.get_by_role("link", name=lychee.title).click()
    expect(producer_page.locator(".reservations")).to_contain_text("Nguyễn Thị Hoa")
    producer_page.get_by_label(re.compile("VAI-SOM-01")).check()
    producer_page.get_by_role("button", name=re.compile("Chuyển 1 đơn đặt trước")).click()
    expect(producer_page.locator(".alert-success")).to_contain_text("1 đơn đã tạo")
    shot(producer_page, "preorders-4-converted")
    context.close()

    order = Order.objects.get()
    assert order.lines.get().lot == lot
    assert any(order.get_pay_url() in message.body for message in mail.outbox)

    # The buyer's reservation page now carries the pay link.
    page.goto(reservation_url)
    expect(page.locator(".alert-success")).to_contain_text(vi("Your reservation is now an order."))
    page.get_by_role("link", name=vi("Pay for the order")).click()
    expect(page).to_have_url(re.compile(r"/pay/"))
    page.locator("input[name=method][value=cod]").check()
    shot(page, "preorders-5-pay")
    page.get_by_role("button", name=vi("Confirm how I pay")).click()
    page.wait_for_load_state()
    order.refresh_from_db()
    assert order.payment_method == PaymentMethod.COD
