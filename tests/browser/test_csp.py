"""The Content-Security-Policy in Chromium: the shop, the cash-on-delivery checkout, Oscar's
product editor and Wagtail's page editor work under the enforced policy, and the browser reports
no violation (tests/browser/conftest.py fails any browser test on one, and on a JavaScript
error)."""

import pytest
from oscar.core.loading import get_model

from tests.browser.pages import shot, vi
from tests.browser.test_checkout import add_to_basket, check_out, delivery_rate, home_page  # noqa: F401
from tests.browser.test_moderation import log_in
from tests.catalog.factories import CategoryFactory

pytestmark = pytest.mark.browser

Product = get_model("catalogue", "Product")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_browser_reports_a_refused_inline_script(page, products):
    """The check every browser test relies on: an inline script without the nonce is refused
    and reported."""
    page.goto(products[0].get_absolute_url())
    ran = page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.appendChild(script);
            return window.injected === true;
        }"""
    )
    page.wait_for_timeout(300)  # the report is an event queued after the refusal

    assert ran is False
    assert any("script-src" in text for text in page.csp_refused), page.csp_refused
    page.csp_refused.clear()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_guest_buys_cash_on_delivery_under_the_policy(page, products, commune, delivery_rate, home_page):  # noqa: F811
    from playwright.sync_api import expect

    page.goto("/")
    for product in products:
        page.goto(product.get_absolute_url())
        add_to_basket(page, expect, product.title)
    number = check_out(page, expect, commune, "cod", "csp-cod")
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    # The thank-you page's "print" link, once an inline onclick: now page-actions.js.
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.locator("[data-action=print]").click()
    assert page.evaluate("() => window.printed") is True


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_producer_edits_a_product_in_oscars_editor_under_the_policy(page, products, producer_user):
    from playwright.sync_api import expect

    lychee = products[0]
    lychee.categories.add(CategoryFactory())
    producer_user(lychee.stockrecords.get().partner, "xa-vien@htx-vai.example")  # password "pw"

    log_in(page, "xa-vien@htx-vai.example", "pw")
    page.goto(f"/shop/dashboard/catalogue/products/{lychee.pk}/")
    # Oscar's onbodyload init (nonce) started TinyMCE on the description and the tabs.
    expect(page.locator(".tox-tinymce").first).to_be_visible()
    page.locator("a[href='#product_images']").click()
    expect(page.locator("#product_images")).to_be_visible()
    page.locator("a[href='#product_stock']").click()
    page.locator("input[name='stockrecords-0-price']").fill("155000")
    shot(page, "csp-product-editor")
    page.get_by_role("button", name=vi("Save")).first.click()

    expect(page.locator(".alert-success").first).to_be_visible()
    assert lychee.stockrecords.get().price == 155000


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_edit_a_page_in_wagtail_under_the_policy(page, products, home_page, django_user_model):  # noqa: F811
    """The page editor's inline panel, chooser and date picker start from our markers
    (marketplace/js/wagtail-admin-init.js); the page is saved."""
    from playwright.sync_api import expect

    django_user_model.objects.create_superuser("office", "office@ocop.example", "mat-khau-2")
    featured_before = home_page.featured_products.count()

    log_in(page, "office@ocop.example", "mat-khau-2")
    page.goto("/cms/")
    expect(page.locator("body")).to_contain_text("Wagtail", ignore_case=True)
    page.goto(f"/cms/pages/{home_page.pk}/edit/")

    # The inline panel: "Add" puts a new form in the page, whose product chooser opens its modal.
    page.locator("#id_featured_products-ADD").click()
    choose = page.locator("#id_featured_products-FORMS [data-chooser-action-choose]:visible").last
    choose.click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    modal.get_by_role("link", name=products[1].title).first.click()
    expect(modal).to_be_hidden()
    expect(page.locator("#id_featured_products-FORMS")).to_contain_text(products[1].title)

    # The date picker of "go live", in the status side panel's schedule dialog.
    page.locator("[data-side-panel-toggle='status']").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']:visible").first.click()
    page.locator("#id_go_live_at").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    page.keyboard.press("Escape")  # the picker, then the dialog
    page.keyboard.press("Escape")
    expect(page.locator("#schedule-publishing-dialog")).to_be_hidden()
    shot(page, "csp-wagtail-editor")

    page.get_by_role("button", name=vi("Save draft")).click()
    expect(page.locator(".messages")).to_be_visible()
    home_page.refresh_from_db()
    assert home_page.get_latest_revision().as_object().featured_products.count() == featured_before + 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_api_docs_run_swagger_ui_from_our_static_files(page, live_server):
    from playwright.sync_api import expect

    outside = []
    page.on("request", lambda request: request.url.startswith(live_server.url) or outside.append(request.url))
    page.goto("/api/docs")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("OCOP")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert outside == [], f"/api/docs asked another host: {outside}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_certificate_form_fills_valid_to_from_a_static_script(page, django_user_model):
    """Its script was inline; now catalog/js/certificate-form.js."""
    from playwright.sync_api import expect

    django_user_model.objects.create_superuser("office", "office@ocop.example", "mat-khau-2")
    log_in(page, "office@ocop.example", "mat-khau-2")
    page.goto("/shop/dashboard/catalogue/certificates/new/")
    page.locator("#id_valid_from").fill("2026-03-01")
    page.locator("#id_valid_from").dispatch_event("change")

    expect(page.locator("#id_valid_to")).to_have_value("2029-03-01")
