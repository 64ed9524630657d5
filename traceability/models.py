"""Lots and their story, shaped after GS1 (Digital Link, EPCIS 2.0) and Thông tư 02/2024/TT-BKHCN.

A `TradeItem` holds what a product carries on every pack (GTIN, brand, geographical
indication, applied standards). A `Lot` is one harvest or production run of a product; its
public trace page lives at `/01/<gtin>/10/<lot code>` when the product has a GTIN and at
`/t/<short code>` always. `TraceEvent`s are the lot's supply-chain steps as EPCIS 2.0 events;
`Certification`s (VietGAP, organic, ...) belong to the producer and cover some of its
products; `Inspection`s are test results for one lot. Producers keep all of these for their
own products only; only published lots are public.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.clock import vietnam_today

# GS1 AI (10): up to 20 characters of GS1's 82-character set; we keep to the ones a URL path
# carries unescaped (letters, digits, - . _), so the printed link is the code itself.
LOT_CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9\-._]{0,19}$",
    _("Use up to 20 letters, digits, dashes, dots or underscores, starting with a letter or digit."),
)
SHORT_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: read aloud or typed from a label


def gtin_check_digit(digits: str) -> int:
    """The GS1 mod-10 check digit for the digits before it."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def validate_gtin(value: str):
    if not value.isdigit() or len(value) not in (8, 12, 13, 14):
        raise ValidationError(_("A GTIN has 8, 12, 13 or 14 digits."))
    if gtin_check_digit(value[:-1]) != int(value[-1]):
        raise ValidationError(_("The last digit of this GTIN does not match its check digit."))


def short_code_new() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(8))


class TradeItem(models.Model):
    """What every pack of a product carries: its GTIN if it has one, brand, GI and standards."""

    product = models.OneToOneField(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="trade_item"
    )
    gtin = models.CharField(
        _("GTIN (barcode)"),
        max_length=14,
        blank=True,
        validators=[validate_gtin],
        help_text=_("Leave empty if the product has no GS1 barcode; its lots still get a short trace link."),
    )
    brand = models.CharField(_("brand or trademark"), max_length=128, blank=True)
    geographical_indication = models.CharField(
        _("geographical indication or collective mark"),
        max_length=255,
        blank=True,
        help_text=_("Such as “Vải thiều Lục Ngạn – chỉ dẫn địa lý”."),
    )
    applied_standards = models.TextField(
        _("applied standards"),
        blank=True,
        help_text=_("TCVN, QCVN, TCCS or international standards, one per line."),
    )

    class Meta:
        verbose_name = _("trade item")
        verbose_name_plural = _("trade items")
        constraints = [
            models.UniqueConstraint(
                fields=["gtin"], condition=~models.Q(gtin=""), name="trade_item_gtin_unique"
            ),
        ]

    def __str__(self):
        return self.gtin or str(self.product)

    @property
    def gtin14(self) -> str:
        """The GTIN padded to 14 digits, as GS1 Digital Link URLs carry it (and as it is stored)."""
        return self.gtin.zfill(14) if self.gtin else ""

    @property
    def gtin_printed(self) -> str:
        """The digits under the pack's barcode: 13 for an EAN-13 (Vietnam's start with 893)."""
        digits = self.gtin14
        return digits[1:] if digits.startswith("0") else digits


class Unit(models.TextChoices):
    """Units of quantity, with the UN/ECE Rec. 20 code EPCIS quantities use."""

    KILOGRAM = "KGM", _("kg")
    TONNE = "TNE", _("tonne")
    LITRE = "LTR", _("litre")
    PIECE = "H87", _("piece")
    BOX = "XBX", _("box")
    BOTTLE = "XBO", _("bottle")


class LotQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def unexpired(self, *, on: datetime.date):
        """Lots still within their use-by date on `on` (the date itself included), or without one."""
        return self.filter(models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=on))

    def expired(self, *, on: datetime.date):
        """Lots whose use-by date had passed by `on`."""
        return self.filter(expires_on__lt=on)


