"""Forms of the fair pages in the dashboard: a producer's application, the office's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fairs.models import ApplicationStatus
from fairs.selectors import producer_stockrecords
from fairs.services import ListingChoice


class BoothTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, booth_type):
        if booth_type.places_left:
            return _("%(name)s (%(left)s of %(capacity)s places left)") % {
                "name": booth_type.name,
                "left": booth_type.places_left,
                "capacity": booth_type.capacity,
            }
        return _("%(name)s (full)") % {"name": booth_type.name}


class BoothApplicationForm(forms.Form):
    """Which booth, which of the producer's own products (a forged id of another producer's
    is "not one of the choices"), and an optional fair price for each, in whole đồng."""

    booth_type = BoothTypeChoiceField(label=_("Booth type"), queryset=None, empty_label=None)
    products = forms.ModelMultipleChoiceField(
        label=_("Products to show"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    message = forms.CharField(
        label=_("Message to the organiser"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, fair, producer, **kwargs):
        super().__init__(*args, **kwargs)
        self.booth_types = fair.booth_types_with_places()
        booth_field = self.fields["booth_type"]
        booth_field.queryset = fair.booth_types.all()
        # The choices carry the places left, counted once.
        booth_field.choices = [
            (booth_type.pk, booth_field.label_from_instance(booth_type)) for booth_type in self.booth_types
        ]
        self.stockrecords = list(producer_stockrecords(producer=producer))
        self.fields["products"].queryset = producer_stockrecords(producer=producer)
        self.fields["products"].label_from_instance = lambda record: record.product.get_title()
        for record in self.stockrecords:
            self.fields[self.price_field_name(record)] = forms.IntegerField(
                label=_("Fair price of %(product)s (VND)") % {"product": record.product.get_title()},
                required=False,
                min_value=1,
                widget=forms.NumberInput(attrs={"step": 1000, "inputmode": "numeric"}),
            )

    @staticmethod
    def price_field_name(record):
        return f"fair_price_{record.pk}"

    def product_rows(self):
        """(stock record, checked, its fair price field) for the template's table."""
        chosen = {str(value) for value in (self["products"].value() or [])}
        return [
            (record, str(record.pk) in chosen, self[self.price_field_name(record)])
            for record in self.stockrecords
        ]

    def clean_booth_type(self):
        booth_type = self.cleaned_data["booth_type"]
        places = {item.pk: item.places_left for item in self.booth_types}
        if not places.get(booth_type.pk):
            raise forms.ValidationError(_("All %(name)s booths are taken.") % {"name": booth_type.name})
        return booth_type

    def clean(self):
        cleaned = super().clean()
        for record in cleaned.get("products") or []:
            name = self.price_field_name(record)
            price = cleaned.get(name)
            if price is not None and price >= record.price:
                self.add_error(name, _("A fair price must be below the usual price."))
        return cleaned

    def listing_choices(self) -> list[ListingChoice]:
        return [
            ListingChoice(
                stockrecord_id=record.pk, fair_price=self.cleaned_data.get(self.price_field_name(record))
            )
            for record in self.cleaned_data["products"]
        ]


class DecisionForm(forms.Form):
    """The office's decision: approve with a booth number, waitlist, or reject with a reason."""

    APPROVE, WAITLIST, REJECT = "approve", "waitlist", "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (WAITLIST, _("Waiting list")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    booth_number = forms.CharField(
        label=_("Booth number"),
        max_length=16,
        required=False,
        help_text=_("Needed to approve, such as A-12."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to reject; sent to the producer."),
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == self.APPROVE and not cleaned.get("booth_number", "").strip():
            self.add_error("booth_number", _("Give the booth number."))
        if decision == self.REJECT and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the application is rejected."))
        return cleaned


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + list(ApplicationStatus.choices)
    )
