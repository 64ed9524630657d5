"""What staff do with certificates: record, correct, revoke, supersede; with the rules that need
other rows (overlapping active certificates, supersession)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.models import (
    Certificate,
    CertificateStatus,
)
from catalog.ocop import issuer_name_on
from core.mails import mail_send_after_commit, site_url

Product = get_model("catalogue", "Product")


EDITABLE_FIELDS = (
    "stars",
    "score",
    "score_a",
    "score_b",
    "score_c",
    "criteria_version",
    "decision_number",
    "decision_date",
    "issuer_level",
    "issuer_name",
    "programme_year",
    "valid_from",
    "valid_to",
    "scan",
)


def producer_of(product):
    """The producer a certificate of `product` goes to: the one that offers it."""
    record = product.stockrecords.select_related("partner").order_by("pk").first()
    return record.partner if record else None


def _place_name(unit) -> str:
    """ "huyện Lục Ngạn", "tỉnh Bắc Ninh": a place as a decision's signatory names it."""
    return f"{unit.kind.lower()} {unit.name}" if unit is not None else ""


def certificate_issuer_name(*, product, issuer_level: str, decision_date, district_name: str = "") -> str:
    """Who signed a decision on `product` at `issuer_level` on `decision_date`, named as on that
    day (`catalog.ocop.issuer_name_on`): the ministry by its name then, or the People's
    Committee of the product's legacy district (or `district_name`, the district as it was
    called that day) or province before the 1 July 2025 reform, of its current province after."""
    district = product.origin_district
    commune = product.origin_commune
    return issuer_name_on(
        level=issuer_level,
        decision_date=decision_date,
        district=district_name or _place_name(district),
        province_before=_place_name(district.province if district else None),
        province=_place_name(commune.province if commune else None),
    )


def _status_change(certificate, *, status, by, reason):
    certificate.status = status
    certificate.status_reason = reason
    certificate.status_changed_by = by
    certificate.status_changed_at = timezone.now()
    certificate.save(
        update_fields=["status", "status_reason", "status_changed_by", "status_changed_at", "updated"]
    )


@transaction.atomic
def certificate_create(*, product, by=None, producer=None, supersedes=None, **fields) -> Certificate:
    """Record a recognition decision. With `supersedes`, the product's earlier certificate
    (a re-evaluation or upgrade) stops backing the badge in the same transaction.

    `valid_to` defaults to 36 months after `valid_from`; the producer to the product's own;
    the issuer's name to the one the level had on the decision's date (`certificate_issuer_name`).
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not certificate fields: {sorted(unknown)}")
    # Certificates of one product are written one at a time, so the overlap rule sees the others.
    Product.objects.select_for_update().filter(pk=product.pk).first()
    producer = producer or producer_of(product)
    if fields.get("valid_from") and not fields.get("valid_to"):
        fields["valid_to"] = Certificate.validity_end(fields["valid_from"])
    if not fields.get("issuer_name") and fields.get("issuer_level") and fields.get("decision_date"):
        fields["issuer_name"] = certificate_issuer_name(
            product=product, issuer_level=fields["issuer_level"], decision_date=fields["decision_date"]
        )
    if supersedes is not None:
        supersedes = Certificate.objects.select_for_update().get(pk=supersedes.pk)
        if supersedes.product_id != product.pk:
            raise ValidationError(_("A certificate can only supersede one of the same product."))
        if supersedes.status != CertificateStatus.ACTIVE:
            raise ValidationError(
                _("Certificate %(number)s is %(status)s: only an active certificate can be superseded.")
                % {"number": supersedes.decision_number, "status": supersedes.get_status_display().lower()}
            )
    if supersedes is not None:
        # Stepped down first so the overlap rule lets the new one in; a refused new
        # certificate rolls this back with the transaction.
        _status_change(
            supersedes,
            status=CertificateStatus.SUPERSEDED,
            by=by,
            reason=_("Superseded by decision %(number)s.") % {"number": fields.get("decision_number", "")},
        )
    certificate = Certificate(product=product, producer=producer, supersedes=supersedes, **fields)
    certificate.full_clean()
    certificate.save()
    return certificate


@transaction.atomic
def certificate_update(*, certificate, by=None, **fields) -> Certificate:
    """Correct what was typed from the decision; the status moves only by revoke/supersede."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not certificate fields: {sorted(unknown)}")
    Product.objects.select_for_update().filter(pk=certificate.product_id).first()
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    for name, value in fields.items():
        setattr(certificate, name, value)
    if not certificate.issuer_name and certificate.issuer_level and certificate.decision_date:
        certificate.issuer_name = certificate_issuer_name(
            product=certificate.product,
            issuer_level=certificate.issuer_level,
            decision_date=certificate.decision_date,
        )
    certificate.full_clean()
    certificate.save()
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate, by, reason: str) -> Certificate:
    """Withdraw a certificate (failed re-evaluation, not re-evaluated in time); the badge goes
    with it, and the search index follows through the save signal."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status != CertificateStatus.ACTIVE:
        raise ValidationError(
            _("Certificate %(number)s is %(status)s: only an active certificate can be revoked.")
            % {"number": certificate.decision_number, "status": certificate.get_status_display().lower()}
        )
    _status_change(certificate, status=CertificateStatus.REVOKED, by=by, reason=reason)
    certificate_users = [user.email for user in certificate.producer.users.filter(is_active=True)]
    mail_send_after_commit(
        prefix="catalog/mail/certificate_revoked",
        to=certificate_users,
        language="vi",
        context={
            "certificate": certificate,
            "list_url": site_url(reverse("catalog-dashboard:certificate-list")),
        },
    )
    return certificate


def certificate_supersede(*, certificate, by=None, **fields) -> Certificate:
    """The new decision of a re-evaluation or upgrade, replacing `certificate`."""
    return certificate_create(
        product=certificate.product, producer=certificate.producer, supersedes=certificate, by=by, **fields
    )