class Lot(models.Model):
    """One harvest or production run of a product: what a QR on a pack points to."""

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="lots"
    )
    producer = models.ForeignKey(
        "partner.Partner", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="lots"
    )
    code = models.CharField(_("lot code"), max_length=20, validators=[LOT_CODE_VALIDATOR])
    short_code = models.CharField(
        _("short trace code"), max_length=12, unique=True, default=short_code_new, editable=False
    )
    produced_on = models.DateField(_("harvest or production date"))
    packed_on = models.DateField(_("packing date"), null=True, blank=True)
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=3, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("unit"), max_length=3, choices=Unit.choices, default=Unit.KILOGRAM)
    growing_area_code = models.CharField(
        _("growing area code"),
        max_length=64,
        blank=True,
        help_text=_("Mã số vùng trồng, if the area has one."),
    )
    growing_area = models.CharField(_("growing area"), max_length=255, blank=True)
    origin_commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune of the growing area or workshop"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lots",
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published lots have a public trace page.")
    )
    first_published_at = models.DateTimeField(
        _("first published"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Once set, labels may carry the lot's link: its product and code stay as they are."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = LotQuerySet.as_manager()

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["-produced_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "code"], name="lot_code_unique_per_product"),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("produced_on")),
                name="lot_expiry_not_before_production",
            ),
            models.CheckConstraint(
                condition=models.Q(packed_on__isnull=True) | models.Q(packed_on__gte=models.F("produced_on")),
                name="lot_packing_not_before_production",
            ),
        ]

    def __str__(self):
        return f"{self.product} – {self.code}"

    @property
    def is_public(self) -> bool:
        """Whether its trace page answers: the lot is published and its product is on sale."""
        return self.is_published and self.product.is_public

    def is_expired_on(self, on: datetime.date) -> bool:
        """Whether the lot's use-by date had passed by `on`: it may be eaten on that date itself."""
        return self.expires_on is not None and self.expires_on < on

    @property
    def is_expired(self) -> bool:
        """Whether the lot is past its use-by date today, on Vietnam's clock."""
        return self.is_expired_on(vietnam_today())

    def get_absolute_url(self):
        """The trace page: GS1 Digital Link shaped when the product has a GTIN, else the short link."""
        trade_item = getattr(self.product, "trade_item", None)
        if trade_item is not None and trade_item.gtin:
            return reverse(
                "traceability:lot-digital-link", kwargs={"gtin": trade_item.gtin14, "lot": self.code}
            )
        return self.get_short_url()

    def get_short_url(self):
        return reverse("traceability:lot-short", kwargs={"code": self.short_code})

    def clean(self):
        errors = {}
        if self.produced_on and self.expires_on and self.expires_on < self.produced_on:
            errors["expires_on"] = _("The expiry date cannot be before the harvest or production date.")
        if self.produced_on and self.packed_on and self.packed_on < self.produced_on:
            errors["packed_on"] = _("The packing date cannot be before the harvest or production date.")
        if self.produced_on and self.produced_on > timezone.localdate():
            errors["produced_on"] = _("The harvest or production date cannot be in the future.")
        if errors:
            raise ValidationError(errors)


class CertificationScheme(models.TextChoices):
    VIETGAP = "vietgap", "VietGAP"
    GLOBALGAP = "globalgap", "GlobalG.A.P."
    ORGANIC = "organic", _("Organic")
    HACCP = "haccp", "HACCP"
    ISO_22000 = "iso22000", "ISO 22000"
    FOOD_SAFETY = "food-safety", _("Food safety establishment certificate")
    OTHER = "other", _("Other")


class Certification(models.Model):
    """A producer's VietGAP, organic, HACCP… certificate, covering some of its products."""

    producer = models.ForeignKey(
        "partner.Partner", verbose_name=_("producer"), on_delete=models.CASCADE, related_name="certifications"
    )
    products = models.ManyToManyField(
        "catalogue.Product",
        verbose_name=_("products covered"),
        related_name="certifications",
        help_text=_("The products (or growing areas' products) this certificate covers."),
    )
    scheme = models.CharField(_("scheme"), max_length=16, choices=CertificationScheme.choices)
    scheme_name = models.CharField(_("scheme name"), max_length=128, blank=True, help_text=_("For “Other”."))
    issuer = models.CharField(_("certification body"), max_length=255)
    number = models.CharField(_("certificate number"), max_length=64)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    scan = models.FileField(_("scan"), upload_to="traceability/certifications/", blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["-valid_to", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gt=models.F("valid_from")),
                name="certification_valid_to_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.scheme_label} {self.number}"

    @property
    def scheme_label(self) -> str:
        return (
            self.scheme_name
            if self.scheme == CertificationScheme.OTHER and self.scheme_name
            else self.get_scheme_display()
        )

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("The end of validity must come after its start.")})
        if self.scheme == CertificationScheme.OTHER and not self.scheme_name:
            raise ValidationError({"scheme_name": _("Name the scheme.")})

    def covers(self, on: datetime.date) -> bool:
        return self.valid_from <= on <= self.valid_to


