"""Who may use which back-office page: one test for staff, one for a producer's people, one
login page for every refusal."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from core.permissions import (
    producer_partners,
    producer_required,
    staff_or_producer_required,
    staff_required,
    user_is_producer,
    user_is_staff,
)
from tests.core.factories import StaffFactory, UserFactory
from tests.partner.factories import ProducerFactory, ProducerUserFactory

pytestmark = pytest.mark.django_db


def page(request):
    return HttpResponse("ok")


def visit(view, user):
    request = RequestFactory().get("/shop/dashboard/somewhere/")
    request.user = user
    return view(page)(request)


def test_a_producer_login_is_a_producer_and_not_staff():
    producer = ProducerFactory()
    user = ProducerUserFactory(producer=producer)
    assert (user_is_producer(user), user_is_staff(user)) == (True, False)
    assert list(producer_partners(user)) == [producer]


def test_a_member_without_the_dashboard_permission_is_no_producer():
    user = UserFactory()
    ProducerFactory().users.add(user)
    assert user_is_producer(user) is False
    assert list(producer_partners(user)) == []


def test_staff_who_also_work_for_a_producer_are_staff_not_producer():
    staff = StaffFactory()
    ProducerFactory().users.add(staff)
    assert (user_is_staff(staff), user_is_producer(staff)) == (True, False)


def test_an_inactive_producer_login_is_nobody():
    user = ProducerUserFactory(producer=ProducerFactory(), is_active=False)
    assert (user_is_producer(user), user_is_staff(user)) == (False, False)


@pytest.mark.parametrize(
    ("decorator", "who", "expected"),
    [
        (staff_required, "staff", 200),
        (staff_required, "producer", 302),
        (staff_required, "buyer", 302),
        (producer_required, "producer", 200),
        (producer_required, "staff", 403),
        (producer_required, "buyer", 302),
        (staff_or_producer_required, "staff", 200),
        (staff_or_producer_required, "producer", 200),
        (staff_or_producer_required, "buyer", 302),
    ],
)
def test_each_guard_lets_in_its_people_and_sends_others_to_the_one_login(decorator, who, expected):
    user = {
        "staff": StaffFactory,
        "producer": lambda: ProducerUserFactory(producer=ProducerFactory()),
        "buyer": UserFactory,
    }[who]()
    if expected == 403:
        with pytest.raises(PermissionDenied):
            visit(decorator, user)
        return
    response = visit(decorator, user)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("dashboard:login") + "?next=")
