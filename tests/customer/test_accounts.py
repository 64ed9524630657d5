"""Issue 14, logins: signing up and changing one's e-mail tell an outsider nothing about which
addresses have accounts. Attacked over HTTP as an outsider would: the same form is sent with an
address that has an account and one that has none, and the two answers are compared."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
STRONG = "Vai-thieu-2026!"


def sign_up(client, email, password=STRONG, page="customer:login"):
    if page == "customer:login":
        data = {
            "registration-email": email,
            "registration-password1": password,
            "registration-password2": password,
            "registration_submit": "1",
        }
    else:
        data = {"email": email, "password1": password, "password2": password}
    return client.post(reverse(page), data)


def same_page(html, email):
    """The page without what differs on every answer (CSRF tokens, script nonces)."""
    html = re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', r'\1=""', html)
    return html.replace(email, "EMAIL")


def link_in(mail):
    [url] = re.findall(r"https?://\S+/(?:activate|email/confirm)/\S+/", mail.body)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


@pytest.mark.parametrize("page", ["customer:login", "customer:register"])
def test_signing_up_answers_the_same_whether_or_not_the_address_has_an_account(
    client, page, mailoutbox, committed
):
    owner = UserFactory(email="hoa@example.com")
    with committed():
        taken = sign_up(client, "HOA@example.com", page=page)
        taken_page = client.get(taken["Location"]).content.decode()
        free = sign_up(client, "lan@example.com", page=page)
        free_page = client.get(free["Location"]).content.decode()

    assert taken.status_code == free.status_code == 302
    assert taken["Location"] == free["Location"] == reverse("customer:registration-sent")
    assert same_page(taken_page, "HOA@example.com") == same_page(free_page, "lan@example.com")
    assert "exists" not in taken_page and "đã tồn tại" not in taken_page
    # Nobody was logged in, the owner's password is untouched, the new account waits.
    assert "_auth_user_id" not in client.session
    owner.refresh_from_db()
    assert owner.check_password("pw")
    assert not User.objects.get(email="lan@example.com").is_active
    # The mails are where the difference shows, read only by each address's owner.
    to_owner, to_new = mailoutbox
    assert to_owner.to == ["hoa@example.com"] and "/activate/" not in to_owner.body
    assert "http://testserver" not in to_owner.body
    assert to_new.to == ["lan@example.com"] and "/activate/" in to_new.body


def test_the_link_activates_on_a_button_and_only_once(client, mailoutbox, committed):
    with committed():
        sign_up(client, "lan@example.com")
    link = link_in(mailoutbox[0])
    refused = client.post(
        reverse("customer:login"),
        {"login-username": "lan@example.com", "login-password": STRONG, "login_submit": "1"},
    )
    assert refused.status_code == 200 and "_auth_user_id" not in client.session

    assert client.get(link).status_code == 200  # a mail scanner opening the link changes nothing
    assert not User.objects.get(email="lan@example.com").is_active
    response = client.post(link)
    assert response["Location"] == reverse("customer:summary")
    user = User.objects.get(email="lan@example.com")
    assert user.is_active and client.session["_auth_user_id"] == str(user.pk)

    client.logout()
    again = client.post(link)
    assert again.status_code == 400 and "_auth_user_id" not in client.session


def test_a_squatter_cannot_keep_an_address_from_its_owner(client, mailoutbox, committed):
    with committed():
        sign_up(client, "hoa@example.com", password="Squatter-pass-1")
        sign_up(client, "hoa@example.com", password=STRONG)
    squatter_link, owner_link = (link_in(mail) for mail in mailoutbox)

    assert client.post(squatter_link).status_code == 400  # the new password voids the old link
    assert client.post(owner_link).status_code == 302
    [account] = User.objects.filter(email__iexact="hoa@example.com")
    assert account.is_active and account.check_password(STRONG)


def test_a_tampered_link_changes_nothing(client, mailoutbox, committed):
    with committed():
        sign_up(client, "lan@example.com")
    link = link_in(mailoutbox[0])
    response = client.post(link[:-3] + "zz/")
    assert response.status_code == 400
    assert "Liên kết này không dùng được" in response.content.decode()
    assert not User.objects.get(email="lan@example.com").is_active


def test_checkout_lets_a_guest_use_an_address_that_has_an_account(client, shopper, products):
    UserFactory(email="hoa@example.com")
    shopper.add(products[0])
    page = client.get(reverse("checkout:index")).content.decode()
    assert 'value="new"' not in page
    response = client.post(reverse("checkout:index"), {"username": "hoa@example.com", "options": "anonymous"})
    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:shipping-address")
    refused = client.post(reverse("checkout:index"), {"username": "lan@example.com", "options": "new"})
    assert refused.status_code == 200  # the sign-up-here option is gone


@pytest.fixture
def hoa(client):
    user = UserFactory(email="hoa@example.com", first_name="Hoa")
    client.force_login(user)
    return user


def profile_update(client, email):
    return client.post(
        reverse("customer:profile-update"),
        {"first_name": "Hoà", "last_name": "Nguyễn", "email": email},
        follow=True,
    )


def test_moving_to_a_taken_address_answers_like_a_free_one(client, hoa, mailoutbox, committed):
    UserFactory(email="lan@example.com")
    with committed():
        taken = profile_update(client, "lan@example.com")
        free = profile_update(client, "mai@example.com")

    def message(response):
        return [str(m) for m in response.context["messages"]]

    assert message(taken) == [m.replace("mai@", "lan@") for m in message(free)]
    hoa.refresh_from_db()
    assert (hoa.email, hoa.first_name) == ("hoa@example.com", "Hoà")  # the rest is saved
    to_taken, to_free = mailoutbox
    assert to_taken.to == ["lan@example.com"] and "/email/confirm/" not in to_taken.body
    assert to_free.to == ["mai@example.com"] and "/email/confirm/" in to_free.body


def test_a_new_address_counts_once_its_link_is_followed_by_the_account(client, hoa, mailoutbox, committed):
    with committed():
        profile_update(client, "mai@example.com")
    link = link_in(mailoutbox[0])

    other = UserFactory(email="lan@example.com")
    client.force_login(other)
    assert client.post(link).status_code == 400
    other.refresh_from_db()
    assert other.email == "lan@example.com"

    client.force_login(hoa)
    with committed():
        response = client.post(link)
    assert response["Location"] == reverse("customer:profile-view")
    hoa.refresh_from_db()
    assert hoa.email == "mai@example.com"
    notice = mailoutbox[-1]
    assert notice.to == ["hoa@example.com"] and "mai@example.com" in notice.body
    assert client.post(link).status_code == 400  # used once


def test_signing_up_again_and_again_is_refused_after_the_limit(client, mailoutbox, committed):
    with committed():
        answers = [sign_up(client, f"nguoi{number}@example.com").status_code for number in range(5)]
        refused = sign_up(client, "hoa@example.com")
    assert answers == [302] * 5
    assert refused.status_code == 429
    assert "Quá nhiều lượt đăng ký" in refused.content.decode()
    assert 'value="hoa@example.com"' in refused.content.decode()  # what was typed is kept
    assert len(mailoutbox) == 5 and not User.objects.filter(email="hoa@example.com").exists()


def test_reset_mails_stop_after_the_limit_and_the_page_says_the_same(client, mailoutbox):
    UserFactory(email="hoa@example.com")
    answers = [client.post(reverse("password-reset"), {"email": "hoa@example.com"}) for _ in range(7)]
    assert {answer["Location"] for answer in answers} == {reverse("password-reset-done")}
    assert len(mailoutbox) == 5
