"""The site's header on a phone and on a wide screen (issue 16, items 1 and 6): at most 120 px
tall at 390 px, the product groups folded into a menu that opens without JavaScript, on wide
screens every group whole (wrapped, never cut), touch targets of 44 px, and the mini-basket's
list of lines."""

import re

import pytest
from django.urls import reverse

from tests.browser.pages import shot, vi
from tests.catalog.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.browser

LONG_GROUP = "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch thử nghiệm"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def groups(db):
    names = ["Thực phẩm", "Đồ uống", "Dược liệu và sản phẩm từ dược liệu", "Thủ công mỹ nghệ", LONG_GROUP]
    products = []
    for index, name in enumerate(names):
        products.append(ProductFactory(title=f"Sản phẩm nhóm {index}", category=CategoryFactory(name=name)))
    return products


def box(page, selector):
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().toJSON()")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_a_phone_the_header_is_short_and_its_menu_opens(page, groups):
    from playwright.sync_api import expect

    page.set_viewport_size(PHONE)
    page.goto(reverse("catalogue:index"))

    header = box(page, "header.site-header")
    assert header["height"] <= 120, f"the header is {header['height']} px tall at 390 px"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The wide screen's strip is gone; the menu holds the groups.
    expect(page.locator(".site-nav")).to_be_hidden()
    toggle = page.locator(".site-menu > summary")
    expect(toggle).to_contain_text("Danh mục sản phẩm")
    for selector in (".site-menu > summary", ".btn-search", ".site-basket", "#site-search-q"):
        target = box(page, selector)
        assert target["height"] >= 44 and target["width"] >= 44, f"{selector}: {target}"
    long_link = page.locator(".site-menu").get_by_role("link", name=LONG_GROUP, exact=True)
    expect(long_link).to_be_hidden()

    toggle.click()

    expect(long_link).to_be_visible()
    link = long_link.bounding_box()
    assert link["x"] + link["width"] <= PHONE["width"] and link["height"] >= 44, link
    shot(page, "header-390-menu")
    long_link.click()
    expect(page.locator("h1")).to_contain_text(LONG_GROUP)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_a_wide_screen_every_product_group_shows_whole(page, groups):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(reverse("catalogue:index"))

    expect(page.locator(".site-menu")).to_be_hidden()
    links = page.locator(".site-nav__list a")
    expect(links).to_have_count(len(groups) + 1)
    for index in range(links.count()):
        fits = links.nth(index).evaluate(
            "a => a.scrollWidth <= a.clientWidth && a.getBoundingClientRect().right <= window.innerWidth"
            " && a.getBoundingClientRect().height >= 24"
        )
        assert fits, f"{links.nth(index).inner_text()} is cut or too small"
    shot(page, "header-1366")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_mini_basket_lists_the_lines_and_leads_to_the_checkout(page, groups):
    from playwright.sync_api import expect

    page.set_viewport_size(PHONE)
    product = groups[0]
    page.goto(product.get_absolute_url())
    page.locator("#add_to_basket_form").get_by_role("button", name=vi("Add to basket")).click()

    basket = page.locator(".site-basket")
    expect(basket).to_contain_text("150.000")
    expect(page.locator(".site-basket__badge")).to_have_text("1")
    lines = page.locator(".mini-basket__panel")
    expect(lines).to_be_hidden()

    page.locator(".mini-basket__toggle").click()

    expect(lines).to_be_visible()
    expect(lines).to_contain_text(product.title)
    panel = box(page, ".mini-basket__panel")
    assert panel["left"] >= 0 and panel["right"] <= PHONE["width"], panel
    shot(page, "header-390-mini-basket")
    lines.get_by_role("link", name="Thanh toán").click()
    expect(page).to_have_url(re.compile(r"/checkout/"))
