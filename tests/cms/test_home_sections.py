"""The home page's programme sections: upcoming fairs, latest news, star producers, figures."""

import datetime

import pytest
from django.utils import timezone

from cms import selectors
from tests.catalog.factories import CertificateFactory, ProductFactory
from tests.cms.conftest import DAY
from tests.fairs.factories import FairIndexPageFactory, FairPageFactory
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db


def fair(index, title, *, starts_on, ends_on, live=True):
    return FairPageFactory(
        parent=index,
        title=title,
        slug=title.lower().replace(" ", "-"),
        starts_on=starts_on,
        ends_on=ends_on,
        publish=live,
    )


def test_upcoming_fairs_are_the_live_ones_not_yet_over_soonest_first(client, home):
    today = timezone.localdate()
    index = FairIndexPageFactory(parent=home, title="Hội chợ")
    fair(index, "Past fair", starts_on=today - 5 * DAY, ends_on=today - DAY)
    fair(index, "Running fair", starts_on=today - DAY, ends_on=today)
    fair(index, "Later fair", starts_on=today + 30 * DAY, ends_on=today + 32 * DAY)
    fair(index, "Soon fair", starts_on=today + 3 * DAY, ends_on=today + 4 * DAY)
    fair(index, "Draft fair", starts_on=today + DAY, ends_on=today + DAY, live=False)
    fair(index, "Far fair", starts_on=today + 90 * DAY, ends_on=today + 91 * DAY)

    html = client.get("/").content.decode()

    section = html.split('aria-labelledby="fairs-title"')[1].split("</section>")[0]
    shown = [chunk.split("</a>")[0].split(">")[-1] for chunk in section.split('class="fair-card__title"')[1:]]
    assert shown == ["Running fair", "Soon fair", "Later fair"]


def test_latest_news_shows_three_live_articles_newest_first(client, make_article):
    start = datetime.date(2026, 5, 1)
    for day in range(4):
        make_article(f"Tin {day}", date=start + day * DAY, slug=f"tin-{day}")
    make_article("Tin nháp", date=start + 9 * DAY, slug="tin-nhap").unpublish()

    html = client.get("/").content.decode()

    section = html.split('aria-labelledby="news-title"')[1].split("</section>")[0]
    shown = [chunk.split("</a>")[0].split(">")[-1] for chunk in section.split('class="news-card__title"')[1:]]
    assert shown == ["Tin 3", "Tin 2", "Tin 1"]


def test_star_producers_rank_by_highest_stars_then_number_of_certified_products():
    today = timezone.localdate()
    three_fours = ProducerFactory(name="HTX Bốn sao")
    one_five = ProducerFactory(name="HTX Năm sao")
    expired = ProducerFactory(name="HTX Hết hạn")
    for _ in range(3):
        CertificateFactory(product=ProductFactory(stockrecords__partner=three_fours), stars=4)
    CertificateFactory(product=ProductFactory(stockrecords__partner=one_five), stars=5)
    old = today - datetime.timedelta(days=4 * 365)
    CertificateFactory(product=ProductFactory(stockrecords__partner=expired), stars=5, decision_date=old)

    producers = selectors.star_producer_list(on=today, limit=1000)

    mine = {"HTX Bốn sao", "HTX Năm sao", "HTX Hết hạn"}  # the demo producers may be there too
    assert [(p.name, p.top_stars, p.certified_products) for p in producers if p.name in mine] == [
        ("HTX Năm sao", 5, 1),
        ("HTX Bốn sao", 4, 3),
    ]


def test_programme_figures_count_products_once_at_their_highest_stars_in_force(client, home):
    today = timezone.localdate()
    before = selectors.programme_figures(on=today)  # the demo catalogue may be loaded
    upgraded = ProductFactory()
    CertificateFactory(product=upgraded, stars=3)
    CertificateFactory(product=upgraded, stars=4)
    CertificateFactory(product=ProductFactory(), stars=5)
    CertificateFactory(product=ProductFactory(), stars=3)
    CertificateFactory(
        product=ProductFactory(), stars=4, decision_date=today - datetime.timedelta(days=4 * 365)
    )

    figures = selectors.programme_figures(on=today)
    html = client.get("/").content.decode()

    assert figures["total"] - before["total"] == 3
    assert [
        (stars, count - old)
        for (stars, count), (_, old) in zip(figures["by_stars"], before["by_stars"], strict=True)
    ] == [
        (5, 1),
        (4, 1),
        (3, 1),
    ]
    assert figures["producers"] - before["producers"] == 3
    assert 'aria-labelledby="figures-title"' in html


def test_the_home_page_keeps_its_existing_sections(client, demo_data):
    html = client.get("/").content.decode()

    assert 'id="featured-title"' in html and 'id="groups-title"' in html
    assert 'id="producers-title"' in html and 'id="figures-title"' in html
