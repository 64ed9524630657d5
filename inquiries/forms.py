"""The buyer's inquiry form and the producer's answer form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inquiries.countries import country_choices
from inquiries.models import Inquiry


class InquiryForm(forms.ModelForm):
    # A field people never see (hidden by CSS, skipped by the keyboard): a bot that fills
    # every input fills it too, and its inquiry is dropped.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Inquiry
        fields = [
            "buyer_name",
            "company",
            "country",
            "email",
            "phone",
            "quantity",
            "target_market",
            "message",
        ]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "buyer_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "company": forms.TextInput(attrs={"autocomplete": "organization"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Names in the page's language, worked out per request.
        self.fields["country"] = forms.ChoiceField(
            label=self.fields["country"].label, choices=[("", "---------"), *country_choices()]
        )
        self.fields["message"].help_text = _(
            "What you are looking for: packing, certificates, delivery terms, samples."
        )

    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())


class ReplyForm(forms.Form):
    message = forms.CharField(
        label=_("Your answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mailed to the buyer with your producer's name, phone and email."),
    )
