"""The dashboard's shell (oscar/dashboard/layout.html, dashboard/templatetags/dashboard_shell.py):
who is greeted, the skip link and landmarks, the phone stylesheet and script."""

import pytest
from django.urls import reverse

from dashboard.templatetags.dashboard_shell import dashboard_greeting_name
from tests.core.factories import StaffFactory
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db


def test_a_producer_is_greeted_by_the_producers_name_not_the_login_email(client, producer_user):
    user = producer_user(ProducerFactory(name="HTX Hồng Xuân"), "hong-xuan@producer.example")
    client.force_login(user)

    page = client.get(reverse("dashboard:index")).content.decode()

    assert "Xin chào, <strong>HTX Hồng Xuân</strong>" in page
    assert "hong-xuan@producer.example" not in page


def test_a_login_of_two_producers_is_greeted_with_both_names(producer_user):
    user = producer_user(ProducerFactory(name="HTX Xuân Trường"), "chung@producer.example")
    ProducerFactory(name="HTX Hồng Xuân").users.add(user)

    assert dashboard_greeting_name(user) == "HTX Hồng Xuân, HTX Xuân Trường"


def test_staff_are_greeted_by_their_name_or_as_the_ocop_office(client):
    named = StaffFactory(username="lan", first_name="Lan", last_name="Nguyễn Thị", email="lan@ocop.example")
    unnamed = StaffFactory(username="office", first_name="", last_name="", email="office@ocop.example")
    client.force_login(unnamed)

    page = client.get(reverse("dashboard:index")).content.decode()

    assert dashboard_greeting_name(named) == named.get_full_name()
    assert "Xin chào, <strong>Văn phòng OCOP</strong>" in page
    assert "office@ocop.example" not in page


def test_the_shell_has_a_skip_link_landmarks_and_named_menus(client, producer_user):
    client.force_login(producer_user(ProducerFactory(), "hong-xuan@producer.example"))

    page = client.get(reverse("dashboard:index")).content.decode()

    assert '<html lang="vi"' in page
    assert '<a class="skip-link" href="#main">Chuyển đến nội dung chính</a>' in page
    assert '<main id="main"' in page and page.count("<main") == 1
    assert (
        '<nav class="navbar navbar-expand-lg navbar-dark bg-dark navbar-accounts" aria-label="Tài khoản">'
        in page
    )
    assert 'aria-label="Menu trang quản lý"' in page
    assert 'id="navbarDropdown"' not in page  # Oscar gave every menu the same id
    assert "marketplace/css/dashboard.css" in page and "marketplace/js/dashboard-tables.js" in page
