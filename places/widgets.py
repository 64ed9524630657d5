"""The commune fields' widgets.

`CommuneCombobox` (address forms, a province's communes): the plain select, and what address.js
needs to turn it into a searchable combobox (WAI-ARIA 1.2's "select-only" list pattern with a
text box): the text box, its list of options and a live region, rendered hidden, and the words
it says, translated. `CommuneSearch` (any current commune, loaded on demand): see its class."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from places.selectors import commune_labels, communes_matching

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


class CommuneSearch(forms.Select):
    """A commune picker for forms where any of the 3,321 communes may be chosen (a product's
    or a lot's origin), which would make the page heavy as a select of them all.

    The select holds only the chosen commune. With JavaScript (`marketplace/js/commune-search.js`)
    a WAI-ARIA 1.2 combobox asks `places:communes-search` for the communes matching what is
    typed. Without it, a search box and a "Find" button send the form back: the button's value
    comes out of `value_from_datadict` as `FIND_PREFIX` + the words, which no field accepts, so
    the form is shown again with everything typed kept (a file chosen must be chosen again) and
    the select now offers the matching communes, with a line saying to pick one.
    """

    template_name = "places/widgets/commune_search.html"
    FIND_PREFIX = "find:"

    def value_from_datadict(self, data, files, name):
        text = (data.get(f"{name}_q") or "").strip()
        if f"{name}_find" in data and text:
            return self.FIND_PREFIX + text[:60]
        return super().value_from_datadict(data, files, name)

    def format_value(self, value):
        if isinstance(value, str) and value.startswith(self.FIND_PREFIX):
            return [value]
        return super().format_value(value)

    def _searched(self, value) -> str | None:
        if value and isinstance(value[0], str) and value[0].startswith(self.FIND_PREFIX):
            return value[0][len(self.FIND_PREFIX) :]
        return None

    def optgroups(self, name, value, attrs=None):
        """The empty choice and the chosen commune, or the communes found: never all of them."""
        field = getattr(self.choices, "field", None)
        empty_label = getattr(field, "empty_label", None) or ""
        searched = self._searched(value)
        if searched is not None:
            options = [(match.id, match.name, False) for match in communes_matching(text=searched)]
        else:
            labels = commune_labels(value)
            options = [(pk, label, True) for pk, label in labels.items()]
        groups = [
            (None, [self.create_option(name, "", empty_label, not options or searched is not None, 0)], 0)
        ]
        for index, (pk, label, selected) in enumerate(options, start=1):
            groups.append((None, [self.create_option(name, pk, label, selected, index, attrs=attrs)], index))
        return groups

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        searched = self._searched(context["widget"]["value"])
        found = len(context["widget"]["optgroups"]) - 1
        context["widget"]["search"] = {
            "url": reverse("places:communes-search"),
            "text": searched or "",
            "searched": searched is not None,
            "found": (
                ngettext(
                    "%(count)s commune or ward matches “%(text)s”: choose it in the list above.",
                    "%(count)s communes or wards match “%(text)s”: choose yours in the list above.",
                    found,
                )
                % {"count": found, "text": searched}
                if found
                else _(
                    "No commune or ward matches “%(text)s”. Type fewer letters, without the commune's kind."
                )
                % {"text": searched}
            )
            if searched is not None
            else "",
            "placeholder": _("Type the commune's or ward's name"),
            "count_one": matches_text(1),
            "count_other": matches_text(2),
            "count_none": _("No commune or ward matches. Type fewer letters."),
            "type_more": _("Type at least two letters of the name."),
        }
        return context
