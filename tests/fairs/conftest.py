"""Fairs for the tests: a fair list under the Vietnamese home page, and fairs built on it."""

import datetime
from decimal import Decimal

import pytest

from cms.models import HomePage
from core.clock import vietnam_today
from fairs.models import BoothType, FairIndexPage, FairPage


@pytest.fixture
def fair_index(db):
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    existing = FairIndexPage.objects.child_of(home).first()  # the demo data's, when loaded
    if existing is not None:
        return existing
    index = FairIndexPage(title="Hội chợ và triển lãm", slug="hoi-cho", intro="Các hội chợ OCOP.")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_fair(fair_index):
    """make_fair(starts_in=21, days=3, ...): a published fair `starts_in` days from today
    (Vietnam time), with one booth type of `capacity` booths."""

    def make(
        *,
        title="Hội chợ OCOP Bắc Giang 2026",
        starts_in=21,
        days=3,
        deadline_in=None,
        capacity=2,
        publish=True,
        slug=None,
        **fields,
    ):
        today = vietnam_today()
        starts_on = today + datetime.timedelta(days=starts_in)
        fair = FairPage(
            title=title,
            slug=slug or f"hoi-cho-{FairPage.objects.count() + 1}",
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=days - 1),
            application_deadline=today + datetime.timedelta(days=deadline_in)
            if deadline_in is not None
            else None,
            venue_name=fields.pop("venue_name", "Nhà văn hoá tỉnh"),
            venue_address=fields.pop("venue_address", "Đường Hùng Vương, Bắc Giang"),
            map_url=fields.pop("map_url", "https://www.openstreetmap.org/?mlat=21.27&mlon=106.19"),
            organiser=fields.pop("organiser", "Sở Công Thương tỉnh Bắc Ninh"),
            intro=fields.pop("intro", "Hội chợ giới thiệu sản phẩm OCOP."),
            **fields,
        )
        fair.booth_types = [
            BoothType(name="Gian tiêu chuẩn 3 × 3 m", capacity=capacity, fee=Decimal("2500000"))
        ]
        fair_index.add_child(instance=fair)
        revision = fair.save_revision()
        if publish:
            revision.publish()
        else:
            fair.live = False
            fair.save(update_fields=["live"])
        fair.refresh_from_db()
        return fair

    return make


@pytest.fixture
def fair(make_fair):
    return make_fair()
