"""A producer's description full of script, in a real browser: staff review it, approve it and
open the product page, and no script of the producer's runs (a dialog opening fails the test)."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.browser.pages import shot, vi
from tests.browser.test_moderation import log_in
from tests.dashboard.test_moderation import edit_page, filled

pytestmark = pytest.mark.browser

Product = get_model("catalogue", "Product")

SCRIPT = (
    "<p>Vải thiều chín cây.</p><script>alert('script')</script><img src=x onerror=\"alert('img')\">"
    "<svg onload=\"alert('svg')\"></svg><a href=\"javascript:alert('link')\">xem thêm</a>"
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_open_a_producers_script_and_nothing_runs(
    page, live_server, products, producer_user, django_user_model
):
    from playwright.sync_api import expect

    lychee, honey = products
    producer = lychee.stockrecords.get().partner
    producer_client = Client()
    producer_client.force_login(producer_user(producer, "xa-vien@htx-vai.example"))
    data = filled(edit_page(producer_client, lychee))
    data["description"] = SCRIPT
    producer_client.post(reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk}), data)
    # A row written before descriptions were cleaned on save: the page must clean it too.
    Product.objects.filter(pk=honey.pk).update(description=SCRIPT)
    django_user_model.objects.create_superuser("office", "office@ocop.example", "mat-khau-2")

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, "office@ocop.example", "mat-khau-2")
    page.goto("/shop/dashboard/catalogue/moderation/")
    page.get_by_role("link", name=re.compile("Vải thiều thử")).first.click()
    page.get_by_role("button", name=re.compile(vi("Approve"))).click()
    expect(page.locator(".alert-success")).to_be_visible()

    lychee.refresh_from_db()
    assert "Vải thiều chín cây." in lychee.description and "alert" not in lychee.description
    for product in (lychee, honey):
        page.goto(product.get_absolute_url())
        page.wait_for_load_state("load")
        assert dialogs == [], f"a producer's script ran on {product.get_absolute_url()}: {dialogs}"
        description = page.locator(".product-description")
        expect(description.locator("p")).to_have_text("Vải thiều chín cây.")
        assert description.locator("script, svg, [onerror], [onload], a[href^='javascript']").count() == 0
        assert page.locator("[onerror], [onload], a[href^='javascript']").count() == 0
    shot(page, "stored-script-product-page")
    assert dialogs == []
