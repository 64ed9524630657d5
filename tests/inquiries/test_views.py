import pytest
from django.urls import reverse
from django.utils import translation

from inquiries.models import Inquiry, InquiryReply, InquiryStatus
from tests.catalog.factories import ProductFactory
from tests.inquiries.factories import InquiryFactory
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db

FORM = {
    "buyer_name": "Kenji Sato",
    "company": "Sato Trading K.K.",
    "country": "JP",
    "email": "kenji@sato.example",
    "phone": "",
    "quantity": "2 tấn/tháng",
    "target_market": "Nhật Bản",
    "message": "Chúng tôi cần vải sấy khô.",
    "website": "",
}


def new_url(**query):
    return reverse("inquiries:new") + "?" + "&".join(f"{key}={value}" for key, value in query.items())


def test_the_form_names_the_producer_and_the_product(client, seller):
    response = client.get(new_url(product=seller["product"].pk))

    assert response.status_code == 200
    assert "HTX Vải thiều Hồng Xuân" in response.text
    assert "Vải thiều sấy khô" in response.text
    assert 'name="website"' in response.text


def test_the_product_page_links_to_the_form(client, seller):
    response = client.get(seller["product"].get_absolute_url())

    assert f"{reverse('inquiries:new')}?product={seller['product'].pk}" in response.text


def test_hidden_products_and_unknown_producers_are_not_found(client, seller):
    hidden = ProductFactory(is_public=False, stockrecords__partner=seller["producer"])
    unverified = ProducerFactory(is_verified=False)

    assert client.get(new_url(product=hidden.pk)).status_code == 404
    assert client.get(new_url(producer=unverified.pk)).status_code == 404
    assert client.get(reverse("inquiries:new")).status_code == 404
    assert client.post(new_url(producer=unverified.pk), FORM).status_code == 404
    assert not Inquiry.objects.exists()


def test_missing_contact_data_is_refused_and_what_was_typed_is_kept(client, seller, mailoutbox):
    typed = {**FORM, "email": "", "company": "", "message": "Cần 5 tấn vải mỗi tháng"}

    response = client.post(new_url(product=seller["product"].pk), typed)

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"email", "company"}
    assert "Cần 5 tấn vải mỗi tháng" in response.text
    assert 'value="Kenji Sato"' in response.text
    assert not Inquiry.objects.exists()
    assert mailoutbox == []


def test_a_complete_inquiry_is_saved_and_thanked(client, seller, committed, mailoutbox):
    with committed():
        response = client.post(new_url(product=seller["product"].pk), FORM)

    assert response.status_code == 302
    assert response["Location"] == reverse("inquiries:thanks")
    inquiry = Inquiry.objects.get()
    assert (inquiry.company, inquiry.producer, inquiry.product, inquiry.language) == (
        "Sato Trading K.K.",
        seller["producer"],
        seller["product"],
        "vi",
    )
    assert [mail.to for mail in mailoutbox] == [
        ["giamdoc@hongxuan.example", "htx@hongxuan.example"],
        ["kenji@sato.example"],
    ]
    assert client.get(response["Location"]).status_code == 200


def test_an_inquiry_from_the_english_page_is_answered_in_english(client, seller):
    with translation.override("en"):
        url = new_url(producer=seller["producer"].pk)

    client.post(url, FORM)

    assert url.startswith("/en/")
    assert Inquiry.objects.get().language == "en"


def test_the_sixth_inquiry_in_an_hour_from_one_address_is_refused(client, seller):
    url = new_url(product=seller["product"].pk)
    for number in range(5):
        assert client.post(url, {**FORM, "email": f"buyer{number}@example.com"}).status_code == 302

    response = client.post(url, {**FORM, "email": "buyer6@example.com"})

    assert response.status_code == 429
    assert response.context["refusal"] in response.text
    assert 'value="buyer6@example.com"' in response.text
    assert Inquiry.objects.count() == 5
    assert not Inquiry.objects.filter(email="buyer6@example.com").exists()


def test_the_sixth_inquiry_in_an_hour_from_one_email_is_refused_from_any_address(client, seller):
    url = new_url(product=seller["product"].pk)
    for number in range(5):
        assert client.post(url, FORM, REMOTE_ADDR=f"10.0.0.{number}").status_code == 302

    response = client.post(url, FORM, REMOTE_ADDR="10.0.0.99")

    assert response.status_code == 429
    assert Inquiry.objects.count() == 5


