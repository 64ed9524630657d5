"""The OCOP evaluation cycle (OCOP.md, "The OCOP cycle and training"; QĐ 148/QĐ-TTg amended by
QĐ 1489/QĐ-TTg):

- a **round** (`EvaluationRound`, đợt đánh giá) that staff open with its dates and criteria
  version; producers register products until its deadline;
- a **dossier** (`Dossier`, hồ sơ) per product and round: the registration form, the product's
  description and standards, evidence files (`DossierDocument`), the producer's
  **self-assessment** on the criteria sheet (`SelfScore`) and the commune's pre-check
  (`CommuneCheck`); staff check it is complete, send it back with reasons
  (`DossierReview`), and pass it to the council;
- the **council** (`CouncilMember`, with roles) whose members each score each dossier
  (`CouncilSheet`, `CouncilScore`) within each criterion's maximum;
- the **result** (`RoundResult`), fixed when the council closes: the members' mean per
  criterion and in total, the stars the mandatory criteria allow, 90 points and more proposed
  to the central 5★ evaluation; and the **decision** that issues the certificates
  (`catalog.certificates`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalog.ocop import CriteriaVersion, IssuerLevel
from core.models import ProducerSubmission, StaffDecision
from core.object_storage import private_storage


class RoundStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("evaluation round", "Taking registrations")
    SCORING = "scoring", pgettext_lazy("evaluation round", "Council scoring")
    CLOSED = "closed", pgettext_lazy("evaluation round", "Council closed")
    DECIDED = "decided", pgettext_lazy("evaluation round", "Decision recorded")


class EvaluationRound(models.Model):
    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("Such as “Đánh giá, phân hạng sản phẩm OCOP năm 2026, đợt 1”."),
    )
    programme_year = models.PositiveSmallIntegerField(_("programme year"))
    criteria_version = models.CharField(_("criteria version"), max_length=16, choices=CriteriaVersion.choices)
    issuer_level = models.CharField(
        _("recognised by"), max_length=16, choices=IssuerLevel.choices, default=IssuerLevel.PROVINCE
    )
    registration_opens = models.DateField(_("registration opens"))
    registration_closes = models.DateField(
        _("registration deadline"),
        help_text=_("The last day producers may register a product and send its dossier."),
    )
    council_meets = models.DateField(_("council meets"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.OPEN, db_index=True
    )
    notes = models.TextField(_("notes for producers"), blank=True)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("council closed"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decision recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decision recorded"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["-registration_opens", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_closes__gte=models.F("registration_opens")),
                name="round_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="decided")
                | (~models.Q(decision_number="") & models.Q(decision_date__isnull=False)),
                name="round_decided_has_decision",
            ),
        ]

    def __str__(self):
        return self.title

    def takes_registrations_on(self, day) -> bool:
        return self.status == RoundStatus.OPEN and self.registration_opens <= day <= self.registration_closes


class DossierKind(models.TextChoices):
    NEW = "new", _("New product")
    REEVALUATION = "reevaluation", _("Re-evaluation")
    UPGRADE = "upgrade", _("Upgrade")


class DossierStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("dossier", "Being prepared")
    SUBMITTED = "submitted", pgettext_lazy("dossier", "Waiting for the completeness check")
    RETURNED = "returned", pgettext_lazy("dossier", "Sent back for more")
    ACCEPTED = "accepted", pgettext_lazy("dossier", "Complete: with the council")
    WITHDRAWN = "withdrawn", pgettext_lazy("dossier", "Withdrawn")


class Dossier(ProducerSubmission):
    """A product registered for a round, with everything the producer sends for it.

    `submitted_by`/`submitted_at` are who registered it and when; `reviewed_*` and `reason` the
    office's last completeness decision (every one is kept in `DossierReview`).
    """

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="dossiers"
    )
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="dossiers"
    )
    producer = models.ForeignKey(
        "partner.Partner", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="dossiers"
    )
    kind = models.CharField(_("registered for"), max_length=16, choices=DossierKind.choices)
    target_stars = models.PositiveSmallIntegerField(
        _("stars aimed at"), null=True, blank=True, validators=[MinValueValidator(3), MaxValueValidator(5)]
    )
    certificate = models.ForeignKey(
        "catalogue.Certificate",
        verbose_name=_("current certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    evaluation_request = models.OneToOneField(
        "catalogue.EvaluationRequest",
        verbose_name=_("from the request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossier",
    )
    sheet = models.ForeignKey(
        "criteria.CriteriaSheet",
        verbose_name=_("criteria sheet"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    description = models.TextField(
        _("product description"),
        blank=True,
        help_text=_("What the product is, how it is made, what sets it apart."),
    )
    standards = models.TextField(
        _("standards applied"),
        blank=True,
        help_text=_("Such as the published base standard (TCCS), TCVN, VietGAP, HACCP."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DossierStatus.choices, default=DossierStatus.DRAFT, db_index=True
    )
    sent_at = models.DateTimeField(_("sent to the office"), null=True, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["round", "producer__name", "product__title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "product"], name="dossier_one_per_product_and_round"),
            models.CheckConstraint(
                condition=~models.Q(kind="upgrade") | models.Q(target_stars__isnull=False),
                name="dossier_upgrade_has_target",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="returned") | ~models.Q(reason=""),
                name="dossier_returned_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.product} ({self.round})"


class DocumentKind(models.TextChoices):
    REGISTRATION_FORM = "registration-form", _("Signed registration form")
    TEST_REPORT = "test-report", _("Test report")
    LABEL = "label", _("Product label")
    STANDARD = "standard", _("Published standard")
    CERTIFICATION = "certification", _("Certification (VietGAP, HACCP, organic…)")
    INTELLECTUAL_PROPERTY = "ip", _("Intellectual property (trademark, geographical indication)")
    OTHER = "other", _("Other evidence")


class DossierDocument(models.Model):
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to="evaluation/%Y/%m/", storage=private_storage)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["dossier", "kind", "uploaded_at"]

    def __str__(self):
        return self.title or self.file.name.rsplit("/", 1)[-1]


class SelfScore(models.Model):
    """The producer's own answer on one criterion: one of its levels."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="self_scores"
    )
    criterion = models.ForeignKey(
        "criteria.Criterion", verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    points = models.DecimalField(
        _("points"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.TextField(_("evidence or note"), blank=True)

    class Meta:
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")
        constraints = [models.UniqueConstraint(fields=["dossier", "criterion"], name="self_score_once")]


class CommuneCheck(models.Model):
    """The commune People's Committee's pre-check of three dossier items (QĐ 1489/QĐ-TTg):
    local origin of the raw materials, local labour, and where the product idea comes from.
    Recorded by staff from the commune's confirmation."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="commune_check"
    )
    commune_name = models.CharField(
        _("checked by"), max_length=255, help_text=_("Such as “UBND xã Nam Dương”.")
    )
    checked_on = models.DateField(_("checked on"))
    raw_materials_local = models.BooleanField(_("raw materials of local origin"))
    labour_local = models.BooleanField(_("local labour"))
    idea_local = models.BooleanField(_("the product idea comes from the locality"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("commune pre-check")
        verbose_name_plural = _("commune pre-checks")


class DossierReview(StaffDecision):
    """One completeness decision of the office on a dossier: sent back (with the reasons the
    producer reads) or passed to the council."""

    class Outcome(models.TextChoices):
        RETURNED = "returned", _("Sent back")
        ACCEPTED = "accepted", _("Complete")

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="reviews"
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)

    class Meta:
        verbose_name = _("completeness check")
        verbose_name_plural = _("completeness checks")
        ordering = ["dossier", "reviewed_at", "pk"]


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice-chair", _("Vice chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


# The roles that score products; the secretary keeps the record.
SCORING_ROLES = (CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.MEMBER)


class CouncilMember(models.Model):
    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="council"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="council_seats",
    )
    role = models.CharField(_("role"), max_length=16, choices=CouncilRole.choices, default=CouncilRole.MEMBER)
    position = models.CharField(
        _("position and agency"),
        max_length=255,
        blank=True,
        help_text=_("Such as “Phó Giám đốc Sở Nông nghiệp và Môi trường”."),
    )

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["round", "role", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="council_seat_once_per_round")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def scores(self) -> bool:
        return self.role in SCORING_ROLES


class CouncilSheet(models.Model):
    """One member's scoring of one dossier; complete once every criterion has its points."""

    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="sheets"
    )
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="council_sheets"
    )
    completed_at = models.DateTimeField(_("complete"), null=True, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("council scoring sheet")
        verbose_name_plural = _("council scoring sheets")
        constraints = [models.UniqueConstraint(fields=["member", "dossier"], name="council_sheet_once")]


class CouncilScore(models.Model):
    sheet = models.ForeignKey(
        CouncilSheet, verbose_name=_("sheet"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        "criteria.Criterion", verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    points = models.DecimalField(
        _("points"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("council score")
        verbose_name_plural = _("council scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="council_score_once"),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="council_score_not_negative"),
        ]


class RoundResult(models.Model):
    """A dossier's result, fixed when the council closes (`criteria.assessment.assess` on the
    members' mean per criterion)."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="result"
    )
    sheets_counted = models.PositiveSmallIntegerField(_("scoring sheets counted"))
    score = models.DecimalField(_("total score"), max_digits=5, decimal_places=2)
    score_a = models.DecimalField(_("part A score"), max_digits=5, decimal_places=2)
    score_b = models.DecimalField(_("part B score"), max_digits=5, decimal_places=2)
    score_c = models.DecimalField(_("part C score"), max_digits=5, decimal_places=2)
    stars_by_score = models.PositiveSmallIntegerField(_("stars by the total"))
    stars = models.PositiveSmallIntegerField(
        _("stars"), help_text=_("After the mandatory criteria of each star level.")
    )
    shortfalls = models.TextField(_("mandatory criteria not met"), blank=True)
    proposed_central = models.BooleanField(_("proposed for the central 5★ evaluation"), default=False)
    certificate = models.OneToOneField(
        "catalogue.Certificate",
        verbose_name=_("certificate issued"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="round_result",
    )

    class Meta:
        verbose_name = _("round result")
        verbose_name_plural = _("round results")
        ordering = ["-score", "pk"]

    def __str__(self):
        return f"{self.dossier}: {self.score} ({self.stars}★)"
