"""A buyer in a real browser: two products from two producers, paid on delivery, then by VietQR;
an account holder paying by card. From the home page to the thank-you page, on the Vietnamese
site at `/` (the browser itself: tests/browser/conftest.py)."""

import re
from decimal import Decimal

import pytest
from django.utils.translation import pgettext_lazy
from oscar.core.loading import get_class, get_model

from core.vietnamese import fold
from tests.browser.pages import TIMEOUT_MS, shot, squash, vi, vnd

pytestmark = pytest.mark.browser

Order = get_model("order", "Order")
PaymentMethod = get_class("order.models", "PaymentMethod")
StockRecord = get_model("partner", "StockRecord")

EMAIL = "hoa@example.com"

# -- the shop's data ---------------------------------------------------------------------


@pytest.fixture
def delivery_rate(db):
    """The default rate (shipping migration 0005): 30.000 ₫ a producer, free from 500.000 ₫."""
    from shipping.models import ProducerShippingRate

    rate, _ = ProducerShippingRate.objects.get_or_create(
        partner=None, defaults={"fee": 30000, "free_above": 500000}
    )
    assert (rate.fee, rate.free_above) == (30000, 500000), "the test's totals assume the default rate"
    return rate


@pytest.fixture
def home_page(products):
    """The home page at the site's root, with the two products featured.

    The cms migration made it; it is made here again if the test database lost it (a
    transactional test of an earlier run that emptied the tables without putting them back).
    """
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage, HomePageFeaturedProduct

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        locale, _ = Locale.objects.get_or_create(language_code="vi")
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", locale=locale))
        home = root.add_child(
            instance=HomePage(
                title="Trang chủ",
                slug="home-browser-test",
                locale=locale,
                hero_title="Sản phẩm OCOP Bắc Giang",
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Chợ OCOP Bắc Giang",
            },
        )
    for position, product in enumerate(products):
        HomePageFeaturedProduct.objects.create(page=home, product=product, sort_order=-10 + position)
    return home


# -- the steps, as a buyer takes them ----------------------------------------------------


def add_to_basket(page, expect, title, shots=None):
    """On a product page: check it is `title`'s, and add one."""
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    if shots:
        shot(page, shots)
    page.locator("#add_to_basket_form").get_by_role("button", name=vi("Add to basket")).click()
    expect(page.locator(".alert-success").first).to_contain_text(title)


def open_from_catalogue(page, expect, title):
    """From any page: All products, newest first, then the product's page."""
    page.get_by_role("navigation", name=vi("Product groups")).get_by_role(
        "link", name=vi("All products")
    ).click()
    page.get_by_label(vi("Sort by")).select_option("newest")
    expect(page).to_have_url(re.compile(r"sort=newest"))
    page.get_by_role("link", name=title, exact=True).click()


def search_and_open(page, expect, words, title, shots=None):
    search = page.get_by_role("search").get_by_role("combobox", name=vi("Search products"))
    search.fill(words)
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/"))
    if shots:
        shot(page, shots)
    page.get_by_role("link", name=title, exact=True).click()


