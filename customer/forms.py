"""Oscar's account forms, without the checks that tell an outsider an address has an account.

Whether the address is taken is answered by mail to that address (see `customer.accounts`).
"""

import logging

from oscar.apps.customer import forms
from oscar.apps.customer.utils import normalise_email

from core.ratelimit import client_ip, rate_take

logger = logging.getLogger(__name__)

# Reset mails per connection and per address in an hour. Beyond it the page still says "sent"
# (it says so whether or not the address has an account) and no mail goes out: the limit stops
# anyone flooding an inbox from our server without telling them anything.
RESET_RATE_SCOPE, RESET_RATE_LIMIT = "password-resets", 5


class EmailUserCreationForm(forms.EmailUserCreationForm):
    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class UserForm(forms.UserForm):
    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


ProfileForm = UserForm


class PasswordResetForm(forms.PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        senders = {"ip": client_ip(request) if request else "", "email": self.cleaned_data["email"]}
        if rate_take(scope=RESET_RATE_SCOPE, senders=senders, limit=RESET_RATE_LIMIT):
            logger.warning("Password reset mail not sent: too many asked from this sender")
            return
        super().save(*args, request=request, **kwargs)
