"""Criteria sheets as spreadsheets to import, written as a spreadsheet program would."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from criteria.columns import COLUMNS, REQUIRED
from spreadsheets.reading import sheet_read

HEADER = [
    "phần",
    "tên phần",
    "điểm tối đa phần",
    "mã tiêu chí",
    "tiêu chí",
    "điểm tối đa tiêu chí",
    "mức điểm",
    "mô tả mức",
    "bắt buộc cho hạng sao",
]

A = ["A", "Sản phẩm và sức mạnh cộng đồng", "40"]
B = ["B", "Khả năng tiếp thị", "25"]
C = ["C", "Chất lượng sản phẩm", "35"]

# A small valid sheet of QĐ 148's parts: 10 rows (row 2 to 11 of the file).
VALID = [
    [*A, "A1", "Tổ chức sản xuất", "20", "0", "Chưa có", ""],
    [*A, "A1", "Tổ chức sản xuất", "20", "10", "Có liên kết", "3"],
    [*A, "A1", "Tổ chức sản xuất", "20", "20", "Chuỗi giá trị", ""],
    [*A, "A2", "Phát triển sản phẩm", "20", "0", "Chưa có", ""],
    [*A, "A2", "Phát triển sản phẩm", "20", "20", "Có sáng tạo", ""],
    [*B, "B1", "Câu chuyện sản phẩm", "25", "0", "Chưa có", ""],
    [*B, "B1", "Câu chuyện sản phẩm", "25", "12,5", "Có câu chuyện", ""],
    [*B, "B1", "Câu chuyện sản phẩm", "25", "25", "Kể bằng nhiều hình thức", ""],
    [*C, "C1", "Tiêu chuẩn, chứng nhận", "35", "0", "Chưa có", ""],
    [*C, "C1", "Tiêu chuẩn, chứng nhận", "35", "15", "Tự công bố", "3,4"],
]
VALID.append([*C, "C1", "Tiêu chuẩn, chứng nhận", "35", "35", "Chứng nhận quốc tế", "5"])


def rows_csv(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


def csv_upload(rows=None, header=HEADER, name="tieu-chi.csv"):
    return SimpleUploadedFile(
        name, rows_csv(VALID if rows is None else rows, header), content_type="text/csv"
    )


def xlsx_upload(rows=None, header=HEADER, name="tieu-chi.xlsx"):
    workbook = Workbook()
    workbook.active.append(header)
    for row in VALID if rows is None else rows:
        workbook.active.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")


def sheet_rows(upload):
    sheet = sheet_read(upload=upload, columns=COLUMNS, required=REQUIRED)
    assert not sheet.errors, sheet.errors
    return sheet.rows


def changed(row_index, column, value, rows=None):
    """VALID (or `rows`) with one cell changed; `column` is an index in HEADER."""
    rows = [list(row) for row in (VALID if rows is None else rows)]
    rows[row_index][column] = value
    return rows
