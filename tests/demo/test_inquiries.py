import pytest

from demo.inquiries import demo_inquiries
from inquiries.models import Inquiry, InquiryReply, InquiryStatus

pytestmark = pytest.mark.django_db


def test_the_demo_inquiries_are_created_once_one_answered(demo_data):
    # `demo_data` ran the loader, whose step made them: running it again makes none.
    assert demo_inquiries() == (0, 3)

    answered = Inquiry.objects.get(status=InquiryStatus.ANSWERED)
    assert (answered.product.stockrecords.get().partner_sku, answered.language) == (
        "vai-thieu-luc-ngan-2kg",
        "en",
    )
    assert InquiryReply.objects.get().inquiry == answered
    assert Inquiry.objects.filter(status=InquiryStatus.NEW).count() == 2
