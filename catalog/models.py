"""Oscar's catalogue with the OCOP product fields.

The product group of QĐ 148/QĐ-TTg is the product's Oscar category (a two-level tree:
group -> product set). The origin is where the product is made: the current commune
(2025 structure) and the legacy district the product was known by before the reform.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct

from marketplace.models import StaffDecision


class ModerationStatus(models.TextChoices):
    """Where a listing stands with the OCOP office. Staff's own products are published at once."""

    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class Product(AbstractProduct):
    moderation_status = models.CharField(
        _("moderation"),
        max_length=16,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PUBLISHED,
        db_index=True,
    )
    origin_commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("origin commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
    )
    origin_district = models.ForeignKey(
        "places.District",
        verbose_name=_("origin district (before 2025)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
        help_text=_("The legacy district the product is known by, such as Lục Ngạn for lychee."),
    )

    def clean(self):
        super().clean()
        if self.origin_district_id and self.origin_commune_id:
            commune_districts = set(self.origin_commune.legacy_districts.values_list("pk", flat=True))
            if commune_districts and self.origin_district_id not in commune_districts:
                raise ValidationError(
                    {
                        "origin_district": _("%(commune)s was not part of the legacy district %(district)s.")
                        % {"commune": self.origin_commune.name, "district": self.origin_district.name}
                    }
                )

    def ocop_certificate(self, *, on: datetime.date | None = None):
        """The certificate that backs the OCOP badge on `on` (today), or None.

        Reads `certificates` through the prefetch cache when the list selectors filled it.
        """
        on = on or timezone.localdate()
        in_force = [certificate for certificate in self.certificates.all() if certificate.is_in_force(on=on)]
        return max(in_force, key=lambda certificate: certificate.valid_from, default=None)

    @property
    def ocop_stars(self) -> int | None:
        certificate = self.ocop_certificate()
        return certificate.stars if certificate else None


class CriteriaVersion(models.TextChoices):
    QD_1048_2019 = "qd1048-2019", _("QĐ 1048/QĐ-TTg (2019)")
    QD_148_2023 = "qd148-2023", _("QĐ 148/QĐ-TTg (2023)")
    QD_1489_2025 = "qd1489-2025", _("QĐ 148/QĐ-TTg amended by QĐ 1489/QĐ-TTg (2025)")


class IssuerLevel(models.TextChoices):
    DISTRICT = "district", _("District")
    PROVINCE = "province", _("Province")
    CENTRAL = "central", _("Central")


class CertificateStatus(models.TextChoices):
    """What staff decide. Active, expiring and expired follow from the dates."""

    ACTIVE = "active", _("Active")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded by a re-evaluation")


class CertificateQuerySet(models.QuerySet):
    def in_force(self, *, on: datetime.date):
        """Certificates that back a badge on `on`: what `Certificate.is_in_force` says, in SQL."""
        return self.filter(status=CertificateStatus.ACTIVE, valid_from__lte=on, valid_to__gte=on)


class Certificate(models.Model):
    """An OCOP recognition decision for one product: the only source of its star badge.

    Only 3-5 star results are certified; a certificate is valid 36 months from issue.
    """

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="certificates"
    )
    producer = models.ForeignKey(
        "partner.Partner", verbose_name=_("producer"), on_delete=models.CASCADE, related_name="certificates"
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(3), MaxValueValidator(5)]
    )
    score = models.DecimalField(
        _("total score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    criteria_version = models.CharField(_("criteria version"), max_length=16, choices=CriteriaVersion.choices)
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    issuer_level = models.CharField(_("issuer level"), max_length=16, choices=IssuerLevel.choices)
    issuer_name = models.CharField(_("issuer"), max_length=128, help_text=_("Such as “UBND tỉnh Bắc Giang”."))
    programme_year = models.PositiveSmallIntegerField(_("programme year"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    status = models.CharField(
        _("status"), max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.ACTIVE
    )
    scan = models.FileField(_("scan of the decision"), upload_to="certificates", blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("OCOP certificate")
        verbose_name_plural = _("OCOP certificates")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stars__gte=3, stars__lte=5), name="certificate_stars_3_to_5"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__gt=models.F("valid_from")),
                name="certificate_valid_to_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.decision_number} ({self.stars}★)"

    VALIDITY_YEARS = 3

    @classmethod
    def validity_end(cls, valid_from: datetime.date) -> datetime.date:
        """36 months after issue (29 February runs to 28 February)."""
        try:
            return valid_from.replace(year=valid_from.year + cls.VALIDITY_YEARS)
        except ValueError:
            return valid_from.replace(year=valid_from.year + cls.VALIDITY_YEARS, day=28)

    def is_in_force(self, *, on: datetime.date) -> bool:
        return self.status == CertificateStatus.ACTIVE and self.valid_from <= on <= self.valid_to


class ListingChange(StaffDecision):
    """A producer's new listing, or its change to a published one, waiting for staff.

    The public keeps the published version until staff approve; `before` and `after` hold the
    moderated fields (`catalog.moderation.MODERATED`) so staff read the change as a diff.
    """

    class Kind(models.TextChoices):
        NEW = "new", _("New listing")
        CHANGE = "change", _("Change")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SUPERSEDED = "superseded", _("Replaced by a later change")

    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="listing_changes",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    before = models.JSONField(_("before"), default=dict)
    after = models.JSONField(_("after"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("listing change")
        verbose_name_plural = _("listing changes")
        ordering = ["submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(reason=""),
                name="listing_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.product} ({self.get_kind_display()})"


from oscar.apps.catalogue.models import *  # noqa: E402,F403
