"""Trade fairs (hội chợ, triển lãm) where OCOP producers show their products.

A fair is a Wagtail page (`FairPage`, under a `FairIndexPage`), so staff write, translate,
schedule and moderate it like any other page; its booth types are edited inline. Producers
apply for a booth from the shop dashboard (`BoothApplication`) with the products they will
show (`FairListing`, optionally at a fair price that the shop applies while the fair runs).
Applications attach to the fair's page in the default language (vi); translations of the
page share them through `FairPage.source_fair`.

The pages read what they show themselves (their own and their applications' rows, as Wagtail's
pages do), so this module imports no module of fairs that imports it back: `fairs.selectors`
holds the reads shared by the dashboard, the services, the home page and the shop's prices,
and builds on the querysets and methods here. The calendar and JSON-LD writers take a fair
and import only `fairs.choices`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from cms.seo import SeoMixin
from core.clock import vietnam_today
from core.models import ProducerSubmission
from fairs.calendar import fairs_calendar
from fairs.choices import FairFormat
from fairs.structured_data import fair_event


def _calendar_response(*, request, fairs, name, filename):
    body = fairs_calendar(fairs=[(fair, fair.get_full_url(request)) for fair in fairs], name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


class FairIndexPage(SeoMixin, RoutablePageMixin, Page):
    """The list of fairs: upcoming ones first, past ones kept as an archive with their exhibitors."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["fairs.FairPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("fair list")
        verbose_name_plural = _("fair lists")

    def fairs_live(self):
        """Published fairs in this list's language (the public pages show one at a time)."""
        return FairPage.objects.live().public().filter(locale=self.locale)

    def fairs_upcoming(self, *, today: datetime.date | None = None):
        """Fairs that have not ended yet (running ones included), soonest first."""
        today = today or vietnam_today()
        return self.fairs_live().filter(ends_on__gte=today).order_by("starts_on", "pk")

    def fair_archive(self, *, today: datetime.date | None = None) -> list[tuple["FairPage", list[str]]]:
        """[(past fair, its exhibitors' names)], newest first, in two queries however many fairs:
        the names come from the applications of each fair's default-language page."""
        today = today or vietnam_today()
        fairs = list(self.fairs_live().filter(ends_on__lt=today).order_by("-starts_on", "-pk"))
        sources = dict(
            FairPage.objects.filter(
                locale=Locale.get_default(), translation_key__in=[fair.translation_key for fair in fairs]
            ).values_list("translation_key", "pk")
        )
        names: dict[int, list[str]] = {}
        approved = BoothApplication.objects.filter(
            fair_id__in=sources.values(), status=ApplicationStatus.APPROVED
        )
        for fair_id, name in approved.order_by("booth_number", "producer__name").values_list(
            "fair_id", "producer__name"
        ):
            names.setdefault(fair_id, []).append(name)
        return [(fair, names.get(sources.get(fair.translation_key, fair.pk), [])) for fair in fairs]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_fairs"] = self.fairs_upcoming()
        context["past_fairs"] = self.fair_archive()
        context["today"] = vietnam_today()
        return context

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """Every fair still to come (or running), in one calendar file."""
        return _calendar_response(
            request=request,
            fairs=self.fairs_upcoming(),
            name=self.title,
            filename=slugify(self.slug) or "fairs",
        )


