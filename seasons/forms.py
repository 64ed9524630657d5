from django import forms
from django.utils.dates import MONTHS

from seasons.models import HarvestWindow

MONTH_CHOICES = [(month, MONTHS[month]) for month in range(1, 13)]


class HarvestWindowForm(forms.ModelForm):
    """A producer's harvest window: the crop, its first and last days, every year or one year's.
    The model's rules (`HarvestWindow.clean`) and the one-window-per-crop-and-year rule are
    checked by the service, whose refusals come back on the form with what was typed."""

    start_month = forms.TypedChoiceField(choices=MONTH_CHOICES, coerce=int)
    end_month = forms.TypedChoiceField(choices=MONTH_CHOICES, coerce=int)

    class Meta:
        model = HarvestWindow
        fields = [
            "kind",
            "start_day",
            "start_month",
            "end_day",
            "end_month",
            "crosses_new_year",
            "year",
            "note",
        ]
        widgets = {
            "start_day": forms.NumberInput(attrs={"min": 1, "max": 31, "inputmode": "numeric"}),
            "end_day": forms.NumberInput(attrs={"min": 1, "max": 31, "inputmode": "numeric"}),
            "year": forms.NumberInput(attrs={"min": 2000, "max": 2100, "inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_month", "end_month"):
            self.fields[name].label = HarvestWindow._meta.get_field(name).verbose_name.capitalize()

    def _post_clean(self):
        # The model's checks run in the service, once, on the whole window (its product set).
        opts = self._meta
        try:
            self.instance = forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)
        except forms.ValidationError as error:
            self._update_errors(error)
