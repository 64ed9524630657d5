"""The shop's strategy refuses a product on hold (`partner.sale_holds`): one whose every
published lot has expired, as traceability tells it; products without lots are unaffected."""

import pytest
from django.utils import translation

from partner import sale_holds
from partner.sale_holds import SaleHold, sale_hold_source_register, sale_holds_on
from partner.strategy import Selector
from tests.traceability.factories import EXPIRED, LAST_DAY, MADE, clock, season_make
from traceability.selectors import product_sale_holds

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(db):
    with clock(MADE):
        return season_make()


def availability(product):
    return Selector().strategy().fetch_for_product(product).availability


def test_traceability_plugs_its_holds_into_partner():
    assert product_sale_holds in sale_holds._sources
    before = list(sale_holds._sources)
    sale_hold_source_register(product_sale_holds)
    assert sale_holds._sources == before  # registered once


def test_a_product_whose_lots_all_expired_cannot_be_bought(season):
    lychee, honey, noodles = season["lychee"], season["honey"], season["noodles"]
    with clock(LAST_DAY):
        assert availability(lychee).is_available_to_buy
        assert availability(lychee).is_purchase_permitted(1)[0]
    with clock(EXPIRED), translation.override("vi"):
        held = availability(lychee)
        assert not held.is_available_to_buy
        assert not held.is_purchase_permitted(1)[0]
        assert (held.code, held.message, held.short_message) == (
            "out-of-season",
            "Hết mùa (mùa thu hoạch: tháng 5–6)",
            "Hết mùa",
        )
        assert availability(honey).message == "Tạm hết hàng: lô đã hết hạn"
        assert availability(noodles).is_available_to_buy


def test_the_first_source_decides_and_a_source_sees_the_date(monkeypatch):
    seen = []

    def first(on):
        seen.append(on)
        return {1: SaleHold(code="a", message="A", short_message="a")}

    def second(on):
        return {1: SaleHold(code="b", message="B", short_message="b"), 2: SaleHold("b", "B", "b")}

    monkeypatch.setattr(sale_holds, "_sources", [first, second])
    holds = sale_holds_on(EXPIRED)
    assert seen == [EXPIRED]
    assert {pk: hold.code for pk, hold in holds.items()} == {1: "a", 2: "b"}
