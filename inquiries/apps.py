from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    """Trade buyers' inquiries (B2B) to producers, and the producers' answers."""

    name = "inquiries"
    verbose_name = _("Buyer inquiries")
    default_auto_field = "django.db.models.AutoField"
