"""Demo trade fairs (`data/fairs.toml`): the fair list under the Vietnamese home page, the fairs
with their booth types, and the exhibitors of a fair with their fair prices, in Vietnamese
(their English versions are `demo.english`'s).

Dates are counted from today, so the upcoming fair stays upcoming whenever the demo is
loaded. Pages are looked up by slug and exhibitors by producer code: only what is missing
is created, and the step can run any number of times.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Site

from cms.models import HomePage
from demo.records import data_file, in_english, in_vietnamese
from fairs.models import ApplicationStatus, BoothApplication, BoothType, FairIndexPage, FairListing, FairPage

StockRecord = get_model("partner", "StockRecord")

FAIRS = in_vietnamese(data_file("fairs"))
FAIRS_EN = in_english(data_file("fairs"))
# Keys of a fair's record that are not FairPage fields.
SCHEDULE = ("starts_in_days", "days", "applications_close_days_before")
NOT_FIELDS = (*SCHEDULE, "booth_types", "exhibitors")


def _home() -> HomePage | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site else None
    return root if isinstance(root, HomePage) else None


def _index(home) -> tuple[FairIndexPage, bool]:
    index = FairIndexPage.objects.child_of(home).first()
    if index:
        return index, False
    index = FairIndexPage(**FAIRS["index"])
    home.add_child(instance=index)
    index.save_revision().publish()
    return index, True


def _fair(index, record: dict, *, today: datetime.date) -> tuple[FairPage, bool]:
    fair = FairPage.objects.child_of(index).filter(slug=record["slug"]).first()
    if fair:
        return fair.specific, False
    starts_on = today + datetime.timedelta(days=record["starts_in_days"])
    fair = FairPage(
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=record["days"]),
        application_deadline=starts_on - datetime.timedelta(days=record["applications_close_days_before"]),
        **{key: value for key, value in record.items() if key not in NOT_FIELDS},
    )
    fair.booth_types = [
        BoothType(**{**booth_type, "fee": Decimal(booth_type["fee"])}) for booth_type in record["booth_types"]
    ]
    index.add_child(instance=fair)
    fair.save_revision().publish()
    return fair, True


def _exhibitors(fair, exhibitors: list[dict]) -> tuple[int, int]:
    records = {
        (record.partner.code, record.partner_sku): record
        for record in StockRecord.objects.filter(
            partner_sku__in=[exhibitor["sku"] for exhibitor in exhibitors]
        ).select_related("partner")
    }
    office = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    booth_type = fair.booth_types.first()
    created = existing = 0
    for exhibitor in exhibitors:
        record = records.get((exhibitor["producer"], exhibitor["sku"]))
        if record is None:
            continue
        if BoothApplication.objects.filter(fair=fair, producer=record.partner).exists():
            existing += 1
            continue
        # Straight to "approved": the services refuse applications to a fair that is over.
        application = BoothApplication(
            fair=fair,
            booth_type=booth_type,
            producer=record.partner,
            status=ApplicationStatus.APPROVED,
            booth_number=exhibitor["booth_number"],
            message=FAIRS["exhibitors"]["message"],
            reviewed_by=office,
            reviewed_at=timezone.now(),
        )
        application.full_clean(exclude=["submitted_by"])
        application.save()
        fair_price = Decimal(exhibitor["fair_price"])
        price = fair_price if fair_price < record.price else None
        FairListing.objects.create(application=application, stockrecord=record, fair_price=price)
        created += 1
    return created, existing


def demo_fairs() -> tuple[int, int]:
    """The fair list, the fairs, and their exhibitors; (created, already there), counted in
    pages and exhibitors."""
    home = _home()
    if home is None:
        return 0, 0
    today = timezone.localdate()
    index, new = _index(home)
    created, existing = int(new), int(not new)
    fairs = []
    for record in FAIRS["fairs"]:
        fair, new = _fair(index, record, today=today)
        created, existing = created + new, existing + (not new)
        if record.get("exhibitors"):
            fairs.append((fair, record["exhibitors"]))
    for fair, exhibitors in fairs:
        more, already = _exhibitors(fair, exhibitors)
        created, existing = created + more, existing + already
    return created, existing
