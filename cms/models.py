import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from catalog import selectors as catalog_selectors
from catalog.blocks import CertifiedProductsBlock
from cms import selectors
from cms.blocks import (
    TEXT_FEATURES,
    CampaignBodyBlock,
    ProgrammeBodyBlock,
    StandardBodyBlock,
    VideoBlock,
)
from cms.feeds import NewsAtomFeed, NewsRssFeed
from cms.harvest_calendar import calendar_by_month, harvest_calendar, month_labels
from cms.home import home_sections
from cms.seo import SeoMixin
from core.clock import vietnam_today
from core.params import slug_or_none
from traceability.blocks import LotTimelineBlock

NEWS_PER_PAGE = 10


class HomePage(SeoMixin, Page):
    """The site's front page at `/`: a hero, products chosen by staff, the OCOP product groups,
    and what the programme is doing: upcoming fairs, news, star producers and its figures."""

    description_field = "hero_text"
    image_field = "hero_image"

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
    subpage_types = [
        "cms.NewsIndexPage",
        "cms.CampaignPage",
        "cms.ProgrammePage",
        "cms.StandardPage",
        "cms.ProducerStoryPage",
        "fairs.FairIndexPage",
        "training.TrainingIndexPage",
        "cms.HarvestCalendarPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        product_ids = [item.product_id for item in self.featured_products.all()]
        context["featured_products"] = catalog_selectors.product_list_by_ids(product_ids=product_ids)
        context["product_groups"] = catalog_selectors.product_group_list()
        context.update(home_sections(home=self, on=today))
        context["latest_news"] = self.latest_news()
        context["star_producers"] = selectors.star_producer_list(on=today)
        context["programme_figures"] = selectors.programme_figures(on=today)
        return context

    def latest_news(self, *, limit: int = 3) -> list:
        # Under this home, or the Vietnamese ones the English home has not translated yet.
        return list(
            selectors.pages_under_home(NewsArticlePage.objects.live().public(), home=self)
            .select_related("image", "locale")
            .order_by("-date", "-first_published_at", "-pk")[:limit]
        )

    def structured_data(self, request) -> dict:
        site = self.get_site()  # one query: read once, not once a use
        site_url = site.root_url if site else request.build_absolute_uri("/")
        page_url = self.get_full_url(request)
        return {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "Organization",
                    "@id": f"{site_url}/#organization",
                    "name": str(_("Bắc Giang OCOP programme")),
                    "url": page_url,
                },
                {
                    "@type": "WebSite",
                    "@id": f"{site_url}/#website",
                    "name": site.site_name if site else self.title,
                    "url": page_url,
                    "inLanguage": self.locale.language_code,
                    "publisher": {"@id": f"{site_url}/#organization"},
                },
            ],
        }


class ProductLink(Orderable):
    """A product a page points at, chosen with the product chooser, in the order staff give."""

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        abstract = True


class HomePageFeaturedProduct(ProductLink):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_products")

    class Meta(Orderable.Meta):
        verbose_name = _("featured product")
        verbose_name_plural = _("featured products")


class StoryBodyBlock(blocks.StreamBlock):
    """What a story or a news article is told with: text, photos, videos, and the live
    catalogue and trace blocks."""

    paragraph = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES)
    image = ImageBlock(label=_("Photo"))
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    video = VideoBlock()
    certified_products = CertifiedProductsBlock()
    lot_timeline = LotTimelineBlock()


class ProducerStoryPage(SeoMixin, Page):
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

    # Under the home page as before, and under the news, where stories read as features.
    parent_page_types = ["cms.HomePage", "cms.NewsIndexPage"]
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


