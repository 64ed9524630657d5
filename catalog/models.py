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
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractCategory,
    AbstractProduct,
    AbstractProductAttributeValue,
)

from catalog.ocop import (
    PART_MAXIMA,
    STAR_SCORE_RANGES,
    CriteriaVersion,
    IssuerLevel,
    criteria_version_on,
    date_text,
    issuer_level_for,
    points_text,
    stars_for_score,
)
from core.html import html_clean, html_text
from core.models import ProducerSubmission


class ModerationStatus(models.TextChoices):
    """Where a listing stands with the OCOP office. Staff's own products are published at once."""

    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", pgettext_lazy("listing status", "Published")
    REJECTED = "rejected", _("Rejected")


ENGLISH_HELP = _(
    "Shown on the English site to buyers abroad; left empty, the English site shows the Vietnamese."
)


class Product(AbstractProduct):
    # English for buyers abroad (`core.localized`); moderated with the Vietnamese (catalog.moderation).
    title_en = models.CharField(_("English title"), max_length=255, blank=True, help_text=ENGLISH_HELP)
    description_en = models.TextField(_("English description"), blank=True, help_text=ENGLISH_HELP)
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

    def is_review_permitted(self, user) -> bool:
        """Oscar's hook: only a buyer who received the product reviews it, once (Oscar's rule),
        and the review waits for the OCOP office (OSCAR_MODERATE_REVIEWS)."""
        if not (user.is_authenticated and super().is_review_permitted(user)):
            return False
        # The order lines that hold this product (order.Line's reverse accessor: catalog never
        # imports order); "delivered" is the status a part's lines take when it is delivered.
        return self.line_set.filter(order__user=user, status="delivered").exists()

    @property
    def is_on_sale(self) -> bool:
        """Shown and sold in the shop: public and approved by the OCOP office (a variant: its
        parent too). What the catalogue, search and the basket all go by."""
        listing = self.parent if self.is_child and self.parent_id else self
        return (
            self.is_public and listing.is_public and listing.moderation_status == ModerationStatus.PUBLISHED
        )

    def clean(self):
        super().clean()
        # Here too, not only in save(): the form's and the import's checks see what is kept.
        self.description = html_clean(self.description)
        self.description_en = html_clean(self.description_en)
        if self.origin_district_id and self.origin_commune_id:
            commune_districts = set(self.origin_commune.legacy_districts.values_list("pk", flat=True))
            if commune_districts and self.origin_district_id not in commune_districts:
                raise ValidationError(
                    {
                        "origin_district": _("%(commune)s was not part of the legacy district %(district)s.")
                        % {"commune": self.origin_commune.name, "district": self.origin_district.name}
                    }
                )

    def save(self, *args, **kwargs):
        # The one place every writer passes (Oscar's product form, the spreadsheet import,
        # moderation's approval, the Django admin, the demo loader): the description is shown
        # as HTML, so it is kept only as the allow-list of `core.html` leaves it (in both languages).
        self.description = html_clean(self.description)
        self.description_en = html_clean(self.description_en)
        super().save(*args, **kwargs)

    def get_title_en(self) -> str:
        """The English title (`core.localized`); a variant without one takes its parent's, as
        Oscar's `get_title()` does for the Vietnamese."""
        if not self.title_en and self.is_child and self.parent_id:
            return self.parent.title_en
        return self.title_en

    def get_meta_title_en(self) -> str:
        """The English page title: the English title (staff's meta title is Vietnamese)."""
        return self.get_title_en()

    def get_meta_description_en(self) -> str:
        """The English meta description: the English description's words."""
        return html_text(self.description_en)

    def ocop_certificate(self, *, on: datetime.date | None = None):
        """The certificate that backs the OCOP badge on `on` (today), or None.

        Reads `certificates` through the prefetch cache when the list selectors filled it.
        """
        on = on or timezone.localdate()
        in_force = [certificate for certificate in self.certificates.all() if certificate.is_in_force(on=on)]
        return max(in_force, key=lambda certificate: certificate.valid_from, default=None)

    @property
    def sorted_recommended_products(self):
        """Oscar's, read from `primary_recommendations` when the product page's query fetched
        them (Oscar's own query would read them again)."""
        fetched = getattr(self, "_prefetched_objects_cache", {}).get("primary_recommendations")
        if fetched is None:
            return super().sorted_recommended_products
        return [recommendation.recommendation for recommendation in fetched]

    @property
    def ocop_stars(self) -> int | None:
        certificate = self.ocop_certificate()
        return certificate.stars if certificate else None


class Category(AbstractCategory):
    """Oscar's category, an OCOP product group or product set, with its English name for
    buyers abroad (`core.localized`); staff edit it in Oscar's category form."""

    name_en = models.CharField(_("English name"), max_length=255, blank=True, help_text=ENGLISH_HELP)
    description_en = models.TextField(_("English description"), blank=True, help_text=ENGLISH_HELP)

    def save(self, *args, **kwargs):
        # Shown as HTML (`|clean_html`, `{% localized_html %}`): kept as the allow-list leaves it.
        self.description_en = html_clean(self.description_en)
        super().save(*args, **kwargs)


