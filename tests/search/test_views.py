"""The catalogue, category and search pages and the suggestions endpoint, as a browser sees
them: on both engines, with bad input, and with the engine down."""

import logging

import pytest
from django.core.validators import ProhibitNullCharactersValidator
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from cms.models import HomePage
from marketplace.settings import base as base_settings

from .conftest import use_opensearch

pytestmark = pytest.mark.django_db

SEARCH = "/shop/search/"


def page(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content.decode()[:2000]
    return response, response.content.decode()


def test_search_page_lists_matches_with_highlights_and_facets(client, catalogue):
    response, html = page(client, SEARCH, {"q": "vai thieu"})

    assert [product.title for product in response.context["products"]] == ["Vải thiều Lục Ngạn"]
    assert "<mark>Vải</mark> <mark>thiều</mark> Lục Ngạn" in html
    assert "Kết quả cho “vai thieu”" in html
    assert "Hạng sao OCOP" in html and "5 sao" in html
    assert "OCOP 5★" in html
    assert "Tìm kiếm đang tạm chạy" not in html


def test_facet_links_tick_and_untick_a_value(client, catalogue):
    response, _ = page(client, SEARCH, {"q": "luc ngan"})
    stars = next(facet for facet in response.context["facets"] if facet.name == "stars")
    three = next(option for option in stars.options if option.key == "3")

    ticked, html = page(client, SEARCH + three.url)

    assert [p.title for p in ticked.context["products"]] == ["Mật ong hoa vải"]
    (chosen,) = [option for facet, option in ticked.context["selected_options"]]
    assert (chosen.key, chosen.selected) == ("3", True)
    unticked, _ = page(client, SEARCH + chosen.url)
    assert len(unticked.context["products"]) == 2


def test_category_page_lists_its_group_only(client, catalogue):
    herbs = catalogue.groups["herbs"]

    response, _ = page(client, herbs.get_absolute_url(), {"sort": "price-asc"})

    assert [p.title for p in response.context["products"]] == ["Rau dương xỉ sấy", "Đông trùng hạ thảo"]


def test_catalogue_page_is_faceted_too(client, catalogue):
    response, html = page(client, reverse("catalogue:index"), {"availability": "het-hang"})

    assert [p.title for p in response.context["products"]] == ["Mật ong hoa vải"]
    assert "Tình trạng hàng" in html


def test_english_search_page(client, catalogue):
    with translation.override("en"):
        url = reverse("search:search")

    response, html = page(client, url, {"q": "dong trung"})

    assert [p.title for p in response.context["products"]] == ["Đông trùng hạ thảo"]
    assert "Results for “dong trung”" in html and "OCOP stars" in html


def test_zero_results_page_helps(client, catalogue):
    _, html = page(client, SEARCH, {"q": "qwxzv"})

    assert "Không có sản phẩm nào khớp với “qwxzv”." in html
    assert "gõ “vai thieu” cũng tìm được “Vải thiều”" in html
    assert catalogue.groups["food"].name in html or "Thực phẩm" in html


def test_suggestions_endpoint(client, catalogue):
    response = client.get(reverse("search:suggestions"), {"q": "vai th"})

    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "vai th"
    assert data["suggestions"][0] == {
        "name": "Vải thiều Lục Ngạn",
        "url": catalogue.products["lychee"].get_absolute_url(),
    }


# ---------------------------------------------------------------------------
# Bad input: a normal page or a 400 with a message, never a 500
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "v" * 201}, "không quá 200 ký tự"),
        ({"q": "vai", "page": "abc"}, "Số trang phải là một số nguyên."),
        ({"q": "vai", "page": "0"}, "Số trang phải từ 1 trở lên."),
        ({"q": "vai", "page": "5000"}, "Kết quả chỉ xem được đến trang 416"),
        ({"q": "vai", "stars": "9"}, "Giá trị bộ lọc không hợp lệ: 9."),
        ({"q": "vai", "sort": "random()"}, "Giá trị bộ lọc không hợp lệ: random()."),
        ({"q": "vai", "group": "../../etc"}, "Giá trị bộ lọc không hợp lệ."),
    ],
)
def test_refused_requests_get_400_with_a_message_and_keep_the_words(client, catalogue, params, message):
    with translation.override("vi"):
        _, html = page(client, SEARCH, params, status=400)

    assert "Không thể thực hiện tìm kiếm này" in html
    assert message in html
    assert f'value="{params["q"]}"' in html


def test_a_nul_character_is_refused_with_django_s_message(client, catalogue):
    with translation.override("vi"):
        expected = str(ProhibitNullCharactersValidator.message)

        _, html = page(client, SEARCH, {"q": "vai\x00"}, status=400)

    assert expected in html


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE catalogue_product; --",
        'title:(vai OR *) AND _exists_:price {"query": {"match_all": {}}}',
        "vai\\ thieu~2^5 /[a-z]+/",
        "<script>alert(1)</script>",
        "\u200b\u202evai\u202c thieu\ufeff",  # zero-width and bidi controls
        "\u0301\u0300 vải 🍒",  # lone combining marks and an emoji
        "ｖａｉ　ｔｈｉｅｕ",  # full-width letters
        "   ",
    ],
)
def test_odd_and_injection_looking_queries_get_a_normal_page(client, catalogue, text):
    _, html = page(client, SEARCH, {"q": text})

    assert "<script>alert(1)</script>" not in html
    assert "Traceback" not in html


