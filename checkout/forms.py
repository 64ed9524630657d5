from django import forms
from django.utils.translation import gettext_lazy as _
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
