"""A booth at a trade fair, in a real browser: a producer applies with a product at a fair
price, the OCOP office approves it with a booth number, and the fair page shows the exhibitor."""

import datetime
from decimal import Decimal

import pytest

from cms.models import HomePage
from core.clock import vietnam_today
from fairs.models import ApplicationStatus, BoothApplication, BoothType, FairIndexPage, FairPage
from tests.browser.pages import log_in, shot, squash, vi, vnd

pytestmark = pytest.mark.browser


def published_fair():
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    index = home.add_child(instance=FairIndexPage(title="Hội chợ và triển lãm", slug="hoi-cho"))
    index.save_revision().publish()
    starts_on = vietnam_today() + datetime.timedelta(days=21)
    fair = FairPage(
        title="Hội chợ OCOP Bắc Giang 2026",
        slug="hoi-cho-ocop-bac-giang-2026",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=3),
        application_deadline=starts_on - datetime.timedelta(days=7),
        venue_name="Quảng trường 3/2",
        venue_address="Đường Hùng Vương, phường Bắc Giang",
        organiser="Sở Công Thương tỉnh Bắc Ninh",
        intro="Hơn 100 gian hàng sản phẩm OCOP.",
    )
    fair.booth_types = [BoothType(name="Gian tiêu chuẩn 3 × 3 m", capacity=20, fee=Decimal("2500000"))]
    index.add_child(instance=fair)
    fair.save_revision().publish()
    return fair


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_producer_applies_for_a_booth_and_the_office_approves_it(
    page, live_server, chromium, products, producer_user, django_user_model
):
    from playwright.sync_api import expect

    lychee = products[0]
    record = lychee.stockrecords.get()
    producer = record.partner
    producer_user(producer, "xa-vien@htx-vai.example")  # password "pw"
    django_user_model.objects.create_superuser("office", "office@ocop.example", "mat-khau-2")
    fair = published_fair()

    log_in(page, "xa-vien@htx-vai.example", "pw")
    page.goto("/shop/dashboard/fairs/")
    expect(page.locator(".open-fairs")).to_contain_text(fair.title)
    shot(page, "fairs-1-open-fairs")
    page.get_by_role("link", name=vi("Apply for a booth")).click()
    page.locator("input[name=booth_type]").first.check()
    page.get_by_role("checkbox", name=lychee.title).check()
    page.locator(f"input[name=fair_price_{record.pk}]").fill("120000")
    page.locator("textarea[name=message]").fill("Chúng tôi mang vải thiều sấy và tươi.")
    shot(page, "fairs-2-apply")
    page.get_by_role("button", name=vi("Send the application")).click()
    expect(page.locator(".alert-success")).to_be_visible()
    shot(page, "fairs-3-applied")
    application = BoothApplication.objects.get()
    assert (application.producer, application.status) == (producer, ApplicationStatus.PENDING)
    assert list(application.listings.values_list("stockrecord", "fair_price")) == [
        (record.pk, Decimal("120000"))
    ]

    office = chromium.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    log_in(office, "office@ocop.example", "mat-khau-2")
    office.goto("/shop/dashboard/fairs/office/")
    office.get_by_role("link", name=fair.title).click()
    office.get_by_role("link", name=producer.name).click()
    office.get_by_label(vi("Approve")).check()
    office.locator("input[name=booth_number]").fill("A-12")
    shot(office, "fairs-4-decide")
    office.get_by_role("button", name=vi("Save the decision")).click()
    expect(office.locator(".alert-success")).to_be_visible()

    application.refresh_from_db()
    assert (application.status, application.booth_number) == (ApplicationStatus.APPROVED, "A-12")
    page.goto(fair.url)
    exhibitors = page.locator(".fair__exhibitors")
    expect(exhibitors).to_contain_text(producer.name)
    expect(exhibitors).to_contain_text("A-12")
    text = squash(exhibitors.inner_text())
    assert lychee.title in text and vnd(150000) in text and vnd(120000) in text
    shot(page, "fairs-5-exhibitors")