def test_control_characters_are_dropped_from_the_words(client, catalogue):
    response, _ = page(client, SEARCH, {"q": "\u200b\u202evai\u202c thieu\ufeff"})

    assert [p.title for p in response.context["products"]] == ["Vải thiều Lục Ngạn"]


def test_unknown_facet_value_gives_an_empty_normal_page(client, catalogue):
    _, html = page(client, SEARCH, {"q": "vai", "producer": "khong-co"})

    assert "Không có sản phẩm nào khớp với “vai”." in html


def test_page_past_the_end_gives_a_normal_page(client, catalogue):
    _, html = page(client, SEARCH, {"q": "vai", "page": "99"})

    assert "Không có sản phẩm nào ở trang 99." in html


def test_too_long_suggestion_query_is_refused_with_a_message(client, catalogue):
    response = client.get(reverse("search:suggestions"), {"q": "v" * 201})

    assert response.status_code == 400
    assert response.json() == {"error": "Vui lòng nhập từ khóa tìm kiếm không quá 200 ký tự."}


# ---------------------------------------------------------------------------
# The engine down
# ---------------------------------------------------------------------------


@pytest.fixture
def engine_down(settings, demo_data):
    settings.SEARCH_BACKEND = "opensearch"
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.MARKETPLACE_SEARCH_TIMEOUT = 0.5


def test_engine_down_answers_from_the_database_with_a_notice(client, engine_down, caplog, settings):
    with caplog.at_level(logging.ERROR, logger="search.selectors"):
        response, html = page(client, SEARCH, {"q": "vai thieu"})

    assert response.context["results"].engine == "database"
    assert [p.title for p in response.context["products"]][0] == "Vải thiều Lục Ngạn"
    assert "Tìm kiếm đang tạm chạy ở chế độ đơn giản" in html
    # No error class or server address leaks (an image's hashed name may hold any digits).
    assert "ConnectionError" not in html and settings.SEARCH_URL not in html and ":9200" not in html
    assert [record.getMessage().split(":")[0] for record in caplog.records] == [
        "Search engine unavailable, answering from the database"
    ]


def test_engine_down_still_gives_suggestions(client, engine_down):
    response = client.get(reverse("search:suggestions"), {"q": "vai th"})

    assert response.status_code == 200
    assert response.json()["suggestions"][0]["name"] == "Vải thiều Lục Ngạn"


# ---------------------------------------------------------------------------
# CMS pages, listed apart from the products
# ---------------------------------------------------------------------------


@pytest.fixture
def fair_page(demo_data, committed):
    home = HomePage.objects.get(locale__language_code="vi")
    with committed():
        fair = home.add_child(
            instance=Page(title="Hội chợ vải thiều Lục Ngạn 2026", slug="hoi-cho-vai-thieu-2026")
        )
        draft = home.add_child(
            instance=Page(title="Hội chợ vải thiều bản nháp", slug="hoi-cho-nhap", live=False)
        )
    return fair, draft


def test_search_lists_live_pages_apart_from_products(client, fair_page):
    fair, draft = fair_page

    response, html = page(client, SEARCH, {"q": "Hội chợ vải thiều"})

    assert response.context["pages"] == [fair]
    assert "Tin tức và trang thông tin" in html
    assert fair.url in html and draft.title not in html


def test_page_search_uses_the_engine_when_configured(client, settings, fair_page):
    use_opensearch(settings)
    prefix = settings.MARKETPLACE_SEARCH_INDEX_PREFIX
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [settings.SEARCH_URL],
            "INDEX": f"{prefix}-pages-",
            "INDEX_SETTINGS": base_settings.WAGTAIL_SEARCH_FOLDING,
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    index = backend.get_index_for_model(Page)
    try:
        index.reset()
        index.add_model(Page)
        index.add_item(fair_page[0])
        index.refresh()

        response, _ = page(client, SEARCH, {"q": "hoi cho vai thieu"})

        assert response.context["pages"] == [fair_page[0]]
    finally:
        backend.es.indices.delete(index=f"{prefix}-pages*")


def test_page_search_falls_back_to_the_database_when_the_engine_is_down(client, settings, fair_page, caplog):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX": "down-pages-",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0},
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }

    with caplog.at_level(logging.ERROR, logger="search.selectors"):
        response, _ = page(client, SEARCH, {"q": "Hội chợ vải thiều"})

    assert response.context["pages"] == [fair_page[0]]
    assert [record.getMessage().split(":")[0] for record in caplog.records] == [
        "Page search failed on the engine, answering from the database"
    ]


def test_only_a_plain_search_with_products_is_offered_to_search_engines(client, catalogue):
    """`?q=` alone with products is a landing page for those words (canonical, indexable); an empty
    result, a filter, a sort order or a later page stays out of the index."""
    _, html = page(client, SEARCH, {"q": "vai thieu"})
    assert 'name="robots"' not in html
    assert '<link rel="canonical" href="http://testserver/shop/search/?q=vai+thieu">' in html

    for params in ({"q": "không có gì như thế"}, {"q": "vai thieu", "page": "1"}, {}):
        _, html = page(client, SEARCH, params)
        assert '<meta name="robots" content="noindex, follow">' in html, params
        assert 'rel="canonical"' not in html, params
