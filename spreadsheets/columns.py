"""The columns of a producer's listings spreadsheet, as exported and as read back.

A header is recognised by its words without tones, case or punctuation ("Giá (đồng)",
"gia dong", "PRICE (VND)"), in Vietnamese or English, and also as the active translation of
the exported header, so a file exported in either language always reads back.
"""

import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.vietnamese import fold


class Kind:
    TEXT = "text"
    MONEY = "money"
    COUNT = "count"


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    kind: str
    aliases: frozenset[str]
    exported: bool = True


COLUMNS = (
    Column(
        "sku",
        _("SKU"),
        Kind.TEXT,
        frozenset({"sku", "ma sku", "partner sku", "ma san pham", "ma sp", "ma hang", "ma hang hoa"}),
    ),
    Column(
        "upc", _("UPC"), Kind.TEXT, frozenset({"upc", "ma vach", "ma vach upc", "barcode", "ean", "gtin"})
    ),
    Column(
        "title",
        pgettext_lazy("product", "Title"),
        Kind.TEXT,
        frozenset({"title", "name", "product name", "ten", "ten san pham", "ten sp", "ten hang"}),
    ),
    Column(
        "group",
        _("Product group"),
        Kind.TEXT,
        frozenset({"product group", "group", "category", "nhom san pham", "nhom", "danh muc", "bo san pham"}),
    ),
    Column(
        "commune",
        _("Origin commune code"),
        Kind.TEXT,
        frozenset(
            {
                "origin commune code",
                "origin commune",
                "commune code",
                "commune",
                "ma xa xuat xu",
                "ma xa",
                "ma xa phuong",
                "xa xuat xu",
            }
        ),
    ),
    Column(
        "price",
        _("Price (VND)"),
        Kind.MONEY,
        frozenset({"price", "price vnd", "gia", "gia vnd", "gia dong", "gia ban", "gia ban vnd", "don gia"}),
    ),
    Column(
        "stock",
        _("Stock"),
        Kind.COUNT,
        frozenset(
            {"stock", "num in stock", "quantity", "ton kho", "so luong", "so luong ton", "so luong ton kho"}
        ),
    ),
    # Read-only: shown in the export, never read back.
    Column("status", _("Status"), Kind.TEXT, frozenset({"status", "trang thai", "moderation", "kiem duyet"})),
    # Read back when present; not exported, since descriptions are long formatted text.
    Column(
        "description",
        _("Description"),
        Kind.TEXT,
        frozenset({"description", "mo ta", "mo ta san pham"}),
        exported=False,
    ),
    # For buyers abroad (the English site); read back when present, like the description.
    Column(
        "title_en",
        _("English title"),
        Kind.TEXT,
        frozenset({"english title", "title en", "english name", "ten tieng anh", "ten san pham tieng anh"}),
        exported=False,
    ),
    Column(
        "description_en",
        _("English description"),
        Kind.TEXT,
        frozenset({"english description", "description en", "mo ta tieng anh"}),
        exported=False,
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
EXPORTED = tuple(column for column in COLUMNS if column.exported)
REQUIRED = ("sku", "price", "stock")
READ_ONLY = ("status",)

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def header_folded(text) -> str:
    """ "Giá (đồng)" -> "gia dong": the form headers are compared in."""
    return " ".join(_NOT_WORD.sub(" ", fold(str(text or "")).lower()).split())


def column_for_header(text, *, columns: tuple[Column, ...] = COLUMNS) -> Column | None:
    """The column of `columns` (the listings' by default) a header names, or None."""
    folded = header_folded(text)
    if not folded:
        return None
    for column in columns:
        if folded in column.aliases:
            return column
    languages = {translation.get_language() or "vi", "vi", "en"}
    for column in columns:
        for language in languages:
            with translation.override(language):
                if folded == header_folded(column.label):
                    return column
    return None
