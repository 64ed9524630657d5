"""The criteria sheets' staff pages: list, sheet, import (its report, the choices kept),
downloads that import back as the same sheet, in use, the menu; producers are refused."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from oscar.core.loading import get_model

from catalog.services import product_groups_ensure
from criteria.importing import criteria_sheet_rows, criteria_sheets_load
from criteria.models import CriteriaSheet, CriterionLevel
from tests.criteria.factories import sheet_make
from tests.criteria.files import HEADER, VALID, changed, csv_upload, xlsx_upload
from tests.evaluation.factories import DossierFactory
from tests.partner.factories import ProducerFactory, ProducerUserFactory

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")

ROUTES = [
    ("criteria-dashboard:sheet-list", False),
    ("criteria-dashboard:sheet-import", False),
    ("criteria-dashboard:sheet-detail", True),
    ("criteria-dashboard:sheet-in-use", True),
    ("criteria-dashboard:sheet-export-csv", True),
    ("criteria-dashboard:sheet-export-xlsx", True),
]


@pytest.fixture
def staff(client, office):
    client.force_login(office)
    return office


@pytest.fixture
def sample():
    product_groups_ensure()
    CriteriaSheet.objects.filter(code__startswith="mau-chung").delete()
    criteria_sheets_load()
    return CriteriaSheet.objects.get(code="mau-chung-qd1489-2025")


def url(name, sheet=None):
    return reverse(name, kwargs={"pk": sheet.pk} if sheet else {})


def post_import(client, upload, **fields):
    data = {
        "spreadsheet": upload,
        "code": "bo-van-phong",
        "criteria_version": "qd1489-2025",
        "category": "",
        "title": "Bộ tiêu chí của văn phòng",
        "source": "Văn bản của văn phòng OCOP",
        **fields,
    }
    return client.post(url("criteria-dashboard:sheet-import"), data)


def error_rows(page):
    table = re.search(r'<table class="table table-sm bg-white mb-0 import-errors">.*?</table>', page, re.S)
    assert table, "no error report on the page"
    return [
        tuple(cell.strip() for cell in cells)
        for cells in re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table.group(), re.S)
    ]


def test_producers_and_visitors_are_refused_every_page(client):
    sheet = sheet_make()
    producer = ProducerFactory()
    user = ProducerUserFactory(producer=producer, email="htx@example.com")
    for login in (None, user):
        client.logout()
        if login:
            client.force_login(login)
        for name, with_sheet in ROUTES:
            target = url(name, sheet if with_sheet else None)
            for response in (client.get(target), client.post(target, {"in_use": ""})):
                assert response.status_code in (302, 403, 405), f"{name}: {response.status_code}"
                if response.status_code == 302:
                    assert "login" in response["Location"]
    assert CriteriaSheet.objects.get(pk=sheet.pk).in_use


def test_the_list_shows_each_sheet_and_the_documented_scale(client, staff, sample):
    used = sheet_make(title="Bộ tiêu chí đã dùng")
    DossierFactory(sheet=used)

    page = client.get(url("criteria-dashboard:sheet-list")).content.decode()

    row = re.search(r'<tr data-sheet="mau-chung-qd1489-2025">.*?</tr>', page, re.S).group()
    assert "Mẫu minh hoạ, không phải văn bản chính thức" in row
    assert "QĐ 148/QĐ-TTg, sửa đổi bởi QĐ 1489/QĐ-TTg (2025)" in row
    assert "Mọi bộ sản phẩm" in row
    assert "A 40 · B 25 · C 35" in row
    assert ">12<" in row  # criteria
    assert "Đã dùng trong đợt đánh giá" not in row
    used_row = re.search(rf'<tr data-sheet="{used.code}">.*?</tr>', page, re.S).group()
    assert "Đã dùng trong đợt đánh giá" in used_row
    assert "Thang 100 điểm theo các nguồn công khai" in page
    assert "QĐ 1048/QĐ-TTg (2019)" in page and "Câu chuyện sản phẩm" in page
    assert (
        "https://langngheviet.com.vn/cong-tac-danh-gia-phan-hang-san-pham-ocop-duoc-chia-thanh-2-cap-33499.html"
        in page
    )
    # An English title is marked as English.
    assert '<li lang="en">[S6] VietnamPlus, “New criteria for OCOP items”' in page


def test_a_sheet_page_shows_parts_criteria_levels_and_mandatory_criteria(client, staff, sample):
    page = client.get(url("criteria-dashboard:sheet-detail", sample)).content.decode()

    assert "Mẫu minh hoạ: các tiêu chí và mức điểm chỉ minh hoạ cấu trúc" in page
    assert "Phần A. Sản phẩm và sức mạnh cộng đồng (40 điểm)" in page
    assert "Phần C. Chất lượng sản phẩm (35 điểm)" in page
    assert "Câu chuyện sản phẩm" in page and "Khả năng xuất khẩu" in page
    mandatory = re.search(
        r'<table class="table table-sm table-bordered bg-white criteria-mandatory">.*?</table>', page, re.S
    )
    rows = re.findall(
        r"<tr><th scope=\"row\" class=\"text-nowrap\">(\d)★</th>(.*?)</tr>", mandatory.group(), re.S
    )
    needs = {
        stars: re.findall(r"<div>(\w\d)\. .*?<strong>(.*?)</strong></div>", cells) for stars, cells in rows
    }
    assert needs == {
        "3": [("A2", "4 điểm"), ("B1", "3 điểm"), ("C2", "4 điểm")],
        "4": [("A1", "6 điểm"), ("A2", "4 điểm"), ("B1", "6 điểm"), ("C2", "4 điểm")],
        "5": [("A1", "6 điểm"), ("A2", "4 điểm"), ("B1", "6 điểm"), ("C2", "8 điểm"), ("C4", "8 điểm")],
    }
    assert "Thư viện Pháp luật 25/02/2023" in page
    assert f"?sheet={sample.pk}" in page


def test_the_office_stops_and_resumes_offering_a_sheet(client, staff, sample):
    response = client.post(url("criteria-dashboard:sheet-in-use", sample), {})

    assert response.status_code == 302
    assert not CriteriaSheet.objects.get(pk=sample.pk).in_use
    client.post(url("criteria-dashboard:sheet-in-use", sample), {"in_use": "on"})
    assert CriteriaSheet.objects.get(pk=sample.pk).in_use
    assert client.get(url("criteria-dashboard:sheet-in-use", sample)).status_code == 405


def test_an_import_makes_the_sheet_and_says_so(client, staff):
    product_groups_ensure()
    group = Category.objects.get(slug="thuc-pham-che-bien")

    response = post_import(client, csv_upload(), category=group.pk, is_sample="on")

    sheet = CriteriaSheet.objects.get(code="bo-van-phong")
    assert response.status_code == 302 and response["Location"] == url(
        "criteria-dashboard:sheet-detail", sheet
    )
    assert (sheet.category, sheet.is_sample, sheet.imported_by) == (group, True, staff)
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập bộ tiêu chí: 4 tiêu chí, 11 mức điểm." in page


def test_a_bad_file_is_reported_row_by_row_saves_nothing_and_keeps_the_choices(client, staff):
    product_groups_ensure()
    group = Category.objects.get(slug="thuc-pham-che-bien")
    rows = changed(0, 0, "D", changed(6, 6, "30"))

    response = post_import(client, xlsx_upload(rows), category=group.pk, title="Bộ thử giữ lựa chọn")

    assert response.status_code == 200
    page = response.content.decode()
    assert error_rows(page) == [
        ("2", "phần", "Phần phải là A, B hoặc C."),
        ("8", "mức điểm", "Điểm của mức cao hơn điểm tối đa của tiêu chí."),
    ]
    assert "Chưa nhập dòng nào: hãy sửa các dòng sau rồi nhập lại tệp." in page
    assert 'value="Bộ thử giữ lựa chọn"' in page
    assert f'<option value="{group.pk}" selected>' in page
    assert 'value="bo-van-phong"' in page
    assert not CriteriaSheet.objects.filter(code="bo-van-phong").exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, staff):
    response = post_import(client, SimpleUploadedFile("x.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old"))

    assert error_rows(response.content.decode())[0][2].startswith("Không đọc được tệp Excel cũ (.xls)")
    assert not CriteriaSheet.objects.filter(code="bo-van-phong").exists()


def test_a_sheet_a_round_uses_cannot_be_imported_again_from_the_page(client, staff, sample):
    DossierFactory(sheet=sample)
    levels = list(
        CriterionLevel.objects.filter(criterion__part__sheet=sample).values_list("pk", "description")
    )

    response = post_import(client, csv_upload(), code=sample.code)

    assert error_rows(response.content.decode()) == [
        (
            "–",
            "–",
            "Bộ tiêu chí mau-chung-qd1489-2025 đã được dùng trong một đợt đánh giá: "
            "không sửa tiêu chí của bộ này nữa. Hãy nhập bộ tiêu chí đã sửa với một mã mới.",
        )
    ]
    assert (
        list(CriterionLevel.objects.filter(criterion__part__sheet=sample).values_list("pk", "description"))
        == levels
    )
    page = client.get(url("criteria-dashboard:sheet-detail", sample)).content.decode()
    assert f"?sheet={sample.pk}" not in page


def test_importing_again_starts_from_the_sheets_fields(client, staff, sample):
    page = client.get(url("criteria-dashboard:sheet-import") + f"?sheet={sample.pk}").content.decode()

    assert f'value="{sample.code}"' in page
    assert '<option value="qd1489-2025" selected>' in page
    assert "checked" in re.search(r'<input type="checkbox" name="is_sample"[^>]*>', page).group()
    assert client.get(url("criteria-dashboard:sheet-import") + "?sheet=x'").status_code == 200


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_downloaded_sheet_imports_back_as_the_same_sheet(client, staff, sample, kind):
    response = client.get(url(f"criteria-dashboard:sheet-export-{kind}", sample))
    assert response["Content-Disposition"] == f'attachment; filename="{sample.code}.{kind}"'

    again = post_import(
        client, SimpleUploadedFile(f"tai-ve.{kind}", response.content), code="ban-sao", is_sample="on"
    )

    assert again.status_code == 302
    copy = CriteriaSheet.objects.get(code="ban-sao")
    assert criteria_sheet_rows(sheet=copy) == criteria_sheet_rows(sheet=sample)
    assert len(criteria_sheet_rows(sheet=copy)) == 43


def test_the_csv_download_is_the_import_format(client, staff):
    post_import(client, csv_upload())
    sheet = CriteriaSheet.objects.get(code="bo-van-phong")

    text = client.get(url("criteria-dashboard:sheet-export-csv", sheet)).content.decode("utf-8")

    lines = text.splitlines()
    assert lines[0] == "\ufeff" + ",".join(header.capitalize() for header in HEADER)
    assert lines[1] == "A,Sản phẩm và sức mạnh cộng đồng,40,A1,Tổ chức sản xuất,20,0,Chưa có,"
    assert lines[7] == "B,Khả năng tiếp thị,25,B1,Câu chuyện sản phẩm,25,12.5,Có câu chuyện,"
    assert lines[10] == 'C,Chất lượng sản phẩm,35,C1,"Tiêu chuẩn, chứng nhận",35,15,Tự công bố,"3,4"'
    assert len(lines) == 1 + len(VALID)


def test_the_xlsx_download_keeps_star_levels_as_text(client, staff):
    post_import(client, csv_upload())
    sheet = CriteriaSheet.objects.get(code="bo-van-phong")

    workbook = load_workbook(
        io.BytesIO(client.get(url("criteria-dashboard:sheet-export-xlsx", sheet)).content)
    )
    rows = list(workbook.active.iter_rows(values_only=True))

    assert rows[10] == (
        "C",
        "Chất lượng sản phẩm",
        35,
        "C1",
        "Tiêu chuẩn, chứng nhận",
        35,
        15,
        "Tự công bố",
        "3,4",
    )
    assert rows[7][6] == 12.5


def test_the_menu_shows_the_sheets_to_staff_only(client, staff):
    page = client.get(reverse("dashboard:index")).content.decode()
    assert url("criteria-dashboard:sheet-list") in page and "Bộ tiêu chí OCOP" in page

    producer = ProducerFactory()
    client.force_login(ProducerUserFactory(producer=producer, email="htx@example.com"))
    assert url("criteria-dashboard:sheet-list") not in client.get(reverse("dashboard:index")).content.decode()
