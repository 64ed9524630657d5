"""Fair pages (under the fair list), their booth types, booth applications and listings."""

import datetime
from decimal import Decimal

import factory

from core.clock import vietnam_today
from fairs.models import ApplicationStatus, BoothApplication, BoothType, FairIndexPage, FairListing, FairPage
from tests.cms.factories import PageFactory, home_page
from tests.partner.factories import ProducerFactory


class FairIndexPageFactory(PageFactory):
    class Meta:
        model = FairIndexPage

    title = "Hội chợ và triển lãm"
    slug = "hoi-cho"
    intro = "Các hội chợ OCOP."


def fair_index() -> FairIndexPage:
    """The fair list under the Vietnamese home page: the demo data's when it is loaded."""
    return FairIndexPage.objects.child_of(home_page()).first() or FairIndexPageFactory()


class FairPageFactory(PageFactory):
    """A published fair under the fair list, 21 days from today (Vietnam time) for `days`
    days, with one booth type of `capacity` booths at `fee`."""

    class Meta:
        model = FairPage

    class Params:
        days = 3
        capacity = 2
        fee = Decimal("2500000")

    parent = factory.LazyFunction(fair_index)
    title = "Hội chợ OCOP Bắc Giang 2026"
    slug = factory.LazyFunction(lambda: f"hoi-cho-{FairPage.objects.count() + 1}")
    starts_on = factory.LazyFunction(lambda: vietnam_today() + datetime.timedelta(days=21))
    ends_on = factory.LazyAttribute(lambda fair: fair.starts_on + datetime.timedelta(days=fair.days - 1))
    venue_name = "Nhà văn hoá tỉnh"
    venue_address = "Đường Hùng Vương, Bắc Giang"
    map_url = "https://www.openstreetmap.org/?mlat=21.27&mlon=106.19"
    organiser = "Sở Công Thương tỉnh Bắc Ninh"
    intro = "Hội chợ giới thiệu sản phẩm OCOP."
    booth_types = factory.LazyAttribute(
        lambda fair: [BoothType(name="Gian tiêu chuẩn 3 × 3 m", capacity=fair.capacity, fee=fair.fee)]
    )


class BoothApplicationFactory(factory.django.DjangoModelFactory):
    """An application to the fair's first booth type; `approved=True` gives it a booth."""

    class Meta:
        model = BoothApplication

    class Params:
        approved = factory.Trait(
            status=ApplicationStatus.APPROVED, booth_number=factory.Sequence(lambda n: f"A{n}")
        )

    fair = factory.SubFactory(FairPageFactory)
    booth_type = factory.LazyAttribute(lambda application: application.fair.booth_types.first())
    producer = factory.SubFactory(ProducerFactory)


class FairListingFactory(factory.django.DjangoModelFactory):
    """`stockrecord=` one of the producer's, shown at the fair with its booth."""

    class Meta:
        model = FairListing

    application = factory.SubFactory(BoothApplicationFactory, approved=True)
