"""A product's harvest windows: when fresh produce is picked, as month and day ranges.

A window is either every year's (`year` empty) or one year's (`year` set: that year's early or
main crop replaces the every-year window of the same kind, e.g. a late spring moves the 2027
main crop). A window normally ends in the year it starts; a crop picked over the new year
(oranges from November to February) says so with `crosses_new_year`, and its `year` is the year
it starts. A window that ends before it starts without crossing the new year is refused.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class HarvestKind(models.TextChoices):
    EARLY = "early", pgettext_lazy("harvest", "Early crop")
    MAIN = "main", pgettext_lazy("harvest", "Main crop")


def _month_day_valid(month: int, day: int) -> bool:
    # 29 February is a real harvest day in leap years; the spans read it as 28 February else.
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]


def month_day_on(year: int, month: int, day: int) -> datetime.date:
    """The date of (month, day) in `year`; 29 February becomes the 28th in a common year."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


class HarvestWindow(models.Model):
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="harvest_windows",
    )
    kind = models.CharField(_("crop"), max_length=8, choices=HarvestKind.choices, default=HarvestKind.MAIN)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_(
            "Leave empty for every year; a year's window replaces the every-year window of its crop."
        ),
    )
    start_month = models.PositiveSmallIntegerField(
        _("start month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    start_day = models.PositiveSmallIntegerField(
        _("start day"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    end_month = models.PositiveSmallIntegerField(
        _("end month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    end_day = models.PositiveSmallIntegerField(
        _("end day"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    crosses_new_year = models.BooleanField(
        _("runs into the next year"),
        default=False,
        help_text=_("Tick when the harvest starts late in one year and ends early in the next."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("harvest window")
        verbose_name_plural = _("harvest windows")
        ordering = ["product", "year", "start_month", "start_day"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "kind", "year"], name="harvest_window_one_per_crop_and_year"
            ),
            models.UniqueConstraint(
                fields=["product", "kind"],
                condition=models.Q(year__isnull=True),
                name="harvest_window_one_every_year_per_crop",
            ),
        ]

    def __str__(self):
        start = f"{self.start_day:02d}/{self.start_month:02d}"
        return f"{self.get_kind_display()} {start}–{self.end_day:02d}/{self.end_month:02d}"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_month and self.start_day and not _month_day_valid(self.start_month, self.start_day):
            errors["start_day"] = _("This month has no such day.")
        if self.end_month and self.end_day and not _month_day_valid(self.end_month, self.end_day):
            errors["end_day"] = _("This month has no such day.")
        if errors:
            raise ValidationError(errors)
        if None in (self.start_month, self.start_day, self.end_month, self.end_day):
            return
        ends_before = (self.end_month, self.end_day) < (self.start_month, self.start_day)
        if ends_before and not self.crosses_new_year:
            raise ValidationError(
                {
                    "end_month": _(
                        "The harvest ends before it starts. If it runs into the next year, tick "
                        "“runs into the next year”."
                    )
                }
            )
        if self.crosses_new_year and not ends_before:
            raise ValidationError(
                {
                    "crosses_new_year": _(
                        "A harvest that ends after it starts in the same year does not run into "
                        "the next year."
                    )
                }
            )

    def span_in(self, year: int) -> tuple[datetime.date, datetime.date]:
        """(first day, last day) of this window's harvest that starts in `year`."""
        starts_on = month_day_on(year, self.start_month, self.start_day)
        ends_on = month_day_on(year + 1 if self.crosses_new_year else year, self.end_month, self.end_day)
        return starts_on, ends_on
