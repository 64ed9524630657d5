"""Fairs and inquiries for the inquiries and programme tests, built without the fairs helpers'
fixtures so that these tests stand on their own."""

import datetime
from decimal import Decimal

from cms.models import HomePage
from fairs.models import ApplicationStatus, BoothApplication, BoothType, FairIndexPage, FairListing, FairPage
from inquiries.models import Inquiry


def fair_build(*, title, starts_on, days=3, exhibitors=(), listings=(), publish=True):
    """A fair page under the Vietnamese home page; `exhibitors` get approved booths and
    `listings` (stock records of exhibitors) are shown at the fair."""
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    index = FairIndexPage.objects.child_of(home).first()
    if index is None:
        index = FairIndexPage(title="Hội chợ", slug="hoi-cho-thu", intro="")
        home.add_child(instance=index)
        index.save_revision().publish()
    fair = FairPage(
        title=title,
        slug=f"hoi-cho-thu-{FairPage.objects.count() + 1}",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=days - 1),
        venue_name="Nhà văn hoá tỉnh",
        organiser="Sở Công Thương",
        intro="Hội chợ thử.",
    )
    fair.booth_types = [BoothType(name="Gian 3 × 3 m", capacity=10, fee=Decimal(0))]
    index.add_child(instance=fair)
    revision = fair.save_revision()
    if publish:
        revision.publish()
    else:
        FairPage.objects.filter(pk=fair.pk).update(live=False)
    fair.refresh_from_db()
    booth_type = fair.booth_types.get()
    applications = {}
    for number, producer in enumerate(exhibitors, start=1):
        applications[producer.pk] = BoothApplication.objects.create(
            fair=fair,
            booth_type=booth_type,
            producer=producer,
            status=ApplicationStatus.APPROVED,
            booth_number=f"A{number}",
        )
    for record in listings:
        FairListing.objects.create(application=applications[record.partner_id], stockrecord=record)
    return fair


def inquiry_build(*, producer, product=None, fair=None, created=None, status="new", **fields):
    values = {
        "buyer_name": "Kenji Sato",
        "company": "Sato Trading",
        "country": "JP",
        "email": "kenji@sato.example",
        "quantity": "2 tấn/tháng",
        "message": "Xin báo giá.",
        "language": "en",
        **fields,
    }
    inquiry = Inquiry.objects.create(producer=producer, product=product, fair=fair, status=status, **values)
    if created is not None:
        Inquiry.objects.filter(pk=inquiry.pk).update(created=created)
        inquiry.refresh_from_db()
    return inquiry
