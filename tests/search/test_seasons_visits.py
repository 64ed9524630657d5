"""Search's "in season" and visit-date filters (issue 19, contract 3), on the engine
(OpenSearch) and on the database fallback alike: documents carry the season spans and the
bookable visit dates; the filters read them against today."""

import datetime

import pytest
from django.urls import reverse

from search import bookable
from search.documents import index_body, product_documents
from search.indexing import badges_reindex, products_index
from search.queries import IN_STOCK, ProductQuery
from search.selectors import product_search
from seasons.models import HarvestKind
from tests.search.conftest import titles
from tests.seasons.factories import HarvestWindowFactory
from tests.traceability.factories import clock

pytestmark = pytest.mark.django_db

D = datetime.date
JUNE = D(2027, 6, 20)
DECEMBER = D(2026, 12, 7)


@pytest.fixture
def visits(monkeypatch):
    """A stand-in for the visits app's source: the tea farm takes visitors on two days."""
    days = {}

    def source(product_ids, start, end):
        return {
            pk: [day for day in found if start <= day <= end]
            for pk, found in days.items()
            if product_ids is None or pk in product_ids
        }

    monkeypatch.setattr(bookable, "_sources", [source])
    return days


@pytest.fixture
def seasonal(catalogue, visits, committed):
    """Lychee: main crop 1 June - 15 July; honey: a winter harvest over the new year; the tea
    farm: visits on 10 and 24 January 2027."""
    with committed():
        HarvestWindowFactory(product=catalogue.products["lychee"])
        HarvestWindowFactory(
            product=catalogue.products["honey"],
            kind=HarvestKind.MAIN,
            start_month=11,
            start_day=15,
            end_month=2,
            end_day=10,
            crosses_new_year=True,
        )
    visits[catalogue.pk("tea")] = [D(2027, 1, 10), D(2027, 1, 24)]
    with clock(DECEMBER):
        products_index(product_ids=[catalogue.pk(key) for key in ("lychee", "honey", "tea")])
    return catalogue


def found(**query) -> list[str]:
    return sorted(titles(product_search(query=ProductQuery(**query))))


def test_the_mapping_has_date_ranges_and_visit_dates():
    properties = index_body()["mappings"]["properties"]
    assert properties["seasons"] == {"type": "date_range"}
    assert properties["visit_dates"] == {"type": "date"}


def test_documents_carry_three_years_of_spans_and_the_next_180_days_of_visits(seasonal):
    lychee, honey, tea = (seasonal.pk(key) for key in ("lychee", "honey", "tea"))
    docs = {doc["pk"]: doc for doc in product_documents([lychee, honey, tea], today=DECEMBER)}
    assert docs[lychee]["seasons"] == [
        {"gte": "2025-06-01", "lte": "2025-07-15"},
        {"gte": "2026-06-01", "lte": "2026-07-15"},
        {"gte": "2027-06-01", "lte": "2027-07-15"},
    ]
    assert {"gte": "2026-11-15", "lte": "2027-02-10"} in docs[honey]["seasons"]
    assert docs[tea]["visit_dates"] == ["2027-01-10", "2027-01-24"] and docs[tea]["seasons"] == []
    # Out of season the shop does not sell it: not in stock either.
    assert docs[lychee]["in_stock"] is False
    assert product_documents([lychee], today=JUNE)[0]["in_stock"] is True


def test_in_season_finds_the_products_whose_harvest_holds_today(seasonal):
    with clock(DECEMBER):
        assert found(in_season=True) == ["Mật ong hoa vải"]
    with clock(JUNE):
        assert found(in_season=True) == ["Vải thiều Lục Ngạn"]
        assert found(in_season=True, text="mật ong") == []
    with clock(D(2027, 3, 1)):
        assert found(in_season=True) == []


def test_the_visit_dates_filter_finds_a_bookable_day_in_the_range(seasonal):
    with clock(DECEMBER):
        assert found(visit_from=D(2027, 1, 1), visit_to=D(2027, 1, 15)) == ["Chè Hòa Lạc"]
        assert found(visit_from=D(2027, 1, 11), visit_to=D(2027, 1, 23)) == []
        assert found(visit_from=D(2027, 1, 24)) == ["Chè Hòa Lạc"]
        assert found(visit_to=D(2027, 1, 9)) == []
    # A day in the past is never a visit: from 20 January only the 24th is left.
    with clock(D(2027, 1, 20)):
        assert found(visit_to=D(2027, 1, 23)) == []


def test_the_filters_narrow_the_facet_counts_too(seasonal):
    with clock(JUNE):
        results = product_search(query=ProductQuery(in_season=True))
    assert sum(results.facet_counts["producer"].values()) == 1


def test_the_daily_run_brings_the_in_stock_facet_in_step_with_the_season(seasonal, committed):
    def in_stock_titles():
        return found(availability=frozenset({IN_STOCK}))

    with clock(DECEMBER):
        assert "Vải thiều Lục Ngạn" not in in_stock_titles()
    with clock(JUNE), committed():
        assert seasonal.pk("lychee") in badges_reindex(on=JUNE)
    with clock(JUNE):
        assert "Vải thiều Lục Ngạn" in in_stock_titles()


def test_the_search_page_filters_by_season_and_visit_date_in_both_languages(client, seasonal):
    with clock(JUNE):
        html = client.get(reverse("search:search"), {"in_season": "1"}).content.decode()
        assert "Vải thiều Lục Ngạn" in html and "Mật ong hoa vải" not in html
        assert "Đang vào mùa" in html and 'name="visit_from"' in html
    with clock(DECEMBER):
        html = client.get(
            reverse("search:search"), {"visit_from": "2027-01-01", "visit_to": "10/01/2027"}
        ).content.decode()
        assert "Chè Hòa Lạc" in html and "Vải thiều Lục Ngạn" not in html
        assert "Ngày tham quan: 01/01/2027 – 10/01/2027" in html
        bad = client.get(reverse("search:search"), {"visit_from": "2027-01-10", "visit_to": "2027-01-01"})
        assert bad.status_code == 400 and "Ngày tham quan cuối đứng trước ngày đầu." in bad.content.decode()
    with clock(JUNE):  # last: the English page keeps the client in English
        english = client.get("/en" + reverse("search:search"), {"in_season": "1"}).content.decode()
    assert "In season" in english and "Visit from" in english and "Lục Ngạn" in english


def test_the_form_reads_both_date_shapes_and_refuses_nonsense_in_vietnamese():
    from search.forms import ProductSearchForm

    form = ProductSearchForm({"in_season": "1", "visit_from": "2027-01-02", "visit_to": "05/01/2027"})
    assert form.is_valid()
    query = form.product_query()
    assert (query.in_season, query.visit_from, query.visit_to) == (True, D(2027, 1, 2), D(2027, 1, 5))
    form = ProductSearchForm({"visit_from": "2027-13-40"})
    assert not form.is_valid()
    assert form.errors["visit_from"] == ["Nhập ngày tham quan theo dạng ngày/tháng/năm."]
    empty = ProductSearchForm({})
    assert empty.is_valid() and empty.product_query().visit_window(DECEMBER) is None
