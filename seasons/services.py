"""Writing harvest windows: a producer's (or staff's) edits apply at once, like price and stock
(no moderation); the search index and the cached cards follow through the models' signals
(`search.signals`, `catalog.cards`)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from seasons.models import HarvestWindow

FIELDS = ("kind", "year", "start_month", "start_day", "end_month", "end_day", "crosses_new_year", "note")


def harvest_window_save(*, window: HarvestWindow) -> HarvestWindow:
    """Check `window` (the model's rules, one window per crop and year) and save it."""
    window.full_clean(validate_constraints=False)
    twins = HarvestWindow.objects.filter(product_id=window.product_id, kind=window.kind, year=window.year)
    if window.year is None:
        twins = HarvestWindow.objects.filter(
            product_id=window.product_id, kind=window.kind, year__isnull=True
        )
    if twins.exclude(pk=window.pk).exists():
        if window.year is None:
            message = _("This product already has an every-year window for this crop: edit that one.")
        else:
            message = _("This product already has a window for this crop in %(year)s: edit that one.") % {
                "year": window.year
            }
        raise ValidationError({"kind": message})
    try:
        with transaction.atomic():
            window.save()
    except IntegrityError as error:  # a race past full_clean's uniqueness check
        raise ValidationError(
            {"kind": _("This product already has a window for this crop and year.")}
        ) from error
    return window


def harvest_window_create(*, product, **fields) -> HarvestWindow:
    return harvest_window_save(window=HarvestWindow(product=product, **fields))


@transaction.atomic
def harvest_window_delete(*, window: HarvestWindow) -> None:
    window.delete()
