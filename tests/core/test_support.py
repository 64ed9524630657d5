"""Support sessions: promotion staff act as a producer's user (django-hijack, core.support)."""

import logging

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.support import support_session_allowed
from tests.catalog.factories import ProductFactory
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db

ACQUIRE = "/hijack/acquire/"
RELEASE = "/hijack/release/"


@pytest.fixture
def lychee_farm():
    """HTX Vải with one product, and another producer with two, so figures tell them apart."""
    farm = ProducerFactory(name="HTX Vải Lục Ngạn")
    ProductFactory(title="Vải thiều thử", stockrecords__partner=farm)
    other = ProducerFactory(name="HTX Mật ong")
    ProductFactory(title="Mật ong thử", stockrecords__partner=other)
    ProductFactory(title="Mật ong rừng thử", stockrecords__partner=other)
    return farm


@pytest.fixture
def farmer(lychee_farm, producer_user):
    return producer_user(lychee_farm, "lan@htx-vai.example", first_name="Lan", last_name="Nguyễn")


@pytest.fixture
def staff(django_user_model):
    """Promotion staff: `is_staff`, allowed to open producers' pages in the dashboard."""
    user = django_user_model.objects.create_user("xttm", "xttm@ocop.example", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_partner"))
    return user


def session_user_id(client):
    return int(client.session["_auth_user_id"])


def acquire(client, user):
    return client.post(ACQUIRE, {"user_pk": user.pk, "next": reverse("dashboard:index")})


def test_the_producer_page_offers_a_support_session_for_each_producer_login(
    client, staff, lychee_farm, farmer, django_user_model
):
    officer = django_user_model.objects.create_user("officer", "officer@ocop.example", "pw", is_staff=True)
    lychee_farm.users.add(officer)
    client.force_login(staff)

    page = client.get(reverse("dashboard:partner-manage", kwargs={"pk": lychee_farm.pk})).content.decode()

    assert page.count(f'action="{ACQUIRE}"') == 1
    assert f'name="user_pk" value="{farmer.pk}"' in page
    assert f'name="user_pk" value="{officer.pk}"' not in page
    assert 'name="next" value="/shop/dashboard/"' in page


def test_staff_acts_as_a_producer_and_sees_its_dashboard(client, staff, farmer):
    client.force_login(staff)

    response = acquire(client, farmer)

    assert response.status_code == 302 and response["Location"] == "/shop/dashboard/"
    assert session_user_id(client) == farmer.pk
    dashboard = client.get(reverse("dashboard:index"))
    assert dashboard.status_code == 200
    assert dashboard.context["user"].pk == farmer.pk
    assert dashboard.context["producer_products"] == 1
    assert dashboard.context["producer_orders_this_month"] == 0


def test_every_dashboard_page_shows_the_support_banner_while_acting(client, staff, farmer, lychee_farm):
    client.force_login(staff)
    acquire(client, farmer)

    for name in ("dashboard:index", "dashboard:catalogue-product-list", "dashboard:order-list"):
        page = client.get(reverse(name)).content.decode()
        assert 'id="support-session"' in page, name
        assert f'action="{RELEASE}"' in page
        assert "Lan Nguyễn" in page and "HTX Vải Lục Ngạn" in page
        # Only the marketplace's banner: django-hijack's own notification is switched off.
        assert "djhj" not in page
    stop_to = reverse("dashboard:partner-manage", kwargs={"pk": lychee_farm.pk})
    assert f'name="next" value="{stop_to}"' in page


def test_a_producer_logged_in_as_itself_sees_no_banner(client, farmer):
    client.force_login(farmer)

    page = client.get(reverse("dashboard:index")).content.decode()

    assert 'id="support-session"' not in page and RELEASE not in page


def test_stopping_returns_to_the_staff_user(client, staff, farmer, lychee_farm):
    client.force_login(staff)
    acquire(client, farmer)
    back_to = reverse("dashboard:partner-manage", kwargs={"pk": lychee_farm.pk})

    response = client.post(RELEASE, {"next": back_to})

    assert response.status_code == 302 and response["Location"] == back_to
    assert session_user_id(client) == staff.pk
    assert client.session["hijack_history"] == []
    page = client.get(back_to)
    assert page.status_code == 200 and 'id="support-session"' not in page.content.decode()
    assert "producer_products" not in client.get(reverse("dashboard:index")).context


@pytest.fixture
def not_producers(django_user_model, lychee_farm, producer_user):
    """Users no one may act as: staff (even with a producer's access), a superuser, a buyer, an
    inactive producer login, and a login with no producer."""
    other_staff = producer_user(lychee_farm, "staff2@ocop.example", is_staff=True)
    superuser = django_user_model.objects.create_superuser("root", "root@ocop.example", "pw")
    buyer = django_user_model.objects.create_user("buyer", "buyer@example.com", "pw")
    inactive = producer_user(lychee_farm, "old@htx-vai.example", is_active=False)
    unattached = producer_user(ProducerFactory(), "alone@example.com")
    unattached.partners.clear()
    return {
        "staff": other_staff,
        "superuser": superuser,
        "buyer": buyer,
        "inactive": inactive,
        "unattached": unattached,
    }


@pytest.mark.parametrize("target", ["staff", "superuser", "buyer", "inactive", "unattached"])
def test_staff_cannot_act_as_anyone_but_a_producer_login(client, staff, not_producers, target, caplog):
    client.force_login(staff)

    with caplog.at_level(logging.INFO, logger="core.support"):
        response = acquire(client, not_producers[target])

    assert response.status_code == 403
    assert session_user_id(client) == staff.pk
    assert "hijack_history" not in client.session
    assert not [record for record in caplog.records if record.name == "core.support"]


def test_a_producer_cannot_act_as_anyone(
    client, farmer, lychee_farm, producer_user, staff, django_user_model
):
    teammate = producer_user(lychee_farm, "minh@htx-vai.example")
    neighbour = producer_user(ProducerFactory(name="HTX Mật ong"), "b@htx-mat-ong.example")
    buyer = django_user_model.objects.create_user("buyer", "buyer@example.com", "pw")
    client.force_login(farmer)

    for target in (teammate, neighbour, buyer, staff):
        assert acquire(client, target).status_code == 403
        assert session_user_id(client) == farmer.pk
    assert "hijack_history" not in client.session


def test_a_visitor_cannot_act_as_anyone(client, farmer):
    response = acquire(client, farmer)

    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_every_start_and_end_is_logged(client, staff, farmer, caplog):
    client.force_login(staff)

    with caplog.at_level(logging.INFO, logger="core.support"):
        acquire(client, farmer)
        client.post(RELEASE, {"next": reverse("dashboard:index")})

    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records if r.name == "core.support"] == [
        (
            "core.support",
            logging.INFO,
            f"Support session started: staff xttm (id {staff.pk}) is acting as "
            f"lan@htx-vai.example (id {farmer.pk}) of HTX Vải Lục Ngạn",
        ),
        (
            "core.support",
            logging.INFO,
            f"Support session ended: staff xttm (id {staff.pk}) stopped acting as "
            f"lan@htx-vai.example (id {farmer.pk})",
        ),
    ]


