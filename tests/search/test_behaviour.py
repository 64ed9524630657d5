"""What a shopper gets from search, the same on the database fallback and on OpenSearch.

Every test runs twice (see `search_backend` in conftest.py) on the catalogue of ROWS.
"""

import unicodedata

import pytest
from oscar.core.loading import get_model

from search.queries import ProductQuery
from search.selectors import product_search, product_suggestions
from tests.catalog.factories import ProductFactory

from .conftest import titles

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def search(**query):
    return product_search(query=ProductQuery(**query))


# ---------------------------------------------------------------------------
# Vietnamese text
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "vai thieu",  # no tones, the way most people type on a phone
        "Vải thiều",
        "VẢI THIỀU",
        unicodedata.normalize("NFD", "vải thiều"),  # decomposed, as some keyboards send it
        "vải thiêu",  # a wrong tone still matches
    ],
)
def test_tones_case_and_unicode_form_do_not_matter(catalogue, text):
    results = search(text=text)

    assert titles(results) == ["Vải thiều Lục Ngạn"]
    assert results.engine == catalogue.engine


def test_d_with_stroke_folds_to_d(catalogue):
    assert titles(search(text="dong trung")) == ["Đông trùng hạ thảo"]


@pytest.mark.parametrize("text", ["hoà lạc", "hòa lạc", "hoa lac"])
def test_both_tone_placements_find_the_same_product(catalogue, text):
    assert titles(search(text=text)) == ["Chè Hòa Lạc"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đường", ["Đường phèn Yên Thế", "Rau dương xỉ sấy"]),
        ("dương", ["Rau dương xỉ sấy", "Đường phèn Yên Thế"]),
    ],
)
def test_exact_diacritics_rank_above_folded_matches(catalogue, text, expected):
    assert titles(search(text=text)) == expected


def test_hidden_products_are_never_returned(catalogue):
    assert sorted(titles(search(text="vải"))) == ["Mật ong hoa vải", "Vải thiều Lục Ngạn"]
    assert "Vải sấy dẻo" not in titles(search(text="vai say deo"))
    assert search().total == 6


# ---------------------------------------------------------------------------
# i and y: "mì" and "mỳ" are one word written two ways
# ---------------------------------------------------------------------------


@pytest.fixture
def noodles(catalogue, committed):
    """Rice noodles of Chũ written with "y", of Kép with "i", as their makers write them."""
    with committed():
        for title in ("Mỳ gạo Chũ", "Mì gạo Kép"):
            ProductFactory(
                title=title,
                description=f"{title}: sợi dai, phơi nắng.",
                category=catalogue.groups["food"],
                stockrecords__partner=catalogue.producers["a"],
                stockrecords__price=40_000,
                stockrecords__num_in_stock=20,
            )
    return catalogue


@pytest.mark.parametrize("text", ["mi chu", "mì Chũ", "my chu", "mỳ chũ", "MÌ CHŨ"])
def test_i_and_y_spellings_find_each_other(noodles, text):
    assert titles(search(text=text)) == ["Mỳ gạo Chũ"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mì gạo", ["Mì gạo Kép", "Mỳ gạo Chũ"]),
        ("mỳ gạo", ["Mỳ gạo Chũ", "Mì gạo Kép"]),
    ],
)
def test_the_spelling_typed_ranks_first(noodles, text, expected):
    assert titles(search(text=text)) == expected


def test_without_tones_both_spellings_are_found(noodles):
    assert sorted(titles(search(text="mi gao"))) == ["Mì gạo Kép", "Mỳ gạo Chũ"]


def test_the_other_spelling_is_highlighted_and_suggested(noodles):
    (hit,) = search(text="mi chu").hits
    assert hit.name_html == "<mark>Mỳ</mark> gạo <mark>Chũ</mark>"
    assert [suggestion.name for suggestion in product_suggestions(text="mi gao ch")][:1] == ["Mỳ gạo Chũ"]


# ---------------------------------------------------------------------------
# Places, producers, groups
# ---------------------------------------------------------------------------


def test_old_district_name_finds_its_products_with_name_matches_first(catalogue):
    assert titles(search(text="luc ngan")) == ["Vải thiều Lục Ngạn", "Mật ong hoa vải"]


def test_current_commune_name_finds_products(catalogue):
    commune = catalogue.products["lychee"].origin_commune.name

    assert set(titles(search(text=commune))) >= {"Vải thiều Lục Ngạn", "Mật ong hoa vải"}


