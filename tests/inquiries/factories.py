"""Buyers' inquiries to producers."""

import factory

from inquiries.models import Inquiry, InquiryStatus
from tests.partner.factories import ProducerFactory


class InquiryFactory(factory.django.DjangoModelFactory):
    """A new inquiry from a Japanese buyer, in English; `created=` backdates it."""

    class Meta:
        model = Inquiry

    producer = factory.SubFactory(ProducerFactory)
    buyer_name = "Kenji Sato"
    company = "Sato Trading"
    country = "JP"
    email = "kenji@sato.example"
    quantity = "2 tấn/tháng"
    message = "Xin báo giá."
    language = "en"
    status = InquiryStatus.NEW
