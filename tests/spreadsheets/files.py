"""Spreadsheets to upload, written as a producer's program would."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADER = ["SKU", "UPC", "Title", "Product group", "Origin commune code", "Price (VND)", "Stock", "Status"]


def csv_upload(*rows, header=HEADER, name="listings.csv", delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, ("\ufeff" + out.getvalue()).encode(), content_type="text/csv")


def xlsx_upload(*rows, header=HEADER, name="listings.xlsx"):
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")
