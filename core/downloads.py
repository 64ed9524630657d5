"""Files the back office hands out for download, and the rule every spreadsheet export follows.

A spreadsheet program runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage
return before one) as a formula, so text a producer, buyer or guest typed could run in staff's
Excel. Every CSV and XLSX export passes its text cells through `cell_text_safe` (OWASP's rule
for CSV injection: such a cell starts with an apostrophe); a plain number such as "-150000"
is a number, not a formula, and stays as it is.
"""

import csv
import re

from django.http import HttpResponse
from django.utils.http import content_disposition_header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def cell_text_formula_like(value) -> bool:
    """Text a spreadsheet program would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value)


def cell_text_safe(value):
    """The cell as a spreadsheet program should see it: formula-like text gets a leading "'",
    anything else (numbers, dates, other text) is unchanged."""
    return "'" + value if cell_text_formula_like(value) else value


def cell_text_unescaped(value):
    """The reverse of `cell_text_safe`, for a file of ours coming back as an import."""
    if isinstance(value, str) and value.startswith("'") and cell_text_formula_like(value[1:]):
        return value[1:]
    return value


def csv_attachment(*, filename, header, rows) -> HttpResponse:
    """A CSV file in UTF-8 with a byte order mark, which Excel needs to read Vietnamese."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([cell_text_safe(value) for value in header])
    writer.writerows([cell_text_safe(value) for value in row] for row in rows)
    return response
