"""Writes of buyer inquiries: a buyer sends one, the producer answers or closes it.

Every change mails the other side after the commit: the producer's people hear of a new
inquiry in Vietnamese (the producers' language), the buyer gets a copy of what they sent and
each answer in the language they wrote in, with the producer's contact details.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.mails import mail_send_after_commit, site_url
from inquiries.models import Inquiry, InquiryReply, InquiryStatus
from inquiries.selectors import InquiryTarget, producer_recipients

PRODUCER_LANGUAGE = "vi"


def _buyer_language(language: str) -> str:
    codes = dict(settings.LANGUAGES)
    language = (language or "").split("-")[0]
    return language if language in codes else settings.LANGUAGE_CODE


def _producer_contact(producer) -> dict:
    return {
        "name": producer.name,
        "contact_name": producer.contact_name,
        "phone": producer.phone.as_international if producer.phone else "",
        "email": producer.email or next(iter(producer_recipients(producer=producer)), ""),
        "address": producer.full_address,
        "website": producer.website,
    }


@transaction.atomic
def inquiry_create(
    *,
    target: InquiryTarget,
    buyer_name: str,
    company: str,
    country: str,
    email: str,
    quantity: str,
    message: str,
    language: str,
    phone: str = "",
    target_market: str = "",
) -> Inquiry:
    """Record a buyer's inquiry to `target.producer` and mail the producer and the buyer.

    `target` comes from `inquiries.selectors.inquiry_target`, which has already refused what a
    buyer may not write about; the producer is the product's when a product is given."""
    inquiry = Inquiry(
        buyer_name=buyer_name.strip(),
        company=company.strip(),
        country=country,
        email=email.strip(),
        phone=phone.strip(),
        product=target.product,
        producer=target.producer,
        fair=target.fair,
        quantity=quantity.strip(),
        target_market=target_market.strip(),
        message=message.strip(),
        language=_buyer_language(language),
    )
    inquiry.full_clean()
    inquiry.save()
    dashboard_url = site_url(reverse("inquiries-dashboard:detail", kwargs={"pk": inquiry.pk}))
    mail_send_after_commit(
        prefix="inquiries/mail/inquiry_received_producer",
        to=producer_recipients(producer=inquiry.producer),
        language=PRODUCER_LANGUAGE,
        context=lambda: {"inquiry": inquiry, "dashboard_url": dashboard_url},
    )
    mail_send_after_commit(
        prefix="inquiries/mail/inquiry_sent_buyer",
        to=[inquiry.email],
        language=inquiry.language,
        context=lambda: {"inquiry": inquiry, "producer": _producer_contact(inquiry.producer)},
    )
    return inquiry


@transaction.atomic
def inquiry_reply(*, inquiry: Inquiry, by, message: str) -> InquiryReply:
    """The producer answers: the answer is kept, mailed to the buyer in the buyer's language
    with the producer's contact, and the inquiry counts as answered."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.status == InquiryStatus.CLOSED:
        raise ValidationError(_("This inquiry is closed: it cannot be answered any more."))
    reply = InquiryReply(inquiry=inquiry, author=by, message=message.strip())
    reply.full_clean()
    reply.save()
    inquiry.status = InquiryStatus.ANSWERED
    inquiry.save(update_fields=["status"])
    mail_send_after_commit(
        prefix="inquiries/mail/inquiry_answered_buyer",
        to=[inquiry.email],
        language=inquiry.language,
        context=lambda: {"inquiry": inquiry, "reply": reply, "producer": _producer_contact(inquiry.producer)},
    )
    return reply


@transaction.atomic
def inquiry_close(*, inquiry: Inquiry, by) -> Inquiry:
    """The producer files the inquiry away (a deal made, or nothing to offer). No mail: the
    buyer already has every answer."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.status != InquiryStatus.CLOSED:
        inquiry.status = InquiryStatus.CLOSED
        inquiry.closed_at = timezone.now()
        inquiry.save(update_fields=["status", "closed_at"])
    return inquiry
