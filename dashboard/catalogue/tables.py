"""Oscar's product table, with where each listing stands with the OCOP office: its state
(draft, waiting, on sale, rejected) and, for a listing on sale, a change still waiting for
approval (`ProductListView` annotates `has_pending_change`)."""

from django.utils.translation import gettext_lazy as _
from django_tables2 import Column, TemplateColumn
from oscar.apps.dashboard.catalogue import tables


class ProductTable(tables.ProductTable):
    # Not sortable: a sort link with no words in a column with no name (Oscar's script puts
    # the "select all" box in its header).
    checkbox = TemplateColumn(
        verbose_name="",
        template_name="oscar/dashboard/catalogue/product_row_checkbox.html",
        orderable=False,
    )
    stock_records = TemplateColumn(
        verbose_name=_("Stock and price"),
        template_name="oscar/dashboard/catalogue/product_row_stockrecords.html",
        orderable=False,
    )
    is_public = Column(verbose_name=_("On the shop"), accessor="is_public", order_by="is_public")
    moderation_status = TemplateColumn(
        verbose_name=_("Moderation"),
        template_name="oscar/dashboard/catalogue/product_row_moderation.html",
        order_by="moderation_status",
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

    def render_is_public(self, value):
        return _("Yes") if value else _("No")
