"""The sitemap and the news feeds link to MARKETPLACE_BASE_URL's host, whatever host the
request came by (the Wagtail and Django sites are synced from it: marketplace/sites.py)."""

import datetime
import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_sitemap_links_to_the_configured_host(client, public_host, home, make_article, products):
    make_article("Vải", date=datetime.date(2026, 5, 1), slug="vai")

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locs = [url.findtext(f"{SITEMAP}loc") for url in ET.fromstring(response.content).iter(f"{SITEMAP}url")]
    assert f"{public_host}/tin-tuc/vai/" in locs
    assert any(loc.startswith(f"{public_host}/shop/catalogue/") for loc in locs)
    assert all(loc.startswith(public_host + "/") for loc in locs), locs


def test_the_feeds_link_to_the_configured_host(client, public_host, news_index, make_article):
    make_article("Bài mới", date=datetime.date(2026, 5, 6), slug="bai-moi")

    rss = ET.fromstring(client.get(news_index.url + "rss/").content).find("channel")
    atom = ET.fromstring(client.get(news_index.url + "atom/").content)

    assert rss.findtext("link") == f"{public_host}/tin-tuc/"
    assert rss.find("item").findtext("link") == f"{public_host}/tin-tuc/bai-moi/"
    assert [link.get("href") for link in atom.findall(f"{ATOM}link")] == [
        f"{public_host}/tin-tuc/",
        f"{public_host}/tin-tuc/atom/",
    ]
    assert atom.find(f"{ATOM}entry").find(f"{ATOM}link").get("href") == f"{public_host}/tin-tuc/bai-moi/"
