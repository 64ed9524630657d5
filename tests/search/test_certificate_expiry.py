"""The OCOP badge follows its certificate with the clock: on the product page, on the cards
of search results, in the stars facet, filter and sort, on both engines, without anyone
editing the product; and the daily `search_index badges` brings the index in step.

Every test runs on the database fallback and on OpenSearch (`search_backend`).
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from oscar.core.loading import get_model

from catalog import certificates
from search.models import ProductSearchRecord
from search.queries import ProductQuery
from search.selectors import product_search
from tests.catalog.factories import ProductFactory
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")

ISSUED = datetime.date(2026, 1, 10)
LAST_DAY = datetime.date(2029, 1, 15)  # 36 months after valid_from 2026-01-15
WORDS = "tra hoa vang"


def clock(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9, 0)), tick=True)


@pytest.fixture
def tea(search_backend, committed):
    """A 4★ tea, certified on 10/01/2026 until 15/01/2029, and a 3★ jam certified on 01/06/2026."""
    with clock(datetime.date(2026, 2, 1)), committed():
        tea = ProductFactory(
            title="Trà hoa vàng Sơn Động",
            stockrecords__partner=ProducerFactory(name="HTX Trà Sơn Động"),
            stockrecords__price=200_000,
            stockrecords__num_in_stock=5,
        )
        jam = ProductFactory(
            title="Mứt trà hoa vàng",
            stockrecords__partner=ProducerFactory(name="HTX Mứt"),
            stockrecords__price=80_000,
            stockrecords__num_in_stock=5,
        )
        certificate = certificates.certificate_create(
            product=tea,
            stars=4,
            score=Decimal("78"),
            criteria_version="qd1489-2025",
            decision_number="15/QĐ-UBND",
            decision_date=ISSUED,
            issuer_level="province",
            issuer_name="UBND tỉnh Bắc Ninh",
            programme_year=2026,
            valid_from=datetime.date(2026, 1, 15),
        )
    with clock(datetime.date(2026, 6, 2)), committed():
        jam_decision(jam, datetime.date(2026, 6, 1))
    return {"tea": tea, "jam": jam, "certificate": certificate}


def jam_decision(product, day):
    return certificates.certificate_create(
        product=product,
        stars=3,
        score=Decimal("60"),
        criteria_version="qd1489-2025",
        decision_number=f"{product.pk}/QĐ-UBND",
        decision_date=day,
        issuer_level="province",
        issuer_name="UBND tỉnh Bắc Ninh",
        programme_year=day.year,
        valid_from=day,
    )


def titles(results) -> list[str]:
    return [product.title for product in results.products]


def search(**query):
    return product_search(query=ProductQuery(text=WORDS, **query))


def test_a_certificate_aged_past_its_expiry_takes_the_badge_and_the_facet_with_it(client, tea):
    """The issue's check: a certificate is created, aged past its expiry with a fixed clock,
    and the badge and search facet are watched."""
    url = tea["tea"].get_absolute_url()
    with clock(LAST_DAY):
        page = client.get(url).content.decode()
        assert "OCOP 4★" in page and "15/QĐ-UBND" in page and "15/01/2029" in page
        assert search().facet_counts["stars"] == {"4": 1, "3": 1}
        assert "OCOP 4★" in client.get("/shop/search/", {"q": WORDS}).content.decode()

    with clock(LAST_DAY + datetime.timedelta(days=1)):
        page = client.get(url).content.decode()
        assert "OCOP 4★" not in page and "15/QĐ-UBND" not in page
        results = search()
        assert results.facet_counts["stars"] == {"3": 1}
        assert results.total == 2  # the product stays on sale, without its badge
        listing = client.get("/shop/search/", {"q": WORDS}).content.decode()
        assert "OCOP 4★" not in listing and "OCOP 3★" in listing
    assert Product.objects.get(pk=tea["tea"].pk).date_updated == tea["tea"].date_updated


def test_the_stars_filter_and_sort_drop_lapsed_stars(tea):
    with clock(LAST_DAY + datetime.timedelta(days=1)):
        assert "Trà hoa vàng Sơn Động" not in titles(search(stars=frozenset({4})))
        assert [p.title for p in search(stars=frozenset({3})).products] == ["Mứt trà hoa vàng"]
        assert [p.title for p in search(sort="stars").products] == [
            "Mứt trà hoa vàng",
            "Trà hoa vàng Sơn Động",
        ]
    with clock(LAST_DAY):
        assert [p.title for p in search(sort="stars").products] == [
            "Trà hoa vàng Sơn Động",
            "Mứt trà hoa vàng",
        ]


def test_a_revocation_takes_the_stars_out_of_search_at_once(tea, committed):
    with clock(datetime.date(2027, 6, 1)):
        with committed():
            certificates.certificate_revoke(certificate=tea["certificate"], by=None, reason="Vi phạm")

        assert search().facet_counts["stars"] == {"3": 1}
        assert "Trà hoa vàng Sơn Động" not in titles(search(stars=frozenset({4})))


def test_the_daily_command_indexes_lapsed_and_started_badges_again(tea, committed):
    with clock(datetime.date(2028, 12, 1)), committed():
        syrup = ProductFactory(
            title="Siro trà hoa vàng",
            stockrecords__partner=ProducerFactory(name="HTX Siro"),
            stockrecords__price=90_000,
            stockrecords__num_in_stock=5,
        )
        jam_decision(syrup, datetime.date(2029, 1, 10))  # recorded ahead of its date
    records = ProductSearchRecord.objects.filter(
        product__title__in=["Trà hoa vàng Sơn Động", "Siro trà hoa vàng"]
    )
    assert dict(records.values_list("product__title", "stars")) == {
        "Trà hoa vàng Sơn Động": 4,
        "Siro trà hoa vàng": None,
    }

    with clock(LAST_DAY + datetime.timedelta(days=1)), committed():
        call_command("search_index", "badges", verbosity=0)

    assert dict(records.values_list("product__title", "stars")) == {
        "Trà hoa vàng Sơn Động": None,
        "Siro trà hoa vàng": 3,
    }
    with clock(LAST_DAY + datetime.timedelta(days=1)):
        assert search().facet_counts["stars"] == {"3": 2}
