"""The criteria sheet (bộ tiêu chí) that producers self-assess on and councils score on.

A sheet belongs to one criteria version (`catalog.ocop.CriteriaVersion`) and one product set
(an Oscar category: a QĐ 148 product group or one of its product sets; none for a sheet that
serves every product set of its version). It has parts (A, B, C with their maxima), each part
criteria, each criterion its levels (the points a council may give and what each means), and
some levels are the least a product needs on that criterion for a star level (the mandatory
criteria of QĐ 148: a product below one of them cannot take that star, whatever its total).

Sheets are data: loaded from a file in the repository (`criteria/data/`) or imported by staff
from a spreadsheet (`criteria.importing`), every row checked, all or nothing. A sheet names its
source; one whose criteria are not the official text says so (`is_sample`), and pages show it.
Once a round scores on a sheet, its rows are not edited again: a correction is a new sheet.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.ocop import PART_MAXIMA, CriteriaVersion


class CriteriaSheetQuerySet(models.QuerySet):
    def for_product(self, *, criteria_version: str, categories):
        """The sheets of `criteria_version` that may score a product of `categories`: its
        product sets' own, its groups', then the version's general sheet, in that order of
        preference (`sheet_for_product` takes the first)."""
        return self.filter(criteria_version=criteria_version, in_use=True).filter(
            models.Q(category__in=categories) | models.Q(category__isnull=True)
        )


class CriteriaSheet(models.Model):
    criteria_version = models.CharField(_("criteria version"), max_length=16, choices=CriteriaVersion.choices)
    category = models.ForeignKey(
        "catalogue.Category",
        verbose_name=_("product group or set"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="criteria_sheets",
        help_text=_("Empty: the sheet serves every product set of its criteria version."),
    )
    code = models.SlugField(_("code"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=255)
    source = models.TextField(
        _("source"), help_text=_("The document the criteria come from, as one would cite it.")
    )
    is_sample = models.BooleanField(
        _("sample, not the official text"),
        default=False,
        help_text=_("The criteria only illustrate the structure: not the text of the decision's annex."),
    )
    in_use = models.BooleanField(
        _("in use"), default=True, help_text=_("Rounds choose among the sheets in use.")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CriteriaSheetQuerySet.as_manager()

    class Meta:
        verbose_name = _("criteria sheet")
        verbose_name_plural = _("criteria sheets")
        ordering = ["criteria_version", "code"]

    def __str__(self):
        return self.title

    @property
    def part_maxima(self) -> tuple[int, int, int] | None:
        return PART_MAXIMA.get(self.criteria_version)


class CriteriaPart(models.Model):
    """A part of the 100-point scale: A (product and community strength), B (marketing
    capability), C (product quality), with its maximum under the sheet's criteria version."""

    sheet = models.ForeignKey(
        CriteriaSheet, verbose_name=_("sheet"), on_delete=models.CASCADE, related_name="parts"
    )
    code = models.CharField(_("code"), max_length=8)
    title = models.CharField(_("title"), max_length=255)
    max_points = models.DecimalField(_("maximum points"), max_digits=5, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criteria part")
        verbose_name_plural = _("criteria parts")
        ordering = ["sheet", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["sheet", "code"], name="criteria_part_code_once")]

    def __str__(self):
        return f"{self.code}. {self.title}"


class Criterion(models.Model):
    part = models.ForeignKey(
        CriteriaPart, verbose_name=_("part"), on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.CharField(_("code"), max_length=16)
    title = models.TextField(_("criterion"))
    max_points = models.DecimalField(
        _("maximum points"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["part__position", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["part", "code"], name="criterion_code_once_per_part")]

    def __str__(self):
        return f"{self.code}. {self.title}"


class CriterionLevel(models.Model):
    """One answer on a criterion and its points: what the producer self-assesses and the
    council scores against."""

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="levels"
    )
    points = models.DecimalField(
        _("points"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    description = models.TextField(_("description"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion level")
        verbose_name_plural = _("criterion levels")
        ordering = ["criterion", "points", "position"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "points"], name="criterion_level_points_once")
        ]

    def __str__(self):
        return f"{self.points}: {self.description}"


class StarRequirement(models.Model):
    """A mandatory criterion of a star level: a product needs at least `min_points` on
    `criterion` to take `stars` (and every star level above it that has no requirement of its
    own on the criterion)."""

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="star_requirements"
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(3), MaxValueValidator(5)]
    )
    min_points = models.DecimalField(_("at least"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("mandatory criterion")
        verbose_name_plural = _("mandatory criteria")
        ordering = ["stars", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "stars"], name="star_requirement_once"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=3, stars__lte=5), name="star_requirement_3_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.stars}★: {self.criterion.code} ≥ {self.min_points}"
