"""Django admin for staff: every producer's lots, trade items, certifications and events.

Producers use the dashboard pages (`traceability.dashboard`); the admin is staff's fallback
for corrections. Scans and reports get the dashboard's content check.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.uploads import DocumentField
from traceability.models import Certification, Inspection, Lot, TraceEvent, TradeItem


class TraceEventInline(admin.TabularInline):
    model = TraceEvent
    fk_name = "lot"
    extra = 0
    fields = ["event_time", "business_step", "event_type", "action", "actor", "place", "quantity", "unit"]
    show_change_link = True


class InspectionInline(admin.TabularInline):
    model = Inspection
    extra = 0
    fields = ["inspected_on", "kind", "inspector", "result", "report_number"]
    show_change_link = True


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "product",
        "producer",
        "produced_on",
        "expires_on",
        "quantity",
        "unit",
        "is_published",
    ]
    list_filter = ["is_published", "unit", "producer"]
    search_fields = ["code", "short_code", "product__title", "producer__name", "growing_area_code"]
    date_hierarchy = "produced_on"
    raw_id_fields = ["product", "producer", "origin_commune"]
    readonly_fields = ["short_code", "created", "updated"]
    inlines = [TraceEventInline, InspectionInline]


@admin.register(TradeItem)
class TradeItemAdmin(admin.ModelAdmin):
    list_display = ["product", "gtin", "brand", "geographical_indication"]
    search_fields = ["gtin", "brand", "product__title", "geographical_indication"]
    raw_id_fields = ["product"]


class CertificationAdminForm(forms.ModelForm):
    """The admin fills in the model and fields; the scan goes through the upload gate."""

    scan = DocumentField(label=_("Scan"), required=False)


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    form = CertificationAdminForm
    list_display = ["number", "scheme", "producer", "issuer", "valid_from", "valid_to"]
    list_filter = ["scheme", "producer"]
    search_fields = ["number", "issuer", "producer__name", "products__title"]
    date_hierarchy = "valid_to"
    raw_id_fields = ["producer"]
    filter_horizontal = ["products"]


class InspectionAdminForm(forms.ModelForm):
    """The admin fills in the model and fields; the report goes through the upload gate."""

    report = DocumentField(label=_("Report"), required=False)


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    form = InspectionAdminForm
    list_display = ["lot", "inspected_on", "kind", "inspector", "result"]
    list_filter = ["result"]
    search_fields = ["lot__code", "kind", "inspector", "report_number"]
    date_hierarchy = "inspected_on"
    raw_id_fields = ["lot"]


@admin.register(TraceEvent)
class TraceEventAdmin(admin.ModelAdmin):
    list_display = ["lot", "business_step", "event_type", "action", "event_time", "actor", "place"]
    list_filter = ["business_step", "event_type", "action"]
    search_fields = ["lot__code", "actor", "place", "place_code", "description"]
    date_hierarchy = "event_time"
    raw_id_fields = ["lot", "output_lot", "commune"]
