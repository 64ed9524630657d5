"""Booths in the dashboard: a producer applies and withdraws, the office decides; a producer
never sees nor touches another producer's application."""

from decimal import Decimal

import pytest
from django.urls import reverse

from fairs import services
from fairs.models import ApplicationStatus, BoothApplication, FairListing
from fairs.services import ListingChoice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def url(name, **kwargs):
    return reverse(f"fairs-dashboard:{name}", kwargs=kwargs)


@pytest.fixture
def producers(products, producer_user):
    lychee, honey = products
    a, b = lychee.stockrecords.get(), honey.stockrecords.get()
    return {
        "a": a.partner,
        "a_record": a,
        "a_user": producer_user(a.partner, "a@htx-vai.example"),
        "b": b.partner,
        "b_record": b,
        "b_user": producer_user(b.partner, "b@htx-mat-ong.example"),
    }


def b_application(fair, producers):
    return services.booth_application_create(
        fair=fair,
        booth_type=fair.booth_types.get(),
        producer=producers["b"],
        listings=[ListingChoice(stockrecord_id=producers["b_record"].pk)],
        message="Bí mật của B",
        by=producers["b_user"],
    )


def apply_data(fair, record, **extra):
    return {
        "booth_type": fair.booth_types.get().pk,
        "products": [record.pk],
        "message": "Xin một gian.",
        **extra,
    }


def test_a_producer_sees_open_fairs_and_applies(client, fair, make_fair, producers):
    closed = make_fair(title="Hội chợ đã đóng đăng ký", starts_in=5, deadline_in=-1)
    client.force_login(producers["a_user"])

    listing = client.get(url("fair-list")).content.decode()
    response = client.post(
        url("apply", fair_pk=fair.pk),
        apply_data(fair, producers["a_record"], **{f"fair_price_{producers['a_record'].pk}": "120000"}),
    )

    assert fair.title in listing and closed.title not in listing
    application = BoothApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "application-detail", pk=application.pk
    )
    assert (application.producer, application.status, application.message) == (
        producers["a"],
        ApplicationStatus.PENDING,
        "Xin một gian.",
    )
    assert list(FairListing.objects.values_list("stockrecord", "fair_price")) == [
        (producers["a_record"].pk, Decimal("120000"))
    ]
    detail = client.get(response["Location"]).content.decode()
    assert "₫120,000" in detail and "Withdraw the application" in detail


def test_another_producers_product_is_a_field_error_and_nothing_is_saved(client, fair, producers):
    client.force_login(producers["a_user"])

    response = client.post(url("apply", fair_pk=fair.pk), apply_data(fair, producers["b_record"]))

    assert response.status_code == 200
    assert "products" in response.context["form"].errors
    assert not BoothApplication.objects.exists() and not FairListing.objects.exists()


def test_a_fair_price_not_below_the_usual_price_is_a_field_error(client, fair, producers):
    record = producers["a_record"]
    client.force_login(producers["a_user"])

    response = client.post(
        url("apply", fair_pk=fair.pk), apply_data(fair, record, **{f"fair_price_{record.pk}": "150000"})
    )

    assert response.context["form"].errors == {
        f"fair_price_{record.pk}": ["A fair price must be below the usual price."]
    }
    assert not BoothApplication.objects.exists()


def test_a_full_booth_type_is_refused_on_the_form(client, make_fair, producers, office):
    fair = make_fair(capacity=1)
    services.booth_application_approve(
        application=b_application(fair, producers), booth_number="A-1", by=office
    )
    client.force_login(producers["a_user"])

    page = client.get(url("apply", fair_pk=fair.pk)).content.decode()
    response = client.post(url("apply", fair_pk=fair.pk), apply_data(fair, producers["a_record"]))

    assert "(full)" in page
    assert response.context["form"].errors["booth_type"] == ["All Gian tiêu chuẩn 3 × 3 m booths are taken."]
    assert not BoothApplication.objects.filter(producer=producers["a"]).exists()


