"""StreamField blocks that bring a lot's trace into CMS pages (producer stories, news)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from traceability.selectors import lot_get_public, lot_trace


class LotTimelineBlock(blocks.StructBlock):
    """A lot's supply-chain timeline, read live: it shows nothing until the lot is published,
    and disappears if the lot or its product is withdrawn, without anyone editing the page."""

    short_code = blocks.CharBlock(
        label=_("trace code"),
        max_length=12,
        help_text=_("The short code of the lot, as in its trace link /t/<code>."),
    )
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=255)

    class Meta:
        template = "traceability/blocks/lot_timeline.html"
        icon = "list-ol"
        label = _("Lot timeline")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        lot = lot_get_public(short_code=value["short_code"] or "")
        context["trace"] = lot_trace(lot=lot) if lot else None
        return context
