"""Forms of training: registering a person (officials on the course page, a producer's people
from the dashboard), and the office's attendance list.

Below the models (they read only `training.choices`): the course page builds the public form.
The waiting list is a choice the person makes: the box is offered once the course is full
(`full=True`), and a registration over capacity without it is refused (`training.services`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from address.forms import VietnamesePhoneField
from training.choices import official_audience_choices


class PersonForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = VietnamesePhoneField(
        label=_("Phone number"), widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("For the confirmation and a reminder the day before each session."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    position = forms.CharField(label=_("Position"), max_length=255)
    waitlist = forms.BooleanField(label=_("Register on the waiting list"), required=False)

    def __init__(self, *args, full: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.full = full
        self.fields["waitlist"].help_text = _(
            "The course is full: you get a place, and a mail if you gave an e-mail, as soon as "
            "someone cancels."
        )

    def waitlist_offered(self) -> bool:
        """The box is shown when the course is full, or when the person already ticked it."""
        return self.full or bool(self.data.get("waitlist"))


class OfficialRegistrationForm(PersonForm):
    """The public form on a course page, for commune and provincial officials."""

    organisation = forms.CharField(
        label=_("Agency or commune"),
        max_length=255,
        help_text=_("Such as “UBND xã Lục Ngạn” or “Sở Nông nghiệp và Môi trường”."),
    )
    audience = forms.ChoiceField(
        label=_("You are"),
        choices=official_audience_choices(),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    # A field people never see (hidden by CSS, skipped by the keyboard): a bot that fills
    # every input fills it too, and its registration is dropped.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["full_name", "phone", "email", "position", "organisation", "audience", "waitlist"]

    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())


class ProducerRegistrationForm(PersonForm):
    """A producer registers one of its people (the organisation is the producer)."""


class AttendanceForm(forms.Form):
    """The office's list for one session: a box per registered trainee."""

    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(r.pk), r.full_name) for r in registrations]
