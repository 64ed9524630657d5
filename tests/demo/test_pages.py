"""The demo promotion pages: created once, left alone afterwards, and rendering; and their
English versions, Wagtail translations under the English home."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale, Page

from cms.models import CampaignPage, NewsArticlePage, NewsIndexPage, ProducerStoryPage, ProgrammePage
from demo.english import english_pages
from demo.fairs import FAIRS_EN
from demo.pages import PAGES_EN, demo_pages
from demo.training import TRAINING_EN
from fairs.models import FairIndexPage, FairPage
from training.models import CoursePage, TrainingIndexPage

pytestmark = pytest.mark.django_db


def test_demo_pages_are_created_once_and_render(client, demo_data):
    # `demo_data` ran the loader, whose "Promotion pages" step made them: a new run makes none.
    assert demo_pages() == (0, 7)
    index = NewsIndexPage.objects.get(slug="tin-tuc", locale__language_code="vi")
    assert NewsArticlePage.objects.child_of(index).live().count() == 3
    campaign = CampaignPage.objects.get(slug="mua-vai-thieu-luc-ngan")
    # The last lychee season's campaign, named by its year.
    assert campaign.title == f"Mùa vải thiều Lục Ngạn {campaign.starts_on.year}"
    assert (campaign.starts_on.month, campaign.starts_on.day, campaign.ends_on.month) == (5, 25, 7)
    assert [block.block_type for block in campaign.body] == ["paragraph", "products", "certified_products"]
    assert len(campaign.body[1].value["products"]) == 3
    for page in (
        index,
        campaign,
        ProgrammePage.objects.get(locale__language_code="vi"),
        ProducerStoryPage.objects.get(slug="chuyen-mua-vai-hong-xuan"),
    ):
        assert client.get(page.url).status_code == 200
    campaign_html = client.get(campaign.url).content.decode()
    assert "Vải thiều Lục Ngạn" in campaign_html and "Bài viết minh họa" in campaign_html
    programme_html = client.get(ProgrammePage.objects.get(locale__language_code="vi").url).content.decode()
    assert "90–100" in programme_html and "OCOP 5★" in programme_html


def test_demo_pages_leave_staff_edits_alone(demo_data):
    demo_pages()
    article = NewsArticlePage.objects.get(slug="vai-thieu-luc-ngan-vao-vu")
    article.title = "Sửa bởi biên tập viên"
    article.save_revision().publish()

    demo_pages()

    assert NewsArticlePage.objects.get(pk=article.pk).title == "Sửa bởi biên tập viên"
    assert NewsArticlePage.objects.filter(slug="vai-thieu-luc-ngan-vao-vu").count() == 1


# ---------------------------------------------------------------------------
# The English versions
# ---------------------------------------------------------------------------

DEMO_PAGE_TYPES = (
    NewsIndexPage,
    NewsArticlePage,
    CampaignPage,
    ProgrammePage,
    ProducerStoryPage,
    FairIndexPage,
    FairPage,
    TrainingIndexPage,
    CoursePage,
)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def demo_pages_in(language_code):
    """The live demo promotion and fair pages of one language's tree, by translation key."""
    pages = {}
    for model in DEMO_PAGE_TYPES:
        for page in model.objects.filter(locale__language_code=language_code):
            pages[page.translation_key] = page
    return pages


def english_titles():
    pages = PAGES_EN["pages"]
    return {
        PAGES_EN["news"]["index"]["title"],
        *(article["title"] for article in PAGES_EN["news"]["articles"]),
        *(page["title"] for page in pages),
        FAIRS_EN["index"]["title"],
        *(fair["title"] for fair in FAIRS_EN["fairs"]),
        TRAINING_EN["index"]["title"],
        *(course["title"] for course in TRAINING_EN["courses"]),
    }


def _year_as_placeholder(page) -> str:
    starts_on = getattr(page, "starts_on", None)
    return page.title.replace(str(starts_on.year), "{year}") if starts_on else page.title


def test_every_demo_page_has_a_live_english_translation_with_english_words(demo_data):
    vietnamese, english = demo_pages_in("vi"), demo_pages_in("en")

    assert len(vietnamese) == 13
    assert english.keys() == vietnamese.keys()
    assert all(page.live for page in english.values())
    # A fair's and the campaign's titles carry the year they start in place of `{year}`.
    titles = {_year_as_placeholder(page.specific) for page in english.values()}
    assert titles == english_titles()
    for key, page in english.items():
        assert page.title != vietnamese[key].title
        assert page.get_parent().locale.language_code == "en"
        assert page.search_description == ""
    # A second run makes none: each one is there.
    assert english_pages() == (0, 14)  # the 13 pages above and the harvest calendar


