"""A producer's new listing through moderation, in a real browser: written and kept as a draft,
sent for approval, approved by the OCOP office, then on sale."""

import re

import pytest
from oscar.core.loading import get_model

from catalog.models import ModerationStatus
from tests.browser.pages import log_in, shot, vi
from tests.catalog.factories import CategoryFactory

pytestmark = pytest.mark.browser

Product = get_model("catalogue", "Product")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_listing_is_drafted_sent_approved_and_on_sale(
    page, live_server, chromium, products, producer_user, django_user_model
):
    from playwright.sync_api import expect

    lychee = products[0]
    producer = lychee.stockrecords.get().partner
    producer_user(producer, "xa-vien@htx-vai.example")  # password "pw"
    group = CategoryFactory(name="Chè và sản phẩm từ chè")
    django_user_model.objects.create_superuser("office", "office@ocop.example", "mat-khau-2")

    log_in(page, "xa-vien@htx-vai.example", "pw")
    page.goto(f"/shop/dashboard/catalogue/products/create/{lychee.product_class.slug}/")
    page.locator("input[name=title]").fill("Chè Thanh Tân")
    page.locator("a[href='#product_category']").click()
    page.locator("select[name='productcategory_set-0-category']").select_option(str(group.pk))
    page.locator("a[href='#product_stock']").click()
    # A producer's stock is its own: no partner to choose (dashboard/catalogue/formsets.py).
    expect(page.locator("select[name='stockrecords-0-partner']")).to_have_count(0)
    page.locator("input[name='stockrecords-0-partner_sku']").fill("CHE-TT-100G")
    page.locator("input[name='stockrecords-0-price']").fill("85000")
    page.locator("input[name='stockrecords-0-num_in_stock']").fill("12")
    page.get_by_role("button", name=vi("Save as draft")).click()

    banner = page.locator("[data-moderation-status]")
    expect(banner).to_have_attribute("data-moderation-status", "draft")
    shot(page, "moderation-1-draft")
    tea = Product.objects.get(title="Chè Thanh Tân")
    assert (tea.is_public, tea.moderation_status) == (False, ModerationStatus.DRAFT)

    page.get_by_role("button", name=vi("Send for approval")).click()
    expect(page).to_have_url(re.compile(r"/shop/dashboard/catalogue/$"))
    shot(page, "moderation-2-sent")
    tea.refresh_from_db()
    assert tea.moderation_status == ModerationStatus.PENDING

    office = chromium.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    log_in(office, "office@ocop.example", "mat-khau-2")
    office.goto("/shop/dashboard/catalogue/moderation/")
    office.get_by_role("link", name=re.compile("Chè Thanh Tân")).first.click()
    expect(office.locator("body")).to_contain_text("Chè Thanh Tân")
    shot(office, "moderation-3-review")
    office.get_by_role("button", name=re.compile(vi("Approve"))).click()
    expect(office.locator(".alert-success")).to_be_visible()

    tea.refresh_from_db()
    assert (tea.is_public, tea.moderation_status) == (True, ModerationStatus.PUBLISHED)
    page.goto(tea.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Chè Thanh Tân")
    shot(page, "moderation-4-on-sale")
