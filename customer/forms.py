"""Oscar's account forms, without the checks that tell an outsider an address has an account.

Whether the address is taken is answered by mail to that address (see `customer.accounts`).
"""

from oscar.apps.customer import forms
from oscar.apps.customer.utils import normalise_email


class EmailUserCreationForm(forms.EmailUserCreationForm):
    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class UserForm(forms.UserForm):
    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


ProfileForm = UserForm
