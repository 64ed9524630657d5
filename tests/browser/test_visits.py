"""A visit in a real browser: a family finds the Bản Ven tour's dates on its product page,
books four places, chooses to pay in cash on the day on the order's pay page, opens its voucher
(QR code and typed code), and the producer checks it in by typing the code at the meeting
point; a second check-in of the same voucher is refused, saying when the first was."""

import pytest
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from tests.browser.pages import log_in, shot, vi
from tests.visits.factories import TourismProductFactory, VisitSessionFactory
from visits import selectors
from visits.models import BookingStatus, VisitBooking

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_family_books_four_places_pays_and_is_checked_in_by_its_code(
    page, live_server, chromium, producer_user
):
    from playwright.sync_api import expect

    product = TourismProductFactory(title="Du lịch sinh thái, văn hóa bản Ven")
    producer = product.stockrecords.get().partner
    producer_user(producer, "htx-than-truong@ocop.example")  # password "pw"
    session = VisitSessionFactory(product=product, capacity=6)

    # The family finds the date on the product page and books four places.
    family = chromium.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    family.goto(product.get_absolute_url())
    expect(family.locator(".visit-sessions")).to_contain_text(selectors.moment_text(session.starts_at))
    family.locator(".visit-session a.btn").first.click()
    family.locator("input[name=full_name]").fill("Gia đình anh Bình")
    family.locator("input[name=phone]").fill("0912 345 678")
    family.locator("input[name=guests]").fill("4")
    shot(family, "visits-1-booking")
    family.locator(".visit-form button[type=submit]").click()
    expect(family.locator(".voucher__code")).to_be_visible()
    booking = VisitBooking.objects.get()
    assert booking.guests == 4 and selectors.places_left(session) == 2
    voucher_url = family.url

    # It chooses cash on the day on the order's pay page, then opens its voucher again.
    family.get_by_role("link", name=vi(pgettext_lazy("visits", "Pay"))).click()
    family.locator("input[name=method][value=cod]").check()
    family.locator("form.payment-methods button[type=submit]").click()
    booking.order.refresh_from_db()
    assert booking.order.payment_method == "cod"
    family.goto(voucher_url)
    expect(family.locator(".voucher__qr svg")).to_be_visible()
    expect(family.locator(".voucher__code")).to_have_text(booking.code_display)
    shot(family, "visits-2-voucher")

    # At the meeting point the producer types the code.
    log_in(page, "htx-than-truong@ocop.example", "pw")
    page.goto("/shop/dashboard/visits/")
    page.locator("input[name=code]").fill(booking.code.lower())
    page.locator("input[name=code]").press("Enter")
    expect(page.locator(".visits-check-in")).to_contain_text("Gia đình anh Bình")
    page.locator(".visits-check-in button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    shot(page, "visits-3-checked-in")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN
    first = booking.checked_in_at

    # The same code again: refused, saying when.
    page.goto("/shop/dashboard/visits/")
    page.locator("input[name=code]").fill(booking.code_display)
    page.locator("input[name=code]").press("Enter")
    expect(page.locator(".visits-check-in button[type=submit]")).to_have_count(0)
    when = timezone.localtime(first, selectors.VIETNAM).strftime("%H:%M")
    expect(page.locator(".visits-check-in")).to_contain_text(when)
    booking.refresh_from_db()
    assert booking.checked_in_at == first
