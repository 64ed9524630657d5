"""Demo buyer inquiries (`data/inquiries.toml`): a few trade buyers writing to demo producers,
one of them answered.

An inquiry is looked up by its buyer's email and producer and created only when missing, so
the step can run any number of times; no mail is sent for demo data. When a published fair
shows the producer (the fairs demo data), the inquiry is tied to it; otherwise it has no
fair, so this step does not depend on the fairs demo.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from oscar.core.loading import get_model

from core.clock import VIETNAM, vietnam_today
from demo.dates import date_from_record
from demo.records import data_file
from fairs.models import ApplicationStatus, BoothApplication
from inquiries.models import Inquiry, InquiryReply, InquiryStatus

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


@dataclass(frozen=True)
class DemoInquiry:
    producer: str  # partner code
    buyer_name: str
    company: str
    country: str
    email: str
    quantity: str
    target_market: str
    message: str
    language: str
    date: str = ""  # when it was sent, a demo date (`demo.dates`)
    days_ago: int | None = None  # or so many days before the load day
    sku: str = ""  # "" = written to the producer, not about a product
    reply: str = ""  # the producer's answer, if any


DEMO_INQUIRIES = [DemoInquiry(**record) for record in data_file("inquiries")["inquiries"]]


def _exhibited_fair(producer):
    """A live fair where `producer` has an approved booth, the latest first, or None."""
    application = (
        BoothApplication.objects.filter(producer=producer, status=ApplicationStatus.APPROVED, fair__live=True)
        .select_related("fair")
        .order_by("-fair__starts_on")
        .first()
    )
    return application.fair if application else None


def _sent_at(data: DemoInquiry, *, today: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """Nine in the morning, Vietnam time, of its demo day; never later than now."""
    record = {"date": data.date} if data.date else {"days_ago": data.days_ago}
    day = date_from_record(record, "date", today=today)
    return min(datetime.datetime.combine(day, datetime.time(9), tzinfo=VIETNAM), now)


def demo_inquiries() -> tuple[int, int]:
    partners = Partner.objects.in_bulk([data.producer for data in DEMO_INQUIRIES], field_name="code")
    created = existing = 0
    now = timezone.now()
    today = vietnam_today()
    for data in DEMO_INQUIRIES:
        producer = partners.get(data.producer)
        if producer is None:
            continue
        if Inquiry.objects.filter(producer=producer, email=data.email).exists():
            existing += 1
            continue
        record = (
            StockRecord.objects.filter(partner=producer, partner_sku=data.sku)
            .select_related("product")
            .first()
            if data.sku
            else None
        )
        inquiry = Inquiry(
            buyer_name=data.buyer_name,
            company=data.company,
            country=data.country,
            email=data.email,
            product=record.product if record else None,
            producer=producer,
            fair=_exhibited_fair(producer),
            quantity=data.quantity,
            target_market=data.target_market,
            message=data.message,
            language=data.language,
            status=InquiryStatus.ANSWERED if data.reply else InquiryStatus.NEW,
            created=_sent_at(data, today=today, now=now),
        )
        inquiry.full_clean()
        inquiry.save()
        if data.reply:
            reply = InquiryReply(
                inquiry=inquiry,
                author=producer.users.order_by("pk").first(),
                message=data.reply,
                created=inquiry.created + datetime.timedelta(hours=20),
            )
            reply.full_clean()
            reply.save()
        created += 1
    return created, existing
