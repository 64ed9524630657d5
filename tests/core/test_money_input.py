"""Prices in đồng as a Vietnamese types and reads them (core.money_input)."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from core.money_input import VndPriceField, vnd_format, vnd_parse


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("120.000", 120000),
        ("120000", 120000),
        ("120 000", 120000),
        ("120\u00a0000", 120000),
        ("120,000", 120000),
        ("1.200.000 ₫", 1200000),
        ("85.000đ", 85000),
        ("150000.00", 150000),  # as a stored price is written
        ("", None),
    ],
)
def test_what_a_vietnamese_types_is_read(typed, amount):
    assert vnd_parse(typed) == (None if amount is None else Decimal(amount))


@pytest.mark.parametrize("typed", ["12o.000", "120.5", "1.20.000", "120,5", "giá 120"])
def test_what_is_not_dong_is_refused(typed):
    with pytest.raises(ValueError):
        vnd_parse(typed)


def test_a_price_is_shown_with_dots_between_thousands():
    assert vnd_format(Decimal("1200000.00")) == "1.200.000"


class PriceForm(forms.Form):
    price = VndPriceField()


def test_the_field_says_what_to_type_in_vietnamese_and_keeps_what_was_typed():
    with translation.override("vi"):
        form = PriceForm(data={"price": "12o.000"})
        assert form.errors["price"] == [
            "Nhập giá bằng số đồng, ví dụ 120.000 hoặc 120000 (không có số lẻ, không có chữ)."
        ]
        assert 'value="12o.000"' in str(form["price"])
        assert 'inputmode="numeric"' in str(form["price"])


def test_a_negative_price_is_refused():
    assert "price" in PriceForm(data={"price": "-5000"}).errors


def test_the_field_shows_a_stored_price_with_dots():
    assert 'value="150.000"' in str(PriceForm(initial={"price": Decimal("150000.00")})["price"])
