"""Producers' requests for a re-evaluation or an upgrade ("nâng hạng"), and the office's decisions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.models import (
    CertificateStatus,
    EvaluationRequest,
)
from core.mails import mail_send_after_commit, site_url, staff_emails

Product = get_model("catalogue", "Product")


def evaluation_request_refusal(*, certificate, requests=None) -> str | None:
    """Why the producer cannot ask about `certificate` now, or None.

    Re-evaluation and upgrades can be asked any time (OCOP.md), from the product's current
    certificate (a superseded one has a successor to ask from), one request at a time.
    `requests`, the product's requests when already fetched, saves a query.
    """
    if certificate.status == CertificateStatus.SUPERSEDED:
        return _("This certificate was replaced: ask from the certificate that replaced it.")
    if requests is None:
        requests = EvaluationRequest.objects.filter(product_id=certificate.product_id)
    if any(request.status == EvaluationRequest.Status.PENDING for request in requests):
        return _("A request for this product is already waiting for the OCOP office.")
    return None


@transaction.atomic
def evaluation_request_create(*, certificate, by, kind: str, target_stars=None, message: str = ""):
    """A producer asks for its product to be evaluated again, or ranked higher."""
    # One request at a time per product: a double submit waits here, then sees the first.
    Product.objects.select_for_update().filter(pk=certificate.product_id).first()
    refusal = evaluation_request_refusal(certificate=certificate)
    if refusal:
        raise ValidationError(refusal)
    current = certificate.stars if certificate.is_in_force(on=timezone.localdate()) else None
    if kind == EvaluationRequest.Kind.UPGRADE:
        if not target_stars:
            raise ValidationError({"target_stars": _("Choose the stars you ask for.")})
        if current and target_stars <= current:
            raise ValidationError(
                {
                    "target_stars": _("An upgrade asks for more than the current %(stars)s★.")
                    % {"stars": current}
                }
            )
    else:
        target_stars = None
    request = EvaluationRequest(
        product=certificate.product,
        producer=certificate.producer,
        certificate=certificate,
        kind=kind,
        target_stars=target_stars,
        message=message.strip(),
        submitted_by=by,
    )
    request.full_clean()
    request.save()
    mail_send_after_commit(
        prefix="catalog/mail/certificate_request_submitted",
        to=staff_emails(),
        language="vi",
        context={"request": request, "url": site_url(reverse("catalog-dashboard:evaluation-queue"))},
    )
    return request


@transaction.atomic
def evaluation_request_decide(*, request, by, accept: bool, reason: str = ""):
    """Staff accept (the evaluation is scheduled) or decline (with a reason) a request."""
    request = EvaluationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != EvaluationRequest.Status.PENDING:
        raise ValidationError(_("This request was already decided."))
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Say why the request is declined.")})
    request.status = EvaluationRequest.Status.ACCEPTED if accept else EvaluationRequest.Status.DECLINED
    request.reason, request.reviewed_by, request.reviewed_at = reason, by, timezone.now()
    request.full_clean()
    request.save()
    producer_emails = (
        [request.submitted_by.email] if request.submitted_by and request.submitted_by.email else []
    )
    producer_emails += [
        email
        for email in request.producer.users.filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        if email not in producer_emails
    ]
    mail_send_after_commit(
        prefix="catalog/mail/certificate_request_decided",
        to=producer_emails,
        language="vi",
        context={"request": request, "url": site_url(reverse("catalog-dashboard:certificate-list"))},
    )
    return request
