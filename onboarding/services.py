"""Producers joining: an application, its review, and the people who work for a producer.

Approving an application creates the producer (Oscar's `Partner`, with the profile fields of
`partner.models`) and its first login, and mails the applicant a link to set a password; the
login gets `partner.dashboard_access`, which Oscar's dashboard reads. A producer's people can
invite and remove each other; nobody can remove the last one, or themselves.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.apps.customer.utils import get_password_reset_url

from core.mails import mail_send_after_commit, site_url, staff_emails
from onboarding.models import ApplicationDocument, ApplicationStatus, ProducerApplication
from partner.models import Partner

logger = logging.getLogger(__name__)
User = get_user_model()


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


def _login_for(*, email, name):
    """The user behind `email`, created (without a password) if there is none."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        first, _sep, last = name.strip().rpartition(" ")
        username = email.lower()[:150]
        if User.objects.filter(username=username).exists():
            username = f"{username[:140]}-{User.objects.count()}"
        user = User(username=username, email=email, first_name=first[:150], last_name=last[:150])
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


@transaction.atomic
def team_member_invite(*, partner, email, name, by):
    """Give `email` a login in `partner`'s dashboard (a new account, or the person's own)."""
    if by not in partner.users.all():
        raise PermissionDenied
    user = _login_for(email=email, name=name)
    if partner.users.filter(pk=user.pk).exists():
        raise ValidationError(
            _("%(email)s already works for %(producer)s.") % {"email": email, "producer": partner.name}
        )
    partner.users.add(user)
    mail_send_after_commit(
        prefix="onboarding/mail/team_invited",
        to=[user.email],
        language=translation.get_language() or "vi",
        context=lambda: {"partner": partner, "invited_by": by, "login_url": _password_link(user)},
    )
    logger.info("%s added %s to producer %s", by, user.pk, partner.code)
    return user


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
