"""The harvest calendar page in a real browser: twelve month columns on a wide screen, the
list by month on a phone (CSS only, no script), each product linked to its harvest windows."""

import pytest

from cms.models import HarvestCalendarPage, HomePage
from seasons.models import HarvestKind
from tests.browser.pages import shot
from tests.seasons.factories import HarvestWindowFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twelve_columns_on_a_wide_screen_and_a_list_by_month_on_a_phone(page, products, live_server):
    from playwright.sync_api import expect

    lychee = products[0]
    HarvestWindowFactory(product=lychee)  # main crop 01/06-15/07
    HarvestWindowFactory(
        product=lychee, kind=HarvestKind.EARLY, start_month=5, start_day=20, end_month=6, end_day=5
    )
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    calendar = home.add_child(instance=HarvestCalendarPage(title="Lịch mùa vụ", slug="lich-mua-vu"))
    calendar.save_revision().publish()

    page.goto(calendar.url)
    table = page.locator("table.harvest-calendar__table")
    expect(table).to_be_visible()
    expect(table.locator("thead th")).to_have_count(13)
    expect(page.locator("ol.harvest-calendar__months")).to_be_hidden()
    row = table.locator("tbody tr").first
    expect(row.locator("td.harvest-calendar__cell--early")).to_have_count(1)  # May
    expect(row.locator("td.harvest-calendar__cell--main")).to_have_count(2)  # June, July
    shot(page, "harvest-calendar-desktop")

    page.set_viewport_size(PHONE)
    expect(table).to_be_hidden()
    months = page.locator("ol.harvest-calendar__months")
    expect(months).to_be_visible()
    expect(months.locator("h2")).to_have_text(["Tháng 5", "Tháng 6", "Tháng 7"])
    shot(page, "harvest-calendar-phone")
    months.get_by_role("link").first.click()
    expect(page).to_have_url(lychee.get_absolute_url() + "#mua-vu")
    expect(page.locator("#mua-vu")).to_have_text("Mùa thu hoạch")
