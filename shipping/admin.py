from django.contrib import admin
from oscar.apps.shipping.admin import *  # noqa: F403
from oscar.core.loading import get_model

ProducerShippingRate = get_model("shipping", "ProducerShippingRate")


@admin.register(ProducerShippingRate)
class ProducerShippingRateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "fee", "free_above"]
    list_editable = ["fee", "free_above"]
    autocomplete_fields = ["partner"]
    search_fields = ["partner__name"]
