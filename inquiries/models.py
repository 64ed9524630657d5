"""A trade buyer's inquiry (hỏi mua sỉ) to a producer, and the producer's answers.

The inquiry is addressed to one producer; the product and the fair are optional context (a
buyer may write about a product, or to an exhibitor from a fair page). The buyer has no
account: the answers go out by mail, in the language the buyer wrote in.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inquiries.countries import country_name, validate_country_code


class InquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Inquiry(models.Model):
    buyer_name = models.CharField(_("your name"), max_length=128)
    company = models.CharField(_("company"), max_length=255)
    # ISO 3166-1 alpha-2; see inquiries.countries for why not Oscar's country table.
    country = models.CharField(_("country"), max_length=2, validators=[validate_country_code])
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=32, blank=True, help_text=_("With the country code."))
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    producer = models.ForeignKey(
        "partner.Partner", verbose_name=_("producer"), on_delete=models.CASCADE, related_name="inquiries"
    )
    fair = models.ForeignKey(
        "fairs.FairPage",
        verbose_name=_("fair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
        help_text=_("The fair the buyer met the producer at, in the default language."),
    )
    # Free text: buyers write "5 tấn/tháng", "1 container 40 ft per quarter", "200 hộp".
    quantity = models.CharField(
        _("quantity"), max_length=128, help_text=_("For example “5 tonnes a month” or “200 boxes”.")
    )
    target_market = models.CharField(
        _("target market"), max_length=128, blank=True, help_text=_("Where you will sell, such as “Japan”.")
    )
    message = models.TextField(_("message"), max_length=4000)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=16, choices=InquiryStatus.choices, default=InquiryStatus.NEW, db_index=True
    )
    created = models.DateTimeField(_("received"), default=timezone.now, editable=False, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("buyer inquiry")
        verbose_name_plural = _("buyer inquiries")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["producer", "status", "created"], name="inquiry_producer_status")]

    def __str__(self):
        return f"{self.company} → {self.producer}"

    @property
    def country_name(self):
        return country_name(self.country)


class InquiryReply(models.Model):
    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("answer"), max_length=4000)
    created = models.DateTimeField(_("sent"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("answer to an inquiry")
        verbose_name_plural = _("answers to inquiries")
        ordering = ["created", "pk"]

    def __str__(self):
        return f"{self.inquiry} ({self.created:%Y-%m-%d})"