def check_out(page, expect, commune, method, shots, guest=True, place=True):
    """From a full basket to the thank-you page; returns the order number shown there.
    With `place=False` it stops on the preview page, before the order button."""
    page.locator(".site-basket").click()
    expect(page).to_have_url(re.compile(r"/shop/basket/"))
    shot(page, f"{shots}-0-basket")
    page.locator(".basket-summary").get_by_role("link", name=vi("Check out")).click()

    if guest:
        # The gateway: as a guest, with the e-mail for the confirmation (optional).
        page.get_by_label(vi("Buy without an account")).check()
        page.get_by_label(vi("E-mail"), exact=True).fill(EMAIL)
        page.get_by_role("button", name=vi("Continue")).click()

    # The Vietnamese address: the commune list follows the province.
    expect(page).to_have_url(re.compile(r"/checkout/shipping-address/"))
    page.get_by_label(vi("Full name")).fill("Nguyễn Thị Hoa")
    page.get_by_label(vi("Phone number")).fill("0912 345 678")
    page.get_by_label(vi("Province or city")).select_option(str(commune.province_id))
    communes = page.locator("select[name=commune]")
    expect(communes.locator(f'option[value="{commune.pk}"]')).to_have_text(commune.full_name)
    # Typed without tones in the commune box, the commune is found and chosen.
    box = page.get_by_role("combobox", name=vi("Commune or ward"))
    box.fill(fold(commune.name).lower())
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_text([commune.full_name])
    box.press("ArrowDown")
    box.press("Enter")
    expect(communes).to_have_value(str(commune.pk))
    page.get_by_label(vi("House number, street, hamlet")).fill("Số 12, thôn Kép")
    shot(page, f"{shots}-1-address")
    page.get_by_role("button", name=vi("Continue")).click()

    # The delivery step passes by itself (one method): next is how to pay.
    expect(page).to_have_url(re.compile(r"/checkout/payment-method/"))
    choice = page.get_by_role("radio", name=vi(PaymentMethod(method).label))
    choice.check()
    expect(choice).to_be_checked()
    shot(page, f"{shots}-2-payment")
    page.get_by_role("button", name=vi("Continue")).click()

    expect(page).to_have_url(re.compile(r"/checkout/preview/"))
    expect(page.locator(".preview-payment")).to_contain_text(vi(PaymentMethod(method).label))
    producers = squash(page.locator(".preview-contents").inner_text())
    assert "HTX Vải" in producers and "HTX Mật ong" in producers, producers
    shot(page, f"{shots}-3-preview")
    if not place:
        return None
    page.locator("#place-order").click()

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    shot(page, f"{shots}-4-thank-you")
    number = page.locator("p.lead strong").inner_text().strip()
    assert number.isdigit(), number
    return number


def check_thank_you_page(page, expect, products, number):
    """The order's number, its total, and each producer's part with its product and fee."""
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    overview = squash(page.locator(".order-overview").inner_text())
    assert f"{vi(pgettext_lazy('sum', 'Total'))} {vnd(300000)}" in overview, overview
    for product in products:
        stock = product.stockrecords.get()
        part = page.locator(".order-part").filter(
            has=page.get_by_role("heading", name=stock.partner.name, exact=True)
        )
        expect(part).to_have_count(1)
        lines = squash(part.inner_text())
        assert f"{product.title} 1 {vnd(stock.price)}" in lines, lines
        assert f"{vi('Delivery')} {vnd(30000)}" in lines, lines


# -- the test ----------------------------------------------------------------------------


