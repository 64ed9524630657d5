"""What search engines and social sites read: sitemap, titles, descriptions, Open Graph and
schema.org JSON-LD."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.utils import timezone

from cms.models import StandardPage
from core.jsonld import json_ld_dumps
from tests.catalog.factories import ProductFactory
from tests.cms.factories import StandardPageFactory
from tests.partner.factories import ProducerFactory
from tests.traceability.factories import TradeItemFactory
from traceability.models import gtin_check_digit

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def meta(html, prop):
    match = re.search(rf'<meta property="{prop}" content="([^"]*)">', html)
    return match.group(1) if match else None


@pytest.mark.urls("tests.cms.sitemap_urls")
def test_sitemap_lists_live_pages_with_lastmod_and_public_products(
    client, home, news_index, make_article, products
):
    lychee, honey = products
    honey.is_public = False
    honey.save()
    article = make_article("Vải", date=datetime.date(2026, 5, 1), slug="vai")
    draft = StandardPage(title="Nháp", slug="nhap", live=False)
    home.add_child(instance=draft)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    urls = {
        url.findtext(f"{SITEMAP}loc"): url for url in ET.fromstring(response.content).iter(f"{SITEMAP}url")
    }
    assert "http://localhost:8000/tin-tuc/vai/" in urls
    assert urls["http://localhost:8000/tin-tuc/vai/"].findtext(f"{SITEMAP}lastmod") == timezone.localtime(
        article.last_published_at
    ).strftime("%Y-%m-%d")  # Vietnam's date, not UTC's
    assert "http://localhost:8000/nhap/" not in urls
    product_urls = [loc for loc in urls if "/shop/catalogue/" in loc]
    assert f"/shop/catalogue/{lychee.slug}_{lychee.pk}/" in " ".join(product_urls)
    assert f"/en/shop/catalogue/{lychee.slug}_{lychee.pk}/" in " ".join(product_urls)
    assert honey.slug not in " ".join(product_urls)


def test_article_head_has_title_description_open_graph_and_news_article(client, news_index, make_article):
    article = make_article(
        "Vải thiều vào vụ", date=datetime.date(2026, 5, 20), slug="vai-vao-vu", author_name="Văn phòng OCOP"
    )

    html = client.get(article.url).content.decode()

    assert "<title>Vải thiều vào vụ | " in html
    assert '<meta name="description" content="Tóm tắt Vải thiều vào vụ.">' in html
    assert meta(html, "og:title") == "Vải thiều vào vụ"
    assert meta(html, "og:description") == "Tóm tắt Vải thiều vào vụ."
    assert meta(html, "og:url") == "http://localhost:8000/tin-tuc/vai-vao-vu/"
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:locale") == "vi_VN"
    [data] = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Vải thiều vào vụ"
    assert data["datePublished"].startswith("2026-05-20T00:00:00")
    assert data["author"] == {"@type": "Person", "name": "Văn phòng OCOP"}
    assert data["mainEntityOfPage"] == "http://localhost:8000/tin-tuc/vai-vao-vu/"


def test_seo_title_and_search_description_win_over_the_fallbacks(client, home):
    page = StandardPageFactory(
        parent=home,
        title="Giới thiệu",
        slug="gioi-thieu",
        intro="Phần mở đầu.",
        seo_title="Về Chợ OCOP",
        search_description="Mô tả riêng.",
    )

    html = client.get(page.url).content.decode()

    assert "<title>Về Chợ OCOP</title>" in html
    assert '<meta name="description" content="Mô tả riêng.">' in html
    assert meta(html, "og:title") == "Về Chợ OCOP"


def test_home_page_has_organization_and_website(client, home):
    html = client.get("/").content.decode()

    [data] = json_ld(html)
    types = {item["@type"]: item for item in data["@graph"]}
    assert set(types) == {"Organization", "WebSite"}
    assert types["WebSite"]["url"] == "http://localhost:8000/"
    assert types["WebSite"]["inLanguage"] == "vi"


def test_english_page_says_its_locale(client, home_en):
    html = client.get("/en/").content.decode()

    assert meta(html, "og:locale") == "en_GB"
    assert json_ld(html)[0]["@graph"][1]["inLanguage"] == "en"


def test_product_page_has_product_with_an_offer_in_vnd(client, products):
    lychee, _ = products

    html = client.get(lychee.get_absolute_url()).content.decode()

    [data] = json_ld(html)
    assert data["@type"] == "Product"
    assert data["name"] == "Vải thiều thử"
    assert data["url"] == f"http://testserver{lychee.get_absolute_url()}"
    assert data["offers"] == {
        "@type": "Offer",
        "url": f"http://testserver{lychee.get_absolute_url()}",
        "price": "150000",
        "priceCurrency": "VND",
        "availability": "https://schema.org/InStock",
        "seller": {"@type": "Organization", "name": "HTX Vải"},
    }
    assert "aggregateRating" not in data


def test_sold_out_product_is_offered_out_of_stock(client, products):
    lychee, _ = products
    lychee.stockrecords.update(num_in_stock=0)

    [data] = json_ld(client.get(lychee.get_absolute_url()).content.decode())

    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_product_json_ld_carries_the_gtin_of_its_trade_item(client, products):
    lychee, _ = products
    gtin13 = "893850597419" + str(gtin_check_digit("893850597419"))
    TradeItemFactory(product=lychee, gtin=gtin13.zfill(14))

    [data] = json_ld(client.get(lychee.get_absolute_url()).content.decode())

    assert data["gtin14"] == "0" + gtin13
    assert [key for key in data if key.startswith("gtin")] == ["gtin14"]


def test_product_json_ld_never_gives_the_producers_own_code_as_a_gtin(client, products):
    # Given a product whose own code (Oscar's UPC) is all digits, 13 of them, and no GTIN
    lychee, _ = products
    lychee.upc = "8938505974191"
    lychee.save()

    [data] = json_ld(client.get(lychee.get_absolute_url()).content.decode())

    assert data["sku"] == "8938505974191"
    assert not [key for key in data if key.startswith("gtin")]


def test_product_json_ld_keeps_a_hostile_title_inert(client):
    title = "Vải </script><script>alert(1)</script><!--"
    product = ProductFactory(title=title, stockrecords__partner=ProducerFactory(name="HTX </script>"))

    html = client.get(product.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    [data] = json_ld(html)
    assert data["name"] == title
    assert data["offers"]["seller"]["name"] == "HTX </script>"


def test_json_ld_cannot_close_its_script_element():
    data = {"name": "</script><script>alert(1)</script>", "note": "a & b"}

    html = Template("{% load structured_data %}{% json_ld data %}").render(Context({"data": data}))

    assert html.count("</script>") == 1
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body) == data
    assert "<" not in body and "&" not in body
    assert json_ld_dumps({"x": "Vải"}) == '{"x": "Vải"}'


def test_a_translated_page_links_its_versions_with_hreflang(client, home, home_en):
    html = client.get("/").content.decode()

    assert f'<link rel="alternate" hreflang="vi" href="{home.full_url}">' in html
    assert f'<link rel="alternate" hreflang="en" href="{home_en.full_url}">' in html
