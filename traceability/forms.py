"""Forms for a producer's lots, trade items, certifications, inspections and events.

Each form is built for one producer: its product and lot choices are that producer's only,
so an id of another producer's product or lot typed into the request is an invalid choice.
Dates are `<input type=date>`; event times are `<input type=datetime-local>`, read as
Vietnam's time whatever time zone is active, and stored aware.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from core.clock import VIETNAM
from core.uploads import DocumentField
from places.forms import PlaceChoiceField
from places.models import Commune
from places.widgets import CommuneSearch
from traceability.models import Certification, Inspection, Lot, TraceEvent, TradeItem

Product = get_model("catalogue", "Product")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VietnamDateTimeField(forms.DateTimeField):
    """A `datetime-local` input in Vietnam's time (UTC+7, no daylight saving)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def prepare_value(self, value):
        with timezone.override(VIETNAM):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(VIETNAM):
            return super().to_python(value)


def communes():
    return (
        Commune.objects.select_related("province")
        .filter(province__is_current=True)
        .order_by("province__name", "name")
    )


def producer_products(producer):
    return Product.objects.filter(stockrecords__partner=producer).distinct().order_by("title")


class ProducerFormMixin:
    """Takes the `producer` the form works for."""

    def __init__(self, *args, producer, **kwargs):
        self.producer = producer
        super().__init__(*args, **kwargs)


class LotForm(ProducerFormMixin, forms.ModelForm):
    product = forms.ModelChoiceField(
        Product.objects.none(),
        label=_("Product"),
        error_messages={"invalid_choice": _("Choose one of the products you sell.")},
    )
    origin_commune = PlaceChoiceField(
        Commune.objects.none(),
        label=_("Commune of the growing area or workshop"),
        required=False,
        empty_label=_("Choose a commune or ward"),
        widget=CommuneSearch,
    )

    class Meta:
        model = Lot
        fields = [
            "product",
            "code",
            "produced_on",
            "packed_on",
            "expires_on",
            "quantity",
            "unit",
            "growing_area",
            "growing_area_code",
            "origin_commune",
        ]
        widgets = {"produced_on": DateInput(), "packed_on": DateInput(), "expires_on": DateInput()}
        help_texts = {
            "code": _("As printed on the pack: up to 20 letters, digits, dashes, dots or underscores."),
            "growing_area": _("Such as “Đồi Cà, thôn Hồng Giang”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = producer_products(self.producer)
        self.fields["origin_commune"].queryset = communes()
        if not self.instance.pk and self.producer.commune_id:
            self.initial.setdefault("origin_commune", self.producer.commune_id)
        if self.instance.first_published_at:
            # Printed labels carry them; the service refuses a change too.
            for name in ("product", "code"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("A published lot keeps its product and code.")

    def _post_clean(self):
        """The service validates and saves: the form only parses."""


class TradeItemForm(forms.ModelForm):
    class Meta:
        model = TradeItem
        fields = ["gtin", "brand", "geographical_indication", "applied_standards"]
        widgets = {"applied_standards": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        """The service validates and saves: the form only parses."""


class CertificationForm(ProducerFormMixin, forms.ModelForm):
    products = forms.ModelMultipleChoiceField(
        Product.objects.none(),
        label=_("Products covered"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": _("Choose among the products you sell.")},
    )
    scan = DocumentField(
        label=_("Scan"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )

    class Meta:
        model = Certification
        fields = ["scheme", "scheme_name", "issuer", "number", "valid_from", "valid_to", "products", "scan"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = producer_products(self.producer)

    def _post_clean(self):
        """The service validates and saves: the form only parses."""


class InspectionForm(forms.ModelForm):
    report = DocumentField(
        label=_("Report"),
        required=False,
        help_text=_("The laboratory's report: PDF, JPEG or PNG, at most 10 MB."),
    )

    class Meta:
        model = Inspection
        fields = ["inspected_on", "kind", "inspector", "report_number", "result", "summary", "report"]
        widgets = {"inspected_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        """The service validates and saves: the form only parses."""


class TraceEventForm(ProducerFormMixin, forms.ModelForm):
    event_time = VietnamDateTimeField(
        label=_("Time"), help_text=_("Vietnam time (UTC+7). It cannot be in the future.")
    )
    commune = PlaceChoiceField(
        Commune.objects.none(), label=_("Commune"), required=False, empty_label=_("Choose a commune or ward")
    )
    output_lot = forms.ModelChoiceField(
        Lot.objects.none(),
        label=_("Lot made from it"),
        required=False,
        help_text=_("For processing: the new lot this one became."),
        error_messages={"invalid_choice": _("Choose one of your own lots.")},
    )

    class Meta:
        model = TraceEvent
        fields = [
            "business_step",
            "event_time",
            "description",
            "actor",
            "place",
            "place_code",
            "commune",
            "quantity",
            "unit",
            "event_type",
            "action",
            "output_lot",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, lot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes()
        self.fields["output_lot"].queryset = (
            Lot.objects.filter(producer=self.producer).exclude(pk=lot.pk).select_related("product")
        )
        if not self.instance.pk:
            self.initial.setdefault("actor", self.producer.name)
            self.initial.setdefault("place", lot.growing_area)
            self.initial.setdefault("commune", lot.origin_commune_id)
            self.initial.setdefault("action", "OBSERVE")

    def _post_clean(self):
        """The service validates and saves: the form only parses."""


class LotFilterForm(forms.Form):
    """The lot list's filters: a product of the producer's, and a code to look for."""

    product = forms.ModelChoiceField(
        Product.objects.none(), label=_("Product"), required=False, empty_label=_("All products")
    )
    q = forms.CharField(label=_("Lot code"), required=False, max_length=20)

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products
