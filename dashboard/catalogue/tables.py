"""Oscar's product table, with where each listing stands with the OCOP office."""

from django.utils.translation import gettext_lazy as _
from django_tables2 import Column
from oscar.apps.dashboard.catalogue import tables


class ProductTable(tables.ProductTable):
    moderation_status = Column(
        verbose_name=_("Moderation"), accessor="get_moderation_status_display", order_by="moderation_status"
    )

    class Meta(tables.ProductTable.Meta):
        fields = (*tables.ProductTable.Meta.fields, "moderation_status")
        sequence = (
            *tables.ProductTable.Meta.sequence[:-3],
            "is_public",
            "moderation_status",
            "date_updated",
            "actions",
        )
