# Registers Oscar's ModelAdmins of the catalogue (Django imports only catalog.admin).
import oscar.apps.catalogue.admin  # noqa: F401
from django.contrib import admin

from catalog.models import Certificate, CertificateReminder, EvaluationRequest


class CertificateReminderInline(admin.TabularInline):
    model = CertificateReminder
    extra = 0
    readonly_fields = ["days_before", "sent_at"]
    can_delete = False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Corrections only: staff record, revoke and supersede in the dashboard, where
    catalog.certificates keeps the rules (Certificate.clean() still applies here)."""

    list_display = ["decision_number", "product", "stars", "valid_from", "valid_to", "status"]
    list_filter = ["stars", "status", "criteria_version", "issuer_level"]
    search_fields = ["decision_number", "product__title", "producer__name"]
    raw_id_fields = ["product", "supersedes", "status_changed_by"]
    inlines = [CertificateReminderInline]


@admin.register(EvaluationRequest)
class EvaluationRequestAdmin(admin.ModelAdmin):
    list_display = ["product", "producer", "kind", "target_stars", "status", "submitted_at"]
    list_filter = ["kind", "status"]
    search_fields = ["product__title", "producer__name"]
    raw_id_fields = ["product", "certificate", "submitted_by", "reviewed_by"]
