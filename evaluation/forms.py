"""Forms of the round and dossier pages; the services (`evaluation.rounds`,
`evaluation.dossiers`) hold the rules, the forms the shapes of what is typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import DocumentField
from evaluation.models import CommuneCheck, DocumentKind, Dossier, DossierKind, EvaluationRound
from evaluation.rounds import ROUND_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StyledMixin:
    """Bootstrap's classes on the widgets (partials/form.html lays the fields out)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.FileInput):
                css = "form-control-file"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class RoundForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = EvaluationRound
        fields = list(ROUND_FIELDS)
        widgets = {
            "registration_opens": DATE_INPUT,
            "registration_closes": DATE_INPUT,
            "council_meets": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):
        # The service checks the round (`evaluation.rounds`): no model validation here.
        pass


class RegisterForm(StyledMixin, forms.Form):
    """A producer registers one of its products for a round."""

    product = forms.ModelChoiceField(queryset=None, label=_("Product"))
    kind = forms.ChoiceField(
        label=_("Registered for"),
        choices=DossierKind.choices,
        widget=forms.RadioSelect,
        initial=DossierKind.NEW,
    )
    target_stars = forms.TypedChoiceField(
        label=_("Stars aimed at (upgrade)"),
        choices=[("", "–"), (4, "4★"), (5, "5★")],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products


class DossierForm(StyledMixin, forms.ModelForm):
    """The registration form's own fields."""

    class Meta:
        model = Dossier
        fields = ["description", "standards", "contact_phone"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "standards": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self):
        pass


class DocumentForm(StyledMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What the file is"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = DocumentField(label=_("File (PDF, JPEG or PNG, at most 10 MB)"))


class SelfAssessmentForm(forms.Form):
    """One radio list of levels (with their points) and one evidence note per criterion of
    the sheet (`criteria.assessment.SheetView`)."""

    def __init__(self, *args, sheet, points=None, notes=None, **kwargs):
        points, notes = points or {}, notes or {}
        initial = {}
        for criterion in sheet.criteria:
            if criterion.id in points:
                initial[f"points_{criterion.id}"] = _points_key(points[criterion.id])
            initial[f"note_{criterion.id}"] = notes.get(criterion.id, "")
        super().__init__(*args, initial=initial, **kwargs)
        self.sheet = sheet
        for criterion in sheet.criteria:
            self.fields[f"points_{criterion.id}"] = forms.ChoiceField(
                label=f"{criterion.code}. {criterion.title}",
                choices=[
                    (_points_key(level_points), f"{_points_key(level_points)} – {description}")
                    for level_points, description in criterion.levels
                ],
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                required=False,
            )
            self.fields[f"note_{criterion.id}"] = forms.CharField(
                label=_("Evidence or note"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )

    def rows(self):
        """(part, [(criterion, points field, note field)]) in the sheet's order."""
        return [
            (
                part,
                [
                    (criterion, self[f"points_{criterion.id}"], self[f"note_{criterion.id}"])
                    for criterion in part.criteria
                ],
            )
            for part in self.sheet.parts
        ]

    def answers(self) -> dict[int, tuple]:
        return {
            criterion.id: (
                self.cleaned_data.get(f"points_{criterion.id}") or None,
                self.cleaned_data.get(f"note_{criterion.id}", ""),
            )
            for criterion in self.sheet.criteria
        }


def _points_key(value) -> str:
    """Points as the radio's value: 10, 2.5 (no trailing zeros)."""
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text


class ReturnForm(StyledMixin, forms.Form):
    reason = forms.CharField(
        label=_("What the producer must add or fix"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The producer reads this on the dossier page and in the mail."),
    )


YES_NO = [("", "–"), ("yes", _("Yes")), ("no", _("No"))]


def _yes_no(label):
    """A required yes or no: the office states each item, nothing is preset."""
    return forms.TypedChoiceField(label=label, choices=YES_NO, coerce=lambda value: value == "yes")


class CommuneCheckForm(StyledMixin, forms.ModelForm):
    raw_materials_local = _yes_no(_("Raw materials of local origin"))
    labour_local = _yes_no(_("Local labour"))
    idea_local = _yes_no(_("The product idea comes from the locality"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("raw_materials_local", "labour_local", "idea_local"):
                self.initial[name] = "yes" if getattr(self.instance, name) else "no"

    class Meta:
        model = CommuneCheck
        fields = ["commune_name", "checked_on", "raw_materials_local", "labour_local", "idea_local", "note"]
        widgets = {"checked_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 2})}

    def _post_clean(self):
        pass
