"""Wagtail blocks that show the catalogue in CMS pages."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail import blocks

from catalog import certificates

Category = get_model("catalogue", "Category")


def product_group_choices():
    """The OCOP product groups (root categories), read when the editor opens the block."""
    return [("", _("All groups"))] + [
        (str(category.pk), category.name) for category in Category.get_root_nodes().order_by("name")
    ]


class CertifiedProductsBlock(blocks.StructBlock):
    """The live list of OCOP-certified products of a group and a place.

    The list is read when the page is shown, so a product appears once its certificate is in
    force and leaves when it expires or is revoked, without anyone editing the page.
    """

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    product_group = blocks.ChoiceBlock(
        label=_("Product group"), choices=product_group_choices, required=False
    )
    place = blocks.CharBlock(
        label=_("Place code"),
        max_length=16,
        required=False,
        help_text=_(
            "A province or commune code (such as T24 for Bắc Ninh), or a legacy district code "
            "(such as 219 for Lục Ngạn). Empty: everywhere."
        ),
    )
    min_stars = blocks.ChoiceBlock(
        label=_("At least"), choices=[("3", "3★"), ("4", "4★"), ("5", "5★")], default="3"
    )
    count = blocks.IntegerBlock(label=_("How many"), min_value=1, max_value=24, default=8)

    class Meta:
        template = "catalog/blocks/certified_products.html"
        icon = "pick"
        label = _("OCOP certified products")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        group = value.get("product_group")
        category = Category.objects.filter(pk=int(group)).first() if group and group.isdigit() else None
        context["products"] = certificates.certified_product_list(
            on=timezone.localdate(),
            category=category,
            place_code=(value.get("place") or "").strip(),
            min_stars=int(value.get("min_stars") or 3),
            limit=value.get("count") or 8,
        )
        return context
