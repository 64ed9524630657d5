from django.contrib import admin

from inquiries.models import Inquiry, InquiryReply


class InquiryReplyInline(admin.TabularInline):
    model = InquiryReply
    extra = 0
    readonly_fields = ["author", "created"]


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ["created", "company", "country", "producer", "product", "fair", "status"]
    list_filter = ["status", "language", "country"]
    search_fields = ["company", "buyer_name", "email", "producer__name", "product__title"]
    raw_id_fields = ["product", "producer", "fair"]
    readonly_fields = ["created"]
    inlines = [InquiryReplyInline]