class FairPage(SeoMixin, RoutablePageMixin, Page):
    """One trade fair: when, where, who organises it, its booth types, and its exhibitors."""

    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    application_deadline = models.DateField(
        _("applications close"),
        null=True,
        blank=True,
        help_text=_("The last day producers can apply for a booth."),
    )
    format = models.CharField(
        _("format"), max_length=16, choices=FairFormat.choices, default=FairFormat.PHYSICAL
    )
    venue_name = models.CharField(_("venue"), max_length=255, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=255, blank=True)
    map_url = models.URLField(_("map link"), blank=True, help_text=_("A link to the venue on a map."))
    online_url = models.URLField(_("online fair link"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=255)
    intro = models.TextField(_("introduction"), max_length=500)
    body = RichTextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("application_deadline")]
                ),
                FieldPanel("format"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("map_url"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("organiser"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("booth_types", label=_("Booth types"), min_num=1),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("organiser"),
        index.FilterField("starts_on"),
        index.FilterField("ends_on"),
    ]

    parent_page_types = ["fairs.FairIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trade fair")
        verbose_name_plural = _("trade fairs")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A fair cannot end before it starts.")
        if self.application_deadline and self.ends_on and self.application_deadline > self.ends_on:
            errors["application_deadline"] = _("Applications must close by the fair's last day.")
        if self.format in (FairFormat.ONLINE, FairFormat.HYBRID) and not self.online_url:
            errors["online_url"] = _("An online fair needs its link.")
        if self.format in (FairFormat.PHYSICAL, FairFormat.HYBRID) and not self.venue_name:
            errors["venue_name"] = _("A fair in person needs its venue.")
        if errors:
            raise ValidationError(errors)

    def is_running(self, *, today: datetime.date | None = None) -> bool:
        today = today or vietnam_today()
        return self.starts_on <= today <= self.ends_on

    def applications_open(self, *, today: datetime.date | None = None) -> bool:
        """Until the deadline, or until the day before the fair when it has none."""
        today = today or vietnam_today()
        if self.application_deadline:
            return today <= self.application_deadline
        return today < self.starts_on

    def booth_types_with_places(self) -> list["BoothType"]:
        """The fair's booth types, each with `approved` (booths given) and `places_left`."""
        booth_types = list(
            BoothType.objects.filter(page=self.source_fair)
            .annotate(
                approved=Count("applications", filter=Q(applications__status=ApplicationStatus.APPROVED))
            )
            .order_by("sort_order", "pk")
        )
        for booth_type in booth_types:
            booth_type.places_left = max(booth_type.capacity - booth_type.approved, 0)
        return booth_types

    def exhibitors(self):
        """The approved applications (of the default-language page), with what they show."""
        return (
            BoothApplication.objects.filter(fair=self.source_fair, status=ApplicationStatus.APPROVED)
            .select_related("producer__commune", "booth_type")
            .with_listings()
            .order_by("booth_number", "producer__name")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = vietnam_today()
        context.update(
            today=today,
            is_running=self.is_running(today=today),
            is_over=self.ends_on < today,
            applications_open=self.applications_open(today=today),
            booth_types=self.booth_types_with_places(),
            exhibitors=self.exhibitors(),
        )
        return context

    def structured_data(self, request) -> dict:
        """schema.org Event, written into the head by `cms/base_page.html`."""
        return fair_event(fair=self, request=request)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """This fair as one calendar event."""
        return _calendar_response(request=request, fairs=[self], name=self.title, filename=self.slug)

    @property
    def source_fair(self) -> "FairPage":
        """The page in the default language, which holds the booth applications."""
        # Locale.get_default(), not Page.get_default_locale(): the latter is the parent's locale.
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return FairPage.objects.filter(translation_key=self.translation_key, locale=default).first() or self


class BoothType(Orderable):
    """A kind of booth at a fair, how many there are, and what one costs."""

    page = ParentalKey(FairPage, on_delete=models.CASCADE, related_name="booth_types")
    name = models.CharField(_("name"), max_length=128, help_text=_("Such as “Standard booth 3 × 3 m”."))
    description = models.CharField(_("description"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("number of booths"), validators=[MinValueValidator(1)])
    fee = models.DecimalField(
        _("fee (VND)"), max_digits=12, decimal_places=0, default=0, validators=[MinValueValidator(0)]
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("capacity"), FieldPanel("fee")]

    class Meta(Orderable.Meta):
        verbose_name = _("booth type")
        verbose_name_plural = _("booth types")

    def __str__(self):
        return self.name


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the OCOP office")
    APPROVED = "approved", _("Approved")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn by the producer")


class BoothApplicationQuerySet(models.QuerySet):
    def with_listings(self):
        """Each application's listings of products on sale, with their product, producer and
        photos, by product title: what a fair page and the dashboard show."""
        return self.prefetch_related(
            Prefetch(
                "listings",
                queryset=FairListing.objects.filter(stockrecord__product__is_public=True)
                .select_related("stockrecord__product", "stockrecord__partner")
                .prefetch_related("stockrecord__product__images")
                .order_by("stockrecord__product__title", "pk"),
            )
        )


class BoothApplication(ProducerSubmission):
    """A producer's request for a booth at a fair, and the office's decision on it."""

    fair = models.ForeignKey(
        FairPage, verbose_name=_("fair"), on_delete=models.CASCADE, related_name="applications"
    )
    booth_type = models.ForeignKey(
        BoothType, verbose_name=_("booth type"), on_delete=models.PROTECT, related_name="applications"
    )
    producer = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("producer"),
        on_delete=models.CASCADE,
        related_name="booth_applications",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
        db_index=True,
    )
    booth_number = models.CharField(_("booth number"), max_length=16, blank=True)
    message = models.TextField(_("message to the organiser"), blank=True)

    objects = BoothApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("booth application")
        verbose_name_plural = _("booth applications")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "producer"], name="booth_application_one_per_producer"),
            models.UniqueConstraint(
                fields=["fair", "booth_number"],
                condition=~models.Q(booth_number=""),
                name="booth_number_unique_per_fair",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | ~models.Q(booth_number=""),
                name="approved_booth_has_number",
            ),
        ]

    def __str__(self):
        return f"{self.producer} @ {self.fair}"


class FairListing(models.Model):
    """A product a producer shows at a fair, and its fair price while the fair runs."""

    application = models.ForeignKey(
        BoothApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="listings"
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="fair_listings",
    )
    fair_price = models.DecimalField(
        _("fair price (VND)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: the usual price. Applied in the shop from the fair's first to its last day."),
    )

    class Meta:
        verbose_name = _("fair listing")
        verbose_name_plural = _("fair listings")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stockrecord"], name="fair_listing_once_per_application"
            ),
            models.CheckConstraint(
                condition=models.Q(fair_price__isnull=True) | models.Q(fair_price__gt=0),
                name="fair_price_positive",
            ),
        ]

    def __str__(self):
        return f"{self.stockrecord.product} @ {self.application.fair}"
