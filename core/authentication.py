"""Logging in with an e-mail address, without telling who has an account.

Oscar's `EmailBackend` answers at once when no account has the address, and only checks a
password (slowly, on purpose) when one has: the time a failed login takes would tell an
outsider which addresses are customers. Here an unknown address costs one password hash too,
as Django's own `ModelBackend` does for an unknown username.
"""

from django.contrib.auth import get_user_model
from oscar.apps.customer.auth_backends import EmailBackend as OscarEmailBackend
from oscar.apps.customer.utils import normalise_email


class EmailBackend(OscarEmailBackend):
    def _authenticate(self, request, email=None, password=None, *args, **kwargs):
        address = normalise_email(email if email is not None else kwargs.get("username") or "")
        User = get_user_model()
        if (
            password is not None
            and "@" in address
            and not User._default_manager.filter(email__iexact=address).exists()
        ):
            User().set_password(password)
            return None
        return super()._authenticate(request, email, password, *args, **kwargs)
