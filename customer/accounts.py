"""Signing up and changing one's e-mail without telling an outsider who has an account.

Whatever address is typed, the page answers the same "check your inbox"; the mail is where the
difference shows, and only the address's owner reads it:

- a new address gets an account that stays inactive until the link in the mail is followed;
- an address with an active account gets a note saying so, with links to log in and to reset
  the password, and nothing changes;
- an address whose account was never activated (someone signed up with it and never followed
  the link, perhaps not its owner) takes the new password and gets a fresh link, so a squatter
  cannot keep an address from its owner.

Changing the e-mail of a profile works the same way: the new address must confirm, and an
address already in use is told so instead.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import get_language
from oscar.apps.customer.forms import generate_username
from oscar.apps.customer.utils import normalise_email

from core.mails import mail_send_after_commit, site_url

EMAIL_CHANGE_SALT = "customer.email-change"
EMAIL_CHANGE_MAX_AGE = 3 * 24 * 3600  # seconds


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset tokens under their own salt: one link activates once (the hash covers
    `is_active` and the password), for PASSWORD_RESET_TIMEOUT."""

    key_salt = "customer.accounts.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.is_active}{timestamp}{user.email}"


activation_tokens = ActivationTokenGenerator()


def _accounts_with(address):
    return get_user_model()._default_manager.filter(email__iexact=address)


def _activation_url(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = activation_tokens.make_token(user)
    return site_url(reverse("customer:activate", kwargs={"uidb64": uid, "token": token}))


def _login_links():
    return {
        "login_url": site_url(reverse("customer:login")),
        "reset_url": site_url(reverse("password-reset")),
    }


@transaction.atomic
def registration_request(*, email, password):
    """Start signing up `email`; the mail says what happened. Returns nothing on purpose."""
    address = normalise_email(email)
    language = get_language()
    existing = list(_accounts_with(address).order_by("pk"))
    active = [user for user in existing if user.is_active]
    if active:
        mail_send_after_commit(
            prefix="customer/mail/account_exists",
            to=[user.email for user in active],
            language=language,
            context=_login_links(),
        )
        return
    if existing:
        user = existing[0]
        user.set_password(password)
        user.save(update_fields=["password"])
    else:
        user = _inactive_account_create(address, password)
    mail_send_after_commit(
        prefix="customer/mail/activate",
        to=[address],
        language=language,
        context=lambda: {"activate_url": _activation_url(user)},
    )


def _inactive_account_create(address, password):
    """An account as Oscar's sign-up form makes one (a random username where the user model
    has one), but inactive."""
    User = get_user_model()
    user = User(email=address, is_active=False)
    if "username" in {field.name for field in User._meta.fields}:
        user.username = generate_username()
    user.set_password(password)
    user.save()
    return user


def account_activate(*, uidb64, token):
    """The account the link names, now active; None when the link is wrong, used or old."""
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = get_user_model()._default_manager.get(pk=pk)
    except (TypeError, ValueError, OverflowError, get_user_model().DoesNotExist):
        return None
    if user.is_active or not activation_tokens.check_token(user, token):
        return None
    with transaction.atomic():
        if _accounts_with(user.email).filter(is_active=True).exists():
            return None  # the address's owner has an active account since
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def email_change_request(*, user, email):
    """Ask the new address to confirm; an address in use is told so and nothing changes."""
    address = normalise_email(email)
    language = get_language()
    holders = list(_accounts_with(address).exclude(pk=user.pk).order_by("pk"))
    if holders:
        mail_send_after_commit(
            prefix="customer/mail/account_exists",
            to=[holder.email for holder in holders],
            language=language,
            context=_login_links(),
        )
        return
    token = signing.dumps({"user": user.pk, "from": user.email, "to": address}, salt=EMAIL_CHANGE_SALT)
    mail_send_after_commit(
        prefix="customer/mail/email_confirm",
        to=[address],
        language=language,
        context={"confirm_url": site_url(reverse("customer:email-confirm", kwargs={"token": token}))},
    )


def email_change_confirm(*, token, user):
    """Change the logged-in `user`'s e-mail as the token says; False when the token is wrong,
    old, for someone else, already used, or the address was taken meanwhile."""
    try:
        change = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature:
        return False
    if change.get("user") != user.pk or change.get("from") != user.email:
        return False
    with transaction.atomic():
        if _accounts_with(change["to"]).exclude(pk=user.pk).exists():
            return False
        user.email = change["to"]
        user.save(update_fields=["email"])
        mail_send_after_commit(
            prefix="customer/mail/email_changed",
            to=[change["from"]],
            language=get_language(),
            context={"new_email": change["to"], **_login_links()},
        )
    return True
