"""The listings spreadsheet pages, as a producer, another producer, staff and buyers see them."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from oscar.core.loading import get_model

from spreadsheets import reading
from tests.partner.factories import ProducerFactory
from tests.spreadsheets.files import HEADER, csv_upload, xlsx_upload

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ListingChange = get_model("catalogue", "ListingChange")
StockRecord = get_model("partner", "StockRecord")

URLS = (
    "spreadsheets-dashboard:listings-import",
    "spreadsheets-dashboard:listings-export-csv",
    "spreadsheets-dashboard:listings-export-xlsx",
)


def english(name):
    with translation.override("en"):
        return reverse(name)


@pytest.fixture
def producer(client, two_producers):
    client.force_login(two_producers["a_user"])
    return two_producers


def state():
    return (
        sorted(Product.objects.values_list("pk", "title", "upc", "is_public", "moderation_status")),
        sorted(StockRecord.objects.values_list("pk", "partner_id", "partner_sku", "price", "num_in_stock")),
        sorted(ListingChange.objects.values_list("pk", "status")),
    )


def import_file(client, upload, url=None):
    response = client.post(url or english("spreadsheets-dashboard:listings-import"), {"spreadsheet": upload})
    assert response.status_code == 200
    return response.content.decode()


def counts(page):
    return dict(re.findall(r'data-count="(\w+)">(\d+)<', page))


def error_rows(page):
    table = re.search(r'<table class="table table-sm bg-white mb-0 import-errors">.*?</table>', page, re.S)
    assert table, "no error report on the page"
    return [
        tuple(cell.strip() for cell in cells)
        for cells in re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table.group(), re.S)
    ]


def test_the_csv_export_is_exact(client, producer):
    response = client.get(english("spreadsheets-dashboard:listings-export-csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="{producer["a"].code}-listings-')
    assert response.content.decode("utf-8") == (
        "\ufeffSKU,UPC,Title,Product group,Origin commune code,Price (VND),Stock,Status\r\n"
        "VAI-1,8936000000011,Vải thiều thử,Nông sản tươi sống,T07210,150000,5,Published\r\n"
    )


def test_the_xlsx_export_has_a_header_and_number_formats(client, producer):
    response = client.get(english("spreadsheets-dashboard:listings-export-xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        HEADER,
        ["VAI-1", "8936000000011", "Vải thiều thử", "Nông sản tươi sống", "T07210", 150000, 5, "Published"],
    ]
    assert all(cell.font.bold for cell in sheet[1])
    assert [cell.number_format for cell in sheet[2]] == ["@", "@", "@", "@", "@", "#,##0", "0", "@"]
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize(
    "name", ["spreadsheets-dashboard:listings-export-csv", "spreadsheets-dashboard:listings-export-xlsx"]
)
def test_an_exported_file_imported_unchanged_changes_nothing(client, producer, name):
    """In the site's default language: whatever the headers are translated to, they read back."""
    exported = client.get(reverse(name)).content
    before = state()

    page = import_file(
        client,
        SimpleUploadedFile("back" + name[-4:], exported),
        url=reverse("spreadsheets-dashboard:listings-import"),
    )

    assert counts(page) == {"updated": "0", "created": "0", "moderated": "0", "unchanged": "1"}
    assert state() == before
    assert not ListingChange.objects.exists()


@pytest.mark.parametrize("make", [csv_upload, xlsx_upload])
def test_an_import_updates_creates_and_sends_for_approval(client, producer, make):
    upload = make(
        [
            "VAI-1",
            "8936000000011",
            "Vải thiều Lục Ngạn loại 1",
            "Nông sản tươi sống",
            "T07210",
            "165.000",
            "40",
            "",
        ],
        ["VAI-SAY", "", "Vải sấy", "Thực phẩm chế biến", "T07210", 85000, 20, ""],
    )

    page = import_file(client, upload)

    assert counts(page) == {"updated": "1", "created": "1", "moderated": "2", "unchanged": "0"}
    lychee = producer["lychee"]
    lychee.refresh_from_db()
    record = lychee.stockrecords.get()
    assert (lychee.title, record.price, record.num_in_stock) == ("Vải thiều thử", 165000, 40)
    assert ListingChange.objects.get(product=lychee).after["title"] == "Vải thiều Lục Ngạn loại 1"
    dried = StockRecord.objects.get(partner_sku="VAI-SAY").product
    assert (dried.is_public, dried.moderation_status) == (False, "pending")


