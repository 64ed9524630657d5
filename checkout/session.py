"""The checkout's preconditions (Oscar's `CheckoutSessionMixin`, forked through `get_class`).

Vietnamese shoppers buy with a phone number: the address step requires one, and a guest's
e-mail is optional. Choosing "buy without an account" at the gateway is what lets a guest on,
with or without an address (Oscar's session keeps "" for a guest who gave none, None for a
visitor who has not chosen yet).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import exceptions
from oscar.apps.checkout import session as oscar_session


class CheckoutSessionMixin(oscar_session.CheckoutSessionMixin):
    def check_user_email_is_captured(self, request):
        if not request.user.is_authenticated and self.checkout_session.get_guest_email() is None:
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:index"),
                message=_("Log in, or choose to buy without an account."),
            )
