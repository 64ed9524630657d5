from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as forms_oscar
from oscar.core.loading import get_class, get_model

VietnameseAddressForm = get_class("address.forms", "VietnameseAddressForm")


class ShippingAddressForm(VietnameseAddressForm):
    class Meta:
        model = get_model("order", "ShippingAddress")
        fields = ["last_name", "phone_number", "commune", "line1", "notes"]


class GatewayForm(forms_oscar.GatewayForm):
    """ "Who is buying": as a guest, or with one's account. Creating an account here would
    have to say when the address already has one; signing up is its own page, which answers
    by mail (customer/accounts.py).

    A guest buys with a phone number (asked with the address); the e-mail is optional, for the
    order's confirmation mail. Logging in needs it."""

    CHOICES = (
        (forms_oscar.GatewayForm.GUEST, _("Buy without an account")),
        (forms_oscar.GatewayForm.EXISTING, _("Log in: I have an account, and my password is")),
    )
    options = forms.ChoiceField(
        widget=forms.widgets.RadioSelect(attrs={"class": "form-check-input"}),
        choices=CHOICES,
        initial=forms_oscar.GatewayForm.GUEST,
    )
    username = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Optional when buying without an account: the order's confirmation is sent there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].required = False
        self.fields["password"].label = _("Password (to log in)")

    def clean(self):
        if not self.is_guest_checkout():
            missing = {
                "username": _("Enter the e-mail of your account to log in."),
                "password": _("Enter your password to log in."),
            }
            for name, message in missing.items():
                if not self.cleaned_data.get(name) and name not in self.errors:
                    self.add_error(name, message)
            if self.errors:
                return self.cleaned_data
        return super().clean()
