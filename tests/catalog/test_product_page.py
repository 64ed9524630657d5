"""Issue 16, the product page of our own and the listings' photos and filters: what a phone
shows first comes first in the HTML, the quantity stepper's bounds, photos in WebP with their
size, and a filter panel that no script has to open or close."""

import re

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from oscar.core.loading import get_model

from tests.catalog.factories import CertificateFactory, ProductFactory
from tests.core.factories import UserFactory, picture_bytes

pytestmark = pytest.mark.django_db

ProductImage = get_model("catalogue", "ProductImage")


def page_of(client, product):
    """The page's main part (the head repeats the title and description for sharing)."""
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode().split('<main id="main"', 1)[1]


def position(html, pattern):
    found = re.search(pattern, html)
    assert found, pattern
    return found.start()


def test_title_badge_price_and_add_button_come_before_the_description_facts_and_reviews(client):
    product = ProductFactory(
        title="Vải thiều thứ tự",
        description="<p>Vải ngọt mùa hè.</p>",
        stockrecords__price=120000,
        stockrecords__num_in_stock=7,
    )
    CertificateFactory(product=product, stars=5)
    html = page_of(client, product)

    title = position(html, r'<h1 class="pdp__title">Vải thiều thứ tự</h1>')
    badge = position(html, r'<a class="ocop-badge ocop-badge--link" href="#ocop-facts">')
    price = position(html, r"120\.000")
    stepper = position(html, r'<input type="number" name="quantity"')
    add = position(html, r'<button type="submit" class="btn btn-add buy-form__submit">Thêm vào giỏ</button>')
    ask = position(html, r'class="inquiry-ask"')
    description = position(html, r"Vải ngọt mùa hè\.")
    facts = position(html, r'<dt class="col-sm-4" id="ocop-facts">')
    reviews = position(html, r'<section class="pdp__section pdp-reviews"')
    assert title < badge < price < stepper < add < ask < description < facts < reviews


def test_a_guest_sees_reviews_after_the_description_and_no_wishlist_or_review_button_above_the_buy_box(
    client,
):
    product = ProductFactory(description="<p>Mô tả.</p>")
    html = page_of(client, product)

    assert "Thêm vào danh sách yêu thích" not in html  # no greyed wish-list button
    assert 'disabled="disabled"' not in html
    write = position(html, r'href="[^"]*/reviews/add/#addreview">Viết đánh giá</a>')
    assert write > position(html, r"Mô tả\.")
    assert write > position(html, r"buy-form__submit")
    assert "Sản phẩm này chưa có đánh giá nào." in html


def test_a_logged_in_shopper_has_a_working_wishlist_form(client):
    product = ProductFactory()
    client.force_login(UserFactory())
    html = page_of(client, product)

    action = reverse("customer:wishlists-add-product", kwargs={"product_pk": product.pk})
    assert re.search(rf'<form class="pdp__wishlist" action="{action}" method="post">', html)


@pytest.mark.parametrize(("in_stock", "limit", "expected_max"), [(7, 20, 7), (50, 20, 20)])
def test_the_stepper_goes_from_one_to_what_one_basket_may_take(client, in_stock, limit, expected_max):
    product = ProductFactory(stockrecords__num_in_stock=in_stock)
    with override_settings(MARKETPLACE_GUEST_MAX_QUANTITY=limit):
        html = page_of(client, product)

    field = re.search(r'<input type="number" name="quantity"[^>]*>', html)[0]
    assert 'min="1"' in field and f'max="{expected_max}"' in field and 'value="1"' in field
    assert f'data-message-max="Bạn chỉ mua được tối đa {expected_max} sản phẩm này."' in html
    assert 'data-message-min="Số lượng ít nhất là 1."' in html
    assert 'data-message-number="Vui lòng nhập số nguyên."' in html


def test_a_quantity_over_the_stock_is_refused_in_vietnamese(client):
    product = ProductFactory(stockrecords__num_in_stock=3)
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 4},
        HTTP_REFERER=product.get_absolute_url(),
        follow=True,
    )
    assert "chỉ mua được tối đa 3" in response.content.decode()
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 0


def test_the_main_photo_is_webp_with_srcset_size_and_high_priority_the_others_lazy(client):
    product = ProductFactory(images=None)
    for order in range(2):
        image = ProductImage(product=product, display_order=order)
        image.original.save(f"anh-{order}.png", ContentFile(picture_bytes(format="PNG", size=(800, 800))))
    html = page_of(client, product)

    photos = re.findall(r'<li class="gallery__photo" id="photo-\d">\s*<img ([^>]*)>', html)
    assert len(photos) == 2
    first, second = photos
    assert re.search(r'src="[^"]+\.webp"', first)
    assert re.search(r'srcset="[^" ]+\.webp 480w, [^" ]+\.webp 800w"', first)
    assert 'width="800" height="800"' in first and 'sizes="' in first
    assert 'loading="eager" fetchpriority="high"' in first
    assert 'loading="lazy"' in second and "fetchpriority" not in second
    # the small pictures are links to each photo: a gallery without a script
    assert re.findall(r'<a href="#photo-(\d)">', html) == ["1", "2"]
    assert "carousel" not in html and "data-slide" not in html


def test_cards_pictures_are_webp_with_srcset_and_their_size(client, committed):
    with committed():
        ProductFactory(title="Sản phẩm thẻ ảnh")
    html = client.get(reverse("catalogue:index")).content.decode()

    [card] = re.findall(r'<a class="product-card__image"[^>]*>\s*<img ([^>]*)>', html)
    assert re.search(r'src="[^"]+\.webp"', card)
    assert re.search(r'srcset="[^" ]+\.webp 240w, [^" ]+\.webp 480w"', card)
    assert 'width="480" height="480"' in card


def test_the_filter_panel_is_a_details_closed_until_a_filter_is_chosen_then_kept_open(client, committed):
    with committed():
        product = ProductFactory(title="Sản phẩm lọc")
        CertificateFactory(product=product, stars=4)
    html = client.get(reverse("catalogue:index")).content.decode()
    panel = re.search(r'<details class="facets__details"[^>]*>', html)[0]
    assert panel == '<details class="facets__details">'
    assert "data-close-on-phones" not in html  # no script closes it after the first paint

    chosen = re.search(r'<a class="facet__option" href="([^"]+)"', html)[1].replace("&amp;", "&")
    html = client.get(reverse("catalogue:index") + chosen).content.decode()
    assert '<details class="facets__details" open>' in html
    assert 'class="sort-form" method="get" action=""' not in html
