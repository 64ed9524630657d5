"""Picking a place in the 2025 structure: a province, then one of its communes or wards.

The commune list depends on the province. With JavaScript it is refilled as soon as the
province changes (`places:communes`, `marketplace/js/address.js`) and the buyer picks the
commune in a searchable combobox (`places.widgets.CommuneCombobox`); without it, the plain
select, and choosing a province and sending the form shows that province's communes, with
everything typed kept.
"""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from core.vietnamese import sort_key
from places.models import Commune, Province
from places.widgets import CommuneCombobox, CommuneSearch


class VietnameseOrderIterator(ModelChoiceIterator):
    """The choices in Vietnamese alphabetical order of their names (core.vietnamese.sort_key),
    which no database collation of SQLite gives: "Cà Mau" before "Cao Bằng", Đ after D."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for place in sorted(self.queryset, key=lambda place: sort_key(place.name)):
            yield self.choice(place)


class PlaceChoiceField(forms.ModelChoiceField):
    """A province or commune listed with its kind: "Tỉnh Bắc Ninh", "Xã Lục Ngạn"."""

    iterator = VietnameseOrderIterator

    def label_from_instance(self, obj):
        return obj.full_name


class CommuneSearchField(PlaceChoiceField):
    """Any current commune, picked with `places.widgets.CommuneSearch`: the page holds only the
    chosen one. Without JavaScript, the search sends the form back with the matches to choose
    from; the message says so instead of Django's "not a valid choice"."""

    widget = CommuneSearch
    default_error_messages = {
        "invalid_choice": _("Choose the commune in the list of communes found, then save."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("empty_label", _("Choose a commune or ward"))
        super().__init__(Commune.objects.none(), **kwargs)


class CommuneChoiceMixin(forms.Form):
    """`province` and `commune` fields for a (model) form whose model has a `commune`."""

    province = PlaceChoiceField(
        Province.objects.filter(is_current=True),
        label=_("Province or city"),
        empty_label=_("Choose a province or city"),
    )
    commune = PlaceChoiceField(
        Commune.objects.none(),
        label=_("Commune or ward"),
        empty_label=_("Choose a commune or ward"),
        widget=CommuneCombobox,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].widget.attrs["data-commune-source"] = "true"
        # address.js refills the list when the province changes, with this first option.
        self.fields["commune"].widget.attrs["data-placeholder"] = self.fields["commune"].empty_label
        province = self._chosen_province()
        if province is not None:
            self.fields["province"].initial = province.pk
            self.fields["commune"].queryset = province.communes.all()
        else:
            self.fields["commune"].empty_label = _("Choose the province first.")

    def _chosen_province(self):
        if self.is_bound:
            value = self.data.get(self.add_prefix("province"))
        else:
            value = self.initial.get("province")
            instance = getattr(self, "instance", None)
            if value is None and getattr(instance, "commune_id", None):
                value = instance.commune.province_id
        if isinstance(value, Province):
            return value
        try:
            return Province.objects.filter(is_current=True).get(pk=value) if value else None
        except (Province.DoesNotExist, ValueError, TypeError):
            return None

    def clean(self):
        cleaned = super().clean()
        commune, province = cleaned.get("commune"), cleaned.get("province")
        if commune and province and commune.province_id != province.pk:
            self.add_error("commune", _("This commune is not in the province you chose."))
        return cleaned
