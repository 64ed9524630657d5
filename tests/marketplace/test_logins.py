"""Issue 14, logins: every login form is throttled, logging out takes a POST.

Attacked over HTTP as an outsider would: wrong passwords until the lockout, then the right one,
which must be refused too; a page that tries to log a visitor out with a GET."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from tests.core.factories import SuperuserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pw"  # tests.core.factories


def shop_login(client, username, password):
    return client.post(
        reverse("customer:login"),
        {"login-username": username, "login-password": password, "login_submit": "1"},
    )


def dashboard_login(client, username, password):
    return client.post(reverse("dashboard:login"), {"username": username, "password": password})


def wagtail_login(client, username, password):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


@pytest.mark.parametrize("login", [shop_login, dashboard_login, wagtail_login])
def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, settings, login):
    staff = SuperuserFactory(email="staff@ocop.example")
    username = staff.email if login is shop_login else staff.username
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, username, "sai-mat-khau").status_code == 200  # the form again
    assert login(client, username, "sai-mat-khau").status_code == 429  # the fifth: locked out

    response = login(client, username, PASSWORD)

    assert response.status_code == 429
    assert "Đăng nhập quá nhiều lần không thành công" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_logs_in_and_resets_the_count(client, settings):
    staff = SuperuserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        dashboard_login(client, staff.username, "sai-mat-khau")

    assert dashboard_login(client, staff.username, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_logging_out_takes_a_post(client):
    client.force_login(SuperuserFactory())

    assert client.get(reverse("customer:logout")).status_code == 405
    assert "_auth_user_id" in client.session

    response = client.post(reverse("customer:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_failed_login_costs_the_same_hashing_whether_or_not_the_address_has_an_account(client, monkeypatch):
    """The time a failed login takes must not tell which addresses have accounts: an unknown
    address costs as many password hashes as a known one with a wrong password."""
    SuperuserFactory(email="staff@ocop.example")
    hashes = []
    hasher = MD5PasswordHasher.encode
    monkeypatch.setattr(
        MD5PasswordHasher,
        "encode",
        lambda self, *args, **kwargs: hashes.append(1) or hasher(self, *args, **kwargs),
    )
    counts = {}
    for address in ("staff@ocop.example", "khong-co@ocop.example"):
        hashes.clear()
        response = shop_login(client, address, "sai-mat-khau")
        assert response.status_code == 200 and "_auth_user_id" not in client.session
        counts[address] = len(hashes)

    assert counts["khong-co@ocop.example"] == counts["staff@ocop.example"] >= 1
