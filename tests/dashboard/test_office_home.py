"""The OCOP office's home is its work queue: each kind of work with its count, counted by the
app that owns it in one query, and a link to the list that holds exactly those rows.
Oscar's shop statistics have their own page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import CertificateStatus, EvaluationRequest
from dashboard.views import office_queue
from evaluation.models import DossierStatus, RoundStatus
from fairs.models import ApplicationStatus as BoothStatus
from onboarding.models import ApplicationStatus, ProducerApplication
from tests.catalog.factories import CertificateFactory, EvaluationRequestFactory, ProductFactory
from tests.evaluation.factories import DossierFactory, EvaluationRoundFactory
from tests.fairs.factories import BoothApplicationFactory

pytestmark = pytest.mark.django_db

ListingChange = get_model("catalogue", "ListingChange")
BankStatementImport = get_model("payment", "BankStatementImport")
BankTransfer = get_model("payment", "BankTransfer")
Fulfilment = get_model("order", "Fulfilment")
Order = get_model("order", "Order")


def counts(queue):
    return {row["key"]: row["count"] for row in queue}


def ending_in(days, **fields):
    today = timezone.localdate()
    return CertificateFactory(
        valid_from=today - datetime.timedelta(days=300),
        valid_to=today + datetime.timedelta(days=days),
        **fields,
    )


@pytest.fixture
def work(two_producers, commune):
    """Some of each kind of work, and for each a row that must not be counted."""
    world = two_producers
    lychee = world["a_line"].product
    for kind, status in [
        ("new", "pending"),
        ("change", "pending"),
        ("change", "pending"),
        ("change", "approved"),
    ]:
        ListingChange.objects.create(product=lychee, kind=kind, status=status, before={}, after={})
    for status in (ApplicationStatus.SUBMITTED, ApplicationStatus.REJECTED):
        ProducerApplication.objects.create(
            name="HTX Gà đồi",
            legal_type="cooperative",
            registration_number="2400123456",
            commune=commune,
            street_address="Thôn Đồng Vương",
            contact_name="Trần Văn Bình",
            phone="0912345678",
            email="binh@htx-ga.example",
            description="Gà đồi",
            status=status,
            reason="Thiếu giấy đăng ký" if status == ApplicationStatus.REJECTED else "",
        )
    booth = BoothApplicationFactory(producer=world["a"])
    BoothApplicationFactory(
        fair=booth.fair, producer=world["b"], status=BoothStatus.REJECTED, reason="Hết chỗ"
    )
    soon = ending_in(20)  # within 30 and 90 days
    later = ending_in(60)  # within 90 only
    ending_in(400)
    ending_in(10, status=CertificateStatus.REVOKED)
    EvaluationRequestFactory(certificate=ending_in(500))
    EvaluationRequestFactory(
        certificate=ending_in(600), status=EvaluationRequest.Status.DECLINED, reason="Chưa đủ hồ sơ"
    )
    today = timezone.localdate()
    statement = BankStatementImport.objects.create(file_name="sao-ke.csv", rows=4)
    for reference, outcome, booked, order in [
        ("FT1", BankTransfer.Outcome.NO_REFERENCE, today, None),
        ("FT2", BankTransfer.Outcome.UNKNOWN_ORDER, today - datetime.timedelta(days=45), None),
        ("FT3", BankTransfer.Outcome.MATCHED, today, world["b_only"]),
        ("FT4", BankTransfer.Outcome.SHORT, today, world["b_only"]),  # its order still waits
    ]:
        BankTransfer.objects.create(
            statement=statement,
            bank_reference=reference,
            booked_on=booked,
            amount=50000,
            description=f"chuyen tien {reference}",
            order=order,
            outcome=outcome,
        )
    # Both COD orders: the shared one placed 30 hours ago (A's part still waits, B's is
    # confirmed), B's own order placed now.
    Order.objects.filter(pk=world["shared"].pk).update(
        date_placed=timezone.now() - datetime.timedelta(hours=30)
    )
    Fulfilment.objects.filter(order=world["shared"], partner=world["b"]).update(status="confirmed")
    closed = EvaluationRoundFactory(status=RoundStatus.CLOSED, title="Đợt chờ ghi quyết định")
    EvaluationRoundFactory(status=RoundStatus.SCORING, title="Đợt đang chấm điểm")
    waiting = DossierFactory(product=lychee, status=DossierStatus.SUBMITTED)
    DossierFactory(round=waiting.round, product=world["b_line"].product)  # being prepared
    return {**world, "soon": soon, "later": later, "booth": booth, "closed_round": closed}


def test_the_office_home_counts_each_kind_of_work(work):
    assert counts(office_queue(now=timezone.now())) == {
        "new-listings": 1,
        "listing-changes": 2,
        "producer-applications": 1,
        "booth-applications": 1,
        "evaluation-requests": 1,
        "evaluation-decisions": 1,
        "evaluation-dossiers": 1,
        "certificates-ending-90": 2,
        "certificates-ending-30": 1,
        "unmatched-transfers": 2,
        "cod-unconfirmed": 1,
    }


def test_a_short_transfer_leaves_the_queue_once_its_order_is_paid(work):
    Order.objects.filter(pk=work["b_only"].pk).update(payment_status="paid")
    assert counts(office_queue(now=timezone.now()))["unmatched-transfers"] == 1


def test_the_queue_costs_one_query_per_kind_of_work(work):
    # Listings and certificates count their two figures in one query each.
    with CaptureQueriesContext(connection) as queries:
        office_queue(now=timezone.now())
    assert len(queries) == 9, [query["sql"] for query in queries]


def test_each_count_links_to_the_list_of_those_rows(client, work, superuser):
    client.force_login(superuser)
    home = client.get(reverse("dashboard:index"))
    assert home.status_code == 200
    page = home.content.decode()
    assert "Việc cần làm của Văn phòng OCOP" in page
    assert "Your Store Statistics" not in page and "Những hách hàng mới" not in page
    rows = {row["key"]: row for row in home.context["queue"]}
    for row in rows.values():
        assert f'href="{row["url"]}"'.replace("&", "&amp;") in page, row["key"]
        assert client.get(row["url"]).status_code == 200, row["key"]

    new_only = client.get(rows["new-listings"]["url"]).context["changes"]
    assert [change.kind for change in new_only] == ["new"]
    ending = client.get(rows["certificates-ending-30"]["url"]).context["rows"]
    assert [row["certificate"] for row in ending] == [work["soon"]]
    ending = client.get(rows["certificates-ending-90"]["url"]).context["rows"]
    assert [row["certificate"] for row in ending] == [work["soon"], work["later"]]
    transfers = client.get(rows["unmatched-transfers"]["url"]).content.decode()
    assert "chuyen tien FT1" in transfers and "chuyen tien FT4" in transfers
    assert "chuyen tien FT2" not in transfers and "chuyen tien FT3" not in transfers
    rounds = client.get(rows["evaluation-decisions"]["url"]).context["rows"]
    assert [round for round, _seat in rounds] == [work["closed_round"]]
    parts = client.get(rows["cod-unconfirmed"]["url"]).context["parts"]
    assert [(part.order, part.partner) for part in parts] == [(work["shared"], work["a"])]


def test_a_producer_keeps_its_own_home_and_never_sees_the_queue(client, work):
    client.force_login(work["a_user"])
    home = client.get(reverse("dashboard:index"))
    assert [template.name for template in home.templates][0] == "dashboard/index_producer.html"
    assert "queue" not in home.context
    for name in ("order-dashboard:transfers-unmatched", "order-dashboard:cod-parts-unconfirmed"):
        assert client.get(reverse(name)).status_code in (302, 403)


def test_oscars_statistics_have_their_own_page_for_staff(client, superuser, work):
    client.force_login(superuser)
    page = client.get(reverse("dashboard:statistics"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Thống kê cửa hàng" in text and "Khách hàng mới" in text
    assert "Những hách hàng mới" not in text and "Offers, vouchers" not in text
    assert page.context["total_orders"] == 2
    client.force_login(work["a_user"])
    assert client.get(reverse("dashboard:statistics")).status_code in (302, 403)


def test_the_statistics_page_is_in_the_office_menu(client, superuser):
    client.force_login(superuser)
    menu = client.get(reverse("dashboard:index")).content.decode()
    assert f'href="{reverse("dashboard:statistics")}"' in menu


def test_a_product_without_a_producer_does_not_break_the_queue(superuser, client):
    ListingChange.objects.create(product=ProductFactory(stockrecords=None), kind="new", before={}, after={})
    client.force_login(superuser)
    changes = client.get(reverse("catalog-dashboard:moderation-list")).context["changes"]
    assert [change.producer_names for change in changes] == ["–"]