# The live server needs a transactional test, which ends by emptying every table; with the
# serialized rollback the migrations' rows (home page, Việt Nam, delivery rate) come back for
# the next transactional test, and tests/conftest.py writes them back after the session.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_guest_buys_from_two_producers_cash_on_delivery_then_by_vietqr(
    products, commune, delivery_rate, home_page, page
):
    from playwright.sync_api import expect

    from payment.transfers import transfer_details
    from payment.vietqr import vietqr_parse

    expect.set_options(timeout=TIMEOUT_MS)
    lychee, honey = products

    # Cash on delivery: home page -> all products -> each product page.
    page.goto("/")
    shot(page, "home")
    featured = page.get_by_role("region", name=home_page.featured_title or vi("Featured products"))
    for product in products:
        expect(featured.get_by_role("link", name=product.title, exact=True)).to_be_visible()
    page.get_by_role("link", name=home_page.hero_cta_label or vi("Browse the products")).click()
    expect(page).to_have_url(re.compile(r"/shop/catalogue/"))
    open_from_catalogue(page, expect, lychee.title)
    add_to_basket(page, expect, lychee.title, shots="cod-product")
    open_from_catalogue(page, expect, honey.title)
    add_to_basket(page, expect, honey.title)
    cod_number = check_out(page, expect, commune, "cod", "cod")
    check_thank_you_page(page, expect, products, cod_number)

    # Bank transfer: home page -> the search box -> each product page.
    page.goto("/")
    search_and_open(page, expect, "mật ong thử", honey.title, shots="vietqr-search")
    add_to_basket(page, expect, honey.title)
    search_and_open(page, expect, "vải thiều thử", lychee.title)
    add_to_basket(page, expect, lychee.title)
    transfer_number = check_out(page, expect, commune, "bank-transfer", "vietqr")
    check_thank_you_page(page, expect, products, transfer_number)

    # The VietQR box: the code, where to send the money, how much, and the reference, which
    # the code carries too (read back from the server's payload rather than from the image).
    box = page.locator(".transfer-box")
    expect(box.locator(".vietqr svg")).to_be_visible()
    shown = squash(box.inner_text())
    reference = box.locator(".transfer-reference").inner_text().strip()
    order = Order.objects.get(number=transfer_number)
    assert reference == order.transfer_reference == f"OCOP{transfer_number}"
    details = transfer_details(order=order)
    assert details.account_number in shown
    assert vnd(300000) in shown, shown
    scanned = vietqr_parse(details.payload)
    assert scanned.amount == order.total_incl_tax == Decimal("300000")
    assert scanned.purpose == reference
    assert (scanned.bank_bin, scanned.account_number) == (details.bank_bin, details.account_number)

    # What the two orders left in the database.
    placed = Order.objects.filter(guest_email=EMAIL).prefetch_related("fulfilments__partner", "lines")
    orders = {o.number: o for o in placed}
    assert set(orders) == {cod_number, transfer_number}
    assert orders[cod_number].payment_method == "cod"
    assert orders[transfer_number].payment_method == "bank-transfer"
    for order in orders.values():
        assert order.total_incl_tax == Decimal("300000")
        assert order.guest_email == EMAIL
        assert sorted(f.partner.name for f in order.fulfilments.all()) == ["HTX Mật ong", "HTX Vải"]
        assert sorted(f.shipping_charge for f in order.fulfilments.all()) == [30000, 30000]
        assert sorted(line.title for line in order.lines.all()) == sorted(p.title for p in products)
    for product in products:
        stock = StockRecord.objects.get(product=product)
        assert (stock.num_in_stock, stock.num_allocated) == (5, 2)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_account_holder_pays_by_card_after_a_refused_card(
    products,
    commune,
    delivery_rate,
    home_page,
    page,
    live_server,
    settings,
    django_user_model,
    stripe_declining,
):
    """Signed in, by card through stripe-mock (the preview says it is in test mode): the
    declining server refuses the card, which leaves the basket and the stock as they were;
    then, with the approving server, the same basket is paid and the order is placed."""
    from django.test import Client
    from playwright.sync_api import expect

    from payment.cards import DECLINED_MESSAGE
    from tests.conftest import _stripe_mock_url

    expect.set_options(timeout=TIMEOUT_MS)
    buyer = django_user_model.objects.create_user("hoa", EMAIL, "pw")
    signed_in = Client()
    signed_in.force_login(buyer)
    session = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )

    page.goto("/")
    lychee, honey = products
    for product in (lychee, honey):
        search_and_open(page, expect, product.title.lower(), product.title)
        add_to_basket(page, expect, product.title)
    check_out(page, expect, commune, "card", "card", guest=False, place=False)
    note = page.get_by_role("note")
    expect(note).to_contain_text("stripe-mock")

    page.locator("#place-order").click()
    expect(page).to_have_url(re.compile(r"/checkout/preview/"))
    expect(page.locator(".alert-danger").first).to_contain_text(vi(DECLINED_MESSAGE))
    shot(page, "card-declined")
    assert not Order.objects.exists()
    for product in products:
        stock = StockRecord.objects.get(product=product)
        assert (stock.num_in_stock, stock.num_allocated or 0) == (5, 0)

    settings.STRIPE_API_BASE = _stripe_mock_url("STRIPE_MOCK_APPROVE_URL")
    page.locator("#place-order").click()
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    shot(page, "card-thank-you")
    number = page.locator("p.lead strong").inner_text().strip()
    check_thank_you_page(page, expect, products, number)
    expect(page.locator(".payment-status")).to_have_text(vi("Paid"))

    order = Order.objects.get()
    assert (order.number, order.user, order.payment_method) == (number, buyer, "card")
    assert order.amount_paid == order.total_incl_tax == Decimal("300000")
    for product in products:
        stock = StockRecord.objects.get(product=product)
        assert (stock.num_in_stock, stock.num_allocated) == (5, 1)
