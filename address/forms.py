"""Address forms in the 2025 structure: province, then commune or ward (`places.forms`), then
the street line, with a Vietnamese phone number."""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from phonenumber_field.formfields import PhoneNumberField

from places.forms import CommuneChoiceMixin

UserAddress = get_model("address", "UserAddress")


class VietnamesePhoneField(PhoneNumberField):
    default_error_messages = {
        "invalid": _("Enter a Vietnamese phone number, for example 0912 345 678 or 0204 3855 123."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("region", "VN")
        super().__init__(**kwargs)

    def to_python(self, value):
        number = super().to_python(value)
        if number and phonenumbers.region_code_for_number(number) != "VN":
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class VietnameseAddressForm(CommuneChoiceMixin, forms.ModelForm):
    """Fields and checks shared by the checkout form and the address book form."""

    phone_number = VietnamesePhoneField(label=_("Phone number"))

    address_fields = ["last_name", "phone_number", "province", "commune", "line1", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_name"].label = _("Full name")
        self.fields["last_name"].required = True
        self.fields["last_name"].widget.attrs["autocomplete"] = "name"
        self.fields["line1"].label = _("House number, street, hamlet")
        self.fields["line1"].widget.attrs["autocomplete"] = "address-line1"
        self.fields["phone_number"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        if "notes" in self.fields:
            self.fields["notes"].label = _("Notes for the courier")
            self.fields["notes"].help_text = _(
                "For example: call before coming, leave it with the neighbour."
            )
            self.fields["notes"].widget.attrs["rows"] = 2
        self.order_fields(self.address_fields)
        self.instance.country_id = "VN"  # Oscar's Country is keyed by its ISO code

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("commune") and "commune" not in self.errors:
            self.instance.set_commune(cleaned["commune"])
        return cleaned


class UserAddressForm(VietnameseAddressForm):
    class Meta:
        model = UserAddress
        fields = ["last_name", "phone_number", "commune", "line1", "notes"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
