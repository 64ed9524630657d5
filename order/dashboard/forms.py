from django import forms
from django.utils.translation import gettext_lazy as _


class RefundForm(forms.Form):
    amount = forms.IntegerField(
        label=_("Amount to refund (đồng)"),
        min_value=1,
        error_messages={"min_value": _("Refund at least 1 đồng.")},
    )

    def __init__(self, *args, refundable, **kwargs):
        super().__init__(*args, **kwargs)
        self.refundable = int(refundable)
        self.fields["amount"].max_value = self.refundable
        self.fields["amount"].initial = self.refundable

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount > self.refundable:
            raise forms.ValidationError(
                _("At most %(amount)s can still be refunded.")
                % {"amount": f"{self.refundable:,}".replace(",", ".")}
            )
        return amount


class BankStatementForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement (CSV)"),
        help_text=_("Columns: date, amount, description, transaction id (Vietnamese or English headers)."),
    )


class PartShipForm(forms.Form):
    """The carrier and tracking number of a producer's parcel; the lot of each line is checked
    by `order.fulfilment` (published, the producer's own, not past its use-by date)."""

    carrier = forms.CharField(
        label=_("Carrier"),
        max_length=64,
        error_messages={"required": _("Give the carrier of the parcel.")},
    )
    tracking_number = forms.CharField(
        label=_("Tracking number"),
        max_length=64,
        error_messages={"required": _("Give the tracking number of the parcel.")},
    )


class PartCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=255,
        error_messages={"required": _("Give a reason for cancelling.")},
    )


PART_FORMS = {"ship": PartShipForm, "cancel": PartCancelForm}


def _kept_key(part) -> str:
    return f"order-part-{part.pk}"


def part_form_keep(request, *, part, action: str, data, errors: dict) -> None:
    """Keep what was typed in a part's form and why it was refused, for the order page the
    refusal redirects to (the form shows them again rather than an empty form)."""
    typed = {key: value for key, value in data.items() if key != "csrfmiddlewaretoken"}
    request.session[_kept_key(part)] = {"action": action, "data": typed, "errors": errors}


def part_form_kept(request, *, part) -> dict | None:
    """What `part_form_keep` kept for this part, once: {"action", "data", "errors"}."""
    if request is None or not hasattr(request, "session"):
        return None
    return request.session.pop(_kept_key(part), None)
