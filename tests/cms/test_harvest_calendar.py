"""The harvest calendar page (issue 19, item 3): the products in season month by month across
the province, with their producers and links, early and main crops marked, in both languages."""

import datetime

import pytest
from wagtail.models import Locale

from cms.harvest_calendar import calendar_by_month, harvest_calendar
from cms.models import HarvestCalendarPage
from seasons.models import HarvestKind
from tests.catalog.factories import ProductFactory
from tests.partner.factories import ProducerFactory
from tests.seasons.factories import HarvestWindowFactory
from tests.traceability.factories import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def produce():
    lychee = ProductFactory(
        title="Vải thiều lịch thử",
        title_en="Calendar test lychees",
        stockrecords__partner=ProducerFactory(name="HTX Vải Lịch"),
    )
    HarvestWindowFactory(product=lychee, start_month=6, start_day=10, end_month=7, end_day=20)
    HarvestWindowFactory(
        product=lychee, kind=HarvestKind.EARLY, start_month=5, start_day=20, end_month=6, end_day=10
    )
    oranges = ProductFactory(title="Cam lịch thử", stockrecords__partner=ProducerFactory(name="HTX Cam"))
    HarvestWindowFactory(
        product=oranges, start_month=11, start_day=15, end_month=2, end_day=10, crosses_new_year=True
    )
    hidden = ProductFactory(title="Vải ẩn thử", is_public=False)
    HarvestWindowFactory(product=hidden)
    plain = ProductFactory(title="Mỳ không mùa")
    return {"lychee": lychee, "oranges": oranges, "hidden": hidden, "plain": plain}


@pytest.fixture
def calendar_page(home, home_en):
    page = HarvestCalendarPage(title="Lịch mùa vụ", slug="lich-mua-vu", intro="<p>Nông sản theo tháng.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "Harvest calendar", "harvest-calendar"
    english.save_revision().publish()
    return page


def test_each_public_product_with_windows_has_its_months_main_crop_winning(produce):
    rows = {row.product.pk: row for row in harvest_calendar(year=2027)}
    assert set(rows) == {produce["lychee"].pk, produce["oranges"].pk}
    lychee = rows[produce["lychee"].pk].cells
    assert lychee[4:7] == ["early", "main", "main"]  # May early, June both: main, July main
    assert lychee[:4] == ["", "", "", ""] and lychee[7:] == [""] * 5
    oranges = rows[produce["oranges"].pk].cells
    # The harvest started in November 2026 runs into January and February 2027.
    assert [month for month, crop in enumerate(oranges, 1) if crop] == [1, 2, 11, 12]
    assert rows[produce["lychee"].pk].producer.name == "HTX Vải Lịch"
    months = {
        month.label.number: [row.product.pk for row, _ in month.rows]
        for month in calendar_by_month(list(rows.values()))
    }
    assert months[5] == [produce["lychee"].pk] and 3 not in months


def test_the_page_shows_twelve_months_and_the_list_by_month_in_vietnamese(client, produce, calendar_page):
    with clock(datetime.date(2027, 3, 1)):
        response = client.get(calendar_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nông sản theo tháng." in html
    table = html.split('<table class="harvest-calendar__table">', 1)[1].split("</table>", 1)[0]
    assert table.count("<abbr") == 12 and '<abbr title="Tháng 5">T5</abbr>' in table
    assert "Mùa vụ theo tháng, 2027" in table
    lychee_row = table.split("Vải thiều lịch thử", 1)[1].split("</tr>", 1)[0]
    assert "HTX Vải Lịch" in lychee_row
    assert lychee_row.count("harvest-calendar__cell--early") == 1
    assert lychee_row.count("harvest-calendar__cell--main") == 2
    assert f'href="{produce["lychee"].get_absolute_url()}#mua-vu"' in table
    assert "Vải ẩn thử" not in html and "Mỳ không mùa" not in html
    phones = html.split('<ol class="harvest-calendar__months">', 1)[1].split("</ol>", 1)[0]
    assert "<h2>Tháng 5</h2>" in phones and "<h2>Tháng 3</h2>" not in phones


def test_the_english_page_has_english_titles_and_month_names(client, produce, calendar_page):
    with clock(datetime.date(2027, 3, 1)):
        html = client.get("/en/harvest-calendar/").content.decode()
    assert "Calendar test lychees" in html
    assert '<abbr title="May">May</abbr>' in html and "<h2>June</h2>" in html
    assert "Early crop" in html and "Main crop" in html


def test_the_page_is_in_the_menu_when_staff_put_it_there(client, calendar_page):
    calendar_page.show_in_menus = True
    calendar_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert f'href="{calendar_page.url}"' in html


def test_the_queries_of_the_page_do_not_grow_with_the_products(
    client, calendar_page, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(calendar_page.url).status_code == 200
        return len(queries)

    HarvestWindowFactory(product=ProductFactory(stockrecords__partner=ProducerFactory()))
    count()  # the menu and the site, cached from now on
    one = count()
    for _ in range(3):
        HarvestWindowFactory(product=ProductFactory(stockrecords__partner=ProducerFactory()))
    count()
    assert count() == one
