"""Oscar's ModelAdmins of the catalogue (Django imports only catalog.admin) and ours; every
file field goes through the upload gate (`core.uploads`)."""

from django.contrib import admin
from django.db import models
from oscar.apps.catalogue import admin as oscar_admin
from oscar.core.loading import get_model

from catalog.models import Certificate, CertificateReminder, EvaluationRequest
from core.uploads import DocumentField, ImageField

ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
GATED_FILES = {models.ImageField: {"form_class": ImageField}, models.FileField: {"form_class": DocumentField}}

admin.site.unregister(ProductImage)
admin.site.unregister(Category)


@admin.register(ProductImage)
class ProductImageAdmin(oscar_admin.ProductImageAdmin):
    formfield_overrides = GATED_FILES


@admin.register(Category)
class CategoryAdmin(oscar_admin.CategoryAdmin):
    formfield_overrides = GATED_FILES


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
    formfield_overrides = GATED_FILES
    inlines = [CertificateReminderInline]


@admin.register(EvaluationRequest)
class EvaluationRequestAdmin(admin.ModelAdmin):
    list_display = ["product", "producer", "kind", "target_stars", "status", "submitted_at"]
    list_filter = ["kind", "status"]
    search_fields = ["product__title", "producer__name"]
    raw_id_fields = ["product", "certificate", "submitted_by", "reviewed_by"]
