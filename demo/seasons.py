"""The demo's harvest windows (`data/seasons.toml`): Lục Ngạn lychee's early and main crops,
Phúc Hòa's early lychee, the bamboo shoots' rainy season. Windows are every year's, so the demo
agrees with any load day; only the missing ones are created, through the service."""

from oscar.core.loading import get_model
from wagtail.models import Page

from cms.models import HarvestCalendarPage
from demo.pages import demo_home
from demo.products import upc
from demo.records import data_file, in_english, in_vietnamese
from seasons.models import HarvestWindow
from seasons.services import harvest_window_create

Product = get_model("catalogue", "Product")


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


def season_windows() -> list[dict]:
    """The data file's windows, each with its (month, day) start and end."""
    return [
        {**window, "start": _month_day(window["start"]), "end": _month_day(window["end"])}
        for window in data_file("seasons")["windows"]
    ]


CALENDAR = in_vietnamese(data_file("seasons")["calendar"])
CALENDAR_EN = in_english(data_file("seasons")["calendar"])


def calendar_page(home: Page) -> Page | None:
    """The demo's harvest calendar page under `home` (the Vietnamese home), if it is there."""
    return HarvestCalendarPage.objects.child_of(home).filter(slug=CALENDAR["slug"]).first()


def _calendar() -> tuple[int, int]:
    """The harvest calendar page, in the menu, unless it is there: (created, already there)."""
    home = demo_home()
    if home is None:
        return 0, 0
    if calendar_page(home) is not None:
        return 0, 1
    page = HarvestCalendarPage(
        title=CALENDAR["title"], slug=CALENDAR["slug"], intro=CALENDAR["intro"], show_in_menus=True
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return 1, 0


def demo_seasons() -> tuple[int, int]:
    """The missing harvest windows and the harvest calendar page (its English version is made
    with the other English pages, `demo.english`); (created, already there)."""
    created, existing = _calendar()
    for window in season_windows():
        product = Product.objects.filter(upc=upc(window["sku"])).first()
        if product is None:
            continue
        if HarvestWindow.objects.filter(product=product, kind=window["kind"], year__isnull=True).exists():
            existing += 1
            continue
        (start_month, start_day), (end_month, end_day) = window["start"], window["end"]
        harvest_window_create(
            product=product,
            kind=window["kind"],
            start_month=start_month,
            start_day=start_day,
            end_month=end_month,
            end_day=end_day,
            crosses_new_year=(end_month, end_day) < (start_month, start_day),
            note=window.get("note", ""),
        )
        created += 1
    return created, existing