def test_logging_out_during_a_session_is_logged_as_its_end(client, staff, farmer, caplog):
    client.force_login(staff)
    acquire(client, farmer)
    caplog.clear()

    with caplog.at_level(logging.INFO, logger="core.support"):
        client.post(reverse("dashboard:logout"))

    assert [r.getMessage() for r in caplog.records if r.name == "core.support"] == [
        f"Support session ended by logging out: staff xttm (id {staff.pk}) stopped acting as "
        f"lan@htx-vai.example (id {farmer.pk})"
    ]
    assert "_auth_user_id" not in client.session


def test_an_ordinary_logout_is_not_logged(client, farmer, caplog):
    client.force_login(farmer)

    with caplog.at_level(logging.INFO, logger="core.support"):
        client.post(reverse("dashboard:logout"))

    assert not [record for record in caplog.records if record.name == "core.support"]


def test_only_active_staff_may_start_a_session(staff, farmer, django_user_model):
    inactive_staff = django_user_model.objects.create_user(
        "gone", "gone@ocop.example", "pw", is_staff=True, is_active=False
    )

    assert support_session_allowed(hijacker=staff, hijacked=farmer) is True
    assert support_session_allowed(hijacker=inactive_staff, hijacked=farmer) is False
    assert support_session_allowed(hijacker=farmer, hijacked=farmer) is False
    assert support_session_allowed(hijacker=staff, hijacked=None) is False
    assert support_session_allowed(hijacker=staff, hijacked=staff) is False
