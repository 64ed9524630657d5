"""The news list: newest first, ten a page, filtered by category or tag, RSS and Atom feeds,
and the same in English."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from cms.models import NewsCategory
from tests.cms.conftest import DAY

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
MAY_1 = datetime.date(2026, 5, 1)


def titles_on(html):
    return [chunk.split("</a>")[0].split(">")[-1] for chunk in html.split('class="news-card__title"')[1:]]


def test_the_list_shows_ten_articles_a_page_newest_first(client, news_index, make_article):
    for day in range(12):
        make_article(f"Bài {day:02d}", date=MAY_1 + day * DAY, slug=f"bai-{day:02d}")

    first = client.get(news_index.url).content.decode()
    second = client.get(news_index.url, {"page": 2}).content.decode()

    assert titles_on(first) == [f"Bài {day:02d}" for day in range(11, 1, -1)]
    assert titles_on(second) == ["Bài 01", "Bài 00"]
    assert 'rel="next"' in first and 'rel="next"' not in second


def test_the_list_filters_by_category_and_by_tag(client, news_index, make_article):
    market = NewsCategory.objects.create(name="Thị trường", slug="thi-truong")
    programme = NewsCategory.objects.create(name="Chương trình", slug="chuong-trinh")
    prices = make_article("Giá vải", date=MAY_1, slug="gia-vai")
    prices.categories = [market]
    prices.tags.add("vải thiều")
    prices.save_revision().publish()
    news = make_article("Đợt đánh giá", date=MAY_1 + DAY, slug="danh-gia")
    news.categories = [programme]
    news.tags.add("đánh giá")
    news.save_revision().publish()

    by_category = client.get(news_index.url, {"category": "thi-truong"}).content.decode()
    by_tag = client.get(news_index.url, {"tag": "anh-gia"}).content.decode()
    tag_slug = news.tags.get().slug
    by_real_tag = client.get(news_index.url, {"tag": tag_slug}).content.decode()
    unknown = client.get(news_index.url, {"category": "khong-co"})

    assert titles_on(by_category) == ["Giá vải"]
    assert titles_on(by_tag) == []
    assert titles_on(by_real_tag) == ["Đợt đánh giá"]
    assert unknown.status_code == 404


def test_rss_feed_lists_live_articles_newest_first(client, news_index, make_article):
    make_article("Bài cũ", date=MAY_1, slug="bai-cu")
    make_article("Bài mới", date=MAY_1 + 5 * DAY, slug="bai-moi")
    draft = make_article("Bài nháp", date=MAY_1 + 9 * DAY, slug="bai-nhap")
    draft.unpublish()

    response = client.get(news_index.url + "rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title").startswith("Tin tức")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Bài mới", "Bài cũ"]
    assert items[0].findtext("link") == "http://localhost:8000/tin-tuc/bai-moi/"
    assert items[0].findtext("description") == "Tóm tắt Bài mới."


def test_atom_feed_lists_the_same_articles(client, news_index, make_article):
    make_article("Bài cũ", date=MAY_1, slug="bai-cu")
    make_article("Bài mới", date=MAY_1 + 5 * DAY, slug="bai-moi")

    response = client.get(news_index.url + "atom/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Bài mới", "Bài cũ"]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://localhost:8000/tin-tuc/bai-moi/"
    assert entries[0].findtext(f"{ATOM}updated")


def test_english_news_is_served_under_en_with_its_own_feed(client, home_en, news_index, make_article):
    article = make_article("Mùa vải", date=MAY_1, slug="mua-vai")
    locale = Locale.objects.get(language_code="en")
    index_en = news_index.copy_for_translation(locale)
    index_en.title, index_en.slug = "News", "news"
    index_en.save_revision().publish()
    article_en = article.copy_for_translation(locale)
    article_en.title, article_en.slug = "Lychee season", "lychee-season"
    article_en.save_revision().publish()

    listing = client.get("/en/news/")
    page = client.get("/en/news/lychee-season/")
    feed = client.get("/en/news/rss/")

    assert listing.status_code == 200
    assert titles_on(listing.content.decode()) == ["Lychee season"]
    assert page.status_code == 200 and '<html lang="en"' in page.content.decode()
    titles = [item.findtext("title") for item in ET.fromstring(feed.content).iter("item")]
    assert titles == ["Lychee season"]


def test_the_language_switch_links_to_the_pages_translation(client, home_en, news_index, make_article):
    article = make_article("Mùa vải", date=MAY_1, slug="mua-vai")
    locale = Locale.objects.get(language_code="en")
    index_en = news_index.copy_for_translation(locale)
    index_en.slug = "news"
    index_en.save_revision().publish()
    article_en = article.copy_for_translation(locale)
    article_en.slug = "lychee-season"
    article_en.save_revision().publish()

    vietnamese = client.get(article.url).content.decode()
    english = client.get("/en/news/lychee-season/").content.decode()

    assert 'href="/en/news/lychee-season/" hreflang="en"' in vietnamese
    assert 'href="/tin-tuc/mua-vai/" hreflang="vi"' in english


def test_a_translation_with_the_same_slugs_keeps_the_set_language_button(client, home_en, news_index):
    index_en = news_index.copy_for_translation(Locale.objects.get(language_code="en"))
    index_en.save_revision().publish()

    html = client.get(news_index.url).content.decode()

    assert client.get("/en/tin-tuc/").status_code == 200
    assert 'hreflang="en" lang="en"' not in html  # no link in the switch: its button finds the page
    assert 'name="language" value="en"' in html


def test_without_a_translation_the_switch_falls_back_to_set_language(
    client, home_en, news_index, make_article
):
    article = make_article("Chỉ tiếng Việt", date=MAY_1, slug="chi-tieng-viet")

    html = client.get(article.url).content.decode()

    assert 'hreflang="en" lang="en"' not in html  # no link in the switch: its button finds the page
    assert 'name="language" value="en"' in html


def test_related_products_are_shown_on_the_article(client, news_index, make_article, products):
    from cms.models import NewsArticleRelatedProduct

    lychee, honey = products
    article = make_article("Vải", date=MAY_1, slug="vai")
    article.related_products = [NewsArticleRelatedProduct(product=lychee, sort_order=0)]
    article.save_revision().publish()

    html = client.get(article.url).content.decode()

    related = html.split('aria-labelledby="related-products"')[1].split("</section>")[0]
    assert lychee.title in related and honey.title not in related


def test_a_video_whose_provider_is_unreachable_becomes_a_link(client, news_index, make_article):
    article = make_article(
        "Video", date=MAY_1, slug="video", body=[("video", "https://www.youtube.com/watch?v=abc")]
    )

    response = client.get(article.url)

    assert response.status_code == 200
    assert 'href="https://www.youtube.com/watch?v=abc"' in response.content.decode()
    assert "<iframe" not in response.content.decode()


def test_a_video_is_embedded_when_the_provider_answers(client, settings, news_index, make_article):
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tests.cms.embed_finders.FakeVideoFinder"}]
    article = make_article("Video", date=MAY_1, slug="video", body=[("video", "https://video.example/v/1")])

    html = client.get(article.url).content.decode()

    assert '<iframe title="video" src="https://video.example/v/1/embed"></iframe>' in html


def test_english_page_without_articles_renders(client, home_en, news_index):
    index_en = news_index.copy_for_translation(Locale.objects.get(language_code="en"))
    index_en.slug = "news"
    index_en.save_revision().publish()

    assert client.get("/en/news/").status_code == 200
