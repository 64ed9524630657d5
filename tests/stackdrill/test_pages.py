"""The fault drill reads the site's real pages: these tests walk a guest checkout with the test
client using only what `stackdrill.pages` finds in the HTML, as the drill's buyers do over HTTP,
so that a template change that would blind the drill fails here, not in the stack's run."""

from urllib.parse import urljoin

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from search.selectors import FALLBACK_NOTICE
from stackdrill import pages

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def _html(response) -> str:
    return response.content.decode()


def _post(client, response, form, data):
    """Submit `form` of the page `response` is, following redirects as a browser does."""
    here = response.wsgi_request.build_absolute_uri()
    return client.post(urljoin(here, form.action), data, follow=True)


def test_a_guest_checkout_read_from_the_pages_ends_with_the_orders_number(client, products, commune):
    page = client.get(products[0].get_absolute_url())
    form = pages.form_posting_to(_html(page), "/basket/add/")
    assert form is not None and "quantity" in form.fields
    assert _post(client, page, form, dict(form.fields, quantity="1")).status_code == 200

    gateway = client.get(reverse("checkout:index"))
    form = pages.form_with_field(_html(gateway), "options")
    assert form is not None
    address_page = _post(
        client, gateway, form, dict(form.fields, username="hoa@example.com", options="anonymous")
    )
    form = pages.form_with_field(_html(address_page), "commune")
    assert form is not None and str(commune.province_id) in form.selects["province"]

    data = dict(
        form.fields,
        last_name="Nguyễn Thị Hoa",
        phone_number="0912 345 678",
        province=str(commune.province_id),
        commune=str(commune.pk),
        line1="Số 12, thôn Kép",
    )
    payment_page = _post(client, address_page, form, data)
    form = pages.form_with_field(_html(payment_page), "method")
    assert form is not None and "cod" in _html(payment_page)
    preview = _post(client, payment_page, form, dict(form.fields, method="cod"))
    assert preview.wsgi_request.path == reverse("checkout:preview")

    place = [
        form
        for form in pages.forms(_html(preview))
        if form.method == "post"
        and (("action", "place_order") in form.submits or form.fields.get("action") == "place_order")
    ]
    assert len(place) == 1
    thanks = _post(client, preview, place[0], dict(place[0].fields, action="place_order"))
    assert thanks.wsgi_request.path == reverse("checkout:thank-you")
    assert pages.order_number(_html(thanks)) == Order.objects.get().number


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_search_pages_fallback_notice_is_recognised(language):
    with translation.override(language):
        notice = str(FALLBACK_NOTICE)
    assert pages.fallback_notice_shown(f"<p class='notice'>{notice}</p>")
    assert not pages.fallback_notice_shown("<p>Kết quả cho “vải thiều”</p>")
