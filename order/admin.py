from django.contrib import admin
from oscar.apps.order.admin import *  # noqa: F403
from oscar.core.loading import get_model

Fulfilment = get_model("order", "Fulfilment")


@admin.register(Fulfilment)
class FulfilmentAdmin(admin.ModelAdmin):
    list_display = [
        "order",
        "partner",
        "status",
        "shipping_charge",
        "carrier",
        "tracking_number",
        "updated_at",
    ]
    list_filter = ["status"]
    search_fields = ["order__number", "partner__name", "tracking_number"]
    raw_id_fields = ["order"]
