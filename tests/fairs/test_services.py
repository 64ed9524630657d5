"""Booth applications: who may apply, with what, and the office's decisions, capacity included."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from fairs import services
from fairs.models import ApplicationStatus, BoothApplication, FairListing
from fairs.services import ListingChoice
from tests.catalog.factories import ProductFactory
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lychee_producer(products, producer_user):
    lychee = products[0]
    producer = lychee.stockrecords.get().partner
    producer.email = "htx-vai@example.com"
    producer.save()
    user = producer_user(producer, "xa-vien@htx-vai.example")
    return producer, lychee.stockrecords.get(), user


def apply(fair, producer, record, user, *, fair_price=None, booth_type=None):
    return services.booth_application_create(
        fair=fair,
        booth_type=booth_type or fair.booth_types.get(),
        producer=producer,
        listings=[ListingChoice(stockrecord_id=record.pk, fair_price=fair_price)],
        message="Chúng tôi mang vải sấy.",
        by=user,
    )


def other_producer_with_product(name="HTX Khác"):
    product = ProductFactory(title=f"Sản phẩm {name}", stockrecords__partner=ProducerFactory(name=name))
    record = product.stockrecords.get()
    return record.partner, record


def test_a_producer_applies_with_its_products_and_fair_prices(fair, lychee_producer):
    producer, record, user = lychee_producer

    application = apply(fair, producer, record, user, fair_price=Decimal("120000"))

    assert (application.status, application.producer, application.submitted_by) == (
        ApplicationStatus.PENDING,
        producer,
        user,
    )
    assert list(application.listings.values_list("stockrecord", "fair_price")) == [
        (record.pk, Decimal("120000"))
    ]


def test_applications_after_the_deadline_are_refused(make_fair, lychee_producer):
    producer, record, user = lychee_producer
    fair = make_fair(starts_in=10, deadline_in=-1)

    with pytest.raises(ValidationError) as refused:
        apply(fair, producer, record, user)

    assert refused.value.messages == [gettext("Applications for this fair are closed.")]
    assert not BoothApplication.objects.exists()


def test_an_unpublished_fair_takes_no_application(make_fair, lychee_producer):
    producer, record, user = lychee_producer
    fair = make_fair(publish=False)

    with pytest.raises(ValidationError):
        apply(fair, producer, record, user)

    assert not BoothApplication.objects.exists()


def test_a_full_booth_type_is_refused(make_fair, lychee_producer):
    producer, record, user = lychee_producer
    fair = make_fair(capacity=1)
    first, first_record = other_producer_with_product()
    services.booth_application_approve(
        application=apply(fair, first, first_record, user), booth_number="A-01", by=user
    )

    with pytest.raises(ValidationError) as refused:
        apply(fair, producer, record, user)

    assert "booth_type" in refused.value.error_dict
    assert not BoothApplication.objects.filter(producer=producer).exists()


def test_a_second_application_to_the_same_fair_is_refused(fair, lychee_producer):
    producer, record, user = lychee_producer
    apply(fair, producer, record, user)

    with pytest.raises(ValidationError):
        apply(fair, producer, record, user)

    assert BoothApplication.objects.count() == 1
    assert FairListing.objects.count() == 1


def test_another_producers_stock_record_is_refused_and_nothing_is_saved(fair, lychee_producer):
    producer, record, user = lychee_producer
    _, foreign = other_producer_with_product()

    with pytest.raises(ValidationError) as refused:
        services.booth_application_create(
            fair=fair,
            booth_type=fair.booth_types.get(),
            producer=producer,
            listings=[ListingChoice(stockrecord_id=record.pk), ListingChoice(stockrecord_id=foreign.pk)],
            by=user,
        )

    assert "products" in refused.value.error_dict
    assert not BoothApplication.objects.exists() and not FairListing.objects.exists()


def test_a_fair_price_must_be_below_the_usual_price(fair, lychee_producer):
    producer, record, user = lychee_producer  # usual price 150.000 ₫

    with pytest.raises(ValidationError):
        apply(fair, producer, record, user, fair_price=Decimal("150000"))

    assert not BoothApplication.objects.exists()


def test_a_booth_type_of_another_fair_is_refused(make_fair, lychee_producer):
    producer, record, user = lychee_producer
    fair, other = make_fair(), make_fair(title="Hội chợ khác")

    with pytest.raises(ValidationError) as refused:
        apply(fair, producer, record, user, booth_type=other.booth_types.get())

    assert "booth_type" in refused.value.error_dict
    assert not BoothApplication.objects.exists()


def test_a_producer_withdraws_while_pending_or_waitlisted_only(fair, lychee_producer, admin_user):
    producer, record, user = lychee_producer
    application = apply(fair, producer, record, user)
    services.booth_application_waitlist(application=application, by=admin_user)

    services.booth_application_withdraw(application=application, by=user)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        services.booth_application_withdraw(application=application, by=user)


def test_an_approved_application_cannot_be_withdrawn(fair, lychee_producer, admin_user):
    producer, record, user = lychee_producer
    application = services.booth_application_approve(
        application=apply(fair, producer, record, user), booth_number="B-07", by=admin_user
    )

    with pytest.raises(ValidationError):
        services.booth_application_withdraw(application=application, by=user)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_approval_gives_the_booth_and_mails_the_producer(
    fair, lychee_producer, admin_user, mailoutbox, committed
):
    producer, record, user = lychee_producer
    application = apply(fair, producer, record, user)

    with committed():
        services.booth_application_approve(application=application, booth_number="A-12", by=admin_user)

    application.refresh_from_db()
    assert (application.status, application.booth_number, application.reviewed_by) == (
        ApplicationStatus.APPROVED,
        "A-12",
        admin_user,
    )
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["htx-vai@example.com", "xa-vien@htx-vai.example"]
    assert "A-12" in mail.body and fair.title in mail.subject
    with translation.override("vi"):
        assert str(ApplicationStatus.APPROVED.label) in mail.subject


def test_a_booth_number_is_given_once_per_fair(fair, lychee_producer, admin_user):
    producer, record, user = lychee_producer
    first, first_record = other_producer_with_product()
    services.booth_application_approve(
        application=apply(fair, first, first_record, user), booth_number="A-01", by=admin_user
    )
    application = apply(fair, producer, record, user)

    with pytest.raises(ValidationError) as refused:
        services.booth_application_approve(application=application, booth_number="a-01", by=admin_user)

    assert "booth_number" in refused.value.error_dict
    application.refresh_from_db()
    assert (application.status, application.booth_number) == (ApplicationStatus.PENDING, "")


def test_approval_beyond_capacity_is_refused(make_fair, lychee_producer, admin_user):
    producer, record, user = lychee_producer
    fair = make_fair(capacity=1)
    application = apply(fair, producer, record, user)
    first, first_record = other_producer_with_product()
    services.booth_application_approve(
        application=apply(fair, first, first_record, user), booth_number="A-01", by=admin_user
    )

    with pytest.raises(ValidationError):
        services.booth_application_approve(application=application, booth_number="A-02", by=admin_user)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    services.booth_application_waitlist(application=application, by=admin_user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WAITLISTED


def test_rejection_needs_a_reason_and_is_mailed(fair, lychee_producer, admin_user, mailoutbox, committed):
    producer, record, user = lychee_producer
    application = apply(fair, producer, record, user)

    with pytest.raises(ValidationError):
        services.booth_application_reject(application=application, reason="  ", by=admin_user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING

    with committed():
        services.booth_application_reject(
            application=application, reason="Sản phẩm chưa có chứng nhận OCOP.", by=admin_user
        )

    application.refresh_from_db()
    assert (application.status, application.reason) == (
        ApplicationStatus.REJECTED,
        "Sản phẩm chưa có chứng nhận OCOP.",
    )
    assert len(mailoutbox) == 1 and "Sản phẩm chưa có chứng nhận OCOP." in mailoutbox[0].body


def test_a_decided_application_is_not_decided_again(fair, lychee_producer, admin_user):
    producer, record, user = lychee_producer
    application = apply(fair, producer, record, user)
    services.booth_application_reject(application=application, reason="Hết chỗ.", by=admin_user)

    with pytest.raises(ValidationError):
        services.booth_application_approve(application=application, booth_number="A-03", by=admin_user)

    application.refresh_from_db()
    assert (application.status, application.booth_number) == (ApplicationStatus.REJECTED, "")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_approvals_never_exceed_the_capacity(make_fair, admin_user):
    """Four staff members approve four applications for three booths at the same moment."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's: run with DATABASE_URL=postgres://… (CI does)")
    capacity = 3
    fair = make_fair(capacity=capacity)
    applications = []
    for number in range(capacity + 1):
        producer, record = other_producer_with_product(f"HTX Đua {number}")
        applications.append(apply(fair, producer, record, admin_user))

    start = threading.Barrier(len(applications))
    outcomes = []

    def approve(application, number):
        try:
            start.wait()
            services.booth_application_approve(
                application=application, booth_number=f"C-{number}", by=admin_user
            )
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(app, n)) for n, app in enumerate(applications)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["approved"] * capacity + ["refused"]
    assert BoothApplication.objects.filter(status=ApplicationStatus.APPROVED).count() == capacity
    assert BoothApplication.objects.filter(status=ApplicationStatus.PENDING).count() == 1