@register_snippet
class NewsCategory(models.Model):
    """A section of the news (programme news, fairs, market prices...), kept by staff."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsIndexPage(SeoMixin, RoutablePageMixin, Page):
    """The programme's news: newest first, ten a page, by category or tag, with RSS and Atom."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsArticlePage", "cms.ProducerStoryPage"]

    class Meta:
        verbose_name = _("news list")
        verbose_name_plural = _("news lists")

    def articles(self):
        """The live articles of this list, newest first."""
        return (
            NewsArticlePage.objects.live()
            .public()
            .child_of(self)
            .select_related("image")
            .prefetch_related("categories", "tags")
            .order_by("-date", "-first_published_at", "-pk")
        )

    @path("")
    def article_list(self, request):
        articles = self.articles()
        category = tag = None
        if asked := request.GET.get("category"):
            category = get_object_or_404(NewsCategory, slug=slug_or_none(asked))
            articles = articles.filter(categories=category)
        if asked := request.GET.get("tag"):
            tag = slug_or_none(asked)
            if tag is None:
                raise Http404("no such tag")
            articles = articles.filter(tags__slug=tag)
        page_obj = Paginator(articles, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "paginator": page_obj.paginator,
                "articles": page_obj.object_list,
                "category": category,
                "tag": tag,
                "categories": NewsCategory.objects.filter(pk__in=self.articles().values("categories")),
            },
        )

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return NewsRssFeed()(request, index=self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return NewsAtomFeed()(request, index=self)


class NewsArticlePage(SeoMixin, Page):
    """One news article of the programme, with the products it is about."""

    date = models.DateField(_("date"), default=datetime.date.today)
    author_name = models.CharField(_("author"), max_length=120, blank=True)
    intro = models.TextField(_("introduction"), max_length=500)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("article"), blank=True)
    categories = ParentalManyToManyField(
        "cms.NewsCategory", verbose_name=_("categories"), blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(through=NewsArticleTag, verbose_name=_("tags"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author_name")]),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("related_products", label=_("Related products"), max_num=8),
    ]
    promote_panels = Page.promote_panels + [
        MultiFieldPanel([FieldPanel("categories"), FieldPanel("tags")], heading=_("Categories and tags"))
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        product_ids = [item.product_id for item in self.related_products.all()]
        context["related_products"] = catalog_selectors.product_list_by_ids(product_ids=product_ids)
        return context

    def structured_data(self, request) -> dict:
        published = datetime.datetime.combine(
            self.date, datetime.time(), tzinfo=timezone.get_current_timezone()
        )
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": Truncator(self.title).chars(110),
            "description": self.meta_description,
            "datePublished": published.isoformat(),
            "dateModified": (self.last_published_at or published).isoformat(),
            "inLanguage": self.locale.language_code,
            "mainEntityOfPage": self.get_full_url(request),
            "url": self.get_full_url(request),
            "publisher": {
                "@type": "Organization",
                "name": self.get_site().site_name if self.get_site() else "",
            },
        }
        if self.author_name:
            data["author"] = {"@type": "Person", "name": self.author_name}
        if self.image:
            data["image"] = [self.image.get_rendition("fill-1200x675").full_url]
        return data


class NewsArticleRelatedProduct(ProductLink):
    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="related_products")

    class Meta(Orderable.Meta):
        verbose_name = _("related product")
        verbose_name_plural = _("related products")


class CampaignPage(SeoMixin, Page):
    """A promotion campaign (a harvest season, a fair, a product group) built from products,
    producers and fairs chosen in the admin, with text, photos and videos between them."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_on = models.DateField(_("campaign starts"), null=True, blank=True)
    ends_on = models.DateField(_("campaign ends"), null=True, blank=True)
    body = StreamField(CampaignBodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Dates")),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A campaign cannot end before it starts.")})


class ProgrammePage(SeoMixin, Page):
    """What OCOP is and what its star levels mean, for buyers and would-be producers."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ProgrammeBodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("image"), FieldPanel("body")]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("programme page")
        verbose_name_plural = _("programme pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programme_figures"] = selectors.programme_figures(on=timezone.localdate())
        return context


class StandardPage(SeoMixin, Page):
    """A plain page: about us, contacts, terms, help."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(StandardBodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage", "cms.ProgrammePage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    @property
    def meta_image(self):
        return None


class HarvestCalendarPage(SeoMixin, Page):
    """The province's harvest calendar: an introduction, then what is in season month by month
    this year, with its producers (the products' harvest windows, `seasons`): twelve columns on
    a wide screen, a list by month on a phone."""

    intro = RichTextField(_("introduction"), features=TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("harvest calendar")
        verbose_name_plural = _("harvest calendars")

    @property
    def meta_image(self):
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        year = vietnam_today().year
        rows = harvest_calendar(year=year)
        context.update(
            calendar_year=year,
            calendar_rows=rows,
            calendar_months=calendar_by_month(rows),
            month_labels=month_labels(),
        )
        return context
