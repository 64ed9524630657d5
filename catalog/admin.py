from django.contrib import admin  # noqa: E402
from oscar.apps.catalogue.admin import *  # noqa: F403

from .models import Certificate  # noqa: E402


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["decision_number", "product", "stars", "valid_from", "valid_to", "status"]
    list_filter = ["stars", "status", "criteria_version", "issuer_level"]
    search_fields = ["decision_number", "product__title", "producer__name"]
    raw_id_fields = ["product"]
