"""Forms of visits: the guest's booking (phone first, e-mail optional), the producer's sessions,
series and terms, and the code typed at the door.

A session's start is entered as a date and a time on Vietnam's clock, whatever the browser's
or the server's time zone; prices in đồng as a shop writes them (`core.money_input`)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from address.forms import VietnamesePhoneField
from core.clock import VIETNAM
from core.money_input import VndPriceField
from visits import selectors
from visits.models import VisitSeries, VisitSession, VisitTerms

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MAX_GUESTS = 50


class BookingForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = VietnamesePhoneField(
        label=_("Phone number"),
        help_text=_("The producer calls this number if anything changes."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("For the voucher and the payment link by mail."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    guests = forms.IntegerField(label=_("Number of guests"), min_value=1, max_value=MAX_GUESTS, initial=1)
    # A field people never see (hidden by CSS, skipped by the keyboard): a bot fills it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())


class SessionTimeMixin(forms.Form):
    """A start entered as a date and a time of Vietnam's clock."""

    day = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(label=_("Start time"), widget=TIME)

    def starts_at(self) -> datetime.datetime:
        return selectors.vietnam_moment(self.cleaned_data["day"], self.cleaned_data["time"])


class SessionForm(SessionTimeMixin, forms.ModelForm):
    price = VndPriceField(label=_("Price per guest (đồng)"), required=False)

    class Meta:
        model = VisitSession
        fields = ["product", "duration_minutes", "meeting_point", "capacity", "price", "language"]

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products
        self.fields["product"].empty_label = None
        self.fields["price"].help_text = _("Leave empty for the visit's price in the shop.")
        if self.instance.pk:
            moment = timezone.localtime(self.instance.starts_at, VIETNAM)
            self.initial.setdefault("day", moment.date())
            self.initial.setdefault("time", moment.time())
        self.order_fields(
            ["product", "day", "time", "duration_minutes", "meeting_point", "capacity", "price"]
        )

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("time"):
            self.instance.starts_at = self.starts_at()
        return data


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class SeriesForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    price = VndPriceField(label=_("Price per guest (đồng)"), required=False)

    class Meta:
        model = VisitSeries
        fields = [
            "product",
            "weekdays",
            "start_time",
            "starts_on",
            "ends_on",
            "duration_minutes",
            "meeting_point",
            "capacity",
            "price",
            "language",
        ]
        widgets = {"start_time": TIME, "starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products
        self.fields["product"].empty_label = None
        self.fields["price"].help_text = _("Leave empty for the visit's price in the shop.")
        self.fields["weekdays"].help_text = ""


class TermsForm(forms.ModelForm):
    class Meta:
        model = VisitTerms
        fields = ["cancel_hours_before", "refund", "notes"]


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Voucher code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class SessionCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason, told to the guests"), max_length=500)
