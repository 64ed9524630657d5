from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalog import selectors as catalog_selectors
from catalog.blocks import CertifiedProductsBlock
from traceability.blocks import LotTimelineBlock


class HomePage(Page):
    """The site's front page at `/`: a hero, products chosen by staff, the OCOP product groups."""

    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("button label"), max_length=60, blank=True)
    featured_title = models.CharField(_("featured products heading"), max_length=120, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("featured_title"),
        InlinePanel("featured_products", label=_("Featured products"), max_num=12),
    ]

    search_fields = Page.search_fields + [index.SearchField("hero_title"), index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        product_ids = [item.product_id for item in self.featured_products.all()]
        context["featured_products"] = catalog_selectors.product_list_by_ids(product_ids=product_ids)
        context["product_groups"] = catalog_selectors.product_group_list()
        return context


class HomePageFeaturedProduct(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_products")
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured product")
        verbose_name_plural = _("featured products")


class StoryBodyBlock(blocks.StreamBlock):
    """What a story is told with: text, photos, and the live catalogue and trace blocks."""

    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    image = ImageBlock(label=_("Photo"))
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    certified_products = CertifiedProductsBlock()
    lot_timeline = LotTimelineBlock()


class ProducerStoryPage(Page):
    """The story of one producer: who they are, how they work, and the lots they sell."""

    producer = models.ForeignKey(
        "partner.Partner", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="story_pages"
    )
    intro = models.TextField(_("introduction"), max_length=500)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("story"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("producer"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("producer story")
        verbose_name_plural = _("producer stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["producer_products"] = (
            catalog_selectors.product_card_queryset()
            .filter(stockrecords__partner=self.producer)
            .distinct()[:8]
        )
        return context
