"""Address forms in the 2025 structure: province, then commune or ward, then the street line.

The commune list depends on the province. With JavaScript the list is refilled as soon as
the province changes (`places:communes`); without it, choosing a province and sending the
form shows that province's communes, with everything typed kept.
"""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.forms import *  # noqa: F403
from oscar.core.loading import get_model
from phonenumber_field.formfields import PhoneNumberField

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")
Province = get_model("places", "Province")
Commune = get_model("places", "Commune")


class PlaceChoiceField(forms.ModelChoiceField):
    """A province or commune listed with its kind: "Tỉnh Bắc Ninh", "Xã Lục Ngạn"."""

    def label_from_instance(self, obj):
        return obj.full_name


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


class VietnameseAddressForm(forms.ModelForm):
    """Fields and checks shared by the checkout form and the address book form."""

    province = PlaceChoiceField(
        Province.objects.filter(is_current=True),
        label=_("Province or city"),
        empty_label=_("Choose a province or city"),
    )
    commune = PlaceChoiceField(
        Commune.objects.none(),
        label=_("Commune or ward"),
        empty_label=_("Choose a commune or ward"),
    )
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
        self.fields["province"].widget.attrs["data-commune-source"] = "true"
        if "notes" in self.fields:
            self.fields["notes"].label = _("Notes for the courier")
            self.fields["notes"].help_text = _(
                "For example: call before coming, leave it with the neighbour."
            )
            self.fields["notes"].widget.attrs["rows"] = 2
        self.order_fields(self.address_fields)
        province = self._chosen_province()
        # address.js refills the list when the province changes, with this first option.
        self.fields["commune"].widget.attrs["data-placeholder"] = self.fields["commune"].empty_label
        if province is not None:
            self.fields["province"].initial = province.pk
            self.fields["commune"].queryset = province.communes.order_by("name")
        else:
            self.fields["commune"].empty_label = _("Choose the province first.")
        self.instance.country = Country.objects.get(iso_3166_1_a2="VN")

    def _chosen_province(self):
        if self.is_bound:
            value = self.data.get(self.add_prefix("province"))
        else:
            value = self.initial.get("province")
            if value is None and self.instance.commune_id:
                value = self.instance.commune.province_id
        if isinstance(value, Province):
            return value
        try:
            return Province.objects.filter(is_current=True).get(pk=value) if value else None
        except (Province.DoesNotExist, ValueError, TypeError):
            return None

    def clean(self):
        cleaned = super().clean()
        commune, province = cleaned.get("commune"), cleaned.get("province")
        if commune and province and commune.province_id != province.pk:
            self.add_error("commune", _("This commune is not in the province you chose."))
        elif commune:
            self.instance.set_commune(commune)
        return cleaned


class UserAddressForm(VietnameseAddressForm):
    class Meta:
        model = UserAddress
        fields = ["last_name", "phone_number", "commune", "line1", "notes"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
