from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as forms_oscar
from oscar.core.loading import get_class, get_model

VietnameseAddressForm = get_class("address.forms", "VietnameseAddressForm")


class ShippingAddressForm(VietnameseAddressForm):
    class Meta:
        model = get_model("order", "ShippingAddress")
        fields = ["last_name", "phone_number", "commune", "line1", "notes"]


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How would you like to pay?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you will pay.")},
    )

    def __init__(self, *args, methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = methods


class GatewayForm(forms_oscar.GatewayForm):
    """ "Who is buying": as a guest, or with one's account. Creating an account here would
    have to say when the address already has one; signing up is its own page, which answers
    by mail (customer/accounts.py)."""

    CHOICES = tuple(
        (value, label)
        for value, label in forms_oscar.GatewayForm.CHOICES
        if value != forms_oscar.GatewayForm.NEW
    )
    options = forms.ChoiceField(
        widget=forms.widgets.RadioSelect, choices=CHOICES, initial=forms_oscar.GatewayForm.GUEST
    )
