"""The trace page of a harvest lot says which harvest it was picked in, with links to the
harvest calendar and to the product's harvest windows (issue 19, item 5)."""

import datetime

import pytest
from wagtail.models import Locale

from cms.models import HarvestCalendarPage, HomePage
from seasons.models import HarvestKind
from tests.seasons.factories import HarvestWindowFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar_page(db):
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    page = HarvestCalendarPage(title="Lịch mùa vụ", slug="lich-mua-vu")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def harvested(lot, day):
    lot.produced_on, lot.packed_on = day, day
    lot.save()
    return lot


def early_crop(product, *, end_month: int, end_day: int):
    return HarvestWindowFactory(
        product=product,
        kind=HarvestKind.EARLY,
        start_month=5,
        start_day=20,
        end_month=end_month,
        end_day=end_day,
    )


def season_line(client, url: str) -> str:
    html = client.get(url).content.decode()
    return html.split('class="trace-season">', 1)[1].split("</dd>", 1)[0]


def test_a_lot_of_the_main_crop_links_to_the_calendar_and_the_product_s_windows(
    client, public_lot, calendar_page
):
    HarvestWindowFactory(product=public_lot.product)  # main crop 01/06-15/07
    early_crop(public_lot.product, end_month=5, end_day=31)
    harvested(public_lot, datetime.date(2026, 6, 12))
    line = season_line(client, public_lot.get_absolute_url())
    assert f'<a href="{calendar_page.url}">Thu hoạch vụ chính 2026 (01/06–15/07)</a>' in line
    assert f'href="{public_lot.product.get_absolute_url()}#mua-vu"' in line


def test_in_english_and_without_a_calendar_page_the_line_stands_alone(client, public_lot):
    early_crop(public_lot.product, end_month=6, end_day=5)
    harvested(public_lot, datetime.date(2026, 5, 25))
    Locale.objects.get_or_create(language_code="en")
    line = season_line(client, "/en" + public_lot.get_absolute_url())
    assert line.startswith("Harvested in the early crop of 2026 (20 May–5 June) · <a")


def test_a_lot_of_a_product_without_windows_or_out_of_them_has_no_line(client, public_lot):
    assert 'class="trace-season"' not in client.get(public_lot.get_absolute_url()).content.decode()
    HarvestWindowFactory(product=public_lot.product)
    harvested(public_lot, datetime.date(2026, 8, 1))
    assert 'class="trace-season"' not in client.get(public_lot.get_absolute_url()).content.decode()
