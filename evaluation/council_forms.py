"""Forms of the council's pages: seating a member, opening scoring, a member's scoring sheet,
recording the decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.ocop import points_text
from evaluation.council import score_parse
from evaluation.models import CouncilRole

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the member's account"),
        help_text=_("The member logs in with this account; experts of other departments need one first."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=CouncilRole.choices, initial=CouncilRole.MEMBER)
    position = forms.CharField(
        label=_("Position and agency"),
        max_length=255,
        required=False,
        help_text=_("Such as “Phó Giám đốc Sở Nông nghiệp và Môi trường”."),
    )


class ScoringOpenForm(forms.Form):
    early = forms.BooleanField(
        label=_("Open scoring before the deadline (registrations close now)"), required=False
    )


class DecisionForm(forms.Form):
    decision_number = forms.CharField(
        label=_("Decision number"), max_length=64, help_text=_("Such as “1234/QĐ-UBND”.")
    )
    decision_date = forms.DateField(
        label=_("Decision date"), widget=DATE, input_formats=["%Y-%m-%d", "%d/%m/%Y"]
    )


class SheetForm(forms.Form):
    """A member's points and note on each criterion of a dossier's sheet; the fields are made
    from the sheet (`points_<criterion id>`, `note_<criterion id>`). Points are typed as text so
    that "7,5" reads as 7.5 and anything else is refused with the criterion's name."""

    def __init__(self, *args, view, initial_scores=None, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.view = view
        initial_scores = initial_scores or {}
        for criterion in view.criteria:
            points, note = initial_scores.get(criterion.id, (None, ""))
            self.fields[f"points_{criterion.id}"] = forms.CharField(
                label=_("Points for %(code)s") % {"code": criterion.code},
                required=False,
                disabled=disabled,
                initial=points_text(points) if points is not None else "",
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "decimal",
                        "autocomplete": "off",
                        "class": "form-control council-points",
                        "size": 5,
                    }
                ),
            )
            self.fields[f"note_{criterion.id}"] = forms.CharField(
                label=_("Note on %(code)s") % {"code": criterion.code},
                required=False,
                disabled=disabled,
                initial=note,
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control council-note"}),
            )

    def clean(self):
        data = super().clean()
        for criterion in self.view.criteria:
            name = f"points_{criterion.id}"
            if name not in data:
                continue
            try:
                data[name] = score_parse(data[name])
            except ValueError:
                self.add_error(
                    name,
                    _("%(code)s: “%(value)s” is not a number of points.")
                    % {"code": criterion.code, "value": self.data.get(self.add_prefix(name), "")},
                )
                continue
            if data[name] is not None and not (0 <= data[name] <= criterion.max_points):
                self.add_error(
                    name,
                    _("%(code)s: give between 0 and %(max)s points.")
                    % {"code": criterion.code, "max": points_text(criterion.max_points)},
                )
        return data

    def scores(self) -> dict:
        """criterion id -> (points or None, note), for `council_sheet_save`."""
        return {
            criterion.id: (
                self.cleaned_data.get(f"points_{criterion.id}"),
                self.cleaned_data.get(f"note_{criterion.id}", ""),
            )
            for criterion in self.view.criteria
        }

    def field_pairs(self, criterion_id):
        return self[f"points_{criterion_id}"], self[f"note_{criterion_id}"]
