"""The buyer's reservation form (phone first, like the checkout's address) and the producer's
book forms. The rules are the services'; these forms only read what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from address.forms import VietnamesePhoneField
from core.money_input import VndPriceField
from places.forms import CommuneChoiceMixin


class ReservationForm(CommuneChoiceMixin, forms.Form):
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        initial=1,
        error_messages={"min_value": _("Reserve at least 1.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    phone = VietnamesePhoneField(
        label=_("Phone number"),
        help_text=_("The producer calls this number about your reservation."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    name = forms.CharField(
        label=_("Full name"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("For the confirmation, and the payment link when your reservation becomes an order."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    line1 = forms.CharField(
        label=_("House number, street, hamlet"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )

    field_order = ["quantity", "phone", "name", "email", "province", "commune", "line1"]

    def __init__(self, *args, unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if unit:
            self.fields["quantity"].help_text = unit


class BookForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Quantity offered"),
        min_value=1,
        help_text=_(
            "How much of this harvest buyers may reserve, in the product's selling unit (boxes, bags…)."
        ),
    )
    unit_price = VndPriceField(label=_("Price (₫)"))
    pay_days = forms.IntegerField(
        label=_("Days to pay"),
        min_value=1,
        max_value=30,
        initial=2,
        help_text=_("Days the buyer has to pay once the reservation is turned into an order."),
    )


class ConvertForm(forms.Form):
    lot = forms.ModelChoiceField(
        label=_("Harvest lot"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the harvest's lot.")},
    )

    def __init__(self, *args, lots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = lots
        self.fields["lot"].label_from_instance = lambda lot: f"{lot.code} — {lot.produced_on:%d/%m/%Y}"
        # The newest harvest lot is the usual choice: chosen already, the producer may change it.
        newest = lots.order_by("-produced_on", "-pk").first()
        if newest is not None and not self.is_bound:
            self.initial.setdefault("lot", newest.pk)