def test_the_english_pages_keep_what_is_the_same_in_both_languages(demo_data):
    article = NewsArticlePage.objects.get(slug="vai-thieu-luc-ngan-vao-vu")
    article_en = article.get_translation(Locale.objects.get(language_code="en"))
    assert article_en.slug == "luc-ngan-lychee-harvest-begins"
    assert article_en.date == article.date and article_en.categories.count() == 1
    assert [item.product_id for item in article_en.related_products.all()] == [
        item.product_id for item in article.related_products.all()
    ]
    assert sorted(tag.name for tag in article_en.tags.all()) == ["Lục Ngạn", "lychee"]
    assert article_en.author_name == "OCOP Coordination Office"

    programme_en = ProgrammePage.objects.get(locale__language_code="en")
    levels = programme_en.body[1].value["levels"]
    assert [(level["min_score"], level["description"]) for level in levels][0] == (
        50,
        "Meets the standard; recognised by the province.",
    )
    fair = FairPage.objects.get(slug="hoi-cho-ocop-bac-giang")
    fair_en = fair.get_translation(programme_en.locale)
    assert (fair_en.starts_on, fair_en.format, fair_en.map_url) == (fair.starts_on, fair.format, fair.map_url)
    assert fair_en.organiser == "Bắc Ninh Department of Industry and Trade (demo)"
    assert [booth.name for booth in fair_en.booth_types.order_by("sort_order")] == [
        "Standard booth 3 × 3 m",
        "Corner booth 3 × 6 m",
    ]


def test_the_english_news_and_an_english_article_answer_in_english(client, demo_data):
    index = client.get("/en/news/")
    article = client.get("/en/news/luc-ngan-lychee-harvest-begins/")

    assert index.status_code == article.status_code == 200
    index_html, article_html = index.content.decode(), article.content.decode()
    assert '<html lang="en"' in index_html and '<html lang="en"' in article_html
    assert "<h1>News</h1>" in index_html and "The Lục Ngạn lychee harvest begins" in index_html
    assert index_html.count('<article class="news-card">') == 3
    assert '<article class="news-card" lang="vi">' not in index_html
    assert "<h1>The Lục Ngạn lychee harvest begins</h1>" in article_html
    assert "Demo article for the test site, not official news." in article_html
    assert "Vải thiều Lục Ngạn vào vụ thu hoạch" not in article_html
    # The news categories are kept in Vietnamese only, and marked so.
    assert '?category=thi-truong" lang="vi">Thị trường</a>' in article_html


def _fair_year() -> int:
    return FairPage.objects.get(slug="hoi-cho-ocop-bac-giang").starts_on.year


def test_the_english_home_shows_the_english_pages_not_the_vietnamese_ones(client, demo_data):
    html = client.get("/en/").content.decode()

    assert '<article class="news-card" lang="vi">' not in html
    assert '<article class="fair-card" lang="vi">' not in html
    assert ">The Lục Ngạn lychee harvest begins</a>" in html
    assert f">Bắc Giang OCOP Fair {_fair_year()} (demo)</a>" in html
    assert '<a href="/en/news/">News</a>' in html
    assert '<a href="/en/fairs/">Fairs and exhibitions</a>' in html
    assert "/tin-tuc/" not in html and "/hoi-cho/" not in html


def test_the_english_fair_page_answers_in_english(client, demo_data):
    response = client.get("/en/fairs/bac-giang-ocop-fair/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html and f"<h1>Bắc Giang OCOP Fair {_fair_year()} (demo)</h1>" in html
    assert "3 February Square (demo)" in html
    # The booth types are the Vietnamese page's (the applications name them), marked so.
    assert '<th scope="row" lang="vi">Gian tiêu chuẩn 3 × 3 m' in html
    vietnamese = client.get("/hoi-cho/hoi-cho-ocop-bac-giang/").content.decode()
    assert '<th scope="row">Gian tiêu chuẩn 3 × 3 m' in vietnamese


def test_the_sitemap_lists_every_demo_page_in_both_languages_with_alternates(client, demo_data):
    root = ET.fromstring(client.get("/sitemap.xml").content)

    alternates = {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        for url in root.iter(f"{SITEMAP}url")
    }
    english = demo_pages_in("en")
    for key, page in demo_pages_in("vi").items():
        vi, en = page.full_url, english[key].full_url
        assert alternates[vi] == alternates[en] == {"vi": vi, "en": en, "x-default": vi}


def test_a_database_loaded_before_gets_the_english_pages_and_staff_translations_stay(demo_data):
    english = demo_pages_in("en")
    edited = english.pop(NewsIndexPage.objects.get(locale__language_code="vi").translation_key)
    edited.title = "OCOP news"
    edited.save_revision().publish()
    for page in english.values():
        if Page.objects.filter(pk=page.pk).exists():  # a fair list takes its fairs with it
            page.delete()

    assert english_pages() == (12, 2)  # the edited news index and the harvest calendar stay

    assert Page.objects.get(pk=edited.pk).title == "OCOP news"
    titles = {_year_as_placeholder(page.specific) for page in demo_pages_in("en").values()}
    assert titles == english_titles() - {"News"} | {"OCOP news"}
    assert english_pages() == (0, 14)  # the 13 pages above and the harvest calendar
