from django import forms
from django.utils.translation import gettext_lazy as _


class ListingsImportForm(forms.Form):
    spreadsheet = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_(
            "At most 5 MB. Start from an export: the same columns, with Vietnamese or English headers."
        ),
    )
