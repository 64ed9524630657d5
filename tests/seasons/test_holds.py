"""A product with harvest windows is not sold out of season, whatever its stock, and says when
its next harvest starts; in season it is sold as usual (issue 19, item 1)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from partner.sale_holds import sale_holds_on
from seasons.holds import product_sale_holds
from seasons.models import HarvestKind
from tests.catalog.factories import ProductFactory
from tests.partner.factories import ProducerFactory
from tests.seasons.factories import HarvestWindowFactory
from tests.traceability.factories import LotFactory, clock

pytestmark = pytest.mark.django_db

D = datetime.date
DECEMBER = D(2026, 12, 7)
IN_SEASON = D(2027, 6, 2)
ADD_BUTTON = 'class="btn btn-add buy-form__submit"'


def lychee_make(title="Vải thiều mùa thử", stock=200):
    product = ProductFactory(
        title=title,
        stockrecords__partner=ProducerFactory(name="HTX Vải mùa"),
        stockrecords__num_in_stock=stock,
    )
    HarvestWindowFactory(product=product)  # main crop 01/06-15/07
    HarvestWindowFactory(
        product=product, kind=HarvestKind.EARLY, start_month=5, start_day=20, end_month=6, end_day=5
    )
    return product


@pytest.fixture
def lychee(committed):
    with committed():
        return lychee_make()


def page(client, product) -> str:
    return client.get(product.get_absolute_url()).content.decode().split('<main id="main"', 1)[1]


def test_out_of_season_the_hold_says_when_the_next_harvest_starts(lychee):
    with translation.override("vi"):
        hold = product_sale_holds(DECEMBER)[lychee.pk]
        assert (hold.code, hold.message, hold.short_message) == (
            "out-of-season",
            "Hết mùa · vụ tới từ 20/05/2027",
            "Hết mùa · từ 20/05",
        )
    with translation.override("en"):
        hold = product_sale_holds(DECEMBER)[lychee.pk]
        assert hold.message == "Out of season · next harvest from 20 May 2027"
        assert hold.short_message == "Out of season · from 20 May"


def test_in_season_no_hold_from_the_calendar_and_the_day_after_the_harvest_a_hold(lychee):
    assert lychee.pk not in product_sale_holds(IN_SEASON)
    assert lychee.pk not in product_sale_holds(D(2027, 7, 15))
    with translation.override("vi"):
        assert product_sale_holds(D(2027, 7, 16))[lychee.pk].message == "Hết mùa · vụ tới từ 20/05/2028"


def test_products_without_windows_are_never_held_by_the_calendar(lychee):
    other = ProductFactory()
    assert other.pk not in product_sale_holds(DECEMBER)


def test_the_calendar_hold_wins_over_the_expired_lots_hold(lychee):
    LotFactory(product=lychee, produced_on=D(2026, 6, 10), expires_on=D(2026, 6, 20), is_published=True)
    with translation.override("vi"):
        assert sale_holds_on(DECEMBER)[lychee.pk].message == "Hết mùa · vụ tới từ 20/05/2027"


def test_an_unexpired_lot_and_stock_do_not_sell_it_in_december(client, lychee):
    LotFactory(product=lychee, produced_on=D(2026, 7, 10), expires_on=D(2027, 1, 31), is_published=True)
    with clock(DECEMBER):
        html = page(client, lychee)
        assert "Hết mùa · vụ tới từ 20/05/2027" in html
        assert ADD_BUTTON not in html and "Còn hàng" not in html
        response = client.post(
            reverse("basket:add", kwargs={"pk": lychee.pk}),
            {"quantity": 1},
            HTTP_REFERER=lychee.get_absolute_url(),
            follow=True,
        )
        assert "Hết mùa" in response.content.decode()
        assert client.get(reverse("basket:summary")).context["basket"].num_items == 0
    LotFactory(product=lychee, produced_on=D(2027, 6, 1), expires_on=D(2027, 6, 10), is_published=True)
    with clock(IN_SEASON):  # in season with a current lot: sold
        html = page(client, lychee)
        assert ADD_BUTTON in html and "Hết mùa" not in html


def test_the_product_page_facts_give_the_harvest_windows_under_an_anchor(client, lychee):
    with clock(DECEMBER):
        html = page(client, lychee)
    assert '<dt class="col-sm-4" id="mua-vu">Mùa thu hoạch</dt>' in html
    assert "vụ sớm 20/05–05/06, vụ chính 01/06–15/07" in html
    with clock(DECEMBER):
        html = client.get("/en" + lychee.get_absolute_url()).content.decode()
    assert "early crop 20 May–5 June, main crop 1 June–15 July" in html


def test_in_december_the_facts_give_next_year_s_harvests_with_that_year_s_own_windows(client, lychee):
    HarvestWindowFactory(product=lychee, year=2027, start_month=6, start_day=10, end_month=7, end_day=25)
    with clock(DECEMBER):
        html = page(client, lychee)
    assert "vụ sớm 20/05–05/06, vụ chính 10/06–25/07" in html
    with clock(D(2027, 6, 1)):
        assert "vụ sớm 20/05–05/06, vụ chính 10/06–25/07" in page(client, lychee)
    with clock(D(2027, 8, 1)):  # after the 2027 harvests: 2028's every-year windows
        assert "vụ sớm 20/05–05/06, vụ chính 01/06–15/07" in page(client, lychee)


def test_a_product_without_windows_has_no_harvest_fact(client):
    product = ProductFactory(stockrecords__partner=ProducerFactory())
    assert 'id="mua-vu"' not in page(client, product)


def test_the_cached_cards_follow_the_date(client, lychee):
    def card(html: str) -> str:
        return html.split("Vải thiều mùa thử</a>", 1)[1].split("</article>", 1)[0]

    with clock(IN_SEASON):
        before = client.get(reverse("catalogue:index")).content.decode()
    with clock(DECEMBER):
        after = client.get(reverse("catalogue:index")).content.decode()
    assert "btn btn-add" in card(before) and "Hết mùa" not in card(before)
    assert "Hết mùa · từ 20/05" in card(after) and "btn btn-add" not in card(after)


def test_editing_a_window_changes_the_cards_at_once(client, lychee, committed):
    with clock(DECEMBER):
        assert "Hết mùa · từ 20/05" in client.get(reverse("catalogue:index")).content.decode()
        with committed():
            early = lychee.harvest_windows.get(kind=HarvestKind.EARLY)
            early.start_month, early.start_day = 5, 10
            early.save()
        assert "Hết mùa · từ 10/05" in client.get(reverse("catalogue:index")).content.decode()


def test_one_query_reads_the_windows_of_every_card(client, committed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with committed():
        for title in ("Vải một", "Vải hai", "Vải ba", "Vải bốn"):
            lychee_make(title)
    with clock(DECEMBER), CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("catalogue:index")).content.decode()
    assert html.count("Hết mùa · từ 20/05") == 4
    assert len([query for query in queries if "seasons_harvestwindow" in query["sql"]]) == 1
