"""Producers joining: an application, its review, and the people who work for a producer.

Approving an application creates the producer (Oscar's `Partner`, with the profile fields of
`partner.models`) and its first login, and mails the applicant a link to set a password; the
login gets `partner.dashboard_access`, which Oscar's dashboard reads. A producer's people can
invite others and remove each other; nobody can remove the last one, or themselves. An
invitation is only a mailed link: the person joins when they open it and accept, as the
account of the invited e-mail (or a new one made then); until then nothing changes.
"""

import logging
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.customer.utils import get_password_reset_url, normalise_email

from core.mails import mail_send_after_commit, site_url, staff_emails
from onboarding.models import (
    ApplicationDocument,
    ApplicationStatus,
    InvitationStatus,
    ProducerApplication,
    TeamInvitation,
    invitation_expiry,
    invitation_token_hash,
)
from partner.models import Partner

logger = logging.getLogger(__name__)
User = get_user_model()
# The producers' people and their invitations are Vietnamese; the link's page follows the reader.
INVITATION_LANGUAGE = "vi"


def _dashboard_access():
    return Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")


@transaction.atomic
def application_submit(*, data, documents, language):
    """Save a checked application (the form's cleaned data) and its documents."""
    fields = {name: value for name, value in data.items() if name not in ("documents", "province")}
    application = ProducerApplication.objects.create(language=language, **fields)
    for upload in documents:
        ApplicationDocument.objects.create(application=application, file=upload)
    mail_send_after_commit(
        prefix="onboarding/mail/application_received",
        to=[application.email],
        language=language,
        context={"application": application},
    )
    mail_send_after_commit(
        prefix="onboarding/mail/application_new",
        to=staff_emails(),
        language="vi",
        context={
            "application": application,
            "review_url": site_url(
                reverse("onboarding-dashboard:application-detail", kwargs={"pk": application.pk})
            ),
        },
    )
    logger.info("Producer application %s from %s (%s)", application.pk, application.name, application.email)
    return application


def _locked_submitted(application):
    application = ProducerApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("This application was already decided."))
    return application


def _user_new(*, email, name):
    """An unsaved account for `email`, without a password yet."""
    first, _sep, last = name.strip().rpartition(" ")
    username = email.lower()[:150]
    if User.objects.filter(username=username).exists():
        username = f"{username[:140]}-{User.objects.count()}"
    return User(username=username, email=email, first_name=first[:150], last_name=last[:150])