class Inspection(models.Model):
    """A test or inspection of one lot: residues, quarantine, microbiology…"""

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    lot = models.ForeignKey(Lot, verbose_name=_("lot"), on_delete=models.CASCADE, related_name="inspections")
    inspected_on = models.DateField(_("date"))
    kind = models.CharField(
        _("what was tested"), max_length=128, help_text=_("Such as “pesticide residues”.")
    )
    inspector = models.CharField(_("laboratory or inspection body"), max_length=255)
    report_number = models.CharField(_("report number"), max_length=64, blank=True)
    result = models.CharField(_("result"), max_length=8, choices=Result.choices)
    summary = models.TextField(_("summary"), blank=True)
    report = models.FileField(_("report"), upload_to="traceability/inspections/", blank=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-pk"]

    def __str__(self):
        return f"{self.kind} ({self.inspected_on})"

    def clean(self):
        if self.inspected_on and self.inspected_on > timezone.localdate():
            raise ValidationError({"inspected_on": _("An inspection cannot be dated in the future.")})


class EventType(models.TextChoices):
    """The five EPCIS 2.0 event types."""

    OBJECT = "ObjectEvent", _("Object event")
    AGGREGATION = "AggregationEvent", _("Aggregation event")
    TRANSFORMATION = "TransformationEvent", _("Transformation event")
    TRANSACTION = "TransactionEvent", _("Transaction event")
    ASSOCIATION = "AssociationEvent", _("Association event")


class EventAction(models.TextChoices):
    ADD = "ADD", _("Add (the lot comes into being or joins)")
    OBSERVE = "OBSERVE", _("Observe")
    DELETE = "DELETE", _("Delete (the lot ends or leaves)")


class BusinessStep(models.TextChoices):
    """A choice of GS1 CBV 2.0 business steps that fit an OCOP supply chain."""

    COMMISSIONING = "commissioning", _("Harvest or production (lot created)")
    INSPECTING = "inspecting", _("Inspecting")
    SAMPLING = "sampling", _("Sampling")
    PACKING = "packing", _("Packing")
    STORING = "storing", _("Storing")
    SHIPPING = "shipping", pgettext_lazy("trace step", "Shipping")
    TRANSPORTING = "transporting", _("Transporting")
    RECEIVING = "receiving", _("Receiving")
    COMMISSIONING_PROCESS = "creating_class_instance", _("Processing (new product made)")
    RETAIL_SELLING = "retail_selling", _("Retail selling")
    OTHER = "other", _("Other (farm diary: inputs, spraying, care)")


class TraceEvent(models.Model):
    """One supply-chain step of a lot, stored in the shape of a GS1 EPCIS 2.0 event."""

    lot = models.ForeignKey(Lot, verbose_name=_("lot"), on_delete=models.CASCADE, related_name="events")
    event_type = models.CharField(
        _("event type"), max_length=24, choices=EventType.choices, default=EventType.OBJECT
    )
    action = models.CharField(_("action"), max_length=8, choices=EventAction.choices, blank=True)
    event_time = models.DateTimeField(_("time"))
    event_time_zone_offset = models.CharField(_("time zone"), max_length=6, default="+07:00")
    business_step = models.CharField(_("step"), max_length=32, choices=BusinessStep.choices)
    description = models.TextField(
        _("what happened"),
        blank=True,
        help_text=_("Such as “sprayed X at the dose of Y; harvest after 14 days”."),
    )
    actor = models.CharField(_("who"), max_length=255, help_text=_("The producer, a carrier, a shop…"))
    place = models.CharField(_("where"), max_length=255)
    place_code = models.CharField(
        _("location code"), max_length=64, blank=True, help_text=_("A GLN or growing area code, if any.")
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=3, choices=Unit.choices, blank=True)
    output_lot = models.ForeignKey(
        Lot,
        verbose_name=_("lot made from it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="input_events",
        help_text=_("For processing: the new lot this one became."),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("supply-chain event")
        verbose_name_plural = _("supply-chain events")
        ordering = ["event_time", "pk"]

    def __str__(self):
        return f"{self.get_business_step_display()} – {self.event_time:%Y-%m-%d %H:%M}"

    def clean(self):
        errors = {}
        if self.event_time and self.event_time > timezone.now() + datetime.timedelta(minutes=5):
            errors["event_time"] = _("An event cannot be dated in the future.")
        if self.event_type != EventType.TRANSFORMATION and not self.action:
            errors["action"] = _("Say whether the lot is added, observed or removed.")
        if self.event_type == EventType.TRANSFORMATION and self.action:
            errors["action"] = _("A transformation event has no action.")
        if (self.quantity is None) != (not self.unit):
            errors["unit"] = _("Give a quantity and its unit together.")
        if self.output_lot_id and self.event_type != EventType.TRANSFORMATION:
            errors["output_lot"] = _("Only a processing (transformation) event makes a new lot.")
        if errors:
            raise ValidationError(errors)
