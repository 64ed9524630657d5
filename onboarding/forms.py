import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from address.forms import VietnamesePhoneField
from core.uploads import DOCUMENT_ACCEPT, document_clean
from onboarding.models import ProducerApplication
from partner.models import LegalType
from places.forms import CommuneChoiceMixin

MAX_DOCUMENTS = 5
TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
HOUSEHOLD_NUMBER = re.compile(r"^[0-9A-Z][0-9A-Z.-]{4,19}$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Several files in one input (Django's documented pattern), each through the upload gate
    (`core.uploads.document_clean`): its cleaned value is the list of checked, renamed files."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": DOCUMENT_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            return super().clean(None, initial)
        if len(files) > MAX_DOCUMENTS:
            raise forms.ValidationError(
                _("Send at most %(count)d files.") % {"count": MAX_DOCUMENTS}, code="too_many"
            )
        cleaned = [super(DocumentsField, self).clean(file, initial) for file in files]
        return [document_clean(file) for file in cleaned]


class ApplicationForm(CommuneChoiceMixin, forms.ModelForm):
    phone = VietnamesePhoneField(label=_("Phone"))
    documents = DocumentsField(
        label=pgettext_lazy("application", "Documents"),
        help_text=_(
            "Your business or cooperative registration certificate, and anything else that helps "
            "(OCOP certificate, product photos): PDF, JPEG or PNG, up to 5 files of 10 MB."
        ),
    )

    class Meta:
        model = ProducerApplication
        fields = [
            "name",
            "legal_type",
            "registration_number",
            "province",
            "commune",
            "street_address",
            "contact_name",
            "phone",
            "email",
            "description",
            "description_en",
            "documents",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_registration_number(self):
        return "".join(self.cleaned_data["registration_number"].split()).upper()

    def clean(self):
        cleaned = super().clean()
        number, legal_type = cleaned.get("registration_number"), cleaned.get("legal_type")
        if (
            number
            and legal_type in (LegalType.COOPERATIVE, LegalType.ENTERPRISE)
            and not TAX_CODE.match(number)
        ):
            self.add_error(
                "registration_number",
                _(
                    "A cooperative's or enterprise's tax code has 10 digits, "
                    "or 13 with a branch (0101234567-001)."
                ),
            )
        elif (
            number
            and legal_type == LegalType.HOUSEHOLD
            and not (TAX_CODE.match(number) or HOUSEHOLD_NUMBER.match(number))
        ):
            self.add_error("registration_number", _("Enter the registration number as it is printed."))
        return cleaned