@pytest.mark.parametrize("case", ["deadline passed", "not published", "applied already"])
def test_applying_is_refused_with_a_message(client, make_fair, producers, case):
    if case == "deadline passed":
        fair = make_fair(starts_in=5, deadline_in=-1)
    elif case == "not published":
        fair = make_fair(publish=False)
    else:
        fair = make_fair()
        services.booth_application_create(
            fair=fair,
            booth_type=fair.booth_types.get(),
            producer=producers["a"],
            listings=[ListingChoice(stockrecord_id=producers["a_record"].pk)],
            by=producers["a_user"],
        )
    before = BoothApplication.objects.count()
    client.force_login(producers["a_user"])

    response = client.post(
        url("apply", fair_pk=fair.pk), apply_data(fair, producers["a_record"]), follow=True
    )

    assert response.redirect_chain[-1][0].startswith(url("fair-list"))
    expected = {
        "deadline passed": "Applications for this fair are closed.",
        "not published": "This fair is not open for applications.",
        "applied already": "HTX Vải has already applied for this fair.",
    }[case]
    assert [str(message) for message in response.context["messages"]] == [expected]
    assert BoothApplication.objects.count() == before


def test_a_producer_withdraws_its_pending_application(client, fair, producers):
    client.force_login(producers["b_user"])
    application = b_application(fair, producers)

    response = client.post(url("application-withdraw", pk=application.pk))

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_another_producers_application_is_not_found(client, fair, producers):
    application = b_application(fair, producers)
    client.force_login(producers["a_user"])

    assert client.get(url("application-detail", pk=application.pk)).status_code == 404
    assert client.post(url("application-withdraw", pk=application.pk)).status_code == 404
    assert client.get(url("fair-list") + f"?producer={producers['b'].pk}").status_code == 404
    assert client.get(url("apply", fair_pk=fair.pk) + f"?producer={producers['b'].pk}").status_code == 404
    listing = client.get(url("fair-list")).content.decode()
    assert "HTX Mật ong" not in listing and "Bí mật của B" not in listing
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_producers_cannot_reach_the_office_pages(client, fair, producers):
    application = b_application(fair, producers)
    client.force_login(producers["a_user"])

    for page in (
        url("staff-fair-list"),
        url("staff-application-list", fair_pk=fair.pk),
        url("staff-decide", pk=application.pk),
    ):
        response = client.get(page)
        assert response.status_code == 302 and "login" in response["Location"]
    client.post(url("staff-decide", pk=application.pk), {"decision": "approve", "booth_number": "Z-1"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_staff_filter_and_approve_with_a_booth_number(client, fair, producers, office, mailoutbox, committed):
    application = b_application(fair, producers)
    client.force_login(office)

    pending = client.get(url("staff-application-list", fair_pk=fair.pk) + "?status=pending").content.decode()
    approved = client.get(
        url("staff-application-list", fair_pk=fair.pk) + "?status=approved"
    ).content.decode()
    with committed():
        response = client.post(
            url("staff-decide", pk=application.pk), {"decision": "approve", "booth_number": "A-12"}
        )

    assert "HTX Mật ong" in pending and "HTX Mật ong" not in approved
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.booth_number, application.reviewed_by) == (
        "approved",
        "A-12",
        office,
    )
    assert [mail.to for mail in mailoutbox] == [["b@htx-mat-ong.example"]]


def test_staff_must_give_a_reason_to_reject(client, fair, producers, office):
    application = b_application(fair, producers)
    client.force_login(office)

    refused = client.post(url("staff-decide", pk=application.pk), {"decision": "reject", "reason": ""})
    application.refresh_from_db()
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    assert application.status == ApplicationStatus.PENDING

    client.post(
        url("staff-decide", pk=application.pk), {"decision": "reject", "reason": "Chưa có chứng nhận."}
    )
    application.refresh_from_db()
    assert (application.status, application.reason) == (ApplicationStatus.REJECTED, "Chưa có chứng nhận.")


def test_staff_approving_beyond_capacity_see_why(client, make_fair, producers, office):
    fair = make_fair(capacity=1)
    application = b_application(fair, producers)
    other = services.booth_application_create(
        fair=fair,
        booth_type=fair.booth_types.get(),
        producer=producers["a"],
        listings=[ListingChoice(stockrecord_id=producers["a_record"].pk)],
        by=producers["a_user"],
    )
    services.booth_application_approve(application=other, booth_number="A-1", by=office)
    client.force_login(office)

    response = client.post(
        url("staff-decide", pk=application.pk), {"decision": "approve", "booth_number": "A-2"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "All 1 Gian tiêu chuẩn 3 × 3 m booths are given: waitlist or reject this application."
    ]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
