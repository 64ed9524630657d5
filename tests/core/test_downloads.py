"""Every spreadsheet export writes formula-like text as text (OWASP's rule on CSV injection)."""

import csv
import io

import pytest

from core.downloads import cell_text_safe, cell_text_unescaped, csv_attachment


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","ok")', '\'=HYPERLINK("http://x","ok")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Vải thiều = ngon", "Vải thiều = ngon"),
        ("-150000", "-150000"),
        ("+84912345678", "+84912345678"),
        ("-1.5", "-1.5"),
        ("", ""),
    ],
)
def test_formula_like_text_gets_an_apostrophe_and_plain_numbers_do_not(value, written):
    assert cell_text_safe(value) == written
    assert cell_text_unescaped(written) == value


@pytest.mark.parametrize("value", [-150000, 12.5, None])
def test_numbers_stay_numbers(value):
    assert cell_text_safe(value) == value


def test_text_that_begins_with_an_apostrophe_of_its_own_reads_back_as_written():
    assert cell_text_unescaped("'tis the season") == "'tis the season"


def test_the_csv_attachment_writes_every_text_cell_safely():
    response = csv_attachment(
        filename="x.csv", header=["=name", "amount"], rows=[["@evil", -150000], ["HTX -", "-5"]]
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["'=name", "amount"], ["'@evil", "-150000"], ["HTX -", "-5"]]
