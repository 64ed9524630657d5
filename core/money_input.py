"""Prices in đồng as a Vietnamese types and reads them.

A shop writes 120.000 (dots between thousands), 120 000 or 120000, often with "đ" or "₫"
after it; Django's DecimalField reads "120.000" as one hundred and twenty. `VndPriceField`
takes any of them and gives a whole number of đồng as a Decimal; its input shows the price
back as 120.000. What does not read as đồng (letters, decimals, a misplaced dot) is refused
with an example, and the form shows back what was typed.
"""

import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

# Digits in groups of three split by dots, commas or spaces (any kind of space), or no split;
# zero hundredths may follow (150000.00, as a stored price or a spreadsheet gives it back). A
# minus sign is read, for the field to refuse the negative price by name.
_GROUPED = re.compile(r"^-?(?:\d{1,3}(?:[.,\s]\d{3})+|\d+)(?:[.,]0{1,2})?$")
_ZERO_HUNDREDTHS = re.compile(r"[.,]0{1,2}$")
_CURRENCY = re.compile(r"\s*(?:₫|đồng|đ|vnd|vnđ)\s*$", re.IGNORECASE)
MAX_VND = Decimal("9999999999")  # StockRecord.price has 12 digits, two of them after the point


def vnd_parse(text: str) -> Decimal | None:
    """ "120.000", "120 000", "120000", "120.000 ₫" -> Decimal(120000); "" -> None; else ValueError."""
    text = _CURRENCY.sub("", text.strip().replace("\u00a0", " ").replace("\u202f", " ")).strip()
    if not text:
        return None
    if not _GROUPED.match(text):
        raise ValueError(text)
    if not re.search(r"[.,\s]\d{3}$", text):
        text = _ZERO_HUNDREDTHS.sub("", text)
    return Decimal(("-" if text.startswith("-") else "") + re.sub(r"\D", "", text))


def vnd_format(value) -> str:
    """Decimal(120000) -> "120.000" (no currency sign: the field's label or suffix says đồng)."""
    return f"{int(value):,}".replace(",", ".")


class VndPriceInput(forms.TextInput):
    """A text box (not type=number, which refuses dots and spaces) with the numeric keyboard."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (Decimal, int)):
            return vnd_format(value)
        return super().format_value(value)  # what was typed, when the form comes back


class VndPriceField(forms.Field):
    widget = VndPriceInput
    default_error_messages = {
        "invalid": _(
            "Write the price in đồng, in digits, such as 120.000 or 120000 (no decimals or letters)."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators.append(MinValueValidator(Decimal(0)))
        self.validators.append(MaxValueValidator(MAX_VND))

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, (Decimal, int)):
            return Decimal(value)
        try:
            return vnd_parse(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != (None if initial in (None, "") else Decimal(initial))
        except forms.ValidationError:
            return True
