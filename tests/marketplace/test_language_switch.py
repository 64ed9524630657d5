"""The language switch in the header moves between the Vietnamese and English sites."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_switching_to_english_keeps_the_page_and_adds_the_prefix(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/shop/catalogue/"})

    assert response.status_code == 302
    assert response["Location"] == "/en/shop/catalogue/"
    page = client.get(response["Location"])
    assert '<html lang="en"' in page.content.decode()
    assert "All products" in page.content.decode()


def test_switching_back_to_vietnamese_drops_the_prefix(client):
    with translation.override("en"):
        setlang = reverse("set_language")

    response = client.post(setlang, {"language": "vi", "next": "/en/shop/catalogue/"})

    assert response.status_code == 302
    assert response["Location"] == "/shop/catalogue/"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="vi"' in page
    assert "Tất cả sản phẩm" in page


def test_every_page_offers_both_languages_as_labelled_buttons(client):
    html = client.get("/").content.decode()

    assert 'name="language" value="vi"' in html
    assert 'name="language" value="en"' in html
    assert 'for="site-search-q"' in html
