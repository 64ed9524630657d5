"""StreamField blocks of the promotion pages: videos that survive an unreachable provider,
the product, producer and fair choosers of campaigns, and the OCOP star levels."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from catalog import selectors as catalog_selectors
from catalog.blocks import CertifiedProductsBlock
from cms.viewsets import producer_chooser_viewset, product_chooser_viewset

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.blocks"
)
ProducerChooserBlock = producer_chooser_viewset.get_block_class(
    name="ProducerChooserBlock", module_path="cms.blocks"
)

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class VideoBlock(EmbedBlock):
    """A video from YouTube, Facebook and the like, embedded through oEmbed.

    The provider is asked when the page is shown. When it cannot be reached (or knows no such
    video) the template shows a plain link instead, so the page still renders; and the editor
    can still save the page then, which Wagtail's own block would refuse.
    """

    def clean(self, value):
        return blocks.URLBlock.clean(self, value)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cms/blocks/video.html"


class ProductsBlock(blocks.StructBlock):
    """Products chosen by staff, shown as product cards; products that are no longer public
    drop out of the page by themselves."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    products = blocks.ListBlock(ProductChooserBlock(label=_("Product")), label=_("Products"), min_num=1)

    class Meta:
        icon = "tag"
        label = _("Products")
        template = "cms/blocks/products.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        product_ids = [product.pk for product in value["products"] if product is not None]
        context["products"] = catalog_selectors.product_list_by_ids(product_ids=product_ids)
        return context


class ProducerBlock(blocks.StructBlock):
    """One producer chosen by staff, with a short editor's note and a link to its products."""

    producer = ProducerChooserBlock(label=_("Producer"))
    note = blocks.CharBlock(label=_("Note"), max_length=255, required=False)

    class Meta:
        icon = "group"
        label = _("Producer")
        template = "cms/blocks/producer.html"


class FairBlock(blocks.StructBlock):
    """A trade fair page, shown as a card with its dates and venue."""

    fair = blocks.PageChooserBlock(label=_("Fair"), page_type="fairs.FairPage")

    class Meta:
        icon = "date"
        label = _("Trade fair")
        template = "cms/blocks/fair.html"


class StarLevelBlock(blocks.StructBlock):
    stars = blocks.ChoiceBlock(label=_("Stars"), choices=[("3", "3★"), ("4", "4★"), ("5", "5★")])
    min_score = blocks.IntegerBlock(label=_("Lowest score"), min_value=0, max_value=100)
    max_score = blocks.IntegerBlock(label=_("Highest score"), min_value=0, max_value=100)
    description = blocks.TextBlock(label=_("What it means"), required=False)


class StarLevelsBlock(blocks.StructBlock):
    """The OCOP star levels with their score bands, editable when the criteria change."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    levels = blocks.ListBlock(StarLevelBlock(), label=_("Star levels"))

    class Meta:
        icon = "pick"
        label = _("Star levels")
        template = "cms/blocks/star_levels.html"


class CampaignBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES)
    image = ImageBlock(label=_("Photo"))
    video = VideoBlock()
    products = ProductsBlock()
    producer = ProducerBlock()
    fair = FairBlock()
    certified_products = CertifiedProductsBlock()


class ProgrammeBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES)
    image = ImageBlock(label=_("Photo"))
    star_levels = StarLevelsBlock()
    certified_products = CertifiedProductsBlock()


class StandardBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES)
    image = ImageBlock(label=_("Photo"))
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    video = VideoBlock()
