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
