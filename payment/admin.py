from django.contrib import admin
from oscar.apps.payment.admin import *  # noqa: F403
from oscar.core.loading import get_model

StripeEvent = get_model("payment", "StripeEvent")
BankStatementImport = get_model("payment", "BankStatementImport")
BankTransfer = get_model("payment", "BankTransfer")


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ["event_id", "type", "order_number", "outcome", "created", "received_at"]
    list_filter = ["type"]
    search_fields = ["event_id", "object_id", "order_number"]
    readonly_fields = [field.name for field in StripeEvent._meta.fields]

    def has_add_permission(self, request):
        return False


class BankTransferInline(admin.TabularInline):
    model = BankTransfer
    fields = ["bank_reference", "booked_on", "amount", "description", "order", "outcome"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(BankStatementImport)
class BankStatementImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "imported_at", "imported_by", "rows", "matched"]
    readonly_fields = ["file_name", "imported_at", "imported_by", "rows", "matched"]
    inlines = [BankTransferInline]
