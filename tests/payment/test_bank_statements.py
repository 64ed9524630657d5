"""Bank statement import: transfers matched to orders by the VietQR reference, once each."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from order.bank_transfers import bank_statement_import
from order.models import PaymentStatus
from payment.bank_statements import amount_parse

Order = get_model("order", "Order")
BankTransfer = get_model("payment", "BankTransfer")
BankStatementImport = get_model("payment", "BankStatementImport")

pytestmark = pytest.mark.django_db


@pytest.fixture
def transfer_orders(shopper, products, client, commune, committed):
    """Two orders awaiting a transfer of 300.000 ₫ each, and one paid cash on delivery."""
    from tests.shopping import Shopper

    with committed():
        shopper.checkout("bank-transfer", *products)
        client.cookies.clear()
        Shopper(client, commune).checkout("bank-transfer", *products, email="an@example.com")
        client.cookies.clear()
        Shopper(client, commune).checkout("cod", products[0], email="binh@example.com")
    return list(Order.objects.order_by("number"))


def statement(*rows, header="Ngày,Số tiền,Nội dung,Mã giao dịch"):
    return ("\n".join([header, *rows]) + "\n").encode()


def test_transfers_are_matched_by_the_reference_in_their_description(transfer_orders, mailoutbox, committed):
    first, second, cod = transfer_orders
    data = statement(
        f"28/11/2026,300.000,NGUYEN THI HOA CHUYEN TIEN OCOP{first.number},FT001",
        f"28/11/2026,200000,ocop-{second.number} tra truoc,FT002",
        "28/11/2026,50.000,Tien dien thang 11,FT003",
        f"28/11/2026,300000,OCOP{cod.number},FT004",
        "28/11/2026,-20.000,Phi dich vu,FT005",
    )
    mailoutbox.clear()
    with committed():
        report = bank_statement_import(data=data, file_name="sao-ke.csv")

    assert report.ok
    outcomes = {result.row.reference: result.outcome for result in report.results}
    assert outcomes == {
        "FT001": "matched",
        "FT002": "short",
        "FT003": "no-reference",
        "FT004": "not-transfer",
    }
    for order in transfer_orders:
        order.refresh_from_db()
    assert (first.payment_status, first.amount_paid) == (PaymentStatus.PAID, 300000)
    # A part payment is recorded, and the order still waits for the rest.
    assert (second.payment_status, second.amount_paid, second.amount_due) == (
        PaymentStatus.AWAITING,
        200000,
        100000,
    )
    assert cod.amount_paid == 0
    assert [mail.to for mail in mailoutbox] == [["hoa@example.com"]]
    assert BankStatementImport.objects.get().matched == 1


def test_importing_the_same_statement_twice_counts_nothing_twice(transfer_orders):
    first = transfer_orders[0]
    data = statement(f"28/11/2026,150.000,OCOP{first.number},FT010")
    bank_statement_import(data=data, file_name="a.csv")
    report = bank_statement_import(data=data, file_name="a-again.csv")
    assert [result.outcome for result in report.results] == ["duplicate"]
    first.refresh_from_db()
    assert first.amount_paid == 150000
    assert BankTransfer.objects.count() == 1


def test_a_transfer_for_an_already_paid_or_unknown_order_changes_nothing(transfer_orders):
    first = transfer_orders[0]
    bank_statement_import(data=statement(f"28/11/2026,300000,OCOP{first.number},FT020"), file_name="a.csv")
    report = bank_statement_import(
        data=statement(f"29/11/2026,300000,OCOP{first.number},FT021", "29/11/2026,300000,OCOP999999,FT022"),
        file_name="b.csv",
    )
    assert [result.outcome for result in report.results] == ["already-paid", "unknown-order"]
    first.refresh_from_db()
    assert first.amount_paid == 300000


def test_a_file_with_a_bad_row_saves_nothing_and_names_each_bad_cell(transfer_orders):
    first = transfer_orders[0]
    data = statement(
        f"28/11/2026,300.000,OCOP{first.number},FT030",
        "31/02/2026,12.5,OCOP1,FT031",
        "28/11/2026,100000,OCOP2,",
        "28/11/2026,100000,OCOP3,FT030",
    )
    report = bank_statement_import(data=data, file_name="bad.csv")
    assert not report.ok
    assert [(error.row, error.column) for error in report.errors] == [
        (3, "date"),
        (3, "amount"),
        (4, "reference"),
        (5, "reference"),
    ]
    assert not BankTransfer.objects.exists() and not BankStatementImport.objects.exists()
    first.refresh_from_db()
    assert first.amount_paid == 0


def test_english_headers_and_semicolons_are_accepted(transfer_orders):
    first = transfer_orders[0]
    data = statement(
        f"2026-11-28;300000;Payment OCOP {first.number};REF-1", header="Date;Amount;Description;Reference"
    )
    report = bank_statement_import(data=data, file_name="en.csv")
    assert [result.outcome for result in report.results] == ["matched"]


def test_a_missing_column_is_reported():
    report = bank_statement_import(
        data=statement("28/11/2026,1000,x", header="Ngày,Số tiền,Nội dung"), file_name="x.csv"
    )
    assert [(error.row, error.column) for error in report.errors] == [(1, "reference")]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.500.000", 1500000),
        ("1,500,000", 1500000),
        ("1500000", 1500000),
        ("300000.00", 300000),
        ("150.000 ₫", 150000),
        ("1,000,000.00", 1000000),
        ("1.000.000,00", 1000000),
        ("-20.000", -20000),
    ],
)
def test_amounts_are_read_the_way_banks_write_them(text, amount):
    assert amount_parse(text=text) == amount


@pytest.mark.parametrize("text", ["12.5", "abc", "1.50.000", "", "1.000.000.00", "1,000.000"])
def test_amounts_that_are_not_whole_dong_are_refused(text):
    with pytest.raises(ValueError):
        amount_parse(text=text)


def test_staff_import_a_statement_from_the_dashboard(transfer_orders, client, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    staff = django_user_model.objects.create_superuser("staff", "staff@example.com", "pw")
    client.force_login(staff)
    first = transfer_orders[0]
    upload = SimpleUploadedFile("sao-ke.csv", statement(f"28/11/2026,300.000,OCOP{first.number},FT040"))
    page = client.post(
        reverse("order-dashboard:bank-statement-import"), {"statement": upload}
    ).content.decode()
    assert "1 trên 1 giao dịch khớp với đơn hàng" in page
    first.refresh_from_db()
    assert first.payment_status == PaymentStatus.PAID

    bad = SimpleUploadedFile("bad.csv", statement("28/11/2026,12.5,OCOP1,FT041"))
    page = client.post(reverse("order-dashboard:bank-statement-import"), {"statement": bad}).content.decode()
    assert "Chưa nhập dòng nào" in page and "không phải số tiền nguyên" in page


def test_customers_cannot_import_statements(client, django_user_model):
    user = django_user_model.objects.create_user("buyer", "buyer@example.com", "pw")
    client.force_login(user)
    response = client.get(reverse("order-dashboard:bank-statement-import"))
    assert response.status_code == 302 and "login" in response["Location"]
