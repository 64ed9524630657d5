"""The back office's one login page (oscar/dashboard/login.html): branded, in Vietnamese, and
a "forgot password" that works end to end through the shop's own reset and mails."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from core.permissions import LOGIN_URL
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db


def test_login_page_names_the_shop_and_who_it_is_for(client):
    page = client.get(reverse("dashboard:login")).content.decode()

    assert "Chợ OCOP Bắc Giang" in page
    assert "Dành cho chủ thể OCOP và Văn phòng OCOP tỉnh." in page
    assert '<label for="id_username">Tên đăng nhập hoặc e-mail</label>' in page
    assert '<label for="id_password">Mật khẩu</label>' in page
    assert f'href="{reverse("password-reset")}">Quên mật khẩu?</a>' in page
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
    assert '<main id="main"' in page


def test_a_refused_login_says_so_in_vietnamese(client, producer_user):
    producer_user(ProducerFactory(), "hong-xuan@producer.example")

    page = client.post(
        reverse("dashboard:login"), {"username": "hong-xuan@producer.example", "password": "sai"}
    )

    assert page.status_code == 200
    assert 'role="alert"' in page.content.decode()
    assert "mật khẩu" in page.content.decode()


def test_the_one_back_office_login_redirect_is_this_page():
    assert str(LOGIN_URL) == reverse("dashboard:login")


def test_shop_pages_send_a_visitor_to_the_shops_login_page(client):
    response = client.get(reverse("customer:summary"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login") + "?next=")


def test_reset_answers_the_same_whether_or_not_the_address_has_an_account(client, producer_user, mailoutbox):
    producer_user(ProducerFactory(), "hong-xuan@producer.example")

    known = client.post(reverse("password-reset"), {"email": "hong-xuan@producer.example"})
    unknown = client.post(reverse("password-reset"), {"email": "khong-ai@producer.example"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password-reset-done")
    assert [message.to for message in mailoutbox] == [["hong-xuan@producer.example"]]


def test_a_producer_sets_a_new_password_from_the_mail_and_logs_in_to_the_back_office(
    client, producer_user, mailoutbox
):
    producer = ProducerFactory(name="HTX Hồng Xuân")
    producer_user(producer, "hong-xuan@producer.example")
    login_page = client.get(reverse("dashboard:login")).content.decode()
    reset_url = re.search(r'href="([^"]+)">Quên mật khẩu\?</a>', login_page).group(1)

    client.post(reset_url, {"email": "hong-xuan@producer.example"})
    (message,) = mailoutbox
    link = re.search(r"https?://[^/\s]+(/\S*/password-reset/confirm/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(
        set_password_url, {"new_password1": "vai-thieu-luc-ngan-25", "new_password2": "vai-thieu-luc-ngan-25"}
    )
    complete = client.get(done["Location"]).content.decode()

    assert done["Location"] == reverse("password-reset-complete")
    assert f'href="{reverse("dashboard:login")}"' in complete
    browser = Client()
    logged_in = browser.post(
        reverse("dashboard:login"),
        {"username": "hong-xuan@producer.example", "password": "vai-thieu-luc-ngan-25"},
        follow=True,
    )
    assert logged_in.redirect_chain[-1][0] == reverse("dashboard:index")
    assert "<strong>HTX Hồng Xuân</strong>" in logged_in.content.decode()
