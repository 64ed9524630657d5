"""Forms of the catalogue's back-office pages (moderation, certificates, evaluation requests)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog import certificates as services
from catalog.models import Certificate, CertificateState, EvaluationRequest
from core.uploads import DocumentField

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RejectionForm(forms.Form):
    """Why staff turn a listing down: sent to the producer."""

    reason = forms.CharField(
        label=_("Reason, sent to the producer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Say why, so that the producer can put it right.")},
    )


class CertificateFilterForm(forms.Form):
    q = forms.CharField(label=_("Product, producer or decision"), required=False, max_length=100)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states")), *CertificateState.choices],
    )
    stars = forms.TypedChoiceField(
        label=_("Stars"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All stars")), (3, "3★"), (4, "4★"), (5, "5★")],
    )
    producer = forms.ModelChoiceField(
        label=_("Producer"),
        required=False,
        queryset=Partner.objects.filter(certificates__isnull=False).distinct().order_by("name"),
        empty_label=_("All producers"),
    )
    # The office's home links here with 90 or 30 (the reminders' days).
    ending_within = forms.TypedChoiceField(
        label=_("Ending"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any time")),
            (90, _("within 90 days")),
            (30, _("within 30 days")),
        ],
    )


class CertificateForm(forms.ModelForm):
    """The fields of a recognition decision. The model's rules run in the service, whose
    errors come back onto the fields (`_post_clean` is left to it)."""

    class Meta:
        model = Certificate
        fields = ["product", "producer", *services.EDITABLE_FIELDS]
        widgets = {"decision_date": DATE, "valid_from": DATE, "valid_to": DATE}
        field_classes = {"scan": DocumentField}
        help_texts = {
            "valid_to": _("36 months after valid from; filled in when left empty."),
            "producer": _("Left empty: the producer that offers the product."),
            "issuer_name": _("Left empty: the signatory of that level, named as on the decision date."),
        }

    def __init__(self, *args, fixed_product=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_to"].required = False
        self.fields["producer"].required = False
        self.fields["issuer_name"].required = False
        self.fields["stars"].widget = forms.NumberInput(attrs={"min": 1, "max": 5})
        self.fields["product"].queryset = (
            Product.objects.filter(stockrecords__isnull=False, parent__isnull=True)
            .distinct()
            .order_by("title")
        )
        self.fields["producer"].queryset = Partner.objects.order_by("name")
        if fixed_product is not None or self.instance.pk:
            # A correction or a re-evaluation stays with the product (and its producer).
            del self.fields["product"]
            del self.fields["producer"]
        if not self.instance.pk and not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("criteria_version", services.criteria_version_on(today))
            self.initial.setdefault("programme_year", today.year)

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        if data["scan"] is None:
            data.pop("scan")
        elif data["scan"] is False:  # "clear" ticked
            data["scan"] = ""
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class EvaluationRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("I ask for"), choices=EvaluationRequest.Kind.choices)
    target_stars = forms.TypedChoiceField(
        label=_("Stars asked for (upgrade)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "–"), (4, "4★"), (5, "5★")],
    )
    message = forms.CharField(
        label=_("Message to the OCOP office"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
    )
    reason = forms.CharField(
        label=_("Reason (needed to decline)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
