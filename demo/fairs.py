"""Demo trade fairs (`data/fairs.toml`): the fair list under the Vietnamese home page, the fairs
with their booth types, and the exhibitors of a fair with their fair prices, in Vietnamese
(their English versions are `demo.english`'s).

Dates are demo dates (`demo.dates`) counted from the load day, so the upcoming fair is upcoming
and open for applications, and the lychee week was held in the last lychee season, whenever the
demo is loaded. Pages are looked up by slug and exhibitors and applicants by producer code: only
what is missing is created, and the step can run any number of times.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model
from wagtail.models import Site

from cms.models import HomePage
from core.clock import VIETNAM, vietnam_today
from demo.dates import date_from
from demo.pages import dated_title, page_slugs
from demo.records import data_file, in_english, in_vietnamese
from fairs.models import ApplicationStatus, BoothApplication, BoothType, FairIndexPage, FairListing, FairPage
from fairs.services import ListingChoice, booth_application_create

StockRecord = get_model("partner", "StockRecord")

FAIRS = in_vietnamese(data_file("fairs"))
FAIRS_EN = in_english(data_file("fairs"))
# Keys of a fair's record that are not FairPage fields.
SCHEDULE = ("starts", "days", "applications_close_days_before")
NOT_FIELDS = (*SCHEDULE, "booth_types", "exhibitors", "applicants", "former_slugs")


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
    fair = FairPage.objects.child_of(index).filter(slug__in=page_slugs(record)).first()
    if fair:
        return fair.specific, False
    starts_on = date_from(record["starts"], today=today)
    fair = FairPage(
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=record["days"]),
        application_deadline=starts_on - datetime.timedelta(days=record["applications_close_days_before"]),
        **{key: value for key, value in record.items() if key not in (*NOT_FIELDS, "title")},
        title=dated_title(record["title"], starts_on),
    )
    fair.booth_types = [
        BoothType(**{**booth_type, "fee": Decimal(booth_type["fee"])}) for booth_type in record["booth_types"]
    ]
    index.add_child(instance=fair)
    fair.save_revision().publish()
    return fair, True


def _morning(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=VIETNAM)


def _not_applied(fair, entries: list[dict]) -> tuple[list[tuple[dict, object]], int]:
    """The entries (exhibitors or applicants: producer and SKU) whose producer has not applied
    to `fair` yet, each with its stock record; and how many have."""
    records = {
        (record.partner.code, record.partner_sku): record
        for record in StockRecord.objects.filter(
            partner_sku__in=[entry["sku"] for entry in entries]
        ).select_related("partner")
    }
    applied = set(BoothApplication.objects.filter(fair=fair).values_list("producer__code", flat=True))
    missing, existing = [], 0
    for entry in entries:
        record = records.get((entry["producer"], entry["sku"]))
        if record is None:
            continue
        if entry["producer"] in applied:
            existing += 1
        else:
            missing.append((entry, record))
    return missing, existing


def _fair_price(entry: dict, record) -> Decimal | None:
    """The entry's fair price, or None when it is not below the shop's price."""
    fair_price = Decimal(entry["fair_price"])
    return fair_price if fair_price < record.price else None


def _exhibitors(fair, exhibitors: list[dict]) -> tuple[int, int]:
    office = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    booth_type = fair.booth_types.first()
    missing, existing = _not_applied(fair, exhibitors)
    for exhibitor, record in missing:
        # Straight to "approved": the services refuse applications to a fair that is over.
        # Sent a week before applications closed, approved the day they closed.
        application = BoothApplication(
            fair=fair,
            booth_type=booth_type,
            producer=record.partner,
            status=ApplicationStatus.APPROVED,
            booth_number=exhibitor["booth_number"],
            message=FAIRS["exhibitors"]["message"],
            reviewed_by=office,
            reviewed_at=_morning(fair.application_deadline, 10),
        )
        application.full_clean(exclude=["submitted_by"])
        application.save()
        BoothApplication.objects.filter(pk=application.pk).update(
            submitted_at=_morning(fair.application_deadline - datetime.timedelta(days=7), 9)
        )
        FairListing.objects.create(
            application=application, stockrecord=record, fair_price=_fair_price(exhibitor, record)
        )
    return len(missing), existing


def _applicants(fair, applicants: list[dict], *, today: datetime.date) -> tuple[int, int]:
    """Applications waiting for the office, sent through the service on their demo day; none
    once applications have closed (the service would refuse them)."""
    if not fair.applications_open():
        return 0, 0
    booth_types = list(fair.booth_types.order_by("sort_order"))
    missing, existing = _not_applied(fair, applicants)
    for applicant, record in missing:
        application = booth_application_create(
            fair=fair,
            booth_type=booth_types[applicant.get("booth_type", 0)],
            producer=record.partner,
            listings=[ListingChoice(record.pk, _fair_price(applicant, record))],
            message=applicant["message"],
            by=record.partner.users.order_by("pk").first(),
        )
        submitted = min(date_from(applicant["submitted"], today=today), today)
        BoothApplication.objects.filter(pk=application.pk).update(submitted_at=_morning(submitted, 8))
    return len(missing), existing


def demo_fairs() -> tuple[int, int]:
    """The fair list, the fairs, their exhibitors and the applications waiting for the office;
    (created, already there), counted in pages, exhibitors and applications."""
    home = _home()
    if home is None:
        return 0, 0
    today = vietnam_today()
    index, new = _index(home)
    created, existing = int(new), int(not new)
    fairs = []
    for record in FAIRS["fairs"]:
        fair, new = _fair(index, record, today=today)
        created, existing = created + new, existing + (not new)
        fairs.append((fair, record))
    for fair, record in fairs:
        more, already = _exhibitors(fair, record.get("exhibitors", []))
        created, existing = created + more, existing + already
        more, already = _applicants(fair, record.get("applicants", []), today=today)
        created, existing = created + more, existing + already
    return created, existing