@pytest.mark.parametrize("province", ["Bắc Giang", "bac ninh"])
def test_old_and_new_province_names_find_every_product(catalogue, province):
    assert search(text=province).total == 6


def test_producer_and_group_names_are_searchable(catalogue):
    assert titles(search(text="hong xuan thu")) == ["Vải thiều Lục Ngạn"]
    assert sorted(titles(search(text="dược liệu thử"))) == ["Rau dương xỉ sấy", "Đông trùng hạ thảo"]


# ---------------------------------------------------------------------------
# Typos
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vai thieuu", "Vải thiều Lục Ngạn"),
        ("dong trunh", "Đông trùng hạ thảo"),
        ("mat ongg", "Mật ong hoa vải"),
    ],
)
def test_a_typo_still_finds_the_product_and_says_so(catalogue, text, expected):
    results = search(text=text)

    assert titles(results)[0] == expected
    assert results.corrected


def test_exact_words_do_not_switch_on_typo_tolerance(catalogue):
    results = search(text="mat ong")

    assert titles(results) == ["Mật ong hoa vải"]
    assert not results.corrected


def test_nonsense_finds_nothing(catalogue):
    results = search(text="qwxzv")

    assert (results.total, results.products) == (0, [])


# ---------------------------------------------------------------------------
# Facets and filters
# ---------------------------------------------------------------------------


def counts(results, facet):
    return results.facet_counts[facet]


def test_facet_counts_of_the_whole_catalogue(catalogue):
    groups = {key: category.slug for key, category in catalogue.groups.items()}
    producers = {key: producer.code for key, producer in catalogue.producers.items()}

    results = search()

    assert counts(results, "stars") == {"5": 1, "4": 3, "3": 1}
    assert counts(results, "group") == {groups["food"]: 3, groups["herbs"]: 2, groups["drinks"]: 1}
    assert counts(results, "locality") == {"215": 2, "216": 2, "219": 2}
    assert counts(results, "producer") == {
        producers["c"]: 2,
        producers["d"]: 2,
        producers["a"]: 1,
        producers["b"]: 1,
    }
    assert counts(results, "price") == {"duoi-100k": 2, "100k-200k": 1, "200k-500k": 1, "tren-500k": 2}
    assert counts(results, "availability") == {"con-hang": 5, "het-hang": 1}


def test_a_facet_keeps_its_own_counts_while_the_others_follow_it(catalogue):
    groups = {key: category.slug for key, category in catalogue.groups.items()}

    results = search(stars=frozenset({4}))

    assert sorted(titles(results)) == ["Chè Hòa Lạc", "Đông trùng hạ thảo", "Đường phèn Yên Thế"]
    assert counts(results, "stars") == {"5": 1, "4": 3, "3": 1}
    assert counts(results, "group") == {groups["food"]: 1, groups["herbs"]: 1, groups["drinks"]: 1}
    assert counts(results, "locality") == {"216": 2, "215": 1}
    assert counts(results, "price") == {"duoi-100k": 1, "100k-200k": 0, "200k-500k": 0, "tren-500k": 2}


def test_facets_combine_and_values_of_one_facet_add_up(catalogue):
    herbs = catalogue.groups["herbs"].slug

    both = search(stars=frozenset({4}), group=frozenset({herbs}))
    either = search(stars=frozenset({4, 5}))

    assert titles(both) == ["Đông trùng hạ thảo"]
    assert counts(both, "stars") == {"4": 1}
    assert either.total == 4


def test_facet_counts_match_the_database(catalogue):
    """Each stars count equals the published products with an active certificate of those stars."""
    results = search()
    published = Product.objects.browsable().filter(pk__in=[p.pk for p in catalogue.products.values()])

    for stars, count in counts(results, "stars").items():
        in_database = [p for p in published.prefetch_related("certificates") if p.ocop_stars == int(stars)]
        assert count == len(in_database)


def test_price_and_availability_filters(catalogue):
    assert sorted(titles(search(price=frozenset({"tren-500k"})))) == ["Chè Hòa Lạc", "Đông trùng hạ thảo"]
    assert titles(search(availability=frozenset({"het-hang"}))) == ["Mật ong hoa vải"]
    assert titles(search(text="vai", availability=frozenset({"con-hang"}))) == ["Vải thiều Lục Ngạn"]


