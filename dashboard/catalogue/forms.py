from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms as oscar_forms

from catalog.models import ModerationStatus
from core.money_input import VndPriceField
from core.permissions import producer_partners, user_is_staff
from core.uploads import ImageField
from places.forms import PlaceChoiceField
from places.models import Commune
from places.widgets import CommuneSearch


class ProductForm(oscar_forms.ProductForm):
    """Oscar's product form with the OCOP origin. A producer cannot publish by itself: its
    listings go live when staff approve them (`catalog.moderation`)."""

    origin_commune = PlaceChoiceField(
        Commune.objects.none(),
        label=_("Origin commune"),
        required=False,
        empty_label=_("Choose the commune where it is made"),
        # Only the chosen commune is in the page; the others are found as the producer types.
        widget=CommuneSearch,
        error_messages={"invalid_choice": _("Choose the commune in the list of communes found, then save.")},
    )

    class Meta(oscar_forms.ProductForm.Meta):
        # The English title and description (for buyers abroad) next to the Vietnamese ones.
        fields = [
            name
            for field in oscar_forms.ProductForm.Meta.fields
            for name in ((field, f"{field}_en") if field in ("title", "description") else (field,))
        ] + ["origin_commune"]

    def __init__(self, product_class, *args, user=None, **kwargs):
        super().__init__(product_class, *args, **kwargs)
        if "origin_commune" in self.fields:
            self.fields["origin_commune"].queryset = Commune.objects.filter(province__is_current=True)
        if user is not None and not user_is_staff(user):
            for staff_only in ("is_public", "slug", "meta_title", "meta_description", "is_discountable"):
                self.fields.pop(staff_only, None)
            if self.instance.pk is None:
                # A producer's new listing starts hidden, as a draft, until it is sent for approval.
                self.instance.is_public = False
                self.instance.moderation_status = ModerationStatus.DRAFT


class ProductImageForm(oscar_forms.ProductImageForm):
    """Oscar's photo form, through the upload gate (`core.uploads.ImageField`): a JPEG, PNG or
    WebP known by its content, within the pixel limit, stored as Pillow re-encodes it under a
    safe name. It replaces Django's ImageField, which would let Pillow open any size."""

    class Meta(oscar_forms.ProductImageForm.Meta):
        field_classes = {"original": ImageField}


class CategoryForm(oscar_forms.CategoryForm):
    """Oscar's product group form, its picture through the same upload gate as photos, with the
    English name and description next to the Vietnamese ones."""

    image = ImageField(label=_("Image"), required=False)

    class Meta(oscar_forms.CategoryForm.Meta):
        fields = [
            name
            for field in oscar_forms.CategoryForm.Meta.fields
            for name in ((field, f"{field}_en") if field in ("name", "description") else (field,))
        ]


class StockRecordForm(oscar_forms.StockRecordForm):
    """Oscar's stock and price form, the price in đồng as a Vietnamese types it (120.000,
    120 000 or 120000; `core.money_input`). A producer's record is its own: the partner is
    implied (not offered as a choice) and the currency is the đồng."""

    price = VndPriceField(label=_("Price (đồng)"), required=False)

    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        self.fields["partner_sku"].label = _("Your product code (SKU)")
        if "num_in_stock" in self.fields:
            self.fields["num_in_stock"].label = _("Stock (units)")
            self.fields["low_stock_threshold"].label = _("Warn me when stock falls to")
        if not user_is_staff(user):
            self.fields.pop("price_currency", None)
            partners = producer_partners(user)
            if len(partners) == 1 and "partner" in self.fields:
                partner = self.fields["partner"]
                partner.widget = forms.HiddenInput()
                partner.disabled = True  # the submitted value is ignored: always its own
                if self.instance.partner_id is None:
                    partner.initial = partners[0]
                    self.initial["partner"] = partners[0].pk
