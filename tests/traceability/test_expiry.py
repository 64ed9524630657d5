"""Lots that tell the truth: a lot past its use-by date is expired on Vietnam's clock, is no
longer a product's current lot, and says so on its trace page and in the producer's lists.

The clock is fixed with time-machine: the season's lots are made on 20/06/2026, the last of
them may be eaten until 01/07/2026 and has expired on 02/07/2026.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from tests.traceability.factories import EXPIRED, LAST_DAY, MADE, LotFactory, clock, row_of, season_make
from traceability.selectors import (
    lot_is_expired,
    lot_is_usable,
    lot_recent_for_product,
    lots_current,
    months_text,
    product_lots_all_expired,
    product_sale_holds,
    products_lots_all_expired,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(db):
    return season_make()


def test_a_lot_may_be_used_on_its_use_by_date_and_has_expired_the_day_after(season):
    peak = season["peak"]
    assert not lot_is_expired(peak, on=LAST_DAY) and lot_is_usable(peak, on=LAST_DAY)
    assert lot_is_expired(peak, on=EXPIRED) and not lot_is_usable(peak, on=EXPIRED)
    assert not lot_is_usable(season["draft"], on=LAST_DAY)  # unpublished: never shipped
    season["draft"].expires_on = None
    assert not lot_is_expired(season["draft"], on=datetime.date(2040, 1, 1))  # no use-by date


def test_expiry_follows_vietnams_date_not_the_servers(season):
    peak = season["peak"]
    # 17:30 UTC on 01/07 is already 00:30 on 02/07 in Vietnam.
    with time_machine.travel(datetime.datetime(2026, 7, 1, 17, 30, tzinfo=datetime.UTC), tick=False):
        assert peak.is_expired and lot_is_expired(peak)
    with time_machine.travel(datetime.datetime(2026, 7, 1, 16, 30, tzinfo=datetime.UTC), tick=False):
        assert not peak.is_expired and not lot_is_expired(peak)


def test_the_current_lots_are_the_published_ones_not_expired(season):
    lychee = season["lychee"]
    assert list(lots_current(product_id=lychee.pk, on=LAST_DAY)) == [season["peak"]]
    assert list(lots_current(product_id=lychee.pk, on=EXPIRED)) == []
    assert lot_recent_for_product(product_id=lychee.pk, limit=5, on=LAST_DAY) == [season["peak"]]
    assert lot_recent_for_product(product_id=lychee.pk, limit=5, on=EXPIRED) == []


def test_a_product_whose_every_published_lot_expired_is_told_apart(season):
    ids = [season[key].pk for key in ("lychee", "honey", "noodles")]
    assert products_lots_all_expired(on=LAST_DAY, product_ids=ids) == set()
    assert products_lots_all_expired(on=EXPIRED, product_ids=ids) == {season["lychee"].pk, season["honey"].pk}
    assert product_lots_all_expired(product_id=season["lychee"].pk, on=EXPIRED)
    # The unpublished December lot does not make the lychee current; no lots at all is no hold.
    assert not product_lots_all_expired(product_id=season["noodles"].pk, on=EXPIRED)


def test_fresh_produce_is_out_of_season_with_its_harvest_months_anything_else_out_of_stock(season, english):
    assert season["lychee"].pk not in product_sale_holds(LAST_DAY)
    holds = product_sale_holds(EXPIRED)
    lychee, honey = holds[season["lychee"].pk], holds[season["honey"].pk]
    assert (lychee.code, lychee.short_message) == ("out-of-season", "Out of season")
    assert lychee.message == "Out of season (harvested in May–June)"
    assert (honey.code, honey.message) == ("lots-expired", "Temporarily out of stock: its lots have expired")
    assert season["noodles"].pk not in holds


def test_the_holds_read_in_vietnamese(season):
    with translation.override("vi"):
        holds = product_sale_holds(EXPIRED)
    assert holds[season["lychee"].pk].message == "Hết mùa (mùa thu hoạch: tháng 5–6)"
    assert holds[season["lychee"].pk].short_message == "Hết mùa"
    assert holds[season["honey"].pk].message == "Tạm hết hàng: lô đã hết hạn"


def test_months_are_written_as_runs():
    with translation.override("vi"):
        assert months_text([6]) == "6"
        assert months_text([7, 5, 6, 6]) == "5–7"
        assert months_text([1, 5, 6, 11]) == "1, 5–6, 11"
    with translation.override("en"):
        assert months_text([7, 5, 6, 6]) == "May–July"
        assert months_text([1, 5, 6, 11]) == "January, May–June, November"


def test_the_trace_page_of_an_expired_lot_says_so_first_and_points_to_current_lots(client, season, english):
    url = season["early"].get_absolute_url()
    with clock(LAST_DAY):
        page = client.get(url).content.decode()
    assert "This lot is past its use-by date (06/18/2026)." in page  # English SHORT_DATE_FORMAT
    assert "Lot past its use-by date" in page and "Published by the producer" not in page
    assert "Buy this product" not in page and "See this product in the shop" in page
    current = page.split('id="lot-expired"')[1].split("</div>")[0]
    assert f'href="{season["peak"].get_absolute_url()}"' in current and "VAI-NHAP" not in current
    # The banner comes before the OCOP badge and the lot's details.
    assert page.index('id="lot-expired"') < page.index('id="trace-lot"')

    with clock(LAST_DAY):
        page = client.get(season["peak"].get_absolute_url()).content.decode()
    assert 'id="lot-expired"' not in page and "Published by the producer" in page
    assert "Buy this product" in page
    with clock(EXPIRED):
        page = client.get(season["peak"].get_absolute_url()).content.decode()
    assert 'id="lot-expired"' in page and "(expired)" in page
    assert "Current lots of this product" not in page  # none left


def test_the_producers_lot_list_and_lot_page_flag_an_expired_lot(client, season, producer_user, english):
    producer = season["lychee"].stockrecords.get().partner
    client.force_login(producer_user(producer, "vai@lots.example"))
    with clock(LAST_DAY):
        page = client.get(reverse("traceability-dashboard:lot-list")).content.decode()
    rows = {code: row_of(page, code) for code in ("VAI-0528", "VAI-0610", "VAI-NHAP")}
    assert "Past its use-by date" in rows["VAI-0528"] and "Trace page public" not in rows["VAI-0528"]
    assert "Trace page public" in rows["VAI-0610"] and "Past its use-by date" not in rows["VAI-0610"]

    with clock(EXPIRED):
        page = client.get(reverse("traceability-dashboard:lot-list")).content.decode()
        detail = client.get(reverse("traceability-dashboard:lot-detail", kwargs={"pk": season["peak"].pk}))
    rows = {code: row_of(page, code) for code in ("VAI-0528", "VAI-0610", "VAI-NHAP")}
    assert "Past its use-by date" in rows["VAI-0610"] and "Trace page public" not in rows["VAI-0610"]
    assert "Past its use-by date" not in rows["VAI-NHAP"]  # good until December
    detail = detail.content.decode()
    assert "This lot is past its use-by date (01/07/2026)." in detail
    assert 'badge-success">Trace page public' not in detail


def test_another_producer_does_not_reach_an_expired_lot(client, season, producer_user):
    client.force_login(producer_user(season["honey"].stockrecords.get().partner, "ong@lots.example"))
    with clock(EXPIRED):
        response = client.get(reverse("traceability-dashboard:lot-detail", kwargs={"pk": season["peak"].pk}))
    assert response.status_code == 404


def test_a_lot_with_a_quantity_and_no_use_by_date_stays_current(db):
    with clock(MADE):
        lot = LotFactory(expires_on=None, is_published=True, quantity=Decimal("3"))
    assert list(lots_current(product_id=lot.product_id, on=datetime.date(2030, 1, 1))) == [lot]


def test_the_trace_api_says_whether_the_lot_expired(client, season):
    short = season["peak"].short_code
    with clock(LAST_DAY):
        assert client.get(f"/api/trace/{short}").json()["lot"]["expired"] is False
    with clock(EXPIRED):
        assert client.get(f"/api/trace/{short}").json()["lot"]["expired"] is True