def test_unknown_facet_values_match_nothing(catalogue):
    results = search(group=frozenset({"khong-co-nhom-nay"}))

    assert (results.total, results.products) == (0, [])


def test_text_and_facets_together(catalogue):
    results = search(text="vải", locality=frozenset({"219"}), stars=frozenset({3}))

    assert titles(results) == ["Mật ong hoa vải"]
    assert counts(results, "stars") == {"5": 1, "3": 1}


# ---------------------------------------------------------------------------
# Sorting and pages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price-asc", ["sugar", "fern", "lychee", "honey", "tea", "cordyceps"]),
        ("price-desc", ["cordyceps", "tea", "honey", "lychee", "fern", "sugar"]),
        ("newest", ["cordyceps", "tea", "fern", "sugar", "honey", "lychee"]),
        ("stars", ["lychee", "tea", "cordyceps", "sugar", "honey", "fern"]),
    ],
)
def test_sort_orders(catalogue, sort, expected):
    results = search(sort=sort)

    assert [product.pk for product in results.products] == [catalogue.pk(key) for key in expected]


def test_pages_split_the_results(catalogue):
    pages = [search(sort="price-asc", per_page=2, page=page) for page in (1, 2, 3, 4)]

    assert [titles(page) for page in pages] == [
        ["Đường phèn Yên Thế", "Rau dương xỉ sấy"],
        ["Vải thiều Lục Ngạn", "Mật ong hoa vải"],
        ["Chè Hòa Lạc", "Đông trùng hạ thảo"],
        [],
    ]
    assert {page.total for page in pages} == {6}


# ---------------------------------------------------------------------------
# Highlights and suggestions
# ---------------------------------------------------------------------------


def test_matches_are_highlighted_and_escaped(catalogue):
    (hit,) = search(text="vai thieu").hits

    assert hit.name_html == "<mark>Vải</mark> <mark>thiều</mark> Lục Ngạn"
    assert "<mark>Vải</mark> <mark>thiều</mark>" in hit.snippet_html


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("vai th", "Vải thiều Lục Ngạn"),
        ("Đư", "Đường phèn Yên Thế"),
        ("mat o", "Mật ong hoa vải"),
        ("che hoa", "Chè Hòa Lạc"),
    ],
)
def test_suggestions_complete_the_last_word(catalogue, typed, first):
    suggestions = product_suggestions(text=typed)

    assert suggestions[0].name == first
    assert "Vải sấy dẻo" not in [suggestion.name for suggestion in suggestions]


def test_suggestions_for_nothing_typed_are_empty(catalogue):
    assert product_suggestions(text="  ") == []


# ---------------------------------------------------------------------------
# Index updates after commit
# ---------------------------------------------------------------------------


def test_unpublishing_and_deleting_remove_products(catalogue, committed):
    with committed():
        lychee = catalogue.products["lychee"]
        lychee.is_public = False
        lychee.save()
        catalogue.products["honey"].delete()

    assert search(text="vai thieu").total == 0
    assert search(text="mat ong").total == 0
    assert search().total == 4


def test_publishing_adds_a_product(catalogue, committed):
    with committed():
        hidden = catalogue.products["hidden"]
        hidden.is_public = True
        hidden.save()

    assert titles(search(text="vai say")) == ["Vải sấy dẻo"]


def test_price_and_stock_changes_reach_the_index(catalogue, committed):
    with committed():
        sugar = StockRecord.objects.get(product=catalogue.products["sugar"])
        sugar.price = 600_000
        sugar.save()
        honey = StockRecord.objects.get(product=catalogue.products["honey"])
        honey.num_in_stock = 20
        honey.save()

    results = search()
    assert counts(results, "price") == {"duoi-100k": 1, "100k-200k": 1, "200k-500k": 1, "tren-500k": 3}
    assert counts(results, "availability") == {"con-hang": 6}


def test_certificate_and_producer_changes_reach_the_index(catalogue, committed):
    from tests.catalog.factories import CertificateFactory

    with committed():
        CertificateFactory(product=catalogue.products["fern"], stars=3)
        producer = catalogue.producers["c"]
        producer.name = "HTX Phèn Ngọt"
        producer.save()

    assert counts(search(), "stars") == {"5": 1, "4": 3, "3": 2}
    assert sorted(titles(search(text="phen ngot"))) == ["Rau dương xỉ sấy", "Đường phèn Yên Thế"]