def test_an_hour_later_the_sender_may_write_again(client, seller, time_machine):
    time_machine.move_to("2026-03-02 08:00 +07:00", tick=False)
    url = new_url(product=seller["product"].pk)
    for _ in range(5):
        client.post(url, FORM)
    assert client.post(url, FORM).status_code == 429

    time_machine.move_to("2026-03-02 09:00:01 +07:00", tick=False)

    assert client.post(url, FORM).status_code == 302
    assert Inquiry.objects.count() == 6


def test_a_filled_honeypot_is_thanked_but_nothing_is_saved(client, seller, committed, mailoutbox):
    with committed():
        response = client.post(
            new_url(product=seller["product"].pk), {**FORM, "website": "http://spam.example"}
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("inquiries:thanks")
    assert not Inquiry.objects.exists()
    assert mailoutbox == []


# The producer's dashboard -------------------------------------------------------------------


@pytest.fixture
def two_inboxes(seller, producer_user):
    other = ProducerFactory(name="HTX Mật ong Bí Mật")
    producer_user(other, "b@mat-ong.example")
    mine = InquiryFactory(producer=seller["producer"], product=seller["product"], company="Sato Trading")
    answered = InquiryFactory(
        producer=seller["producer"], company="Old Buyer Ltd", status=InquiryStatus.ANSWERED
    )
    theirs = InquiryFactory(producer=other, company="Công ty Bí Mật B", message="Tin nhắn bí mật của B")
    return {"mine": mine, "answered": answered, "theirs": theirs, **seller}


def test_a_producer_lists_its_own_inquiries_new_first(client, two_inboxes):
    client.force_login(two_inboxes["user"])

    response = client.get(reverse("inquiries-dashboard:list"))

    assert response.status_code == 200
    assert [inquiry.company for inquiry in response.context["inquiries"]] == ["Sato Trading", "Old Buyer Ltd"]
    assert "Công ty Bí Mật B" not in response.text


def test_another_producers_inquiry_is_not_found_and_not_changed(client, two_inboxes, mailoutbox):
    client.force_login(two_inboxes["user"])
    theirs = two_inboxes["theirs"]

    assert client.get(reverse("inquiries-dashboard:detail", kwargs={"pk": theirs.pk})).status_code == 404
    assert (
        client.post(
            reverse("inquiries-dashboard:detail", kwargs={"pk": theirs.pk}), {"message": "x"}
        ).status_code
        == 404
    )
    assert client.post(reverse("inquiries-dashboard:close", kwargs={"pk": theirs.pk})).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == InquiryStatus.NEW
    assert not InquiryReply.objects.exists()
    assert mailoutbox == []


def test_a_producer_answers_and_the_buyer_gets_the_mail(client, two_inboxes, committed, mailoutbox):
    client.force_login(two_inboxes["user"])
    url = reverse("inquiries-dashboard:detail", kwargs={"pk": two_inboxes["mine"].pk})
    assert client.get(url).status_code == 200

    with committed():
        response = client.post(url, {"message": "Price: 450,000 VND/kg FOB Hai Phong."})

    assert response.status_code == 302
    two_inboxes["mine"].refresh_from_db()
    assert two_inboxes["mine"].status == InquiryStatus.ANSWERED
    assert [mail.to for mail in mailoutbox] == [["kenji@sato.example"]]
    assert "Price: 450,000 VND/kg FOB Hai Phong." in client.get(url).text


def test_an_empty_answer_is_refused(client, two_inboxes, mailoutbox):
    client.force_login(two_inboxes["user"])

    response = client.post(
        reverse("inquiries-dashboard:detail", kwargs={"pk": two_inboxes["mine"].pk}), {"message": ""}
    )

    assert response.status_code == 200
    assert "message" in response.context["form"].errors
    assert not InquiryReply.objects.exists()


def test_a_producer_closes_an_inquiry(client, two_inboxes):
    client.force_login(two_inboxes["user"])

    response = client.post(reverse("inquiries-dashboard:close", kwargs={"pk": two_inboxes["mine"].pk}))

    assert response.status_code == 302
    two_inboxes["mine"].refresh_from_db()
    assert two_inboxes["mine"].status == InquiryStatus.CLOSED


def test_people_without_a_producer_are_sent_to_the_login(client, django_user_model, two_inboxes):
    client.force_login(django_user_model.objects.create_user("shopper", "shopper@example.com", "pw"))

    response = client.get(reverse("inquiries-dashboard:list"))

    assert response.status_code == 302
    assert "login" in response["Location"]
