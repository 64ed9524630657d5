"""Issue 15, the page cache: anonymous catalogue and product pages marked for nginx's cache,
with no cookie and no visitor's CSRF token in them, and forms that still work."""

import gzip
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.catalog.factories import ProductFactory

pytestmark = pytest.mark.django_db

EMPTY_FIELD = 'name="csrfmiddlewaretoken" value="" data-csrf-deferred'


@pytest.fixture
def product(products):
    return products[0]


def test_a_first_visit_to_a_product_page_is_shareable(client, product, settings):
    response = client.get(product.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Accel-Expires"] == str(settings.MARKETPLACE_PAGE_CACHE_SECONDS)
    assert not response.cookies  # no CSRF cookie, no recently-viewed cookie
    assert EMPTY_FIELD in html and 'id="add_to_basket_form"' in html
    assert not re.search(r'name="csrfmiddlewaretoken" value="[^"]+', html)


@pytest.mark.parametrize("url_name", ["catalogue:index"])
def test_the_catalogue_is_shareable_too(client, products, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200 and "X-Accel-Expires" in response and not response.cookies


def test_a_visitor_with_any_cookie_gets_their_own_page(client, product):
    client.cookies["csrftoken"] = "x" * 32
    response = client.get(product.get_absolute_url())
    assert "X-Accel-Expires" not in response
    assert EMPTY_FIELD not in response.content.decode()
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+', response.content.decode())


def test_a_shared_page_is_compressed_once_for_nginx_to_keep(client, product):
    shared = client.get(product.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert shared["Content-Encoding"] == "gzip" and "X-Accel-Expires" in shared
    assert gzip.decompress(shared.content).decode().count(product.title) >= 1
    plain = client.get(product.get_absolute_url())
    assert "Content-Encoding" not in plain and product.title in plain.content.decode()


def test_a_visitors_own_page_is_left_for_nginx_to_compress(client, product):
    client.cookies["csrftoken"] = "x" * 32
    response = client.get(product.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in response  # it holds their CSRF token: no BREACH oracle here


def test_other_pages_are_never_marked(client, product):
    for url in (reverse("basket:summary"), reverse("search:search") + "?q=vai", "/healthz"):
        assert "X-Accel-Expires" not in client.get(url), url


def test_turned_off_nothing_is_marked(client, product, settings):
    settings.MARKETPLACE_PAGE_CACHE_SECONDS = 0
    response = client.get(product.get_absolute_url())
    assert "X-Accel-Expires" not in response and EMPTY_FIELD not in response.content.decode()


def test_a_form_of_a_shared_page_posts_with_a_token_fetched_first(product):
    # What static/js/csrf-deferred.js does, with the CSRF checks a browser meets.
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(product.get_absolute_url())
    assert EMPTY_FIELD in page.content.decode()
    issued = browser.get("/csrf-token/")
    assert "no-cache" in issued["Cache-Control"] and "csrftoken" in issued.cookies
    added = browser.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "csrfmiddlewaretoken": issued.json()["token"]},
    )
    assert added.status_code == 302
    assert browser.get(reverse("basket:summary")).context["basket"].num_items == 1


def test_without_javascript_the_first_post_explains_and_the_second_works(product):
    browser = Client(enforce_csrf_checks=True)
    page_url = product.get_absolute_url()
    refused = browser.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "csrfmiddlewaretoken": ""},
        headers={"Referer": "http://testserver" + page_url},
    )
    html = refused.content.decode()
    assert refused.status_code == 403 and "Vui lòng gửi lại biểu mẫu" in html
    assert f'href="http://testserver{page_url}"' in html and "csrftoken" in refused.cookies
    # With the cookie, the page is the visitor's own, with a token that works.
    again = browser.get(page_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', again.content.decode()).group(1)
    added = browser.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1, "csrfmiddlewaretoken": token}
    )
    assert added.status_code == 302


def test_the_back_link_never_leads_off_the_site(product):
    refused = Client(enforce_csrf_checks=True).post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1},
        headers={"Referer": "https://evil.example/page"},
    )
    assert refused.status_code == 403 and "evil.example" not in refused.content.decode()


def test_a_hidden_product_page_is_not_shared(client):
    hidden = ProductFactory(is_public=False)
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == 404 and "X-Accel-Expires" not in response


@pytest.mark.parametrize("shared", ["catalogue:index", "product"])
def test_a_shared_page_has_no_inline_script_whose_nonce_it_would_share(client, product, shared):
    url = product.get_absolute_url() if shared == "product" else reverse(shared)
    html = client.get(url).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(" src=" in tag or 'type="application/ld+json"' in tag for tag in scripts), scripts
    assert "oscar.init" not in html and "oscar-init.js" not in html  # issue 16: no Oscar page script
    assert "nonce=" not in html
