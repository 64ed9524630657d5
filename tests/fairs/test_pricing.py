"""Fair prices: the shop's pricing strategy lowers a product to its fair price from the fair's
first to its last day (Vietnam time), for approved exhibitors at published fairs only."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.template.loader import render_to_string
from oscar.core.loading import get_class, get_model

from core.clock import VIETNAM
from fairs import services
from fairs.services import ListingChoice
from tests.shopping import Shopper

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Selector = get_class("partner.strategy", "Selector")

USUAL, FAIR = Decimal("150000"), Decimal("120000")


def at(day: datetime.date, hour: int, minute: int = 0):
    """That moment on the Vietnamese clock."""
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=VIETNAM), tick=False
    )


def price_of(product):
    return Selector().strategy().fetch_for_product(product).price.incl_tax


def basket_total(product, quantity):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity)
    return basket.total_incl_tax


@pytest.fixture
def exhibitor(products, fair, admin_user):
    """The lychee at the fair (21 to 23 days from now) for 120.000 ₫ instead of 150.000 ₫."""
    lychee = products[0]
    record = lychee.stockrecords.get()
    application = services.booth_application_create(
        fair=fair,
        booth_type=fair.booth_types.get(),
        producer=record.partner,
        listings=[ListingChoice(stockrecord_id=record.pk, fair_price=FAIR)],
        by=admin_user,
    )
    return lychee, application


def approve(application, by):
    return services.booth_application_approve(application=application, booth_number="A-01", by=by)


def test_the_fair_price_applies_from_the_first_to_the_last_day_only(exhibitor, fair, admin_user):
    lychee, application = exhibitor
    approve(application, admin_user)
    day_before = fair.starts_on - datetime.timedelta(days=1)
    day_after = fair.ends_on + datetime.timedelta(days=1)

    with at(day_before, 23, 59):
        assert price_of(lychee) == USUAL
        assert basket_total(lychee, 2) == 2 * USUAL
    # 00:05 in Vietnam is still the day before in UTC: the fair's calendar is Vietnam's.
    with at(fair.starts_on, 0, 5):
        assert price_of(lychee) == FAIR
        assert basket_total(lychee, 2) == 2 * FAIR
    with at(fair.ends_on, 23, 55):
        assert price_of(lychee) == FAIR
        assert basket_total(lychee, 2) == 2 * FAIR
    with at(day_after, 0, 5):
        assert price_of(lychee) == USUAL
        assert basket_total(lychee, 2) == 2 * USUAL


def test_the_price_carries_the_usual_price_and_the_fair(exhibitor, fair, admin_user):
    lychee, application = exhibitor
    approve(application, admin_user)

    with at(fair.starts_on, 10):
        price = Selector().strategy().fetch_for_product(lychee).price

    assert (price.is_fair_price, price.usual_incl_tax, price.discount, price.fair_title) == (
        True,
        USUAL,
        USUAL - FAIR,
        fair.title,
    )


@pytest.mark.parametrize("decision", ["pending", "waitlisted", "rejected", "withdrawn"])
def test_an_application_that_is_not_approved_never_changes_the_price(exhibitor, fair, admin_user, decision):
    lychee, application = exhibitor
    if decision == "waitlisted":
        services.booth_application_waitlist(application=application, by=admin_user)
    elif decision == "rejected":
        services.booth_application_reject(
            application=application, reason="Không đủ điều kiện.", by=admin_user
        )
    elif decision == "withdrawn":
        services.booth_application_withdraw(application=application, by=admin_user)
    application.refresh_from_db()
    assert application.status == decision

    with at(fair.starts_on, 10):
        assert price_of(lychee) == USUAL


def test_an_unpublished_fair_never_changes_the_price(exhibitor, fair, admin_user):
    lychee, application = exhibitor
    approve(application, admin_user)
    fair.unpublish()

    with at(fair.starts_on, 10):
        assert price_of(lychee) == USUAL


def test_a_product_taken_off_the_shop_leaves_the_fair_page_and_its_price(client, exhibitor, fair, admin_user):
    from fairs.selectors import fair_prices_running

    lychee, application = exhibitor
    approve(application, admin_user)
    lychee.is_public = False
    lychee.save()

    with at(fair.starts_on, 10):
        assert fair_prices_running() == {}
        html = client.get(fair.url).content.decode()
    assert lychee.title not in html.split('id="fair-exhibitors"')[1]


def test_a_fair_behind_a_password_never_changes_the_price(exhibitor, fair, admin_user):
    from wagtail.models import PageViewRestriction

    lychee, application = exhibitor
    approve(application, admin_user)
    PageViewRestriction.objects.create(page=fair, restriction_type="password", password="bi-mat")

    with at(fair.starts_on, 10):
        assert price_of(lychee) == USUAL


def test_a_fair_price_above_a_lowered_usual_price_is_ignored(exhibitor, fair, admin_user):
    lychee, application = exhibitor
    approve(application, admin_user)
    lychee.stockrecords.update(price=Decimal("100000"))

    with at(fair.starts_on, 10):
        assert price_of(lychee) == Decimal("100000")


def test_other_products_keep_their_price(exhibitor, products, fair, admin_user):
    _, application = exhibitor
    approve(application, admin_user)

    with at(fair.starts_on, 10):
        assert price_of(products[1]) == Decimal("90000")


def test_the_product_page_shows_the_fair_price_during_the_fair(client, exhibitor, fair, admin_user):
    lychee, application = exhibitor
    approve(application, admin_user)

    with at(fair.starts_on - datetime.timedelta(days=1), 10):
        before = client.get(lychee.get_absolute_url()).content.decode()
    with at(fair.starts_on, 10):
        during = client.get(lychee.get_absolute_url()).content.decode()

    assert "150.000\xa0₫" in before and "120.000\xa0₫" not in before
    assert "120.000\xa0₫" in during


def test_the_price_partial_shows_the_fair_price_as_a_discount(exhibitor, fair, admin_user):
    lychee, application = exhibitor
    approve(application, admin_user)

    with at(fair.starts_on, 10):
        price = Selector().strategy().fetch_for_product(lychee).price
        html = render_to_string("fairs/partials/price.html", {"price": price})

    fair_price, usual = html.split("<del", 1)
    assert "120.000\xa0₫" in fair_price
    assert "150.000\xa0₫" in usual
    assert fair.title in html and fair.ends_on.strftime("%d/%m/%Y") in html


def test_an_order_placed_during_the_fair_keeps_its_price(client, commune, exhibitor, fair, admin_user):
    lychee, application = exhibitor
    approve(application, admin_user)

    with at(fair.ends_on, 20):
        response = Shopper(client, commune).checkout("cod", lychee, email="khach@example.com")
        assert response.status_code == 302
    order = Order.objects.get(guest_email="khach@example.com")

    with at(fair.ends_on + datetime.timedelta(days=5), 10):
        order.refresh_from_db()
        line = order.lines.get()
        assert (line.unit_price_incl_tax, line.line_price_incl_tax) == (FAIR, FAIR)
        assert order.total_incl_tax - order.shipping_incl_tax == FAIR
        assert price_of(lychee) == USUAL