def _login_for(*, email, name):
    """The user behind `email`, created (without a password) if there is none."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = _user_new(email=email, name=name)
        user.set_unusable_password()
        user.save()
    elif user.is_staff:
        raise ValidationError(
            _("%(email)s belongs to a staff account, which cannot work for a producer.") % {"email": email}
        )
    user.user_permissions.add(_dashboard_access())
    return user


def _password_link(user):
    return (
        site_url(get_password_reset_url(user))
        if not user.has_usable_password()
        else site_url(reverse("dashboard:login"))
    )


@transaction.atomic
def application_approve(*, application, by):
    """Create the producer and its first login; returns the new `Partner`."""
    application = _locked_submitted(application)
    commune = application.commune
    partner = Partner.objects.create(
        name=application.name,
        legal_type=application.legal_type,
        registration_number=application.registration_number,
        street_address=application.street_address,
        commune=commune,
        legacy_district=commune.legacy_districts.order_by("-valid_until").first(),
        contact_name=application.contact_name,
        phone=application.phone,
        email=application.email,
        description=application.description,
        description_en=application.description_en,
        is_verified=True,
    )
    user = _login_for(email=application.email, name=application.contact_name)
    partner.users.add(user)
    application.status = ApplicationStatus.APPROVED
    application.partner = partner
    application.reviewed_by, application.reviewed_at = by, timezone.now()
    application.save()
    mail_send_after_commit(
        prefix="onboarding/mail/application_approved",
        to=[application.email],
        language=application.language,
        context=lambda: {"application": application, "partner": partner, "login_url": _password_link(user)},
    )
    logger.info(
        "Application %s approved by %s: producer %s, login %s", application.pk, by, partner.code, user.pk
    )
    return partner


@transaction.atomic
def application_reject(*, application, by, reason):
    application = _locked_submitted(application)
    if not reason.strip():
        raise ValidationError(_("Say why, so that the applicant can put it right."))
    application.status = ApplicationStatus.REJECTED
    application.reason = reason.strip()
    application.reviewed_by, application.reviewed_at = by, timezone.now()
    application.save()
    mail_send_after_commit(
        prefix="onboarding/mail/application_rejected",
        to=[application.email],
        language=application.language,
        context={"application": application, "apply_url": site_url(reverse("onboarding:apply"))},
    )
    logger.info("Application %s rejected by %s", application.pk, by)
    return application


def _invitation_mail(invitation, token, by):
    accept_url = site_url(reverse("onboarding:invitation", kwargs={"token": token}))
    mail_send_after_commit(
        prefix="onboarding/mail/team_invitation",
        to=[invitation.email],
        language=INVITATION_LANGUAGE,
        context=lambda: {"invitation": invitation, "invited_by": by, "accept_url": accept_url},
    )


def _member_of(partner, by):
    if not partner.users.filter(pk=by.pk).exists():
        raise PermissionDenied


@transaction.atomic
def team_invitation_send(*, partner, email: str, name: str, by) -> TeamInvitation:
    """Invite `email` to `partner`'s team: a mail with a link, and nothing else. The person
    joins only by answering it (`team_invitation_accept`), so a producer can pull nobody in.
    Who has an account is not told to the producer: staff and strangers alike get the mail,
    and the refusal, if any, comes when they answer."""
    _member_of(partner, by)
    email = normalise_email(email)
    if partner.users.filter(email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s already works for %(producer)s.") % {"email": email, "producer": partner.name}
        )
    Partner.objects.select_for_update().get(pk=partner.pk)  # one pending invitation per e-mail
    if TeamInvitation.objects.filter(
        partner=partner, email__iexact=email, status=InvitationStatus.PENDING
    ).exists():
        raise ValidationError(
            _("%(email)s was already invited; send the invitation again from the list below.")
            % {"email": email}
        )
    token = secrets.token_urlsafe(32)
    invitation = TeamInvitation(
        partner=partner,
        email=email,
        name=name.strip(),
        invited_by=by,
        token_hash=invitation_token_hash(token),
    )
    invitation.full_clean()
    invitation.save()
    _invitation_mail(invitation, token, by)
    logger.info("%s sent invitation %s to join producer %s", by, invitation.pk, partner.code)
    return invitation


def _locked_pending(invitation):
    invitation = TeamInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(invitation_closed_message(invitation))
    return invitation


@transaction.atomic
def team_invitation_resend(*, invitation, by) -> TeamInvitation:
    """A new link (the old one stops working) valid for another week, mailed again."""
    _member_of(invitation.partner, by)
    invitation = _locked_pending(invitation)
    token = secrets.token_urlsafe(32)
    invitation.token_hash = invitation_token_hash(token)
    invitation.expires_at = invitation_expiry()
    invitation.save(update_fields=["token_hash", "expires_at"])
    _invitation_mail(invitation, token, by)
    logger.info("%s sent invitation %s again", by, invitation.pk)
    return invitation


@transaction.atomic
def team_invitation_cancel(*, invitation, by) -> TeamInvitation:
    _member_of(invitation.partner, by)
    invitation = _locked_pending(invitation)
    invitation.status, invitation.answered_at = InvitationStatus.CANCELLED, timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    logger.info("%s cancelled invitation %s", by, invitation.pk)
    return invitation


def invitation_closed_message(invitation) -> str:
    """Why a link no longer works, for the person who opened it."""
    if invitation.status == InvitationStatus.ACCEPTED:
        return _("This invitation has already been used.")
    if invitation.status == InvitationStatus.DECLINED:
        return _("This invitation was declined.")
    if invitation.status == InvitationStatus.CANCELLED:
        return _("The producer has cancelled this invitation.")
    return _("This invitation has expired. Ask the producer to send you a new one.")


def invitation_refusal(*, invitation, user) -> str | None:
    """Why `user` (the account answering, or the one the invited e-mail already has) may not
    join, or None. Staff never work for a producer: they help one through a support session."""
    if user.email.strip().lower() != invitation.email.strip().lower():
        return _(
            "This invitation was sent to another e-mail address than the account you are logged "
            "in with. Log out, then open the link from the mail again."
        )
    if user.is_staff or user.is_superuser:
        return _("Accounts of the OCOP office cannot join a producer's team.")
    if not user.is_active:
        return _("This account is disabled.")
    if invitation.partner.users.filter(pk=user.pk).exists():
        return _("You already work for %(producer)s.") % {"producer": invitation.partner.name}
    return None


def _join(invitation, user):
    refusal = invitation_refusal(invitation=invitation, user=user)
    if refusal:
        raise ValidationError(refusal)
    user.user_permissions.add(_dashboard_access())
    invitation.partner.users.add(user)
    invitation.status, invitation.answered_at, invitation.user = (
        InvitationStatus.ACCEPTED,
        timezone.now(),
        user,
    )
    invitation.save(update_fields=["status", "answered_at", "user"])
    logger.info("%s accepted invitation %s to producer %s", user.pk, invitation.pk, invitation.partner.code)


def _locked_open(invitation):
    invitation = _locked_pending(invitation)
    if not invitation.is_open:
        raise ValidationError(invitation_closed_message(invitation))
    return invitation


@transaction.atomic
def team_invitation_accept(*, invitation, user) -> TeamInvitation:
    """`user`, logged in as the invited e-mail's account, joins the team."""
    invitation = _locked_open(invitation)
    _join(invitation, user)
    return invitation


@transaction.atomic
def team_invitation_accept_new(*, invitation, password: str):
    """The invited person has no account: one is made for the invited e-mail, with the
    password they chose (checked by the caller's form), and joins the team."""
    invitation = _locked_open(invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("An account already uses this e-mail address: log in to accept."))
    user = _user_new(email=invitation.email, name=invitation.name)
    user.set_password(password)
    user.save()
    _join(invitation, user)
    return user


@transaction.atomic
def team_invitation_decline(*, invitation) -> TeamInvitation:
    invitation = _locked_open(invitation)
    invitation.status, invitation.answered_at = InvitationStatus.DECLINED, timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    logger.info("Invitation %s to producer %s declined", invitation.pk, invitation.partner.code)
    return invitation


@transaction.atomic
def team_member_remove(*, partner, user, by):
    if by not in partner.users.all() or user not in partner.users.all():
        raise PermissionDenied
    if user == by:
        raise ValidationError(_("You cannot remove yourself; ask another member."))
    partner.users.remove(user)
    if not user.partners.exists():
        user.user_permissions.remove(_dashboard_access())
    logger.info("%s removed %s from producer %s", by, user.pk, partner.code)
