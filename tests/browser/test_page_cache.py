"""A first-time visitor lands on a product page served for everyone (no CSRF token of theirs
in it) and adds it to the basket: the page's script fetches a token first (issue 15)."""

import pytest

from tests.browser.pages import vi

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_adding_to_the_basket_from_a_shared_product_page(page, products, live_server):
    from playwright.sync_api import expect

    product = products[0]
    response = page.goto(product.get_absolute_url())
    assert response.headers.get("x-accel-expires"), "the page was not marked for the page cache"
    assert page.context.cookies() == []
    form = page.locator("#add_to_basket_form")
    expect(form.locator("input[name=csrfmiddlewaretoken]")).to_have_value("")

    form.get_by_role("button", name=vi("Add to basket")).click()

    expect(page.locator(".alert-success").first).to_contain_text(product.title)
    assert "csrftoken" in {cookie["name"] for cookie in page.context.cookies()}
