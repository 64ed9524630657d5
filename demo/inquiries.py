"""Demo buyer inquiries: a few trade buyers writing to demo producers, one of them answered.

The buyers, companies and addresses are made up (mail domains under `.example`, which never
deliver). An inquiry is looked up by its buyer's email and producer and created only when
missing, so the step can run any number of times; no mail is sent for demo data. When a
published fair shows the producer (the fairs demo data), the inquiry is tied to it;
otherwise it has no fair, so this step does not depend on the fairs demo.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from oscar.core.loading import get_model

from fairs.models import ApplicationStatus, BoothApplication
from inquiries.models import Inquiry, InquiryReply, InquiryStatus

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


@dataclass(frozen=True)
class DemoInquiry:
    producer: str  # partner code
    sku: str  # "" = written to the producer, not about a product
    buyer_name: str
    company: str
    country: str
    email: str
    quantity: str
    target_market: str
    message: str
    language: str
    days_ago: int
    reply: str = ""  # the producer's answer, if any


DEMO_INQUIRIES = [
    DemoInquiry(
        producer="htx-hong-xuan",
        sku="vai-thieu-luc-ngan-2kg",
        buyer_name="Kenji Sato",
        company="Sato Fresh Trading K.K. (minh hoạ)",
        country="JP",
        email="kenji.sato@sato-fresh.example",
        quantity="2 tonnes a week in June",
        target_market="Japan (Tokyo, Osaka)",
        message=(
            "We import fresh lychee for Japanese supermarkets. Can you supply GlobalGAP lychee with "
            "growing-area codes, packed in 2 kg boxes, FOB Hai Phong? Please send your price and the "
            "earliest shipping week."
        ),
        language="en",
        days_ago=12,
        reply=(
            "Thank you for your interest. We can supply 2 tonnes a week from the second week of June, "
            "GlobalGAP certified, growing-area code attached to each lot. Our export price list will "
            "follow by mail; samples can be sent by air."
        ),
    ),
    DemoInquiry(
        producer="htx-xuan-truong",
        sku="my-gao-chu-1kg",
        buyer_name="Nguyễn Thị Lan",
        company="Công ty TNHH Phân phối Thực phẩm Sạch Hà Nội (minh hoạ)",
        country="VN",
        email="lan.nguyen@thucphamsach.example",
        quantity="500 gói/tháng",
        target_market="Chuỗi cửa hàng thực phẩm sạch tại Hà Nội",
        message=(
            "Chúng tôi muốn nhập mỳ gạo Chũ gói 1 kg cho 12 cửa hàng. Xin báo giá sỉ và điều kiện giao hàng."
        ),
        language="vi",
        days_ago=3,
    ),
    DemoInquiry(
        producer="htx-xanh-yen-the",
        sku="",
        buyer_name="Emily Tan",
        company="Lion City Asian Grocers Pte. Ltd. (demo)",
        country="SG",
        email="emily.tan@lioncity-grocers.example",
        quantity="1 container 20 ft per quarter",
        target_market="Singapore",
        message="Do you export frozen chicken products (sausages, chả gà)? We need HACCP certification.",
        language="en",
        days_ago=1,
    ),
]


def _exhibited_fair(producer):
    """A live fair where `producer` has an approved booth, the latest first, or None."""
    application = (
        BoothApplication.objects.filter(producer=producer, status=ApplicationStatus.APPROVED, fair__live=True)
        .select_related("fair")
        .order_by("-fair__starts_on")
        .first()
    )
    return application.fair if application else None


def demo_inquiries() -> tuple[int, int]:
    partners = Partner.objects.in_bulk([data.producer for data in DEMO_INQUIRIES], field_name="code")
    created = existing = 0
    now = timezone.now()
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
            created=now - datetime.timedelta(days=data.days_ago),
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
