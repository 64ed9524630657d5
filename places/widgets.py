"""The commune field's widget: the plain select, and what address.js needs to turn it into a
searchable combobox (WAI-ARIA 1.2's "select-only" list pattern with a text box): the text box,
its list of options and a live region, rendered hidden, and the words it says, translated."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

COUNT = "{count}"  # address.js puts the number of matches here


def matches_text(number: int) -> str:
    """The live region's words for `number` matches, with {count} for the script to fill."""
    text = ngettext("%(count)s commune or ward matches", "%(count)s communes or wards match", number)
    return text % {"count": COUNT}


class CommuneCombobox(forms.Select):
    template_name = "places/widgets/commune_combobox.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["combobox"] = {
            "placeholder": _("Type to find your commune or ward"),
            "count_one": matches_text(1),
            "count_other": matches_text(2),
            "count_none": _("No commune or ward matches. Check the province, or type fewer letters."),
            "province_first": _("Choose the province first."),
        }
        return context
