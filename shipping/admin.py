# Registers Oscar's ModelAdmins of the shipping app (Django imports only shipping.admin).
import oscar.apps.shipping.admin  # noqa: F401
from django.contrib import admin
from oscar.core.loading import get_model

ProducerShippingRate = get_model("shipping", "ProducerShippingRate")


@admin.register(ProducerShippingRate)
class ProducerShippingRateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "fee", "free_above"]
    list_editable = ["fee", "free_above"]
    autocomplete_fields = ["partner"]
    search_fields = ["partner__name"]
