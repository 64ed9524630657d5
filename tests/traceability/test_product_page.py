"""A product page links to the trace pages of the product's published lots, and shares well."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_product_page_links_its_published_lots_only(client, public_lot, hidden_lots):
    html = client.get(public_lot.product.get_absolute_url()).content.decode()

    lots = html.split('class="col-sm-8 product-lots"')[1].split("</dd>")[0]
    assert f'href="{public_lot.get_absolute_url()}"' in lots and public_lot.code in lots
    assert hidden_lots["unpublished"].code not in html
    assert f'<meta property="og:title" content="{public_lot.product.get_title()}">' in html
    assert '<meta property="og:type" content="product">' in html