@pytest.mark.parametrize("make", [csv_upload, xlsx_upload])
def test_a_file_with_a_bad_row_saves_nothing_and_lists_each_bad_cell(client, producer, make):
    before = state()
    upload = make(
        ["VAI-1", "", "", "", "", "165000", "40", ""],
        ["VAI-SAY", "", "", "Thực phẩm chế biến", "", "12.5", "20", ""],
        ["MO-1", "", "Mật ong của tôi", "Thực phẩm chế biến", "", "-5", "1", ""],
    )

    page = import_file(client, upload)

    assert error_rows(page) == [
        ("3", "Price (VND)", "“12.5” is not a whole amount in đồng (such as 150000 or 150.000)."),
        ("3", "Title", "A new listing needs a title."),
        ("4", "SKU", "This SKU is used by another producer&#x27;s listing: choose another SKU."),
    ]
    assert "Nothing was imported" in page
    assert state() == before
    for marker in ("HTX Mật ong", "Mật ong thử", producer["b_user"].email):
        assert marker not in page


def test_an_oversized_upload_is_refused(client, producer, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    before = state()

    page = import_file(client, csv_upload(*[["VAI-1", "", "", "", "", "1", "1", ""]] * 10))

    assert error_rows(page) == [("–", "–", "The file is larger than 5 MB.")]
    assert state() == before


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, producer):
    page = import_file(client, SimpleUploadedFile("listings.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))

    assert error_rows(page) == [
        ("–", "–", "This is not a CSV or XLSX file. Save the spreadsheet as XLSX or as CSV (UTF-8).")
    ]


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("producer_id", ["other", "missing", "not-a-number"])
def test_a_producer_cannot_open_anothers_listings(client, producer, name, producer_id):
    value = {"other": producer["b"].pk, "missing": 999999, "not-a-number": "abc"}[producer_id]

    assert client.get(reverse(name), {"producer": value}).status_code == 404


def test_a_producer_cannot_import_into_anothers_listings(client, producer):
    before = state()
    upload = csv_upload(["MO-1", "", "", "", "", "1", "1", ""])

    response = client.post(
        f"{reverse('spreadsheets-dashboard:listings-import')}?producer={producer['b'].pk}",
        {"spreadsheet": upload},
    )

    assert response.status_code == 404
    assert state() == before


def test_a_producer_with_two_producers_chooses_which(client, producer):
    second = ProducerFactory(name="HTX Xoài")
    second.users.add(producer["a_user"])

    page = client.get(
        english("spreadsheets-dashboard:listings-import"), {"producer": second.pk}
    ).content.decode()
    assert f'<option value="{second.pk}" selected>HTX Xoài</option>' in page
    assert f"export.csv?producer={second.pk}" in page
    exported = client.get(
        english("spreadsheets-dashboard:listings-export-csv"), {"producer": second.pk}
    ).content.decode()
    assert exported == "\ufeffSKU,UPC,Title,Product group,Origin commune code,Price (VND),Stock,Status\r\n"

    upload = csv_upload(["VAI-X", "", "Xoài sấy", "Thực phẩm chế biến", "", "50000", "3", ""])
    response = client.post(
        f"{english('spreadsheets-dashboard:listings-import')}?producer={second.pk}", {"spreadsheet": upload}
    )
    assert counts(response.content.decode())["created"] == "1"
    assert StockRecord.objects.get(partner_sku="VAI-X").partner == second


def test_the_page_shows_none_of_another_producers_listings(client, producer):
    page = client.get(english("spreadsheets-dashboard:listings-import")).content.decode()

    assert "HTX Vải" in page
    for marker in ("HTX Mật ong", "Mật ong thử", "MO-1", producer["b_user"].email):
        assert marker not in page


@pytest.mark.parametrize("name", URLS)
def test_buyers_and_visitors_are_sent_to_the_login(client, products, django_user_model, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/login/" in response["Location"]

    client.force_login(django_user_model.objects.create_user("buyer", "buyer@example.com", "pw"))
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("name", URLS)
def test_staff_are_refused(client, two_producers, django_user_model, name):
    staff = django_user_model.objects.create_user("staff", "staff@example.com", "pw", is_staff=True)
    client.force_login(staff)

    assert client.get(reverse(name), {"producer": two_producers["a"].pk}).status_code == 403


@pytest.mark.parametrize(
    "name", ["spreadsheets-dashboard:listings-export-csv", "spreadsheets-dashboard:listings-export-xlsx"]
)
def test_a_formula_like_title_is_exported_as_text_and_imports_back_unchanged(client, producer, name):
    product = Product.objects.get(stockrecords__partner_sku="VAI-1")
    product.title = '=HYPERLINK("http://evil.example","Vải")'
    product.save()
    exported = client.get(reverse(name)).content
    before = state()

    page = import_file(
        client,
        SimpleUploadedFile("back" + name[-4:], exported),
        url=reverse("spreadsheets-dashboard:listings-import"),
    )

    assert counts(page) == {"updated": "0", "created": "0", "moderated": "0", "unchanged": "1"}
    assert state() == before
    if name.endswith("csv"):
        assert "'=HYPERLINK(" in exported.decode("utf-8-sig")
    else:
        title = load_workbook(io.BytesIO(exported)).active["C2"]
        assert (title.value, title.data_type, title.quotePrefix) == (product.title, "s", True)
