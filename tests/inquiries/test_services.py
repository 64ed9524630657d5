import datetime

import pytest
from django.core.exceptions import ValidationError

from catalog.models import ModerationStatus
from inquiries.models import Inquiry, InquiryReply, InquiryStatus
from inquiries.selectors import inquiry_target
from inquiries.services import inquiry_close, inquiry_create, inquiry_reply
from tests.catalog.factories import ProductFactory
from tests.fairs.factories import BoothApplicationFactory, FairPageFactory
from tests.inquiries.factories import InquiryFactory
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db

BUYER = {
    "buyer_name": "Kenji Sato",
    "company": "Sato Trading K.K.",
    "country": "JP",
    "email": "kenji@sato.example",
    "phone": "+81 3 1234 5678",
    "quantity": "2 tấn/tháng",
    "target_market": "Nhật Bản",
    "message": "Chúng tôi cần vải sấy khô đóng hộp 500 g.",
}


def test_an_inquiry_about_a_product_goes_to_its_producer_and_both_sides_get_a_mail(
    seller, committed, mailoutbox
):
    # Given a buyer writing in English about a public product
    target = inquiry_target(product_id=str(seller["product"].pk))

    # When the inquiry is sent
    with committed():
        inquiry = inquiry_create(target=target, language="en", **BUYER)

    # Then it is addressed to the product's producer, new, in English
    inquiry.refresh_from_db()
    assert (inquiry.producer, inquiry.product, inquiry.fair) == (seller["producer"], seller["product"], None)
    assert (inquiry.status, inquiry.language, inquiry.country) == (InquiryStatus.NEW, "en", "JP")
    # and the producer's people hear of it in Vietnamese, the buyer gets a copy in English
    producer_mail, buyer_mail = mailoutbox
    assert producer_mail.to == ["giamdoc@hongxuan.example", "htx@hongxuan.example"]
    assert "Số lượng: 2 tấn/tháng" in producer_mail.body
    assert "Sato Trading K.K." in producer_mail.subject
    assert buyer_mail.to == ["kenji@sato.example"]
    assert "Quantity: 2 tấn/tháng" in buyer_mail.body
    assert "HTX Vải thiều Hồng Xuân" in buyer_mail.subject


def test_the_buyers_language_falls_back_to_the_site_language(seller):
    target = inquiry_target(producer_id=str(seller["producer"].pk))

    inquiry = inquiry_create(target=target, language="fr", **BUYER)

    assert (inquiry.language, inquiry.product) == ("vi", None)


def test_an_unknown_country_is_refused_and_nothing_is_saved(seller, committed, mailoutbox):
    target = inquiry_target(producer_id=str(seller["producer"].pk))

    with committed(), pytest.raises(ValidationError) as refused:
        inquiry_create(target=target, language="en", **{**BUYER, "country": "EU"})

    assert "country" in refused.value.message_dict
    assert not Inquiry.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    "change",
    [
        {"is_public": False},
        {"moderation_status": ModerationStatus.PENDING},
    ],
)
def test_hidden_or_unmoderated_products_cannot_be_asked_about(seller, change):
    type(seller["product"]).objects.filter(pk=seller["product"].pk).update(**change)

    assert inquiry_target(product_id=str(seller["product"].pk)) is None


def test_unverified_producers_cannot_be_written_to(db):
    producer = ProducerFactory(is_verified=False)
    product = ProductFactory(stockrecords__partner=producer)

    assert inquiry_target(producer_id=str(producer.pk)) is None
    assert inquiry_target(product_id=str(product.pk)) is None
    assert inquiry_target(producer_id="abc") is None
    assert inquiry_target() is None


def test_a_product_and_another_producer_do_not_go_together(seller):
    other = ProducerFactory()

    assert inquiry_target(product_id=str(seller["product"].pk), producer_id=str(other.pk)) is None


def test_a_fair_counts_only_where_the_producer_has_an_approved_booth(seller):
    today = datetime.date.today()
    exhibited = FairPageFactory(title="Hội chợ có gian", starts_on=today)
    BoothApplicationFactory(fair=exhibited, producer=seller["producer"], approved=True)
    elsewhere = FairPageFactory(title="Hội chợ khác", starts_on=today)
    unpublished = FairPageFactory(title="Hội chợ nháp", starts_on=today, publish=False)
    BoothApplicationFactory(fair=unpublished, producer=seller["producer"], approved=True)
    producer = str(seller["producer"].pk)

    assert inquiry_target(producer_id=producer, fair_id=str(exhibited.pk)).fair == exhibited
    assert inquiry_target(producer_id=producer, fair_id=str(elsewhere.pk)) is None
    assert inquiry_target(producer_id=producer, fair_id=str(unpublished.pk)) is None
    assert inquiry_target(producer_id=producer, fair_id="x") is None


def test_an_answer_is_mailed_to_the_buyer_in_the_buyers_language_with_the_producers_contact(
    seller, committed, mailoutbox
):
    inquiry = InquiryFactory(producer=seller["producer"], product=seller["product"], language="vi")

    with committed():
        reply = inquiry_reply(
            inquiry=inquiry, by=seller["user"], message="Giá 450.000 ₫/kg, giao FOB Hải Phòng."
        )

    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ANSWERED
    assert (reply.author, reply.inquiry) == (seller["user"], inquiry)
    (mail,) = mailoutbox
    assert mail.to == ["kenji@sato.example"]
    assert "Giá 450.000 ₫/kg, giao FOB Hải Phòng." in mail.body
    assert "Số điện thoại: +84 912 345 678" in mail.body
    assert "htx@hongxuan.example" in mail.body


def test_an_english_buyer_gets_the_answer_in_english(seller, committed, mailoutbox):
    inquiry = InquiryFactory(producer=seller["producer"], language="en")

    with committed():
        inquiry_reply(inquiry=inquiry, by=seller["user"], message="Price on request.")

    assert "Phone: +84 912 345 678" in mailoutbox[0].body


def test_a_closed_inquiry_cannot_be_answered(seller, committed, mailoutbox):
    inquiry = InquiryFactory(producer=seller["producer"])
    inquiry_close(inquiry=inquiry, by=seller["user"])

    with committed(), pytest.raises(ValidationError):
        inquiry_reply(inquiry=inquiry, by=seller["user"], message="Late answer")

    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CLOSED
    assert inquiry.closed_at is not None
    assert not InquiryReply.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "203.0.113.7"),
        (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.9"}, "198.51.100.9"),
        (1, {"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
        (0, {"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, "2001:db8:1:2::/64"),
    ],
)
def test_the_rate_limit_counts_the_buyers_address_not_the_proxys(rf, settings, proxies, meta, expected):
    from core.ratelimit import client_ip

    settings.MARKETPLACE_TRUSTED_PROXIES = proxies

    assert client_ip(rf.get("/", **meta)) == expected
