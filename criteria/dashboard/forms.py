from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.core.loading import get_model

from catalog.ocop import CriteriaVersion
from criteria.models import CriteriaSheet

Category = get_model("catalogue", "Category")


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, category):
        return category.full_name


class SheetImportForm(forms.Form):
    spreadsheet = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_("At most 5 MB. One row per level of a criterion: start from a downloaded sheet."),
    )
    code = forms.SlugField(
        label=pgettext_lazy("criteria sheet", "Code"),
        max_length=CriteriaSheet._meta.get_field("code").max_length,
        help_text=_(
            "Letters, digits and hyphens, such as qd1489-thuc-pham-che-bien. A code imported again "
            "replaces its sheet, unless an evaluation round uses it."
        ),
    )
    criteria_version = forms.ChoiceField(
        label=pgettext_lazy("criteria sheet", "Under the decision"),
        choices=CriteriaVersion.choices,
        initial=CriteriaVersion.QD_1489_2025,
    )
    category = CategoryChoiceField(
        label=pgettext_lazy("criteria sheet", "Product group or set"),
        queryset=Category.objects.order_by("path"),
        required=False,
        empty_label=_("Every product set (general sheet)"),
    )
    title = forms.CharField(label=pgettext_lazy("criteria sheet", "Title"), max_length=255)
    source = forms.CharField(
        label=pgettext_lazy("criteria sheet", "Source"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The document the criteria come from, as one would cite it."),
    )
    is_sample = forms.BooleanField(
        label=_("A sample: the criteria only illustrate the structure, they are not the official text"),
        required=False,
    )


class InUseForm(forms.Form):
    in_use = forms.BooleanField(required=False)
