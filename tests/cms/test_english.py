"""The English site's pages: the English home has the Vietnamese home's sections while staff
have translated none or some of their pages, and the sitemap lists every language."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.cms.conftest import DAY
from tests.fairs.factories import FairIndexPageFactory, FairPageFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def section(html, name):
    assert f'aria-labelledby="{name}-title"' in html, f"no {name} section"
    return html.split(f'aria-labelledby="{name}-title"')[1].split("</section>")[0]


@pytest.fixture
def fair_en(home):
    today = timezone.localdate()
    index = FairIndexPageFactory(parent=home, title="Hội chợ")
    return FairPageFactory(
        parent=index,
        title="Hội chợ vải",
        slug="hoi-cho-vai",
        starts_on=today + 3 * DAY,
        ends_on=today + 4 * DAY,
    )


def test_the_english_home_has_the_vietnamese_homes_sections(client, home, home_en, make_article, fair_en):
    make_article("Tin vải thiều", date=datetime.date(2026, 5, 1), slug="tin-vai")

    vietnamese = client.get("/").content.decode()
    english = client.get("/en/").content.decode()

    for name in ("fairs", "news", "figures"):
        assert (f'aria-labelledby="{name}-title"' in vietnamese) == (
            f'aria-labelledby="{name}-title"' in english
        )
    # Shown in Vietnamese, and marked so, until staff translate them.
    assert '<article class="fair-card" lang="vi">' in section(english, "fairs")
    assert ">Hội chợ vải</a>" in section(english, "fairs")
    assert '<article class="news-card" lang="vi">' in section(english, "news")
    assert ">Tin vải thiều</a>" in section(english, "news")
    assert 'lang="vi"' not in section(vietnamese, "news")


def test_a_translated_article_replaces_its_vietnamese_version_on_the_english_home(
    client, home, home_en, make_article
):
    article = make_article("Tin vải thiều", date=datetime.date(2026, 5, 1), slug="tin-vai")
    index_en = article.get_parent().copy_for_translation(home_en.locale)
    index_en.save_revision().publish()
    article_en = article.copy_for_translation(home_en.locale)
    article_en.title, article_en.intro = "Lychee news", "Lychees are in season."
    article_en.save_revision().publish()

    news = section(client.get("/en/").content.decode(), "news")

    assert ">Lychee news</a>" in news and "Tin vải thiều" not in news
    assert 'lang="vi"' not in news


def test_the_english_menu_lists_the_sections_not_translated_in_vietnamese(client, home, home_en, news_index):
    news_index.show_in_menus = True
    news_index.save_revision().publish()

    html = client.get("/en/").content.decode()

    assert f'<a href="{news_index.url}" lang="vi">{news_index.title}</a>' in html


@pytest.mark.urls("tests.cms.sitemap_urls")
def test_the_sitemap_lists_both_languages_with_hreflang_alternates(
    client, home, home_en, news_index, products
):
    lychee = products[0]

    root = ET.fromstring(client.get("/sitemap.xml").content)

    urls = {url.findtext(f"{SITEMAP}loc"): url for url in root.iter(f"{SITEMAP}url")}
    alternates = {
        loc: {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        for loc, url in urls.items()
    }
    assert alternates["http://localhost:8000/"] == {
        "vi": "http://localhost:8000/",
        "en": "http://localhost:8000/en/",
        "x-default": "http://localhost:8000/",
    }
    assert alternates["http://localhost:8000/en/"] == alternates["http://localhost:8000/"]
    product = f"http://localhost:8000/shop/catalogue/{lychee.slug}_{lychee.pk}/"
    product_en = f"http://localhost:8000/en/shop/catalogue/{lychee.slug}_{lychee.pk}/"
    assert (
        alternates[product]
        == alternates[product_en]
        == {"vi": product, "en": product_en, "x-default": product}
    )
    # A page not translated yet is listed once, with no alternate that would not be there.
    assert alternates[f"http://localhost:8000/{news_index.slug}/"] == {}