class ProductAttributeValue(AbstractProductAttributeValue):
    """Oscar's attribute value; a rich-text value is kept and shown through `core.html`'s
    allow-list, as the description is (Oscar writes it out with `mark_safe`)."""

    def save(self, *args, **kwargs):
        if self.value_richtext:
            self.value_richtext = html_clean(self.value_richtext)
        super().save(*args, **kwargs)

    @property
    def _richtext_as_html(self):
        return mark_safe(html_clean(self.value))  # noqa: S308  (cleaned by the allow-list)


class CertificateStatus(models.TextChoices):
    """What staff decide. Active, expiring and expired follow from the dates."""

    ACTIVE = "active", _("Active")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded by a re-evaluation")


class CertificateState(models.TextChoices):
    """Where a certificate stands on a given day: the staff status read against the dates."""

    ACTIVE = "active", _("In force")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")
    NOT_YET = "not-yet", _("Not yet in force")


# Days before valid_to from which a certificate counts as expiring (the first reminder).
EXPIRING_WITHIN_DAYS = 90


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
    # 3-5 by the check constraint; Certificate.clean() says why 1-2 stars are refused.
    stars = models.PositiveSmallIntegerField(_("stars"), validators=[MaxValueValidator(5)])
    score = models.DecimalField(
        _("total score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    score_a = models.DecimalField(
        _("part A score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Product and community strength. Optional."),
    )
    score_b = models.DecimalField(
        _("part B score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Marketing capability. Optional."),
    )
    score_c = models.DecimalField(
        _("part C score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Product quality. Optional."),
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
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
        help_text=_("The earlier certificate of the product that this re-evaluation replaces."),
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
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

    def state(self, *, on: datetime.date | None = None) -> str:
        """The `CertificateState` on `on` (today): staff's status first, then the dates."""
        on = on or timezone.localdate()
        if self.status == CertificateStatus.REVOKED:
            return CertificateState.REVOKED
        if self.status == CertificateStatus.SUPERSEDED:
            return CertificateState.SUPERSEDED
        if on > self.valid_to:
            return CertificateState.EXPIRED
        if on < self.valid_from:
            return CertificateState.NOT_YET
        if (self.valid_to - on).days <= EXPIRING_WITHIN_DAYS:
            return CertificateState.EXPIRING
        return CertificateState.ACTIVE

    def state_label(self, *, on: datetime.date | None = None) -> str:
        return CertificateState(self.state(on=on)).label

    def days_left(self, *, on: datetime.date | None = None) -> int:
        return (self.valid_to - (on or timezone.localdate())).days

    def row_errors(self) -> dict[str, list[str]]:
        """Field -> messages for the rules one certificate row can check on its own: the
        programme's rules (`catalog.ocop`), the 36-month validity, that the producer offers the
        product, and no other active certificate of the product for the same dates."""
        errors: dict[str, list[str]] = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        stars, score = self.stars, self.score
        version_label = (
            CriteriaVersion(self.criteria_version).label if self.criteria_version in CriteriaVersion else ""
        )
        if stars is not None and stars < 3:
            add(
                "stars",
                gettext("1-2★ products are not OCOP-certified: a certificate is for 3, 4 or 5 stars."),
            )
        if score is not None and stars is not None and 3 <= stars <= 5:
            band = stars_for_score(score)
            if band < 3:
                add(
                    "score",
                    gettext("A score of %(score)s is below 50: 1-2★ products are not OCOP-certified.")
                    % {"score": points_text(score)},
                )
            elif band < stars:
                # A score above the band is no error: a mandatory criterion of a star level holds
                # the product below its band (QĐ 148), and a province recognises at most 4★ of a
                # 90+ product, which it proposes for the central 5★ evaluation (QĐ 1489).
                add(
                    "score",
                    gettext(
                        "A %(stars)s★ certificate needs a total score of %(range)s; "
                        "%(score)s is a %(band)s★ score."
                    )
                    % {
                        "stars": stars,
                        "range": STAR_SCORE_RANGES[stars],
                        "score": points_text(score),
                        "band": band,
                    },
                )
        parts = {"score_a": self.score_a, "score_b": self.score_b, "score_c": self.score_c}
        given = {name: value for name, value in parts.items() if value is not None}
        if given and self.criteria_version in PART_MAXIMA:
            if len(given) < 3:
                for name in parts.keys() - given.keys():
                    add(name, gettext("Give all three part scores, or none."))
            for (name, value), maximum, letter in zip(
                parts.items(), PART_MAXIMA[self.criteria_version], "ABC", strict=True
            ):
                if value is not None and value > maximum:
                    add(
                        name,
                        gettext("Part %(part)s counts at most %(maximum)s points under %(version)s.")
                        % {"part": letter, "maximum": maximum, "version": version_label},
                    )
            if len(given) == 3 and score is not None and sum(given.values()) != score:
                add(
                    "score",
                    gettext("Parts A, B and C add up to %(sum)s, not to the total score %(score)s.")
                    % {"sum": points_text(sum(given.values())), "score": points_text(score)},
                )
        if self.decision_date:
            expected = criteria_version_on(self.decision_date)
            if self.criteria_version and self.criteria_version != expected:
                add(
                    "criteria_version",
                    gettext("A decision dated %(date)s follows %(expected)s, not %(version)s.")
                    % {
                        "date": date_text(self.decision_date),
                        "expected": expected.label,
                        "version": version_label,
                    },
                )
            if stars in (3, 4, 5) and self.issuer_level in IssuerLevel:
                level = issuer_level_for(stars=stars, decision_date=self.decision_date)
                if self.issuer_level != level:
                    add(
                        "issuer_level",
                        gettext(
                            "On %(date)s %(stars)s★ products were recognised at %(expected)s level, "
                            "not %(level)s level."
                        )
                        % {
                            "date": date_text(self.decision_date),
                            "stars": stars,
                            "expected": IssuerLevel(level).label.lower(),
                            "level": IssuerLevel(self.issuer_level).label.lower(),
                        },
                    )
            if self.programme_year and self.programme_year not in (
                self.decision_date.year,
                self.decision_date.year - 1,
            ):
                # A year's evaluation round may be decided early the next year.
                add(
                    "programme_year",
                    gettext("The programme year must be the decision's year (%(year)s) or the year before.")
                    % {"year": self.decision_date.year},
                )
            if self.valid_from and self.valid_from < self.decision_date:
                add(
                    "valid_from",
                    gettext("A certificate cannot be valid before its decision date (%(date)s).")
                    % {"date": date_text(self.decision_date)},
                )
        if self.valid_from and self.valid_to and self.valid_to != Certificate.validity_end(self.valid_from):
            add(
                "valid_to",
                gettext("A certificate is valid 36 months: from %(start)s it ends on %(end)s.")
                % {
                    "start": date_text(self.valid_from),
                    "end": date_text(Certificate.validity_end(self.valid_from)),
                },
            )
        if self.product_id and self.producer_id:
            if not Product.objects.filter(
                pk=self.product_id, stockrecords__partner_id=self.producer_id
            ).exists():
                add(
                    "producer",
                    gettext(
                        "This producer does not offer the product: a certificate is for its own product."
                    ),
                )
            if self.status == CertificateStatus.ACTIVE and self.valid_from and self.valid_to:
                overlapping = (
                    Certificate.objects.filter(
                        product_id=self.product_id,
                        status=CertificateStatus.ACTIVE,
                        valid_from__lte=self.valid_to,
                        valid_to__gte=self.valid_from,
                    )
                    .exclude(pk=self.pk)
                    .order_by("valid_from")
                    .first()
                )
                if overlapping:
                    add(
                        "__all__",
                        gettext(
                            "The product already has an active certificate for these dates "
                            "(%(number)s, valid until %(end)s): supersede or revoke it first."
                        )
                        % {"number": overlapping.decision_number, "end": date_text(overlapping.valid_to)},
                    )
        return errors

    def clean(self):
        """The rules one row can check (so the admin and the dashboard's form follow them too);
        the services add the workflow's (supersession, revocation)."""
        super().clean()
        errors = self.row_errors()
        if errors:
            raise ValidationError(errors)


class CertificateReminder(models.Model):
    """A reminder mailed before a certificate ends: one per certificate and threshold, ever."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), on_delete=models.CASCADE, related_name="reminders"
    )
    days_before = models.PositiveSmallIntegerField(_("days before expiry"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate reminder")
        verbose_name_plural = _("certificate reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"], name="certificate_reminder_once_per_threshold"
            )
        ]

    def __str__(self):
        return f"{self.certificate} - {self.days_before}"


class EvaluationRequest(ProducerSubmission):
    """A producer's request to have a product evaluated again, or ranked higher (nâng hạng)."""

    class Kind(models.TextChoices):
        REEVALUATION = "reevaluation", _("Re-evaluation")
        UPGRADE = "upgrade", _("Upgrade")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the OCOP office")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="evaluation_requests",
    )
    producer = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("producer"),
        on_delete=models.CASCADE,
        related_name="evaluation_requests",
    )
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("current certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation_requests",
    )
    kind = models.CharField(_("request"), max_length=16, choices=Kind.choices)
    target_stars = models.PositiveSmallIntegerField(
        _("stars asked for"), null=True, blank=True, validators=[MinValueValidator(3), MaxValueValidator(5)]
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )

    class Meta:
        verbose_name = _("evaluation request")
        verbose_name_plural = _("evaluation requests")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(reason=""),
                name="evaluation_decline_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="upgrade") | models.Q(target_stars__isnull=False),
                name="evaluation_upgrade_has_target",
            ),
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(status="pending"),
                name="evaluation_one_pending_per_product",
            ),
        ]

    def __str__(self):
        return f"{self.product} ({self.get_kind_display()})"


class ListingChange(ProducerSubmission):
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
