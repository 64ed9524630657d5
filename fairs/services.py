"""Booth applications: a producer applies and may withdraw; the OCOP office approves (with a
booth number), waitlists or rejects. Each decision is mailed to the producer, in Vietnamese.

Capacity is never exceeded: approving locks the booth type's row and counts the approved
applications inside the same transaction, so two staff members approving the last booth at
the same moment get one approval and one refusal.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mails import mail_send_after_commit, site_url
from fairs.models import ApplicationStatus, BoothApplication, BoothType, FairListing, FairPage
from fairs.selectors import booth_application_refusal, producer_stockrecords

logger = logging.getLogger(__name__)

WITHDRAWABLE = (ApplicationStatus.PENDING, ApplicationStatus.WAITLISTED)
DECIDABLE = (ApplicationStatus.PENDING, ApplicationStatus.WAITLISTED)


@dataclass(frozen=True)
class ListingChoice:
    """A product the producer will show, by stock record id, and its fair price (None: usual)."""

    stockrecord_id: int
    fair_price: Decimal | None = None


def _approved_count(booth_type: BoothType) -> int:
    return BoothApplication.objects.filter(booth_type=booth_type, status=ApplicationStatus.APPROVED).count()


def booth_application_create(
    *, fair: FairPage, booth_type: BoothType, producer, listings: list[ListingChoice], message: str = "", by
) -> BoothApplication:
    """Apply for a booth. Refused (ValidationError, nothing saved): a fair that is not
    published, applications closed, a booth type of another fair or with no place left, a
    second application to the same fair, a product that is not the producer's, or a fair
    price that is not below the usual price."""
    fair = fair.source_fair
    refusal = booth_application_refusal(fair=fair, producer=producer)
    if refusal:
        raise ValidationError(refusal)
    if booth_type.page_id != fair.pk:
        raise ValidationError({"booth_type": _("Choose one of this fair's booth types.")})
    if not listings:
        raise ValidationError({"products": _("Choose at least one product to show.")})
    records = producer_stockrecords(producer=producer).in_bulk([choice.stockrecord_id for choice in listings])
    if len(records) != len({choice.stockrecord_id for choice in listings}):
        raise ValidationError({"products": _("Choose among your own products on sale.")})
    for choice in listings:
        usual = records[choice.stockrecord_id].price
        if choice.fair_price is not None and not (0 < choice.fair_price < usual):
            raise ValidationError(
                {
                    "products": _("The fair price of %(product)s must be below its usual price.")
                    % {"product": records[choice.stockrecord_id].product.get_title()}
                }
            )
    with transaction.atomic():
        booth_type = BoothType.objects.select_for_update().get(pk=booth_type.pk)
        if _approved_count(booth_type) >= booth_type.capacity:
            raise ValidationError(
                {"booth_type": _("All %(name)s booths are taken.") % {"name": booth_type.name}}
            )
        refusal = booth_application_refusal(fair=fair, producer=producer)  # again, under the lock
        if refusal:
            raise ValidationError(refusal)
        application = BoothApplication(
            fair=fair, booth_type=booth_type, producer=producer, message=message.strip(), submitted_by=by
        )
        application.full_clean(exclude=["submitted_by"])
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            raise ValidationError(
                _("%(producer)s has already applied for this fair.") % {"producer": producer.name}
            ) from None
        for choice in listings:
            listing = FairListing(
                application=application,
                stockrecord=records[choice.stockrecord_id],
                fair_price=choice.fair_price,
            )
            listing.full_clean()
            listing.save()
    logger.info("Booth application %s: %s at %s", application.pk, producer, fair)
    return application


def booth_application_withdraw(*, application: BoothApplication, by) -> BoothApplication:
    """The producer takes back an application the office has not decided yet."""
    with transaction.atomic():
        application = BoothApplication.objects.select_for_update().get(pk=application.pk)
        if application.status not in WITHDRAWABLE:
            raise ValidationError(
                _("An application that is %(status)s cannot be withdrawn.")
                % {"status": application.get_status_display().lower()}
            )
        application.status = ApplicationStatus.WITHDRAWN
        application.full_clean()
        application.save(update_fields=["status"])
    logger.info("Booth application %s withdrawn by %s", application.pk, by)
    return application


def _decide(application: BoothApplication, *, status, by, reason="", booth_number="") -> BoothApplication:
    application.status = status
    application.reviewed_by = by
    application.reviewed_at = timezone.now()
    application.reason = reason
    application.booth_number = booth_number
    application.full_clean(exclude=["submitted_by"])
    application.save(update_fields=["status", "reviewed_by", "reviewed_at", "reason", "booth_number"])
    _mail_decision(application)
    return application


def _locked_decidable(application: BoothApplication) -> BoothApplication:
    application = (
        BoothApplication.objects.select_for_update().select_related("fair", "producer").get(pk=application.pk)
    )
    if application.status not in DECIDABLE:
        raise ValidationError(
            _("This application is already %(status)s.")
            % {"status": application.get_status_display().lower()}
        )
    return application


def booth_application_approve(*, application: BoothApplication, booth_number: str, by) -> BoothApplication:
    """Give the producer a booth. The booth type's row is locked while the approved
    applications are counted, so concurrent approvals cannot exceed its capacity."""
    booth_number = (booth_number or "").strip()
    if not booth_number:
        raise ValidationError({"booth_number": _("Give the booth number.")})
    with transaction.atomic():
        booth_type = BoothType.objects.select_for_update().get(pk=application.booth_type_id)
        application = _locked_decidable(application)
        if _approved_count(booth_type) >= booth_type.capacity:
            raise ValidationError(
                _("All %(count)s %(name)s booths are given: waitlist or reject this application.")
                % {"count": booth_type.capacity, "name": booth_type.name}
            )
        if (
            BoothApplication.objects.filter(fair_id=application.fair_id, booth_number__iexact=booth_number)
            .exclude(pk=application.pk)
            .exists()
        ):
            raise ValidationError(
                {"booth_number": _("Booth %(number)s is already given.") % {"number": booth_number}}
            )
        application = _decide(
            application, status=ApplicationStatus.APPROVED, by=by, booth_number=booth_number
        )
    logger.info("Booth application %s approved (booth %s) by %s", application.pk, booth_number, by)
    return application


def booth_application_waitlist(*, application: BoothApplication, by, reason: str = "") -> BoothApplication:
    with transaction.atomic():
        application = _locked_decidable(application)
        if application.status == ApplicationStatus.WAITLISTED:
            raise ValidationError(_("This application is already on the waiting list."))
        application = _decide(
            application, status=ApplicationStatus.WAITLISTED, by=by, reason=(reason or "").strip()
        )
    return application


def booth_application_reject(*, application: BoothApplication, reason: str, by) -> BoothApplication:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the application is rejected.")})
    with transaction.atomic():
        application = _locked_decidable(application)
        application = _decide(application, status=ApplicationStatus.REJECTED, by=by, reason=reason)
    return application


def _mail_decision(application: BoothApplication):
    producer = application.producer
    to = [producer.email] + [user.email for user in producer.users.filter(is_active=True)]
    mail_send_after_commit(
        prefix="fairs/mail/application_decided",
        to=list(dict.fromkeys(to)),
        language="vi",
        context={
            "application": application,
            "fair": application.fair,
            "url": site_url(reverse("fairs-dashboard:application-detail", kwargs={"pk": application.pk})),
            "fair_url": site_url(application.fair.url or ""),
        },
    )
